import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { sumAmounts } from '../../src/platforms/afdian/amounts.js';
import { cleanText } from '../../src/safety/clean-text.js';
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
    // Contexts are JSON; guides (<platform>://guides/<topic>) are markdown.
    for (const r of resources) expect(r.mimeType, r.uri).toBe(r.uri.includes('://guides/') ? 'text/markdown' : 'application/json');
  });

  it('offers a daily-review prompt that starts from the combined context and asks before writing', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['creator_daily_review']);
    const got = await client.getPrompt({ name: 'creator_daily_review' });
    const text = (got.messages[0]?.content as { text: string }).text;
    expect(text).toContain('creator://automation-context');
    expect(text).toMatch(/Do not call any write tool/);
  });

  it('starts with the new orders of the last week, newest first, with buyer names, and exact totals', async () => {
    const ctx = await read(client, 'afdian://automation-context');
    expect(Object.keys(ctx).slice(0, 6)).toEqual(['platform', 'generatedAt', 'currency', 'needsYou', 'trends', 'reference']);
    const orders = h.afdian.state.orders;
    expect(ctx.reference.totalOrders).toBe(orders.length);
    expect(ctx.reference.totalSponsors).toBe(h.afdian.state.sponsors.size);
    const weekAgo = Date.now() / 1000 - 7 * 86_400;
    const recent = orders.filter((o) => (h.afdian.state.paidAt.get(o.out_trade_no) ?? 0) >= weekAgo).reverse();
    expect(ctx.needsYou.total).toBe(recent.length);
    expect(ctx.needsYou.items.map((o: { id: string }) => o.id)).toEqual(recent.slice(0, 10).map((o) => `afdian:order:${o.out_trade_no}`));
    expect(ctx.needsYou.amount).toBe(sumAmounts(recent.map((o) => o.total_amount)));
    // Names are people's text: shown cleaned (the seed's newest sponsor carries an injection fixture).
    for (const o of ctx.needsYou.items) expect(o.buyer.name).toBe(cleanText(h.afdian.state.sponsors.get(o.buyer.user_id)?.name ?? ''));
    expect(ctx.trends.perDay).toHaveLength(14);
  });

  it('includes orders received by webhook', async () => {
    const a = await h.afdian.createOrder();
    const b = await h.afdian.createOrder();
    const ctx = await read(client, 'creator://automation-context');
    const ids = ctx.platforms.afdian.context.needsYou.items.map((w: { id: string }) => w.id);
    expect(ids).toEqual(expect.arrayContaining([`afdian:order:${a.order.out_trade_no}`, `afdian:order:${b.order.out_trade_no}`]));
    expect(ctx.notConfigured).toBeUndefined();
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
      expect(ctx.reference.totalSponsors).toBeNull();
      expect(ctx.needsYou.items.length).toBeGreaterThan(0);
      await h.afdian.stop();
      const combined = await read(client, 'creator://automation-context');
      expect(combined.platforms.afdian.status).toBe('ok');
      expect(combined.platforms.afdian.context.needsYou.error).toMatch(/could not connect/);
      expect(combined.platforms.afdian.context.failedSections).toEqual(['newOrders', 'trends', 'reference']);
    } finally {
      await h.close();
    }
  });
});
