import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * A careless Fresns site (or a proxy in front of one) that quotes the session token it was sent:
 * in a payload and in an error message. Session tokens are learnt at run time, so only their
 * registration as secrets keeps them out of what the agent and the log see.
 */
async function echoingProxy() {
  const state = { target: '', echoed: new Set<string>() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = req.headers['x-fresns-aid-token'];
      if (typeof token === 'string' && req.method === 'GET' && url.pathname.endsWith('/account/detail')) {
        state.echoed.add(token);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, message: 'ok', data: { note: `signed in with ${token}`, copy: token } }));
        return;
      }
      if (typeof token === 'string' && req.method === 'GET' && url.pathname.endsWith('/account/wallet-logs')) {
        state.echoed.add(token);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 30000, message: `cannot read records for ${token}`, data: null }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
      fetch(`${state.target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (up) => {
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('Fresns: a session token the site quotes back is masked', () => {
  let h: Harness;
  let client: Client;
  let proxy: Awaited<ReturnType<typeof echoingProxy>>;
  beforeAll(async () => {
    proxy = await echoingProxy();
    h = await startHarness({ env: { FRESNS_BASE_URL: proxy.url } });
    proxy.state.target = h.sandbox.env.FRESNS_BASE_URL!;
    client = await h.client();
  });
  afterAll(async () => {
    await h.close();
    await proxy.close();
  });

  it('in a result and in an error, and in no log line', async () => {
    const ok = await client.callTool({ name: 'fresns_get_account', arguments: {} });
    const failed = await client.callTool({ name: 'fresns_list_wallet_logs', arguments: {} });
    expect(proxy.state.echoed.size).toBeGreaterThan(0);
    const okText = JSON.stringify(ok);
    const failedText = JSON.stringify(failed);
    expect(ok.isError, okText).toBeFalsy();
    expect(okText).toContain('signed in with [REDACTED]');
    expect(failed.isError).toBe(true);
    expect(failedText).toContain('cannot read records for [REDACTED]');
    const all = [okText, failedText, ...h.logs].join('\n');
    for (const token of proxy.state.echoed) expect(all.includes(token), `leaked ${token.slice(0, 4)}…`).toBe(false);
  });
});
