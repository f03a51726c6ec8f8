import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptTimeoutMs, HttpClient } from '../../src/http/client.js';
import { CancelledError, PlatformError } from '../../src/http/errors.js';
import { RateLimiter } from '../../src/http/rate-limit.js';
import { fanvueBucketOf } from '../../src/platforms/fanvue/rate-limit.js';
import { SecretSet } from '../../src/http/redact.js';
import { silentLogger } from '../../src/log.js';
import { SimulatorHost } from '../../src/sandbox/sim-host.js';
import { failure } from '../helpers/failure.js';

/**
 * The retry and delivery rules, against a real HTTP server whose faults say whether the request
 * was processed. `processed` is the ground truth a write must never exceed once.
 */
describe('HttpClient over real HTTP with injected faults', () => {
  const host = new SimulatorHost('faults', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }));
  let base = '';
  const secrets = new SecretSet();
  secrets.add('super-secret-token-value');
  const client = new HttpClient({ platform: 'Test', secrets, log: silentLogger, baseDelayMs: 10, maxRetryAfterMs: 2_000, timeoutMs: 1_000 });
  const write = (path = '/w') => client.send({ method: 'POST', url: `${base}${path}`, body: '{}', retry: 'write' });
  const read = (path = '/r') => client.send({ method: 'GET', url: `${base}${path}`, retry: 'read' });
  beforeAll(async () => {
    base = await host.start();
  });
  afterAll(() => host.stop());
  beforeEach(() => host.clearFaults());

  it('retries a read on 503 and succeeds', async () => {
    host.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/r1', times: 2 });
    const res = await read('/r1');
    expect(res.status).toBe(200);
    expect(host.processed('/r1')).toBe(1);
  });

  it('gives up on a read after three attempts and says so', async () => {
    host.injectFault({ kind: 'status-before', status: 502, pathPrefix: '/r2', times: 5 });
    const err = await failure(read('/r2'));
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.status).toBe(502);
    expect(host.requests.filter((r) => r.path === '/r2')).toHaveLength(3);
  });

  it('retries a write on 429 within the Retry-After cap: processed exactly once', async () => {
    host.injectFault({ kind: 'status-before', status: 429, retryAfter: '1', pathPrefix: '/w1' });
    const started = Date.now();
    await write('/w1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(host.processed('/w1')).toBe(1);
  });

  it('does not wait for a Retry-After beyond the cap: reports it instead', async () => {
    host.injectFault({ kind: 'status-before', status: 429, retryAfter: '120', pathPrefix: '/w2' });
    const started = Date.now();
    const err = await failure(write('/w2'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err.retryAfterSec).toBe(120);
    expect(err.delivery).toBe('not-processed');
    expect(err.hint).toMatch(/wait 120 s/);
    expect(host.processed('/w2')).toBe(0);
  });

  for (const [kind, status] of [['status-after', 500], ['status-before', 503]] as const) {
    it(`never retries a write after ${status} (${kind}): "may have been processed"`, async () => {
      host.injectFault({ kind, status, pathPrefix: `/w-${status}` });
      const err = await failure(write(`/w-${status}`));
      expect(err.delivery).toBe('unknown');
      expect(host.requests.filter((r) => r.path === `/w-${status}`)).toHaveLength(1);
      expect(host.processed(`/w-${status}`)).toBe(kind === 'status-after' ? 1 : 0);
    });
  }

  it("keeps \"check before repeating\" on an uncertain write even when the platform's reader has its own hint", async () => {
    const hinted = new HttpClient({ platform: 'Test', secrets, log: silentLogger, readError: () => ({ hint: 'Try again in a few minutes.' }) });
    host.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/w-hint' });
    const err = await failure(hinted.send({ method: 'POST', url: `${base}/w-hint`, body: '{}', retry: 'write' }));
    expect(err.hint).toMatch(/^Try again in a few minutes\. .*check the platform before repeating it/);
  });

  it('never retries a write that timed out after processing', async () => {
    host.injectFault({ kind: 'timeout-after', pathPrefix: '/w3' });
    const err = await failure(write('/w3'));
    expect(err.delivery).toBe('unknown');
    expect(err.platformMessage).toMatch(/no answer within 1 s/);
    expect(host.processed('/w3')).toBe(1);
  });

  it('never retries a write whose connection was reset', async () => {
    host.injectFault({ kind: 'reset-after', pathPrefix: '/w4' });
    const err = await failure(write('/w4'));
    expect(err.delivery).toBe('unknown');
    expect(host.processed('/w4')).toBe(1);
    expect(host.requests.filter((r) => r.path === '/w4')).toHaveLength(1);
  });

  it('retries a read whose connection was reset', async () => {
    host.injectFault({ kind: 'reset-before', pathPrefix: '/r3' });
    expect((await read('/r3')).status).toBe(200);
    expect(host.processed('/r3')).toBe(1);
  });

  it('reports a non-JSON 200 on a write as possibly applied', async () => {
    host.injectFault({ kind: 'non-json-after', pathPrefix: '/w5' });
    const err = await failure(client.sendJson({ method: 'POST', url: `${base}/w5`, body: '{}', retry: 'write' }));
    expect(err.delivery).toBe('unknown');
    expect(err.platformMessage).toMatch(/not JSON/);
    expect(host.processed('/w5')).toBe(1);
  });

  it('reports a truncated body without retrying a write', async () => {
    host.injectFault({ kind: 'truncated-after', pathPrefix: '/w6' });
    const err = await failure(client.sendJson({ method: 'POST', url: `${base}/w6`, body: '{}', retry: 'write' }));
    expect(['unknown', 'processed']).toContain(err.delivery);
    expect(host.requests.filter((r) => r.path === '/w6')).toHaveLength(1);
  });

  it('retries a read whose body broke off, like any other network failure', async () => {
    host.injectFault({ kind: 'truncated-after', pathPrefix: '/r6' });
    const res = await read('/r6');
    expect(res.text).toBe('{"ok":true}');
    expect(host.requests.filter((r) => r.path === '/r6')).toHaveLength(2);
  });

  it('retries a write whose connection was refused (nothing was sent), then reports it', async () => {
    const closed = new SimulatorHost('closed', () => ({ status: 200, body: '' }));
    const url = await closed.start();
    await closed.stop();
    const err = await failure(client.send({ method: 'POST', url: `${url}/x`, body: '{}', retry: 'write' }));
    expect(err.delivery).toBe('not-processed');
    expect(err.platformMessage).toMatch(/ECONNREFUSED/);
    expect(err.hint).toMatch(/nothing was sent/);
  });

  it('stops waiting as soon as the MCP request is cancelled', async () => {
    host.injectFault({ kind: 'timeout-after', pathPrefix: '/r4' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await failure(client.send({ method: 'GET', url: `${base}/r4`, retry: 'read', signal: controller.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('cancels a backoff sleep too', async () => {
    host.injectFault({ kind: 'status-before', status: 429, retryAfter: '2', pathPrefix: '/r5' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await failure(client.send({ method: 'GET', url: `${base}/r5`, retry: 'read', signal: controller.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('redacts secrets from platform error text', async () => {
    const leaky = new SimulatorHost('leaky', () => ({ status: 400, body: 'bad token super-secret-token-value for you' }));
    const url = await leaky.start();
    try {
      const err = await failure(client.send({ method: 'GET', url, retry: 'read' }));
      expect(err.platformMessage).not.toContain('super-secret-token-value');
      expect(err.platformMessage).toContain('[REDACTED]');
    } finally {
      await leaky.stop();
    }
  });

  it('spends requests from a shared rate-limit bucket instead of collecting 429s', async () => {
    const limited = new HttpClient({
      platform: 'Test',
      secrets,
      log: silentLogger,
      rateLimiter: new RateLimiter({ limit: 2, windowMs: 500, bucketOf: () => 'token' }),
    });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map((i) => limited.send({ method: 'GET', url: `${base}/rl${i}`, retry: 'read' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(host.processed('/rl')).toBe(4);
  });
});

describe('the deadline of an upload', () => {
  it('adds a second per MiB of files to the usual time, and nothing for other bodies', () => {
    const form = new FormData();
    form.set('meta', 'x'.repeat(10_000));
    form.set('file', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'a.bin');
    expect(attemptTimeoutMs(30_000, form)).toBe(33_000);
    expect(attemptTimeoutMs(30_000, JSON.stringify({ a: 'x'.repeat(5_000_000) }))).toBe(30_000);
    expect(attemptTimeoutMs(30_000, undefined)).toBe(30_000);
  });
});

describe('an upload slower than the usual deadline', () => {
  it('is not cut off while its file is within a second per MiB', async () => {
    const { createServer } = await import('node:http');
    // Answers 1.5 s after the body arrived: past the 1 s deadline, within 1 s + 2 s for 2 MiB.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 1_500));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as { port: number };
      const client = new HttpClient({ platform: 'Test', secrets: new SecretSet(), log: silentLogger, timeoutMs: 1_000 });
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(2 * 1024 * 1024)]), 'a.bin');
      const res = await client.send({ method: 'POST', url: `http://127.0.0.1:${port}/upload`, body: form, retry: 'write' });
      expect(res.status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('a wait for the rate-limit bucket', () => {
  it('does not count against the attempt deadline: a write that waited longer than it is still sent once', async () => {
    const host = new SimulatorHost('bucket', () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }));
    const base = await host.start();
    try {
      // One request per 1.5 s: the second waits about 1.5 s, past the 0.5 s attempt deadline.
      const limiter = new RateLimiter({ limit: 1, windowMs: 1_500, bucketOf: () => 'one' });
      const client = new HttpClient({ platform: 'Test', secrets: new SecretSet(), log: silentLogger, timeoutMs: 500, rateLimiter: limiter });
      const write = () => client.send({ method: 'POST', url: `${base}/w`, body: '{}', retry: 'write' });
      await write();
      const res = await write();
      expect(res.status).toBe(200);
      expect(host.processed('/w')).toBe(2);
    } finally {
      await host.stop();
    }
  });

  it('is not spent by presigned storage uploads, even on the API host (the sandbox serves both)', () => {
    const bucketOf = fanvueBucketOf({ apiBaseUrl: 'http://127.0.0.1:9000', clientId: 'app' });
    expect(bucketOf('http://127.0.0.1:9000/chats')).toBe('app:me');
    expect(bucketOf('http://127.0.0.1:9000/__storage/uploads/u/parts/1?X-Amz-Signature=abc')).toBe('other:127.0.0.1:9000');
  });
});
