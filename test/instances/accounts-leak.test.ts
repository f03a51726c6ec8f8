import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfdianSimulator } from '../../src/sandbox/afdian/index.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/simulator.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { recordFigure } from '../reliability/figures.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { payload } from '../helpers/harness.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';

const run = redisAvailable();

/**
 * Two Fanbook bots and two Afdian creators, three instances behind a round-robin proxy, 50
 * clients each pinned to one account of each platform: no answer, context or webhook event of
 * one account ever reaches a client of the other, whichever instance serves it.
 */
describe.skipIf(!run)('two accounts per platform over three instances sharing Redis: leak scan', () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let cluster: Cluster;
  let af: AfdianSimulator;
  let fb: FanbookSimulator;

  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await startSandbox({ only: ['afdian', 'fanbook'] });
    af = sandbox.platforms.find((p) => p.platform === 'afdian')?.simulator as AfdianSimulator;
    fb = sandbox.platforms.find((p) => p.platform === 'fanbook')?.simulator as FanbookSimulator;
    cluster = await startCluster(3, {
      ...sandbox.env,
      CREATOR_MCP_STORE: redis.url,
      FANBOOK_BOT_TOKEN__shop2: fb.second.credentials.botToken,
      FANBOOK_GUILD_IDS__shop2: fb.second.seed.main,
      AFDIAN_USER_ID__main: af.second.credentials.userId,
      AFDIAN_TOKEN__main: af.second.credentials.token,
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await sandbox?.stop();
    await redis?.close();
  });

  // Three server processes on a shared machine: generous, as the work is fixed (150 checked answers).
  it('50 pinned clients: every answer and context carries only its own account', { timeout: 90_000 }, async () => {
    const orders = { default: af.state.orders.map((o) => o.out_trade_no), main: af.second.state.orders.map((o) => o.out_trade_no) };
    const world = (s: FanbookSimulator['state']) => [s.bot.id, ...s.guilds.keys(), ...s.channels.keys()];
    const fanbook = { default: world(fb.state), shop2: world(fb.second.state) };
    expect(orders.default.filter((id) => orders.main.includes(id))).toEqual([]);
    expect(fanbook.default.filter((id) => fanbook.shop2.includes(id))).toEqual([]);

    const scan = { checked: 0, leaks: 0, wrong: 0 };
    const samples: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const mine = i % 2 ? { afdian: 'main', fanbook: 'shop2' } as const : { afdian: 'default', fanbook: 'default' } as const;
        const foreign = [...orders[mine.afdian === 'main' ? 'default' : 'main'], ...fanbook[mine.fanbook === 'shop2' ? 'default' : 'shop2']];
        const own = [...orders[mine.afdian], ...fanbook[mine.fanbook]];
        const c = await cluster.client({ name: `pinned-${i}`, headers: { 'X-MCP-Accounts': `afdian=${mine.afdian},fanbook=${mine.fanbook}` } });
        const texts = [
          JSON.stringify(payload(await c.callTool({ name: 'afdian_query_orders', arguments: { page: 1 + (i % 3) } }))),
          JSON.stringify(payload(await c.callTool({ name: 'fanbook_get_me', arguments: {} }))),
          // The combined context holds both platforms' sections, each built as its own resource is.
          (await c.readResource({ uri: 'creator://automation-context' })).contents.map((x) => ('text' in x ? x.text : '')).join('\n'),
        ];
        for (const t of texts) {
          scan.checked++;
          const leaked = foreign.filter((id) => t.includes(id));
          if (leaked.length) {
            scan.leaks++;
            samples.push(`client ${i} (${mine.afdian}/${mine.fanbook}) saw ${leaked.slice(0, 3).join(', ')}`);
          }
          if (!own.some((id) => t.includes(id))) scan.wrong++;
        }
      }),
    );
    for (const i of cluster.instances) expect(cluster.proxy.forwarded.get(i.name) ?? 0).toBeGreaterThan(30);
    recordFigure({ name: 'leaks across accounts', value: scan.leaks, goal: 0, detail: `${scan.checked} answers and contexts of 50 clients pinned to one of two accounts per platform (Afdian, Fanbook), over 3 instances sharing Redis` });
    expect(samples).toEqual([]);
    expect(scan).toEqual({ checked: 150, leaks: 0, wrong: 0 });
  });
});
