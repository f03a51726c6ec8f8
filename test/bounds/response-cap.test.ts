import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { PlatformError } from '../../src/http/errors.js';
import { SecretSet } from '../../src/http/redact.js';
import { loadLimits } from '../../src/limits.js';
import { silentLogger } from '../../src/log.js';
import { errorText, startHarness } from '../helpers/harness.js';
import { failure } from '../helpers/failure.js';

const MiB = 1024 * 1024;

/** Answers `/big/<MiB>` with that many MiB of JSON-ish bytes, streamed without Content-Length unless `?declared`. */
function bigServer() {
  const hits = new Map<string, number>();
  let sentBytes = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const mib = Number(url.pathname.split('/')[2] ?? '1');
    const status = Number(url.searchParams.get('status') ?? '200');
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (url.searchParams.has('declared')) headers['content-length'] = mib * MiB;
    res.writeHead(status, headers);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = mib * 16;
    const pump = () => {
      while (left > 0) {
        left--;
        sentBytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    req.socket.on('error', () => undefined);
    pump();
  });
  return { server, hits, sent: () => sentBytes };
}

describe('upstream response size cap', () => {
  const big = bigServer();
  let base = '';
  const client = new HttpClient({ platform: 'Test', secrets: new SecretSet(), log: silentLogger, baseDelayMs: 5, maxResponseBytes: 1 * MiB });
  beforeAll(async () => {
    await new Promise<void>((r) => big.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(big.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => big.server.close(() => r())));

  it('stops reading a streamed answer past the cap, names the cap and does not retry a read', async () => {
    const err = await failure(client.send({ method: 'GET', url: `${base}/big/200`, retry: 'read' }));
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.message).toContain('1 MiB');
    expect(err.message).toContain('CREATOR_MCP_MAX_RESPONSE_BYTES');
    expect(err.hint).toMatch(/smaller page|raise CREATOR_MCP_MAX_RESPONSE_BYTES/);
    expect(err.delivery).toBe('not-processed');
    expect(big.hits.get('/big/200')).toBe(1);
    // The server was cut off long before it could send 200 MiB.
    expect(big.sent()).toBeLessThan(64 * MiB);
  });

  it('refuses a declared Content-Length over the cap before reading it', async () => {
    const err = await failure(client.send({ method: 'GET', url: `${base}/big/5?declared`, retry: 'read' }));
    expect(err.message).toContain('larger than the 1 MiB limit');
    expect(big.hits.get('/big/5')).toBe(1);
  });

  it('reports a write the platform answered with 2xx as processed, and a 4xx as not processed', async () => {
    const ok = await failure(client.send({ method: 'POST', url: `${base}/big/3`, body: '{}', retry: 'write' }));
    expect(ok.delivery).toBe('processed');
    expect(ok.hint).toContain('do not repeat');
    const refused = await failure(client.send({ method: 'POST', url: `${base}/big/4?status=400`, body: '{}', retry: 'write' }));
    expect(refused.delivery).toBe('not-processed');
    expect(big.hits.get('/big/3')).toBe(1);
  });

  it('reads answers under the cap unchanged', async () => {
    const small = new HttpClient({ platform: 'Test', secrets: new SecretSet(), log: silentLogger, maxResponseBytes: 2 * MiB });
    const res = await small.send({ method: 'GET', url: `${base}/big/1`, retry: 'read' });
    expect(res.text.length).toBe(MiB);
  });
});

describe('response cap through a real MCP client', () => {
  it('an Afdian answer over CREATOR_MCP_MAX_RESPONSE_BYTES is one clear tool error', async () => {
    const h = await startHarness({ env: { CREATOR_MCP_MAX_RESPONSE_BYTES: '2000' } });
    try {
      const client = await h.client();
      const text = errorText(await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 100 } }));
      expect(text).toContain('2000 bytes');
      expect(text).toContain('CREATOR_MCP_MAX_RESPONSE_BYTES');
    } finally {
      await h.close();
    }
  });

  it('refuses a malformed limit as a config error', () => {
    expect(() => loadLimits({ CREATOR_MCP_MAX_RESPONSE_BYTES: '16M' })).toThrow(/CREATOR_MCP_MAX_RESPONSE_BYTES must be a whole number/);
    expect(loadLimits({}).maxResponseBytes).toBe(16 * MiB);
  });
});
