import type { Client } from '@modelcontextprotocol/client';
import type { FresnsSimulator } from '../../../src/sandbox/fresns/index.js';
import type { Harness } from '../../helpers/harness.js';
import { payload } from '../../helpers/harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
export type Json = Record<string, any>;

export function fresnsSim(h: Harness): FresnsSimulator {
  const sim = h.sandbox.platforms.find((p) => p.platform === 'fresns')?.simulator as FresnsSimulator | undefined;
  if (!sim) throw new Error('the sandbox has no Fresns simulator');
  return sim;
}

/** Calls a tool and returns its structured payload, failing with the tool's error text. */
export async function tool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Json> {
  return payload<Json>(await client.callTool({ name, arguments: args }));
}

/** Seeded data the tests rely on. */
export const CREATOR_UID = 100001;
