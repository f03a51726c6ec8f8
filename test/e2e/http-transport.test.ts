import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TOKEN, startHarness, type Harness } from '../helpers/harness.js';

const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('Streamable HTTP endpoint security', () => {
  let h: Harness;
  let url: string;
  const headers = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${HTTP_TOKEN}`,
    ...extra,
  });
  beforeAll(async () => {
    h = await startHarness();
    url = h.http.url;
  });
  afterAll(() => h.close());

  it('answers a correct request', async () => {
    const res = await fetch(url, { method: 'POST', headers: headers(), body: INIT });
    expect(res.status).toBe(200);
  });

  it('answers 401 without the bearer token, or with a wrong one', async () => {
    for (const auth of [undefined, 'Bearer nope', `Bearer ${HTTP_TOKEN}x`, HTTP_TOKEN]) {
      const h2: Record<string, string> = headers();
      if (auth === undefined) delete h2.authorization;
      else h2.authorization = auth;
      const res = await fetch(url, { method: 'POST', headers: h2, body: LIST });
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  /** fetch() does not let a caller set Host, so this one goes through node:http. */
  const rawPost = (hdrs: Record<string, string>, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: hdrs }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect(await rawPost(headers({ host: 'evil.example' }), INIT)).toBe(403);
    expect(await rawPost(headers({ host: `localhost:${new URL(url).port}` }), INIT)).toBe(200);
    const origin = await fetch(url, { method: 'POST', headers: headers({ origin: 'https://evil.example' }), body: INIT });
    expect(origin.status).toBe(403);
    const local = await fetch(url, { method: 'POST', headers: headers({ origin: 'http://localhost:5173' }), body: INIT });
    expect(local.status).toBe(200);
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await fetch(url, { method: 'POST', headers: headers(), body: big });
    expect(res.status).toBe(413);
  });

  it('serves health checks and 404s elsewhere', async () => {
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/nope`)).status).toBe(404);
  });

  it('serves a legacy and a modern client from the same endpoint', async () => {
    for (const era of ['legacy', 'auto'] as const) {
      const client = await h.client(era);
      const { tools } = await client.listTools();
      expect(tools.length, era).toBeGreaterThan(0);
    }
  });
});
