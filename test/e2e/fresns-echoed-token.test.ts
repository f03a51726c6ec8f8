import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startInterceptingProxy } from '../helpers/intercepting-proxy.js';

/**
 * A careless Fresns site (or a proxy in front of one) that quotes the session token it was sent:
 * in a payload and in an error message. Session tokens are learnt at run time, so only their
 * registration as secrets keeps them out of what the agent and the log see.
 */
async function echoingProxy() {
  const echoed = new Set<string>();
  const proxy = await startInterceptingProxy((req, url) => {
    const token = req.headers['x-fresns-aid-token'];
    if (typeof token !== 'string' || req.method !== 'GET') return undefined;
    if (url.pathname.endsWith('/account/detail')) {
      echoed.add(token);
      return { status: 200, body: JSON.stringify({ code: 0, message: 'ok', data: { note: `signed in with ${token}`, copy: token } }) };
    }
    if (url.pathname.endsWith('/account/wallet-logs')) {
      echoed.add(token);
      return { status: 200, body: JSON.stringify({ code: 30000, message: `cannot read records for ${token}`, data: null }) };
    }
    return undefined;
  });
  return Object.assign(proxy, { echoed });
}

describe('Fresns: a session token the site quotes back is masked', () => {
  let h: Harness;
  let client: Client;
  let proxy: Awaited<ReturnType<typeof echoingProxy>>;
  beforeAll(async () => {
    proxy = await echoingProxy();
    h = await startHarness({ env: { FRESNS_BASE_URL: proxy.url } });
    proxy.target = h.sandbox.env.FRESNS_BASE_URL!;
    client = await h.client();
  });
  afterAll(async () => {
    await h.close();
    await proxy.close();
  });

  it('in a result and in an error, and in no log line', async () => {
    const ok = await client.callTool({ name: 'fresns_get_account', arguments: {} });
    const failed = await client.callTool({ name: 'fresns_list_wallet_logs', arguments: {} });
    expect(proxy.echoed.size).toBeGreaterThan(0);
    const okText = JSON.stringify(ok);
    const failedText = JSON.stringify(failed);
    expect(ok.isError, okText).toBeFalsy();
    expect(okText).toContain('signed in with [REDACTED]');
    expect(failed.isError).toBe(true);
    expect(failedText).toContain('cannot read records for [REDACTED]');
    const all = [okText, failedText, ...h.logs].join('\n');
    for (const token of proxy.echoed) expect(all.includes(token), `leaked ${token.slice(0, 4)}…`).toBe(false);
  });
});
