import { seal, unseal } from '../../auth/crypto-box.js';
import { KeyedSerialQueue, LockError } from '../../auth/file-lock.js';
import { DEFAULT_ACCOUNT } from '../../accounts/env.js';
import {
  isStoredRecord,
  normalise,
  updatedRecord,
  recordKey,
  sortRecords,
  TokenStoreError,
  type TokenRecord,
  type TokenRecordInput,
  type TokenStore,
  type TokenUpdateFn,
} from '../../auth/token-store.js';
import type { RedisConnection } from './connection.js';
import type { Keys } from './keys.js';
import { acquireLock, type LockOptions } from './lock.js';

/** Writes only while our lock token is still the lock's value: a holder that lost it writes nothing. */
const FENCED_WRITE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local r = 1
if ARGV[3] == '' then r = redis.call('HDEL', KEYS[2], ARGV[2]) else redis.call('HSET', KEYS[2], ARGV[2], ARGV[3]) end
redis.call('PUBLISH', ARGV[4], ARGV[2])
return r`;

export const TOKEN_LOCK_DEFAULTS: LockOptions = { ttlMs: 10_000, timeoutMs: 30_000 };

export interface Invalidations {
  /** True while changes are being heard: only then may a read be served from memory. */
  readonly live: boolean;
  /** Bumped on every change heard and every time hearing stops or starts again. */
  readonly generation: number;
  onChange(listener: (field: string | undefined) => void): void;
}

/**
 * Token records in one Redis hash, each sealed with the same crypto box and key as the file
 * store. Reads are served from memory while the change channel is live (a steady-state call costs
 * no round trip for its token); update() is single-flight across instances: the lock, then a
 * fresh read inside it, then a write fenced by the lock token.
 */
export class RedisTokenStore implements TokenStore {
  private readonly queue = new KeyedSerialQueue();
  private readonly cache = new Map<string, TokenRecord | undefined>();

  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
    private readonly key: Buffer,
    private readonly changes: Invalidations,
    private readonly lock: LockOptions = TOKEN_LOCK_DEFAULTS,
  ) {
    changes.onChange((field) => (field === undefined ? this.cache.clear() : this.cache.delete(field)));
  }

  deriveKey(derive: (storeKey: Buffer) => Buffer): Buffer {
    return derive(this.key);
  }

  async get(platform: string, account: string = DEFAULT_ACCOUNT): Promise<TokenRecord | undefined> {
    const field = recordKey(platform, account);
    if (this.changes.live && this.cache.has(field)) return copy(this.cache.get(field));
    const generation = this.changes.generation;
    const record = await this.fetch(field);
    // A change heard while the read was in flight may be newer than what it returned.
    if (this.changes.live && generation === this.changes.generation) this.cache.set(field, copy(record));
    return record;
  }

  async list(): Promise<TokenRecord[]> {
    // HKEYS + HMGET rather than HGETALL, whose reply shape the client reshapes per protocol version.
    const fields = (await this.conn.send(['HKEYS', this.keys('tokens')])) as string[];
    if (fields.length === 0) return [];
    const sealed = (await this.conn.send(['HMGET', this.keys('tokens'), ...fields])) as Array<string | null>;
    const out: TokenRecord[] = [];
    fields.forEach((f, i) => {
      const s = sealed[i];
      if (typeof s === 'string') out.push(this.open(f, s));
    });
    return sortRecords(out);
  }

  async put(record: TokenRecordInput): Promise<TokenRecord> {
    // Validated before the lock, so a bad record costs no round trip and changes nothing.
    normalise(record, 'put()');
    return (await this.update(record.platform, record.account, () => record)) as TokenRecord;
  }

  async delete(platform: string, account: string = DEFAULT_ACCOUNT): Promise<boolean> {
    let existed = false;
    await this.update(platform, account, (current) => {
      existed = current !== undefined;
      return existed ? null : undefined;
    });
    return existed;
  }

  update(platform: string, account: string, fn: TokenUpdateFn): Promise<TokenRecord | undefined> {
    const field = recordKey(platform, account);
    return this.queue
      .run(field, async () => {
        const held = await acquireLock(this.conn, this.keys(`lock:tokens:${field}`), this.lock);
        try {
          // The fencing re-read: another instance may have refreshed while we waited.
          const current = await this.fetch(field);
          const next = await fn(copy(current));
          if (next === undefined) return current;
          if (next === null) {
            if (current !== undefined) await this.write(held.token, field, '');
            return undefined;
          }
          const stored = updatedRecord(platform, account, next);
          await this.write(held.token, field, seal(this.key, JSON.stringify(stored)));
          return copy(stored);
        } finally {
          await held.release();
        }
      })
      .catch((err: unknown) => {
        if (err instanceof LockError && err.kind === 'reentrant') {
          throw new TokenStoreError(
            'REENTRANT',
            'A token store write was started from inside an update() callback on the same store and would wait for itself forever. ' +
              'Return the new record from the callback instead.',
          );
        }
        throw err;
      });
  }

  describe(): string {
    return `Redis ${this.conn.where}, records sealed with AES-256-GCM (key from CREATOR_MCP_SECRET_KEY)`;
  }

  private async write(token: string, field: string, sealed: string): Promise<void> {
    const done = await this.conn.script(FENCED_WRITE, [this.keys(`lock:tokens:${field}`), this.keys('tokens')], [token, field, sealed, this.keys('tokens:changed')]);
    this.cache.delete(field);
    if (done === -1) {
      throw new TokenStoreError(
        'LOCK_LOST',
        `Lost the shared token lock in Redis (${this.conn.where}) during a write (this instance stalled past the lock's ` +
          `${this.lock.ttlMs / 1000} s expiry), so the write was abandoned rather than overwrite another instance's refresh. Retry.`,
      );
    }
  }

  private async fetch(field: string): Promise<TokenRecord | undefined> {
    const sealed = (await this.conn.send(['HGET', this.keys('tokens'), field])) as string | null;
    return sealed === null ? undefined : this.open(field, sealed);
  }

  private open(field: string, sealed: string): TokenRecord {
    const opened = unseal(this.key, sealed);
    if (!opened.ok) {
      throw new TokenStoreError(
        opened.reason === 'auth-failed' ? 'WRONG_KEY' : 'CORRUPT',
        opened.reason === 'auth-failed'
          ? `The token record ${field} in Redis (${this.conn.where}) cannot be decrypted with this CREATOR_MCP_SECRET_KEY. ` +
            'Every instance must use the key the records were written with; or log in again to replace the record.'
          : `The token record ${field} in Redis (${this.conn.where}) is damaged or not a creator-mcp record. Log in again to replace it.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(opened.plaintext);
    } catch {
      parsed = undefined;
    }
    if (!isStoredRecord(parsed)) {
      throw new TokenStoreError('CORRUPT', `The token record ${field} in Redis (${this.conn.where}) decrypts, but is not a token record. Log in again to replace it.`);
    }
    return parsed;
  }
}

function copy(record: TokenRecord | undefined): TokenRecord | undefined {
  return record && structuredClone(record);
}
