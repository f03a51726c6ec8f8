import type { StoreConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { AuditLogOptions } from '../safety/audit-log.js';
import type { InboxOptions } from '../webhooks/inbox.js';
import { openFileState } from './file.js';
import type { StateBackend } from './types.js';

export interface StateOptions {
  store: StoreConfig;
  stateDir: string;
  secretKey?: string;
  inbox?: Pick<InboxOptions, 'maxEvents' | 'maxAgeMs'>;
  audit?: Pick<AuditLogOptions, 'maxBytes' | 'maxAgeMs' | 'maxFiles'>;
  log?: Logger;
  /** Tests move time forward (inbox retention, audit, nonce expiry). */
  now?: () => number;
}

/**
 * The state backend the configuration names. The Redis one is loaded only when asked for, so a
 * file-store process never loads the Redis client.
 */
export async function openState(opts: StateOptions): Promise<StateBackend> {
  if (opts.store.kind === 'file') return openFileState(opts);
  const { openRedisState } = await import('./redis/backend.js');
  return openRedisState({ ...opts, url: opts.store.url });
}
