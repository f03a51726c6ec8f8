import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';

const run = redisAvailable();

/**
 * Fanvue allows 200 requests per 60 s per user and app, however many instances spend them. The
 * test does not wait out the window: it fires more calls than the budget at once, sees exactly
 * 200 reach Fanvue and the rest held back by the shared bucket, and ends there.
 */
describe.skipIf(!run)("Fanvue's 200-per-60-s bucket across three instances", () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let cluster: Cluster;
  let fanvue: FanvueSimulator;

  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await startSandbox({ only: ['fanvue'] });
    fanvue = sandbox.platforms.find((p) => p.platform === 'fanvue')?.simulator as FanvueSimulator;
    cluster = await startCluster(3, { ...sandbox.env, CREATOR_MCP_STORE: redis.url });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await sandbox?.stop();
    await redis?.close();
  });

  it('240 calls at once over three instances: 200 reach Fanvue, none refused by it, the rest wait', async () => {
    const clients = await Promise.all(Array.from({ length: 24 }, (_, i) => cluster.client({ name: `burst-${i}` })));
    const sentToFanvue = () => fanvue.api.requests.filter((r) => r.path.endsWith('/users/me')).length;
    const before = sentToFanvue();
    fanvue.limits.reset();
    let answered = 0;
    const calls = clients.flatMap((c) =>
      Array.from({ length: 10 }, () =>
        c
          .callTool({ name: 'fanvue_get_current_user', arguments: {} })
          .then((r) => {
            if (!(r as { isError?: boolean }).isError) answered++;
          })
          .catch(() => undefined),
      ),
    );
    await expect.poll(() => answered, { timeout: 20_000 }).toBe(200);
    // A moment for any call that would overspend to arrive; the bucket must keep it back.
    await new Promise((r) => setTimeout(r, 500));
    expect(sentToFanvue() - before).toBe(200);
    expect(answered).toBe(200);
    expect(fanvue.limits.refused).toBe(0);
    for (const i of cluster.instances) expect(cluster.proxy.forwarded.get(i.name) ?? 0).toBeGreaterThan(50);
    // The 40 still waiting end with the cluster; their window is a minute away.
    await cluster.close();
    await Promise.all(calls);
  });
});
