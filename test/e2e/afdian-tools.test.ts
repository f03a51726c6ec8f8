import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { busiestWindow } from '../../src/sandbox/afdian/index.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';

const AFDIAN_TOOLS = [
  'afdian_ping',
  'afdian_query_orders',
  'afdian_query_sponsors',
  'afdian_query_random_reply',
  'afdian_query_plan',
  'afdian_update_plan_reply',
  'afdian_send_message',
];

interface OrderPage {
  list: Array<{ out_trade_no: string; user_id: string; plan_id: string; total_amount: string }>;
  total_count: number;
  total_page: number;
  page: number;
  hasMore: boolean;
}

for (const era of ['legacy', 'auto'] as const) {
  describe(`Afdian tools through an MCP client over Streamable HTTP (${era} era)`, () => {
    let h: Harness;
    let client: Client;
    beforeAll(async () => {
      h = await startHarness();
      client = await h.client(era);
    });
    afterAll(() => h.close());

    it('lists every Afdian tool', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).filter((n) => n.startsWith('afdian_')).sort()).toEqual([...AFDIAN_TOOLS].sort());
    });

    it('pings with valid signed credentials', async () => {
      const data = payload<{ uid: string; request: { params: string } }>(await client.callTool({ name: 'afdian_ping', arguments: {} }));
      expect(data.uid).toBe(h.afdian.credentials.userId);
      expect(data.request.params).toBe('{"empty":true}');
    });

    it('pages orders newest first with visible pagination and decimal-string amounts', async () => {
      const first = payload<OrderPage>(await client.callTool({ name: 'afdian_query_orders', arguments: { page: 1, per_page: 10 } }));
      expect(first.list).toHaveLength(10);
      expect(first.total_count).toBe(h.afdian.state.orders.length);
      expect(first.total_page).toBe(Math.ceil(h.afdian.state.orders.length / 10));
      expect(first.page).toBe(1);
      expect(first.hasMore).toBe(true);
      for (const o of first.list) expect(o.total_amount).toMatch(/^\d+\.\d{2}$/);
      const newest = h.afdian.state.orders[h.afdian.state.orders.length - 1];
      expect(first.list[0]?.out_trade_no).toBe(newest?.out_trade_no);

      const last = payload<OrderPage>(await client.callTool({ name: 'afdian_query_orders', arguments: { page: first.total_page, per_page: 10 } }));
      expect(last.hasMore).toBe(false);
      const ids = new Set([...first.list, ...last.list].map((o) => o.out_trade_no));
      expect(ids.size).toBe(first.list.length + last.list.length);
    });

    it('looks orders up by out_trade_no, and their random replies', async () => {
      const [a, b] = h.afdian.state.orders.slice(-2);
      const found = payload<OrderPage>(
        await client.callTool({ name: 'afdian_query_orders', arguments: { out_trade_no: `${a?.out_trade_no},${b?.out_trade_no}` } }),
      );
      expect(found.list.map((o) => o.out_trade_no).sort()).toEqual([a?.out_trade_no, b?.out_trade_no].sort());
      expect(found.hasMore).toBe(false);
      const withReply = [...h.afdian.state.randomReplies.keys()][0] as string;
      const replies = payload<{ list: Array<{ out_trade_no: string; content: string }> }>(
        await client.callTool({ name: 'afdian_query_random_reply', arguments: { out_trade_no: withReply } }),
      );
      expect(replies.list[0]).toEqual({ out_trade_no: withReply, content: h.afdian.state.randomReplies.get(withReply) });
    });

    it('lists sponsors consistent with the simulator', async () => {
      const page = payload<{ list: Array<{ user: { user_id: string } }>; total_count: number; hasMore: boolean }>(
        await client.callTool({ name: 'afdian_query_sponsors', arguments: { per_page: 5 } }),
      );
      expect(page.list).toHaveLength(5);
      expect(page.total_count).toBe(h.afdian.state.sponsors.size);
      expect(page.hasMore).toBe(true);
      const one = page.list[0]?.user.user_id as string;
      const byId = payload<{ list: Array<{ user: { user_id: string } }> }>(
        await client.callTool({ name: 'afdian_query_sponsors', arguments: { user_id: one } }),
      );
      expect(byId.list.map((s) => s.user.user_id)).toEqual([one]);
    });

    it('changes a plan reply and reads the change back', async () => {
      const plan = h.afdian.state.plans[0]!;
      const text = `Thanks! (${era} ${Date.now()})`;
      payload(await client.callTool({ name: 'afdian_update_plan_reply', arguments: { plan_id: plan.plan_id, auto_reply: text } }));
      const read = payload<{ plan: { plan_id: string; reply_content: string } }>(
        await client.callTool({ name: 'afdian_query_plan', arguments: { plan_id: plan.plan_id } }),
      );
      expect(read.plan.reply_content).toBe(text);
      payload(
        await client.callTool({
          name: 'afdian_update_plan_reply',
          arguments: { plan_id: plan.plan_id, auto_random_reply: 'CODE-1\nCODE-2', update_random_reply_type: 'overwrite' },
        }),
      );
      const again = payload<{ plan: { replay_random_content: string } }>(
        await client.callTool({ name: 'afdian_query_plan', arguments: { plan_id: plan.plan_id } }),
      );
      expect(again.plan.replay_random_content).toBe('CODE-1\nCODE-2');
    });

    it('sends a private message that arrives in the simulator', async () => {
      const recipient = h.afdian.state.orders[0]!.user_id;
      const before = h.afdian.state.messages.length;
      payload(await client.callTool({ name: 'afdian_send_message', arguments: { recipient, content: `hello ${era}` } }));
      expect(h.afdian.state.messages).toHaveLength(before + 1);
      expect(h.afdian.state.messages.at(-1)).toMatchObject({ recipient, content: `hello ${era}` });
    });

    it('paces a burst of private messages under Afdian’s 10 per second', async () => {
      const recipient = h.afdian.state.orders[0]!.user_id;
      const start = h.afdian.messageArrivals.length;
      const results = await Promise.all(
        Array.from({ length: 14 }, (_, i) => client.callTool({ name: 'afdian_send_message', arguments: { recipient, content: `burst ${era} ${i}` } })),
      );
      for (const r of results) payload(r);
      const arrivals = h.afdian.messageArrivals.slice(start);
      expect(arrivals).toHaveLength(14);
      expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(10);
    });

    it('refuses invalid arguments by name, before any request leaves the server', async () => {
      const before = h.afdian.host.requests.length;
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['afdian_query_orders', { per_page: 500 }, 'per_page'],
        ['afdian_query_orders', { page: 0 }, 'page'],
        ['afdian_query_orders', { page: 'two' }, 'page'],
        ['afdian_update_plan_reply', { auto_reply: 'x' }, 'plan_id'],
        ['afdian_update_plan_reply', { plan_id: 'p', auto_random_reply: 'x' }, 'update_random_reply_type'],
        ['afdian_send_message', { recipient: 'u' }, 'content'],
        ['afdian_query_random_reply', {}, 'out_trade_no'],
      ];
      for (const [name, args, field] of cases) {
        const text = errorText(await client.callTool({ name, arguments: args }));
        expect(text, name).toContain(field);
      }
      expect(h.afdian.host.requests.length).toBe(before);
    });

    it('turns an Afdian refusal into one actionable error', async () => {
      const text = errorText(await client.callTool({ name: 'afdian_query_plan', arguments: { plan_id: 'no-such-plan' } }));
      expect(text).toMatch(/^Afdian afdian_query_plan failed \(HTTP 200, code \d+\): /);
    });
  });
}

describe('Afdian errors and filters', () => {
  it('maps a wrong token to code 400005 with what to do, and never shows the token', async () => {
    const h = await startHarness({ env: { AFDIAN_TOKEN: 'wrong-token-ffffffffffffffff' } });
    try {
      const client = await h.client();
      const text = errorText(await client.callTool({ name: 'afdian_query_orders', arguments: {} }));
      expect(text).toContain('code 400005');
      expect(text).toContain('AFDIAN_TOKEN');
      expect(text).not.toContain('wrong-token-ffffffffffffffff');
    } finally {
      await h.close();
    }
  });

  it('hides every write in read-only mode, and a hidden tool cannot be called', async () => {
    const h = await startHarness({ flags: { 'read-only': true } });
    try {
      const client = await h.client();
      const all = (await client.listTools()).tools;
      expect(all.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const names = all.map((t) => t.name).filter((n) => n.startsWith('afdian_')).sort();
      expect(names).toEqual(['afdian_ping', 'afdian_query_orders', 'afdian_query_plan', 'afdian_query_random_reply', 'afdian_query_sponsors']);
      const before = h.afdian.state.messages.length;
      const result = await client.callTool({ name: 'afdian_send_message', arguments: { recipient: 'u', content: 'x' } }).catch((e: Error) => e);
      expect(result instanceof Error ? result.message : errorText(result)).toMatch(/afdian_send_message/);
      expect(h.afdian.state.messages.length).toBe(before);
    } finally {
      await h.close();
    }
  });

  it('exposes only the chosen toolsets and tools', async () => {
    const h = await startHarness({ flags: { toolsets: 'afdian_orders', tools: 'afdian_ping', 'exclude-tools': 'afdian_query_random_reply' } });
    try {
      const names = (await (await h.client()).listTools()).tools.map((t) => t.name).sort();
      // The built-in event and ledger tools come with any enabled platform.
      expect(names).toEqual(['afdian_ping', 'afdian_query_orders', 'creator_list_accounts', 'creator_mark_handled', 'creator_wait_for_events']);
    } finally {
      await h.close();
    }
  });
});

describe('cancellation', () => {
  // A 2025-era client of stateless HTTP sends its cancellation in a separate request that no
  // longer reaches the instance running the call; over stdio it does (test/cli).
  it('reaches the platform request when a 2026-era client cancels a tool call', async () => {
    const h = await startHarness();
    try {
      const client = await h.client('auto');
      h.afdian.host.injectFault({ kind: 'timeout-after', pathPrefix: '/api/open/query-order' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      await expect(client.callTool({ name: 'afdian_query_orders', arguments: {} }, { signal: controller.signal })).rejects.toThrow();
      await expect.poll(() => h.logs.join(''), { timeout: 3_000 }).toMatch(/afdian_query_orders: cancelled by the client/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await h.close();
    }
  });
});
