import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenStoreError } from '../../auth/token-store.js';
import type { RedisConnection } from './connection.js';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LockOptions {
  /** A holder that stops renewing (killed, frozen) loses the lock after this long. */
  ttlMs: number;
  /** Give up waiting after this long; longer than ttlMs so a dead holder is always outwaited. */
  timeoutMs: number;
}

export interface HeldLock {
  /** The random value only this holder knows: a write checks it in the same step (fencing). */
  readonly token: string;
  release(): Promise<void>;
}

/**
 * A lock across instances: SET NX PX with a random token, renewed while held, released only by
 * its holder (compare-and-delete). Expiry alone cannot stop a holder that stalled past it from
 * writing late, so writers also compare the token inside their write script.
 */
export async function acquireLock(conn: RedisConnection, key: string, opts: LockOptions): Promise<HeldLock> {
  const token = randomBytes(16).toString('hex');
  const deadline = Date.now() + opts.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if ((await conn.send(['SET', key, token, 'NX', 'PX', opts.ttlMs])) === 'OK') break;
    if (Date.now() > deadline) {
      throw new TokenStoreError(
        'LOCK_TIMEOUT',
        `Timed out after ${opts.timeoutMs / 1000} s waiting for the shared token lock in Redis (${conn.where}). ` +
          'Another instance is holding it (a slow refresh?); it expires by itself within ' +
          `${opts.ttlMs / 1000} s of that instance stopping. Retry.`,
      );
    }
    // Jitter keeps waiting instances from asking in lockstep.
    await sleep(Math.min(20 + attempt * 10, 200) + Math.random() * 20);
  }
  const renew = setInterval(() => {
    void conn.script(RENEW, [key], [token, opts.ttlMs]).catch(() => undefined);
  }, Math.max(10, Math.floor(opts.ttlMs / 3)));
  renew.unref();
  return {
    token,
    release: async () => {
      clearInterval(renew);
      // If Redis is away the lock expires by itself; the caller's result stands.
      await conn.script(RELEASE, [key], [token]).catch(() => undefined);
    },
  };
}
