import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLimits } from '../../src/limits.js';
import { startHarness } from '../helpers/harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** A raw client: writes `head` and keeps the socket open; resolves what the server answered once it closes. */
function raw(port: number, head: string): { socket: Socket; answer: Promise<string>; first: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let gotFirst: (s: string) => void = () => undefined;
  const first = new Promise<string>((r) => (gotFirst = r));
  socket.on('data', (d) => {
    text += d.toString('latin1');
    gotFirst(text);
  });
  socket.on('error', () => undefined);
  const answer = new Promise<string>((r) => socket.on('close', () => {
    gotFirst(text);
    r(text);
  }));
  socket.write(head);
  return { socket, answer, first };
}

const portOf = (h: Harness) => Number(new URL(h.http.url).port);
const webhookHead = (length: number) =>
  `POST /webhooks/fanvue HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('HTTP server deadlines', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { CREATOR_MCP_HTTP_HEADERS_TIMEOUT_MS: '200', CREATOR_MCP_HTTP_BODY_TIMEOUT_MS: '300', CREATOR_MCP_HTTP_IDLE_TIMEOUT_MS: '200' },
    });
  });
  afterAll(() => h.close());

  it('cuts a client that never finishes its headers', async () => {
    const c = raw(portOf(h), 'POST /webhooks/fanvue HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const answer = await c.answer;
    // Node answers 408 or just closes; either way the socket is gone and nothing was routed.
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('cuts a webhook whose body arrives too slowly, with 408', async () => {
    const c = raw(portOf(h), webhookHead(1000) + '{"a":');
    expect(await c.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes an idle keep-alive socket', async () => {
    const c = raw(portOf(h), 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const answer = await c.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it('keeps a live MCP session working past the idle deadline', async () => {
    const client = await h.client();
    await new Promise((r) => setTimeout(r, 500));
    const tools = await client.listTools();
    expect(tools.tools.length).toBeGreaterThan(0);
  });
});

describe('webhook connection cap and checks before the body', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_WEBHOOK_MAX_CONNECTIONS: '20', CREATOR_MCP_HTTP_BODY_TIMEOUT_MS: '20000' } });
  });
  afterAll(() => h.close());

  it('holds 40 slow webhook clients: 20 get 503 at once, /healthz and an MCP call still answer', async () => {
    const port = portOf(h);
    const held: ReturnType<typeof raw>[] = [];
    try {
      for (let i = 0; i < 20; i++) held.push(raw(port, webhookHead(1000) + '{'));
      // Let the first 20 take their slots before the rest arrive.
      await new Promise((r) => setTimeout(r, 300));
      const extra: ReturnType<typeof raw>[] = [];
      for (let i = 0; i < 20; i++) extra.push(raw(port, webhookHead(1000) + '{'));
      const extraAnswers = await Promise.all(extra.map((c) => c.answer));
      for (const a of extraAnswers) {
        expect(a).toMatch(/^HTTP\/1\.1 503/);
        expect(a.toLowerCase()).toContain('retry-after:');
      }
      const health = await fetch(new URL('/healthz', h.http.url));
      expect(health.status).toBe(200);
      const client = await h.client();
      const result = await client.callTool({ name: 'afdian_query_orders', arguments: {} });
      expect(result.isError).not.toBe(true);
      // The held clients were never answered: their slots are taken, not refused.
      const answered = await Promise.race([Promise.any(held.map((c) => c.first)), new Promise((r) => setTimeout(() => r('none'), 100))]);
      expect(answered).toBe('none');
    } finally {
      for (const c of held) c.socket.destroy();
    }
  });

  it('gives the slots back once the held clients go away', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const c = raw(portOf(h), webhookHead(2) + '{}');
    const answer = await c.first;
    expect(answer).not.toMatch(/^HTTP\/1\.1 503/);
    c.socket.destroy();
  });

  it('answers 413 to an oversized Content-Length without waiting for the body', async () => {
    const c = raw(portOf(h), webhookHead(50 * 1024 * 1024));
    expect(await c.answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('answers 405 to a GET and 404 to an unknown platform before reading anything', async () => {
    expect(await raw(portOf(h), 'GET /webhooks/fanvue HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n').answer).toMatch(/^HTTP\/1\.1 405/);
    expect(await raw(portOf(h), 'POST /webhooks/nope HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n').first).toMatch(/^HTTP\/1\.1 404/);
  });
});

describe('HTTP limits settings', () => {
  it('defaults and refuses malformed values', () => {
    const l = loadLimits({});
    expect(l.webhookMaxConnections).toBe(256);
    expect(l.httpHeadersTimeoutMs).toBe(10_000);
    expect(() => loadLimits({ CREATOR_MCP_WEBHOOK_MAX_CONNECTIONS: 'lots' })).toThrow(/CREATOR_MCP_WEBHOOK_MAX_CONNECTIONS must be a whole number/);
  });
});
