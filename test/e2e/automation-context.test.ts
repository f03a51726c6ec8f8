import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { sumAmounts } from '../../src/platforms/afdian/amounts.js';
import { startHarness, type Harness } from '../helpers/harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

const read = async (client: Client, uri: string): Promise<Json> =>
  JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Json;

describe('AutomationContext resources', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
  });
  afterAll(() => h.close());

  it('lists the Afdian and the combined context', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('afdian://automation-context');
    expect(uris).toContain('creator://automation-context');
    for (const r of resources) expect(r.mimeType).toBe('application/json');
  });

  it('offers a daily-review prompt that starts from the combined context and asks before writing', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['creator_daily_review']);
    const got = await client.getPrompt({ name: 'creator_daily_review' });
    const text = (got.messages[0]?.content as { text: string }).text;
    expect(text).toContain('creator://automation-context');
    expect(text).toMatch(/Do not call any write tool/);
  });

  it('assembles recent orders, sponsors and exact totals from the platform', async () => {
    const ctx = await read(client, 'afdian://automation-context');
    const orders = h.afdian.state.orders;
    expect(ctx.totals.orders).toBe(orders.length);
    expect(ctx.totals.sponsors).toBe(h.afdian.state.sponsors.size);
    const newest20 = orders.slice(-20).reverse();
    expect(ctx.recentOrders.list.map((o: { out_trade_no: string }) => o.out_trade_no)).toEqual(newest20.map((o) => o.out_trade_no));
    expect(ctx.totals.recentOrdersAmount).toBe(sumAmounts(newest20.map((o) => o.total_amount)));
    expect(ctx.sponsors.list).toHaveLength(20);
    expect(ctx.webhookOrders).toEqual([]);
  });

  it('includes orders received by webhook, newest first', async () => {
    const a = await h.afdian.createOrder();
    const b = await h.afdian.createOrder();
    const ctx = await read(client, 'creator://automation-context');
    const pushed = ctx.platforms.afdian.context.webhookOrders.map((w: { order: { out_trade_no: string } }) => w.order.out_trade_no);
    expect(pushed.slice(0, 2).sort()).toEqual([a.order.out_trade_no, b.order.out_trade_no].sort());
    expect(ctx.notConfigured).toEqual([]);
  });

  it('notifies a modern-era subscriber when a webhook order arrives', async () => {
    const modern = await h.client('auto');
    const updates: string[] = [];
    modern.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    const sub = await modern.listen({ resourceSubscriptions: ['afdian://automation-context'] });
    try {
      await h.afdian.createOrder();
      await expect.poll(() => updates, { timeout: 3_000 }).toContain('afdian://automation-context');
    } finally {
      await sub.close();
    }
  });
});

describe('AutomationContext when the platform is down', () => {
  it('reports the failing sections inside the context instead of failing the resource', async () => {
    const h = await startHarness({ httpTimeoutMs: 1_000 });
    try {
      const client = await h.client();
      h.afdian.host.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/api/open/query-sponsor', times: 10 });
      const ctx = await read(client, 'afdian://automation-context');
      expect(ctx.sponsors.error).toMatch(/HTTP 503/);
      expect(ctx.recentOrders.list.length).toBeGreaterThan(0);
      await h.afdian.stop();
      const combined = await read(client, 'creator://automation-context');
      expect(combined.platforms.afdian.status).toBe('ok');
      expect(combined.platforms.afdian.context.recentOrders.error).toMatch(/could not connect/);
    } finally {
      await h.close();
    }
  });
});
