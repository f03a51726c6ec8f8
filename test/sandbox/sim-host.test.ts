import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, SimulatorHost } from '../../src/sandbox/sim-host.js';
import type { SimRoute } from '../../src/sandbox/sim-host.js';

let counter = 0;
const route: SimRoute = (req) => {
  if (req.path === '/boom') throw new Error('kaboom');
  if (req.path === '/count') counter += 1;
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: counter, echo: req.text }) };
};

let host: SimulatorHost;
let base: string;
beforeEach(async () => {
  counter = 0;
  host = new SimulatorHost('test', route);
  base = await host.start();
});
afterEach(() => host.stop());

const hit = (path = '/count', init?: RequestInit) => fetch(base + path, { method: 'POST', ...init });

describe('SimulatorHost basics', () => {
  it('refuses baseUrl before start and listens on 127.0.0.1', async () => {
    expect(() => new SimulatorHost('x', route).baseUrl).toThrow(/not started/);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.baseUrl).toBe(base);
  });

  it('answers from the route and records what went over the wire', async () => {
    const res = await fetch(`${base}/echo?a=1`, { method: 'PUT', body: 'hello', headers: { 'x-test': 'yes' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 0, echo: 'hello' });
    const last = host.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.path).toBe('/echo');
    expect(last?.query.get('a')).toBe('1');
    expect(last?.headers['x-test']).toBe('yes');
    expect(last?.rawBody.toString()).toBe('hello');
    expect(host.processed('/echo')).toBe(1);
    expect(host.processed('/count')).toBe(0);
    expect(host.processed()).toBe(1);
  });

  it('turns route exceptions into a 500 with a JSON body', async () => {
    const res = await hit('/boom');
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ message: 'kaboom' });
    expect(host.processed('/boom')).toBe(1);
  });

  it('answers 413 to bodies over 10 MiB without processing them', async () => {
    const res = await hit('/count', { body: Buffer.alloc(MAX_BODY_BYTES + 1, 97) });
    expect(res.status).toBe(413);
    expect(host.processed()).toBe(0);
    expect((await hit('/count', { body: Buffer.alloc(1024, 97) })).status).toBe(200);
  });

  it('keeps only the last 1000 requests', async () => {
    for (let i = 0; i < 1005; i += 5) await Promise.all([0, 1, 2, 3, 4].map((j) => hit(`/r${i + j}`)));
    expect(host.requests).toHaveLength(1000);
    expect(host.requests[0]?.path).toBe('/r5');
    expect(host.processed('/r')).toBe(1005);
  });

  it('delays answers by latencyMs', async () => {
    host.latencyMs = 150;
    const t0 = performance.now();
    await (await hit()).text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('SimulatorHost faults', () => {
  it('status-before answers without processing, once by default', async () => {
    host.injectFault({ kind: 'status-before', status: 429, retryAfter: '7' });
    const res = await hit();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(host.processed('/count')).toBe(0);
    expect(counter).toBe(0);
    expect((await hit()).status).toBe(200);
    expect(counter).toBe(1);
  });

  it('status-after processes, then answers the error', async () => {
    host.injectFault({ kind: 'status-after', status: 500 });
    expect((await hit()).status).toBe(500);
    expect(counter).toBe(1);
    expect(host.processed('/count')).toBe(1);
  });

  it('honours pathPrefix and times, and consumes faults in order', async () => {
    host.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/count', times: 2 });
    host.injectFault({ kind: 'status-before', status: 502 });
    expect((await hit('/other')).status).toBe(502); // the first fault does not match, the second does
    expect((await hit()).status).toBe(503);
    expect((await hit()).status).toBe(503);
    expect((await hit()).status).toBe(200);
    expect(host.processed('/count')).toBe(1);
    expect(host.processed('/other')).toBe(0);
  });

  it('clearFaults drops queued faults', async () => {
    host.injectFault({ kind: 'status-before', status: 503, times: Infinity });
    expect((await hit()).status).toBe(503);
    host.clearFaults();
    expect((await hit()).status).toBe(200);
  });

  it('reset-before fails the request without processing', async () => {
    host.injectFault({ kind: 'reset-before' });
    await expect(hit()).rejects.toThrow();
    expect(host.processed()).toBe(0);
  });

  it('reset-after fails the request after processing', async () => {
    host.injectFault({ kind: 'reset-after' });
    await expect(hit()).rejects.toThrow();
    expect(host.processed('/count')).toBe(1);
    expect(counter).toBe(1);
  });

  it('timeout-after processes and never answers', async () => {
    host.injectFault({ kind: 'timeout-after' });
    const err = await hit('/count', { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(counter).toBe(1);
  });

  it('stop() closes held sockets promptly', async () => {
    host.injectFault({ kind: 'timeout-after' });
    const pending = hit().then(
      () => 'answered',
      () => 'failed',
    );
    while (host.processed() === 0) await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    await host.stop();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('truncated-after processes and cuts the body', async () => {
    host.injectFault({ kind: 'truncated-after' });
    const res = await hit();
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(counter).toBe(1);
  });

  it('non-json-after processes and answers an HTML page', async () => {
    host.injectFault({ kind: 'non-json-after' });
    const res = await hit();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(counter).toBe(1);
  });

  it('body-before answers the given body without processing; body-after processes first', async () => {
    host.injectFault({ kind: 'body-before', status: 201, body: '{"ec":200,"data":null', contentType: 'text/plain' });
    let res = await hit();
    expect([res.status, res.headers.get('content-type'), await res.text(), counter]).toEqual([201, 'text/plain', '{"ec":200,"data":null', 0]);
    host.injectFault({ kind: 'body-after', body: 'null' });
    res = await hit();
    expect([res.status, await res.text(), counter]).toEqual([200, 'null', 1]);
  });

  it('echo-before answers with the request itself, headers included', async () => {
    host.injectFault({ kind: 'echo-before' });
    const res = await hit('/count?x=1', { body: 'a=b', headers: { authorization: 'Basic abc' } });
    const got = (await res.json()) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect([got.method, got.url, got.headers.authorization, got.body, counter]).toEqual(['POST', '/count?x=1', 'Basic abc', 'a=b', 0]);
    host.injectFault({ kind: 'echo-before', status: 400, body: '{"ec":200,"data":"{{echo}}","error_description":"{{echo-text}}"}' });
    const res2 = await hit('/count', { body: '$&' });
    const wrapped = (await res2.json()) as { data: { body: string }; error_description: string };
    expect([res2.status, wrapped.data.body, (JSON.parse(wrapped.error_description) as { body: string }).body]).toEqual([400, '$&', '$&']);
  });

  it('takes body faults over HTTP and clears faults with DELETE', async () => {
    expect((await hit('/__sandbox/faults', { body: JSON.stringify({ kind: 'body-before' }) })).status).toBe(400);
    expect((await hit('/__sandbox/faults', { body: JSON.stringify({ kind: 'body-before', body: '[]', times: 5 }) })).status).toBe(200);
    expect(await (await hit()).text()).toBe('[]');
    expect((await fetch(`${base}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await hit()).json()).toMatchObject({ n: 1 });
  });
});

describe('SimulatorHost robustness', () => {
  it('answers 500 when the route returns something Node cannot send', async () => {
    const bad = new SimulatorHost('bad', () => ({ status: 200, headers: { 'x-bad': 'line\nbreak' }, body: 'x' }));
    const url = await bad.start();
    try {
      const res = await fetch(`${url}//double/slash`);
      expect(res.status).toBe(500);
      expect(bad.requests[0]?.path).toBe('//double/slash');
    } finally {
      await bad.stop();
    }
  });
});
