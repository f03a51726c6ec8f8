import type { PlatformId, WebhookEvent } from '../../platforms/types.js';
import { idHash, InboxBase, type EventInbox, type InboxOptions, type StoredEvent } from '../../webhooks/inbox.js';
import type { RedisConnection, Reply } from './connection.js';
import type { Keys } from './keys.js';

/** Idempotent on the id hash, numbered by one counter, pruned by count and age: all in one step. */
const RECORD = `
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then return 0 end
local seq = redis.call('INCR', KEYS[1])
local last = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
local at = tonumber(ARGV[3])
if last[2] and tonumber(last[2]) > at then at = tonumber(last[2]) end
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('ZADD', KEYS[3], at, ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
local doomed = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[5])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  for _, h in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do table.insert(doomed, h) end
end
for _, h in ipairs(doomed) do
  redis.call('ZREM', KEYS[2], h)
  redis.call('ZREM', KEYS[3], h)
  redis.call('HDEL', KEYS[4], h)
end
return seq`;

/** Events after a seq (oldest first, limit+1 to tell whether more wait) and the last seq, in one step. */
const AFTER = `
local hashes = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]) + 1)
local out = { tonumber(redis.call('GET', KEYS[1]) or '0') }
for i = 1, #hashes, 2 do
  table.insert(out, hashes[i + 1])
  table.insert(out, redis.call('HGET', KEYS[4], hashes[i]) or '')
end
return out`;

const RECENT = `
local hashes = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1, 'REV')
local out = {}
for _, h in ipairs(hashes) do table.insert(out, redis.call('HGET', KEYS[4], h) or '') end
return out`;

/** The webhook inbox in Redis: the same contract as the file inbox, for every instance at once. */
export class RedisEventInbox extends InboxBase implements EventInbox {
  constructor(
    private readonly conn: RedisConnection,
    private readonly keys: Keys,
    options: InboxOptions = {},
  ) {
    super(options);
  }

  async record(platform: PlatformId, event: WebhookEvent): Promise<boolean> {
    const text = JSON.stringify(event);
    const now = this.now();
    const seq = Number(await this.conn.script(RECORD, this.of(platform), [idHash(platform, event.id), text, now, this.maxEvents, now - this.maxAgeMs]));
    if (seq === 0) return false;
    this.announce(platform, seq);
    return true;
  }

  async recent(platform: PlatformId, limit: number): Promise<WebhookEvent[]> {
    if (limit <= 0) return [];
    const reply = (await this.conn.script(RECENT, this.of(platform), [limit])) as string[];
    return reply.filter(Boolean).map((t) => {
      const { id, type, receivedAt, payload } = JSON.parse(t) as WebhookEvent;
      return { id, type, receivedAt, payload };
    });
  }

  async after(platform: PlatformId, afterSeq: number, limit: number): Promise<{ events: StoredEvent[]; hasMore: boolean; lastSeq: number }> {
    const reply = (await this.conn.script(AFTER, this.of(platform), [afterSeq, Math.max(0, limit)])) as Reply[];
    const lastSeq = Number(reply[0]);
    const events: StoredEvent[] = [];
    for (let i = 1; i + 1 < reply.length; i += 2) {
      const text = reply[i + 1] as string;
      if (text) events.push({ ...(JSON.parse(text) as WebhookEvent), platform, seq: Number(reply[i]) });
    }
    return { events: events.slice(0, limit), hasMore: events.length > limit, lastSeq };
  }

  async head(platform: PlatformId): Promise<number> {
    return Number((await this.conn.send(['GET', this.keys(`inbox:${platform}:seq`)])) ?? 0);
  }

  private of(platform: PlatformId): string[] {
    const k = (s: string) => this.keys(`inbox:${platform}:${s}`);
    return [k('seq'), k('order'), k('time'), k('events')];
  }
}
