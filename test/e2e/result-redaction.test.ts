import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * A successful tool result is masked by the invoke pipeline's redact stage alone (the result
 * builder no longer walks it a second time), so this guards that stage for a platform that has
 * no masking of its own: an Afdian answer echoing the API token.
 */
describe('a platform answer that echoes a configured secret', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ simulators: ['afdian'] });
    client = await h.client();
  });
  afterAll(() => h?.close());

  it('comes back masked in both the text and structuredContent, the rest unchanged', async () => {
    const { token } = h.afdian.credentials;
    const order = { out_trade_no: '202612080001', remark: `my token is ${token}, ok?`, [token]: 'as a key' };
    h.afdian.host.injectFault({ kind: 'body-before', body: JSON.stringify({ ec: 200, em: '', data: { list: [order], total_count: 1, total_page: 1 } }) });
    const r = (await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 1 } })) as { content: Array<{ text: string }>; structuredContent: { list: Array<Record<string, unknown>> } };
    expect(JSON.stringify(r)).not.toContain(token);
    const got = r.structuredContent.list[0];
    expect(got?.remark).toBe('my token is [REDACTED], ok?');
    expect(got?.['[REDACTED]']).toBe('as a key');
    expect(got?.out_trade_no).toBe('202612080001');
    expect(JSON.parse(r.content[0]!.text)).toEqual(r.structuredContent);
  });
});
