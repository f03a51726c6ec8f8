import { NONCE, type NonceStore } from '../../consent/nonces.js';
import type { RateWindow, SharedBuckets } from '../../http/rate-limit.js';
import { LEDGER_MAX, type ReviewLedger } from '../../ledger/review-ledger.js';
import type { AuditEntry, AuditTrail } from '../../safety/audit-log.js';
import type { RedisConnection, Reply } from './connection.js';
import type { Keys } from './keys.js';

const MARK = `
local added = 0
local at = tonumber(ARGV[1])
for i = 3, #ARGV do
  if redis.call('ZADD', KEYS[1], 'NX', at, ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[2], 0, ARGV[i])
    added = added + 1
  end
end
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if excess > 0 then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do redis.call('ZREM', KEYS[2], id) end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
end
return { added, redis.call('ZCARD', KEYS[1]) }`;

/** The review ledger in two sorted sets: by time (oldest go first past the bound) and by name. */
export class RedisReviewLedger implements ReviewLedger {
  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
    private readonly max = LEDGER_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  async handled(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const scores = (await this.conn.send(['ZMSCORE', this.keys('ledger:age'), ...ids])) as Reply[];
    return new Set(ids.filter((_, i) => scores[i] !== null));
  }

  async mark(ids: readonly string[]): Promise<{ added: number; total: number }> {
    const [added, total] = (await this.conn.script(MARK, [this.keys('ledger:age'), this.keys('ledger:ids')], [this.now(), this.max, ...ids])) as number[];
    return { added: Number(added), total: Number(total) };
  }

  async count(prefix: string): Promise<number> {
    // Ids are printable ASCII, so every id with the prefix sorts below prefix + DEL (0x7f).
    return Number(await this.conn.send(['ZLEXCOUNT', this.keys('ledger:ids'), `[${prefix}`, `(${prefix}\x7f`]));
  }
}

const APPEND = `redis.call('RPUSH', KEYS[1], unpack(ARGV, 2)) redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1) return 1`;

/**
 * The audit trail as one list, trimmed to a count on every append (the byte bound of the file
 * trail becomes entries: maxBytes x maxFiles at a generous 512 bytes a line); age is applied on read.
 */
export class RedisAuditTrail implements AuditTrail {
  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get where(): string {
    return `Redis ${this.conn.where} key ${this.keys('audit')}`;
  }

  /** Appends issued in the same tick travel together: one round trip for a burst of writes. */
  private batch?: { lines: string[]; done: Promise<void> };

  append(entry: AuditEntry): Promise<void> {
    const line = JSON.stringify(entry);
    if (!this.batch || this.batch.lines.length >= 500) {
      const batch: { lines: string[]; done: Promise<void> } = { lines: [], done: Promise.resolve() };
      batch.done = Promise.resolve().then(async () => {
        if (this.batch === batch) this.batch = undefined;
        await this.conn.script(APPEND, [this.keys('audit')], [this.maxEntries, ...batch.lines]);
      });
      this.batch = batch;
    }
    this.batch.lines.push(line);
    // Resolves once the whole batch is in Redis: a write's result waits for its audit line.
    return this.batch.done;
  }

  async read(sinceMs = 0): Promise<AuditEntry[]> {
    const from = Math.max(sinceMs, this.now() - this.maxAgeMs);
    const lines = (await this.conn.send(['LRANGE', this.keys('audit'), 0, -1])) as string[];
    const out: AuditEntry[] = [];
    for (const line of lines) {
      try {
        const e = JSON.parse(line) as AuditEntry;
        if (typeof e.time === 'string' && Date.parse(e.time) >= from) out.push(e);
      } catch {
        // Not written by us; skipped like a torn line in the file trail.
      }
    }
    return out;
  }
}

/** A spent nonce is a key that expires with its question: SET NX decides which retry wins. */
export class RedisNonces implements NonceStore {
  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(nonce: string, exp: number): Promise<boolean> {
    if (!NONCE.test(nonce)) return false;
    // Kept a minute past expiry: an instance whose clock runs behind still sees a replay refused.
    const ttl = Math.max(1, Math.ceil(exp - this.now()) + 60_000);
    return (await this.conn.send(['SET', this.keys(`nonce:${nonce}`), '1', 'NX', 'PX', ttl])) === 'OK';
  }
}

/**
 * One sliding window per bucket on Redis's own clock (instances' clocks may differ): the oldest
 * stamp inside a full window decides the wait, as in the in-process limiter.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0') - now
local longest = 0
for i = 1, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = math.max(blocked, 0)
for i = 1, #ARGV, 2 do
  local limit = tonumber(ARGV[i])
  local window = tonumber(ARGV[i + 1])
  local n = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
  if n >= limit then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', n - limit, 1)
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
local c = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], now, now .. '-' .. c)
redis.call('PEXPIRE', KEYS[1], longest)
redis.call('PEXPIRE', KEYS[3], longest)
return 0`;

export class RedisBuckets implements SharedBuckets {
  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
  ) {}

  async take(key: string, windows: readonly RateWindow[]): Promise<number> {
    const k = this.keys(`bucket:${key}`);
    return Number(await this.conn.script(TAKE, [k, `${k}:blocked`, `${k}:n`], windows.flatMap((w) => [w.limit, w.windowMs])));
  }

  async block(key: string, untilMs: number): Promise<void> {
    const ttl = Math.ceil(untilMs - Date.now());
    if (ttl > 0) await this.conn.send(['SET', this.keys(`bucket:${key}:blocked`), Math.ceil(untilMs), 'PX', ttl]);
  }
}
