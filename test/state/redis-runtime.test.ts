import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { SECRET } from './backends.js';

/** The server with CREATOR_MCP_STORE on a private Redis, driven through a real MCP client. */
describe.skipIf(!redisAvailable())('a server on the Redis store', () => {
  let redis: RedisServer;
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    redis = await startRedis({ appendonly: true });
    h = await startHarness({ env: { CREATOR_MCP_STORE: redis.url, CREATOR_MCP_SECRET_KEY: SECRET }, simulators: ['afdian', 'fanbook', 'fanvue'], configuredStore: true });
    client = await h.client();
  });
  afterAll(async () => {
    await h?.close();
    await redis?.close();
  });

  it('serves tool calls, and a steady-state call costs at most one Redis round trip', async () => {
    const calls = [
      { name: 'afdian_query_orders', arguments: { per_page: 1 } },
      { name: 'fanbook_get_me', arguments: {} },
      { name: 'fanvue_get_current_user', arguments: {} },
    ];
    // Warm-up: first token reads fill the cache.
    for (const c of calls) payload(await client.callTool(c));
    const before = h.rt.state.commandsSent?.() ?? Number.NaN;
    const n = 60;
    for (let i = 0; i < n; i++) payload(await client.callTool(calls[i % calls.length] as (typeof calls)[number]));
    const perCall = ((h.rt.state.commandsSent?.() ?? Number.NaN) - before) / n;
    console.log(`Redis round trips per tool call (steady state): ${perCall.toFixed(2)}`);
    expect(perCall).toBeLessThanOrEqual(1);
    // Fanvue's one round trip is its shared rate-limit bucket; its token comes from the cache.
    const fanvueBefore = h.rt.state.commandsSent?.() ?? Number.NaN;
    for (let i = 0; i < 20; i++) payload(await client.callTool(calls[2] as (typeof calls)[number]));
    expect(((h.rt.state.commandsSent?.() ?? Number.NaN) - fanvueBefore) / 20).toBe(1);
  });

  it("shares a platform account's rate-limit bucket between instances", async () => {
    const { openRedisState } = await import('../../src/state/redis/backend.js');
    const opts = { store: { kind: 'redis' as const, url: redis.url }, url: redis.url, stateDir: h.stateDir, secretKey: SECRET };
    const [a, b] = [await openRedisState(opts), await openRedisState(opts)];
    try {
      const windows = [{ limit: 5, windowMs: 60_000 }];
      const waits = await Promise.all(Array.from({ length: 8 }, (_, i) => ((i % 2 ? a : b).buckets as NonNullable<typeof a.buckets>).take('fanvue:default|api', windows)));
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(50_000);
      // Another account of the same platform has its own budget.
      expect(await (a.buckets as NonNullable<typeof a.buckets>).take('fanvue:shop2|api', windows)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('says the shared store is unavailable while Redis is down, then recovers with its data', async () => {
    const tokensBefore = (await h.rt.store.list()).map((r) => `${r.platform}/${r.account}`);
    expect(tokensBefore).toContain('fanvue/default');
    await redis.stop({ hard: true });
    // Fanvue needs its token and its shared bucket; Afdian reads need no shared state and go on working.
    const text = errorText(await client.callTool({ name: 'fanvue_get_current_user', arguments: {} }));
    expect(text).toMatch(/shared store \(Redis at redis:\/\/127\.0\.0\.1:\d+\) is unavailable/);
    await redis.start();
    let ok = false;
    for (let i = 0; i < 300 && !ok; i++) {
      ok = !((await client.callTool({ name: 'fanvue_get_current_user', arguments: {} })) as { isError?: boolean }).isError;
      if (!ok) await new Promise((r) => setTimeout(r, 20));
    }
    expect(ok).toBe(true);
    payload(await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 1 } }));
    expect((await h.rt.store.list()).map((r) => `${r.platform}/${r.account}`)).toEqual(tokensBefore);
  });
});
