import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startHarness, payload, type Harness } from '../helpers/harness.js';
import { startInterceptingProxy } from '../helpers/intercepting-proxy.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;
const REMARK = 'love the design="retro" look!';
const FAN_TEXT = 'my login token=abc" pls help';

const text = (r: unknown) => ((r as { content: Array<{ text: string }> }).content[0]!.text);
const readText = async (client: Client, uri: string) => ((await client.readResource({ uri })).contents[0] as { text: string }).text;

/**
 * A real HTTP hop in front of the Fanvue simulator that answers chosen GET paths with a fixed
 * body, the way a careless platform or proxy would; everything else passes through.
 */
async function rewritingProxy() {
  const rules = new Map<string, string>();
  const proxy = await startInterceptingProxy((req, url) => {
    const fixed = req.method === 'GET' ? rules.get(url.pathname) : undefined;
    return fixed === undefined ? undefined : { status: 200, body: fixed };
  });
  return Object.assign(proxy, { rules });
}

describe('platform content with quotes, keywords and digits of secrets comes back unchanged', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ env: { FRESNS_PASSWORD: '123456' } });
    client = await h.client();
  });
  afterAll(() => h.close());

  it('an Afdian sponsor remark with quotes through afdian_query_orders and the context', async () => {
    for (const o of h.afdian.state.orders) o.remark = REMARK;
    const r = await client.callTool({ name: 'afdian_query_orders', arguments: { page: 1 } });
    expect(r.isError).toBeFalsy();
    expect(JSON.stringify(payload(r))).toContain(JSON.stringify(REMARK).slice(1, -1));
    expect(JSON.parse(text(r))).toEqual(r.structuredContent);
    const ctx = JSON.parse(await readText(client, 'afdian://automation-context')) as Json;
    expect(JSON.stringify(ctx)).toContain(JSON.stringify(REMARK).slice(1, -1));
    const combined = JSON.parse(await readText(client, 'creator://automation-context')) as Json;
    expect(combined.platforms.afdian.status).toBe('ok');
  });

  it('FRESNS_PASSWORD=123456 leaves Afdian numbers that contain 123456 alone', async () => {
    for (const o of h.afdian.state.orders) {
      o.show_amount = '1234567.00';
      o.remark = 'ref 91234560';
    }
    const r = await client.callTool({ name: 'afdian_query_orders', arguments: { page: 1 } });
    const got = JSON.stringify(payload(r));
    expect(got).toContain('1234567.00');
    expect(got).toContain('ref 91234560');
    expect(got).not.toContain('[REDACTED]');
  });

  it('a fan message with token=" through fanvue_list_chats and fanvue_list_chat_messages', async () => {
    const c = fanvueOf(h).creator;
    const chat = [...c.chats.values()].find((x) => x.messages.length > 0)!;
    chat.messages[chat.messages.length - 1]!.text = FAN_TEXT;
    const fan = c.fans.get(chat.fanUuid)!;
    (fan as { displayName?: string }).displayName = FAN_TEXT;
    for (const [name, args] of [['fanvue_list_chats', { size: 50 }], ['fanvue_list_chat_messages', { userUuid: chat.fanUuid, size: 50 }]] as const) {
      const r = await client.callTool({ name, arguments: args });
      expect(r.isError, text(r)).toBeFalsy();
      expect(JSON.parse(text(r))).toEqual(r.structuredContent);
      expect(text(r)).toContain(JSON.stringify(FAN_TEXT).slice(1, -1));
    }
  });

});

describe('values the platform hands to the user are results', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('the upload token Fresns issues is returned, not masked', async () => {
    const client = await h.client();
    const r = await client.callTool({ name: 'fresns_get_upload_token', arguments: { type: 'image', name: 'cover.jpg', expireTime: 60 } });
    expect(r.isError, text(r)).toBeFalsy();
    const got = JSON.stringify(payload(r));
    expect(got).not.toContain('[REDACTED]');
    expect(got).toMatch(/"token":"[^"]+"/);
  });
});

describe('odd Fanvue answers fail a context section in place and never crash the process', () => {
  let h: Harness;
  let client: Client;
  let proxy: Awaited<ReturnType<typeof rewritingProxy>>;
  beforeAll(async () => {
    // The server must dial the proxy, and the proxy the simulator: its target is set once both exist.
    proxy = await rewritingProxy();
    h = await startHarness({ env: { FANVUE_API_BASE_URL: proxy.url } });
    proxy.target = h.sandbox.env.FANVUE_API_BASE_URL!;
    client = await h.client();
  });
  afterAll(async () => {
    await h.close();
    await proxy.close();
  });

  const cases: Array<[string, string, string]> = [
    ['media', '/media', '{"data":[null]}'],
    ['media', '/media', '{"data":{"list":[]}}'],
    ['subscribers', '/subscribers', '{"data":[null]}'],
    ['earnings', '/insights/earnings/summary', '{"breakdownBySource":{"tips":null},"totals":{}}'],
  ];
  for (const [sectionName, path, body] of cases) {
    it(`${path} answering ${body}`, async () => {
      proxy.rules.clear();
      proxy.rules.set(path, body);
      for (const uri of ['fanvue://automation-context', 'creator://automation-context']) {
        const ctx = JSON.parse(await readText(client, uri)) as Json;
        const fv = uri.startsWith('creator') ? ctx.platforms.fanvue.context : ctx;
        // The bounded contexts read odd lists as empty; either way the document is whole.
        if (fv.failedSections) expect(fv[sectionName].error ?? fv[`${sectionName}Error`]).toMatch(/fanvue/i);
        else expect(Array.isArray(fv[sectionName]) || typeof fv[sectionName] === 'object', JSON.stringify(fv)).toBe(true);
      }
      // The crash on main came about a second later, from a rejection nobody handled.
      await new Promise((r) => setTimeout(r, 300));
      const alive = await client.callTool({ name: 'fanvue_get_current_user', arguments: {} });
      expect(alive.isError, text(alive)).toBeFalsy();
    });
  }
});
