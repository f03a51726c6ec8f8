import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { payload } from '../helpers/harness.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';

const run = redisAvailable();

/** Connections the server has accepted since it started (our own probe included). */
async function connectionsReceived(probe: ReturnType<typeof createClient>): Promise<number> {
  const info = await probe.info('stats');
  return Number(/total_connections_received:(\d+)/.exec(info)?.[1]);
}

/**
 * Several instances with CREATOR_MCP_STORE unset: each keeps its own state dir, as today, and a
 * Redis running beside them is never contacted.
 */
describe.skipIf(!run)('three instances behind a round-robin proxy, CREATOR_MCP_STORE unset', () => {
  let sandbox: Sandbox;
  let cluster: Cluster;
  let redis: RedisServer;
  let probe: ReturnType<typeof createClient>;
  let before: number;

  beforeAll(async () => {
    redis = await startRedis();
    probe = createClient({ url: redis.url });
    await probe.connect();
    before = await connectionsReceived(probe);
    sandbox = await startSandbox();
    // Every Redis-looking variable a user might have lying around, except the one that selects it.
    cluster = await startCluster(3, { ...sandbox.env, REDIS_URL: redis.url });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await sandbox?.stop();
    await probe?.close();
    await redis?.close();
  });

  it('serves 50 clients, every call answered, spread over all three, and nothing touches Redis', async () => {
    const clients = await Promise.all(Array.from({ length: 50 }, (_, i) => cluster.client({ name: `client-${i}` })));
    const tools = ['afdian_ping', 'fanbook_get_me', 'fresns_get_configs'];
    const results = await Promise.all(clients.flatMap((c, i) => [0, 1].map((k) => c.callTool({ name: tools[(i + k) % tools.length] as string, arguments: {} }))));
    for (const r of results) payload(r);
    expect(results).toHaveLength(100);
    for (const i of cluster.instances) expect(cluster.proxy.forwarded.get(i.name) ?? 0).toBeGreaterThan(30);
    expect(await connectionsReceived(probe)).toBe(before);
    expect(await probe.dbSize()).toBe(0);
  });

  it('shows why several instances need the shared store: separate state dirs spend one rotating refresh token twice', async () => {
    const fanvue = sandbox.platforms.find((p) => p.platform === 'fanvue')?.simulator as FanvueSimulator;
    const a = await cluster.client({ url: cluster.instances[0]?.url });
    const b = await cluster.client({ url: cluster.instances[1]?.url });
    payload(await a.callTool({ name: 'fanvue_get_current_user', arguments: {} }));
    payload(await b.callTool({ name: 'fanvue_get_current_user', arguments: {} }));
    fanvue.oauth.expireAccessTokens();
    const first = await a.callTool({ name: 'fanvue_get_current_user', arguments: {} });
    const second = await b.callTool({ name: 'fanvue_get_current_user', arguments: {} });
    payload(first);
    expect(second.isError).toBe(true);
    expect(fanvue.oauth.stats.reuseDetected).toBe(1);
    expect(await connectionsReceived(probe)).toBe(before);
  });
});
