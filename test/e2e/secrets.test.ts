import { describe, expect, it } from 'vitest';
import { HTTP_TOKEN, startHarness } from '../helpers/harness.js';

/**
 * Drives every Afdian tool through success and failure paths, then scans everything the server
 * produced (results, errors, resources, log lines at debug level) for each secret it holds.
 */
describe('no secret in any result, error or log line', () => {
  it('holds for every Afdian tool, failure path and the webhook receiver', async () => {
    const STORE_KEY = 'store-key-0123456789-abcdefghij';
    const outputs: string[] = [];
    for (const token of [undefined, 'a-wrong-afdian-token-98765']) {
      const h = await startHarness({ env: { CREATOR_MCP_SECRET_KEY: STORE_KEY, ...(token ? { AFDIAN_TOKEN: token } : {}) } });
      const secrets = [h.afdian.credentials.token, h.afdian.credentials.clientSecret, HTTP_TOKEN, STORE_KEY, token].filter(Boolean) as string[];
      try {
        const client = await h.client();
        const order = h.afdian.state.orders[0]!;
        const calls: Array<[string, Record<string, unknown>]> = [
          ['afdian_ping', {}],
          ['afdian_query_orders', { per_page: 5 }],
          ['afdian_query_orders', { out_trade_no: order.out_trade_no }],
          ['afdian_query_sponsors', {}],
          ['afdian_query_random_reply', { out_trade_no: order.out_trade_no }],
          ['afdian_query_plan', { plan_id: order.plan_id || 'x' }],
          ['afdian_query_plan', { plan_id: 'missing' }],
          ['afdian_update_plan_reply', { plan_id: 'missing', auto_reply: 'x' }],
          ['afdian_send_message', { recipient: order.user_id, content: 'thanks' }],
          ['afdian_send_message', { recipient: order.user_id }],
        ];
        for (const [name, args] of calls) outputs.push(JSON.stringify(await client.callTool({ name, arguments: args })));
        for (const uri of ['afdian://automation-context', 'creator://automation-context']) {
          outputs.push(JSON.stringify(await client.readResource({ uri })));
        }
        const hook = `${new URL(h.http.url).origin}/webhooks/afdian`;
        outputs.push(await (await fetch(hook, { method: 'POST', body: '{"data":{"order":{}}}' })).text());
        outputs.push(await (await fetch(h.http.url, { method: 'POST', body: '{}' })).text());
        outputs.push(...h.logs);
        expect(h.logs.length).toBeGreaterThan(0);
        const all = outputs.join('\n');
        for (const s of secrets) expect(all.includes(s), `leaked ${s.slice(0, 4)}…`).toBe(false);
      } finally {
        await h.close();
      }
    }
    expect(outputs.join('\n')).toMatch(/code 400005/);
  });
});
