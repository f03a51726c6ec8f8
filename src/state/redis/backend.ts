import { keyFromSecret } from '../../auth/crypto-box.js';
import { ConfigError } from '../../http/errors.js';
import { SAFETY_DEFAULTS } from '../../safety/settings.js';
import type { StateOptions } from '../open.js';
import type { StateBackend } from '../types.js';
import { connectWithin, RedisConnection } from './connection.js';
import { RedisEventInbox } from './inbox.js';
import { DEFAULT_PREFIX, keysUnder } from './keys.js';
import { RedisAuditTrail, RedisBuckets, RedisNonces, RedisReviewLedger } from './small.js';
import { RedisTokenStore, TOKEN_LOCK_DEFAULTS, type Invalidations } from './tokens.js';
import type { LockOptions } from './lock.js';

/** How many bytes an audit line is taken to be when the file trail's byte bound becomes a count. */
const AUDIT_LINE_BYTES = 512;

export interface RedisStateOptions extends StateOptions {
  url: string;
  prefix?: string;
  /** Tests shorten the lock to see expiry and fencing. */
  lock?: LockOptions;
}

/**
 * Listens on the change channel with its own connection. Hearing stops when the connection drops
 * (changes made meanwhile were never heard), so the cache is emptied and bypassed until the
 * subscription is back.
 */
async function listen(conn: RedisConnection, channel: string): Promise<Invalidations & { close(): Promise<void> }> {
  const sub = conn.duplicate();
  const listeners: Array<(field: string | undefined) => void> = [];
  const state = { live: false, generation: 0 };
  const changed = (field: string | undefined) => {
    state.generation++;
    for (const l of listeners) l(field);
  };
  sub.on('end', () => {
    state.live = false;
    changed(undefined);
  });
  sub.on('error', () => {
    state.live = false;
    changed(undefined);
  });
  sub.on('ready', () => {
    changed(undefined);
    // Subscriptions are restored on reconnect by the client itself; 'ready' comes before that.
    setImmediate(() => (state.live = sub.isReady));
  });
  await connectWithin(sub);
  await sub.subscribe(channel, (field: string) => changed(field));
  state.live = true;
  return {
    get live() {
      return state.live && sub.isReady;
    },
    get generation() {
      return state.generation;
    },
    onChange: (l) => void listeners.push(l),
    close: async () => {
      state.live = false;
      if (sub.isOpen) await sub.close().catch(() => sub.destroy());
    },
  };
}

export async function openRedisState(opts: RedisStateOptions): Promise<StateBackend> {
  if (!opts.secretKey?.trim()) {
    throw new ConfigError('CREATOR_MCP_STORE is a Redis URL, so CREATOR_MCP_SECRET_KEY is required: set the same key on every instance');
  }
  const key = await keyFromSecret(opts.secretKey);
  const conn = await RedisConnection.open(opts.url, opts.log);
  const keys = keysUnder(opts.prefix ?? DEFAULT_PREFIX);
  let changes;
  try {
    changes = await listen(conn, keys('tokens:changed'));
  } catch (err) {
    await conn.close();
    throw err;
  }
  const maxFiles = opts.audit?.maxFiles ?? SAFETY_DEFAULTS.auditMaxFiles;
  const maxBytes = opts.audit?.maxBytes ?? SAFETY_DEFAULTS.auditMaxBytes;
  return {
    kind: 'redis',
    tokens: new RedisTokenStore(conn, keys, key, changes, opts.lock ?? TOKEN_LOCK_DEFAULTS),
    inbox: new RedisEventInbox(conn, keys, { ...opts.inbox, now: opts.now }),
    ledger: new RedisReviewLedger(conn, keys, undefined, opts.now),
    audit: new RedisAuditTrail(
      conn,
      keys,
      Math.max(100, Math.floor((maxBytes * maxFiles) / AUDIT_LINE_BYTES)),
      opts.audit?.maxAgeMs ?? SAFETY_DEFAULTS.auditMaxAgeDays * 86_400_000,
      opts.now,
    ),
    nonces: new RedisNonces(conn, keys, opts.now),
    buckets: new RedisBuckets(conn, keys),
    describe: () => `Redis ${conn.where} (keys under ${keys('')})`,
    close: async () => {
      await changes.close();
      await conn.close();
    },
    commandsSent: () => conn.sent,
  };
}
