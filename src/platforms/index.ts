import { afdian } from './afdian/index.js';
import { fanbook } from './fanbook/index.js';
import { fresns } from './fresns/index.js';
import type { Platform } from './types.js';

/** Every platform creator-mcp knows. Adding one is one line here. */
export const platforms: readonly Platform[] = [afdian as Platform, fanbook as Platform, fresns as Platform];
