import type { FresnsOperation } from './define.js';
import { accountOperations } from './account.js';
import { contentOperations } from './content.js';
import { editorOperations } from './editor.js';
import { globalOperations } from './global.js';
import { loginTokenOperations } from './login-token.js';
import { messageOperations } from './messages.js';
import { searchOperations } from './search.js';
import { userOperations } from './users.js';

export const operations: readonly FresnsOperation[] = [
  ...globalOperations,
  ...accountOperations,
  ...loginTokenOperations,
  ...userOperations,
  ...messageOperations,
  ...contentOperations,
  ...editorOperations,
  ...searchOperations,
];

export function operation(name: string): FresnsOperation {
  const found = operations.find((o) => o.name === name);
  if (!found) throw new Error(`fresns operation ${name} missing`);
  return found;
}

/**
 * Seed operations with no route in Fresns 2.x (v2.21.4), so no tool: kept as data so the
 * request-table test can account for every seed line.
 */
export const LEFT_OUT: ReadonlyArray<{ seed: string; reason: string }> = [
  {
    seed: 'global: map service providers (地图服务商, GET /api/v2/global/maps)',
    reason: 'Fresns v2.0.0 had GET /api/v2/global/maps; it was removed in later 2.x releases and v2.21.4 has no map route (map providers are plugin configs now).',
  },
];
