import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfdianOrder } from '../../src/sandbox/afdian/types.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf, seedOf } from '../platforms/fanbook/helpers.js';
import { assertBuilt } from './built.js';
import { recordFigure } from './figures.js';
import { ServerChild } from './server-child.js';

const CLIENTS = 50;
const WARM_MS = 3_000;
const LOAD_MS = 8_000;
const TOKEN = 'load-test-bearer-token-0123456789';
const MIB = 1024 * 1024;
/**
 * Measured after a full-load warm-up, so first-use caches and JIT are not counted. The bound that
 * catches a leak is on what JS holds after a full GC (heap + Buffers), where a few KiB per call
 * would show. RSS is reported, and only bounded against a gross native leak: with the heap flat it
 * swings by up to ~200 MiB between runs on two shared cores, because the allocator keeps freed pages.
 */
const HEAP_GROWTH_LIMIT_MIB = 24;
const RSS_GROWTH_LIMIT_MIB = 512;

type ToolResult = { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: unknown };

/**
 * node:http, because fetch() cannot set Host; resolves the status, or 0 when the connection was cut.
 * A body without content-length goes out chunked, so its size is only known as it arrives.
 */
function rawPost(url: string, headers: Record<string, string>, body: string | Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 64 * 1024) req.write(bytes.subarray(at, at + 64 * 1024));
    req.end();
  });
}

describe('HTTP under load', () => {
  let server: ServerChild;
  let stateDir: string;
  beforeAll(async () => {
    assertBuilt();
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'creator-mcp-load-'));
    server = await ServerChild.start({ stateDir, token: TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    if (stateDir) await fs.rm(stateDir, { recursive: true, force: true });
  });

  it(`${CLIENTS} concurrent clients of both eras: every answer is their own, no errors, memory flat, hostile requests refused`, async () => {
    const connect = async (era: 'legacy' | 'auto') => {
      const client = new Client({ name: 'load', version: '1' }, { versionNegotiation: { mode: era } });
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
      return client;
    };

    // What the clients will look up: two orders of their own each, and a post.
    const scout = await connect('legacy');
    const orders: string[] = [];
    for (const page of [1, 2]) {
      const r = (await scout.callTool({ name: 'afdian_query_orders', arguments: { page, per_page: 100 } })) as ToolResult;
      orders.push(...(r.structuredContent as { list: Array<{ out_trade_no: string }> }).list.map((o) => o.out_trade_no));
    }
    const posts = ((await scout.callTool({ name: 'fresns_list_posts', arguments: {} })) as ToolResult).structuredContent as { list: Array<{ pid: string }> };
    const pids = posts.list.map((p) => p.pid);
    await scout.close();
    expect(new Set(orders).size).toBeGreaterThanOrEqual(2 * CLIENTS);
    expect(pids.length).toBeGreaterThan(0);
    const messagesBefore = ((await (await fetch(`${server.afdianSim}/__sandbox/state`)).json()) as { counts: { messages: number } }).counts.messages;

    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => connect(i % 2 ? 'auto' : 'legacy')));
    // Half negotiated 2026-07-28, half speak the 2025 protocol, against the one endpoint.
    expect(clients.map((c) => c.getProtocolEra()).sort()).toEqual([...Array(CLIENTS / 2).fill('legacy'), ...Array(CLIENTS / 2).fill('modern')]);
    const stats = { calls: 0, leaks: 0, errors: 0, errorSamples: [] as string[] };
    const fail = (what: string) => {
      stats.errors++;
      if (stats.errorSamples.length < 5) stats.errorSamples.push(what);
    };

    /** One client's loop: each call's arguments are its own, and each answer is checked against them. */
    const drive = async (i: number, until: number) => {
      const client = clients[i] as Client;
      const [a, b] = [orders[2 * i] as string, orders[2 * i + 1] as string];
      const pid = pids[i % pids.length] as string;
      for (let n = 0; Date.now() < until; n++) {
        stats.calls++;
        try {
          if (n % 4 < 3) {
            const wanted = [[a], [b], [b, a]][n % 4] as string[];
            const r = (await client.callTool({ name: 'afdian_query_orders', arguments: { out_trade_no: wanted.join(',') } })) as ToolResult;
            if (r.isError) {
              fail(`client ${i}: ${r.content?.[0]?.text}`);
              continue;
            }
            const got = (r.structuredContent as { list: Array<{ out_trade_no: string }> }).list.map((o) => o.out_trade_no);
            if (got.sort().join() !== [...wanted].sort().join()) stats.leaks++;
          } else {
            const uri = `fresns://posts/${pid}`;
            const r = await client.readResource({ uri });
            const content = r.contents[0] as { uri: string; text: string };
            if (content.uri !== uri || (JSON.parse(content.text) as { post: { detail: { pid: string } } }).post.detail.pid !== pid) stats.leaks++;
          }
        } catch (err) {
          fail(`client ${i}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    };

    /** Meanwhile, requests that must be refused: none may get through, even with the server busy. */
    const hostile = { sent: 0, through: 0, kinds: new Map<string, number[]>() };
    const attack = async (until: number) => {
      const send = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'afdian_send_message', arguments: { recipient: 'someone', content: 'must never be sent' } },
      });
      const port = new URL(server.url).port;
      const sized = (body: string) => ({ 'content-length': String(Buffer.byteLength(body)) });
      const base = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${TOKEN}`, ...sized(send) };
      const { authorization: _dropped, ...noAuth } = base;
      const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(2 * MIB) } });
      const { 'content-length': _unsized, ...chunked } = base;
      const cases: Array<[string, number, Record<string, string>, string]> = [
        ['no bearer token', 401, noAuth, send],
        ['wrong bearer token', 401, { ...base, authorization: `Bearer ${TOKEN}x` }, send],
        ['foreign Host', 403, { ...base, host: `evil.example:${port}` }, send],
        ['foreign Origin', 403, { ...base, origin: 'https://evil.example' }, send],
        ['oversized body', 413, { ...base, ...sized(big) }, big],
        ['oversized chunked body', 413, chunked, big],
      ];
      for (let n = 0; Date.now() < until; n++) {
        const [kind, expected, headers, body] = cases[n % cases.length] as (typeof cases)[number];
        const status = await rawPost(server.url, headers, body);
        hostile.sent++;
        const seen = hostile.kinds.get(kind) ?? [];
        seen.push(status);
        hostile.kinds.set(kind, seen);
        if (status !== expected) hostile.through++;
      }
    };

    try {
      // The same load first, so what is measured is growth under load, not first-use caches, JIT and allocator arenas.
      const warmUntil = Date.now() + WARM_MS;
      await Promise.all([...clients.map((_, i) => drive(i, warmUntil)), attack(warmUntil)]);
      const before = await server.memory();
      const callsBefore = stats.calls;

      const until = Date.now() + LOAD_MS;
      await Promise.all([...clients.map((_, i) => drive(i, until)), attack(until)]);
      const after = await server.memory();

      const calls = stats.calls;
      const rssGrowth = (after.rss - before.rss) / MIB;
      const heapGrowth = (after.heapUsed + after.external - before.heapUsed - before.external) / MIB;
      const messagesAfter = ((await (await fetch(`${server.afdianSim}/__sandbox/state`)).json()) as { counts: { messages: number } }).counts.messages;
      const kinds = [...hostile.kinds].map(([k, s]) => `${k} ×${s.length}`).join(', ');

      recordFigure({ name: 'cross-client leaks', value: stats.leaks, goal: 0, detail: `${calls} calls by ${CLIENTS} clients (both protocol eras), each checked against its own arguments` });
      recordFigure({ name: 'HTTP errors under load', value: stats.errors, goal: 0, detail: `${calls} calls in ${(LOAD_MS + WARM_MS) / 1000} s by ${CLIENTS} concurrent clients` });
      recordFigure({ name: 'hostile HTTP requests let through', value: hostile.through, goal: 0, detail: `${hostile.sent} sent during the load: ${kinds}` });
      recordFigure({
        name: 'RSS growth MiB',
        value: Math.round(rssGrowth * 10) / 10,
        detail: `over ${calls - callsBefore} calls after a full-load warm-up: RSS ${(before.rss / MIB).toFixed(0)} → ${(after.rss / MIB).toFixed(0)} MiB (allocator noise; the leak check is heap growth)`,
      });
      recordFigure({
        name: 'heap growth MiB',
        value: Math.round(heapGrowth * 10) / 10,
        goal: HEAP_GROWTH_LIMIT_MIB,
        bound: 'at most',
        detail: `heap + Buffers after a full GC, before vs after ${calls - callsBefore} more calls: ${((before.heapUsed + before.external) / MIB).toFixed(1)} → ${((after.heapUsed + after.external) / MIB).toFixed(1)} MiB`,
      });

      expect(stats.errorSamples).toEqual([]);
      expect(stats.errors).toBe(0);
      expect(stats.leaks).toBe(0);
      expect(calls).toBeGreaterThan(CLIENTS * 4); // the load really ran
      expect(hostile.kinds.size).toBe(6); // every kind was tried under load
      expect(hostile.through, `${kinds}; statuses ${JSON.stringify(Object.fromEntries(hostile.kinds))}`).toBe(0);
      expect(messagesAfter).toBe(messagesBefore);
      expect(heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT_MIB);
      expect(rssGrowth).toBeLessThan(RSS_GROWTH_LIMIT_MIB);
    } finally {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    }
  }, 90_000);
});

describe('webhook burst', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('1,000 Afdian and 100 Fanvue pushes at once, with duplicates and forgeries: every genuine one stored exactly once, nothing forged', async () => {
    const origin = new URL(h.http.url).origin;
    const template = h.afdian.state.orders[0] as AfdianOrder;
    const makeOrder = (n: number, prefix: string): AfdianOrder => ({
      ...template,
      out_trade_no: `${prefix}${String(n).padStart(12, '0')}`,
      user_id: `u${randomBytes(8).toString('hex')}`,
      total_amount: `${(n % 97) + 1}.00`,
      show_amount: `${(n % 97) + 1}.00`,
      remark: `burst order ${n}`,
    });
    type Push = { kind: 'genuine' | 'duplicate' | 'forged'; platform: 'afdian' | 'fanvue'; body: string; headers?: Record<string, string> };

    // Afdian: 700 genuine orders, 200 re-sends of them, 100 forgeries.
    const genuine = Array.from({ length: 700 }, (_, n) => makeOrder(n, '2026112201'));
    const bodies = new Map(genuine.map((o) => [o.out_trade_no, h.afdian.webhookBody(o)]));
    const pushes: Push[] = genuine.map((o) => ({ kind: 'genuine', platform: 'afdian', body: bodies.get(o.out_trade_no) as string }));
    const duplicates: Push[] = Array.from({ length: 200 }, (_, n) => ({ kind: 'duplicate', platform: 'afdian', body: bodies.get(genuine[(n * 7) % 700]!.out_trade_no) as string }));
    const { privateKey: wrongKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged: Push[] = Array.from({ length: 100 }, (_, n) => {
      const parsed = JSON.parse(bodies.get(genuine[n]!.out_trade_no) as string) as { data: { order: Record<string, unknown>; sign?: string } };
      const order = parsed.data.order;
      switch (n % 4) {
        case 0: // a genuine order's signature on a raised amount
          order.total_amount = '9999.00';
          break;
        case 1: // a made-up order with a copied signature
          order.out_trade_no = makeOrder(n, '2026112299').out_trade_no;
          break;
        case 2: {
          // signed, but not with Afdian's key
          order.out_trade_no = makeOrder(n, '2026112298').out_trade_no;
          const o = order as Record<string, string>;
          parsed.data.sign = sign('sha256', Buffer.from(`${o.out_trade_no}${o.user_id}${o.plan_id}${o.total_amount}`), wrongKey).toString('base64');
          break;
        }
        default: // unsigned
          order.out_trade_no = makeOrder(n, '2026112297').out_trade_no;
          delete parsed.data.sign;
      }
      return { kind: 'forged', platform: 'afdian', body: JSON.stringify(parsed) };
    });

    // Fanvue: 60 genuine events, 20 redeliveries (same bytes, fresh signature), 20 forgeries.
    const fanvue = h.sandbox.platforms.find((p) => p.platform === 'fanvue')?.simulator as FanvueSimulator;
    const fanvueBodies = Array.from({ length: 60 }, (_, n) => JSON.stringify({ messageUuid: `m-${n}-${randomBytes(6).toString('hex')}`, message: { text: `hi ${n}` }, sender: { uuid: 'fan' } }));
    const signed = (body: string): Record<string, string> => ({ 'x-fanvue-signature': fanvue.webhooks.signatureFor(body) });
    pushes.push(...fanvueBodies.map((body): Push => ({ kind: 'genuine', platform: 'fanvue', body, headers: signed(body) })));
    duplicates.push(...Array.from({ length: 20 }, (_, n): Push => ({ kind: 'duplicate', platform: 'fanvue', body: fanvueBodies[n * 3] as string, headers: signed(fanvueBodies[n * 3] as string) })));
    forged.push(
      ...Array.from({ length: 20 }, (_, n): Push => {
        const body = JSON.stringify({ messageUuid: `forged-${n}`, message: { text: 'forged' } });
        const stale = Math.floor(Date.now() / 1000) - 3600;
        const headers = n % 2 ? { 'x-fanvue-signature': `t=${Math.floor(Date.now() / 1000)},v0=${'0'.repeat(64)}` } : { 'x-fanvue-signature': fanvue.webhooks.signatureFor(body, stale) };
        return { kind: 'forged', platform: 'fanvue', body, headers };
      }),
    );

    // Shuffled, except that half the re-sends go out right beside their original, so both are in flight together.
    const queue = [...pushes, ...forged, ...duplicates.slice(0, 110)].sort(() => Math.random() - 0.5);
    for (const d of duplicates.slice(110)) {
      const at = queue.findIndex((p) => p.kind === 'genuine' && p.body === d.body);
      queue.splice(at + 1, 0, d);
    }
    const afdianPushes = queue.filter((p) => p.platform === 'afdian').length;
    expect(afdianPushes).toBe(1000);

    const answers: Array<{ push: Push; status: number }> = [];
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const push = queue[next++] as Push;
        const res = await fetch(`${origin}/webhooks/${push.platform}`, { method: 'POST', headers: { 'content-type': 'application/json', ...push.headers }, body: push.body });
        await res.text();
        answers.push({ push, status: res.status });
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));

    const storedOf = async (platform: string) => {
      const dir = path.join(h.stateDir, 'webhooks', platform);
      const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json'));
      return Promise.all(names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as { id: string; payload: Record<string, unknown> }));
    };
    const storedAfdian = await storedOf('afdian');
    const storedFanvue = await storedOf('fanvue');

    const genuineIds = new Set(genuine.map((o) => o.out_trade_no));
    const afdianCounts = new Map<string, number>();
    for (const e of storedAfdian) afdianCounts.set(e.id, (afdianCounts.get(e.id) ?? 0) + 1);
    const genuineMessages = new Map(fanvueBodies.map((b) => [(JSON.parse(b) as { messageUuid: string }).messageUuid, b]));
    const fanvueCounts = new Map<string, number>();
    for (const e of storedFanvue) fanvueCounts.set(String(e.payload.messageUuid), (fanvueCounts.get(String(e.payload.messageUuid)) ?? 0) + 1);

    const lost = [...genuineIds].filter((id) => !afdianCounts.has(id)).length + [...genuineMessages.keys()].filter((id) => !fanvueCounts.has(id)).length;
    // Forged = not a genuine id, or a genuine id whose stored fields differ from what Afdian signed.
    const forgedStored =
      storedAfdian.filter((e) => {
        const real = genuine.find((o) => o.out_trade_no === e.id);
        return !real || e.payload.total_amount !== real.total_amount || e.payload.user_id !== real.user_id;
      }).length + storedFanvue.filter((e) => !genuineMessages.has(String(e.payload.messageUuid))).length;
    const duplicated = [...afdianCounts.values(), ...fanvueCounts.values()].filter((n) => n > 1).length;
    const wrongAnswers = answers.filter(({ push, status }) => (push.kind === 'forged' ? status < 400 : status !== 200));
    const total = answers.length;

    recordFigure({ name: 'webhook losses', value: lost, goal: 0, detail: `${genuineIds.size + genuineMessages.size} genuine events in a burst of ${total} pushes (64 at a time)` });
    recordFigure({ name: 'forged webhooks stored', value: forgedStored, goal: 0, detail: `${forged.length} forgeries in the burst` });
    recordFigure({ name: 'duplicate webhook orders stored', value: duplicated, goal: 0, detail: `${duplicates.length} re-sends, ${duplicates.length - 110} in flight beside their original` });

    expect(total).toBe(queue.length);
    expect(wrongAnswers.map((w) => `${w.push.platform} ${w.push.kind} → ${w.status}`)).toEqual([]);
    expect(lost).toBe(0);
    expect(forgedStored).toBe(0);
    expect(duplicated).toBe(0);
    expect(storedAfdian).toHaveLength(genuineIds.size);
    expect(storedFanvue).toHaveLength(genuineMessages.size);
  }, 60_000);
});

describe('cancellation stays with its client', () => {
  let h: Harness;
  beforeAll(async () => {
    // Slow platforms and cold caches: the first calls share one-time lookups (a login, the bot's own id…).
    h = await startHarness({ latencyMs: 250 });
  });
  afterAll(() => h.close());

  it("one client cancelling its call never fails another client's call that shares the same first-use lookups", async () => {
    const fanbook = fanbookOf(h);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['afdian_query_orders', {}],
      ['fanvue_get_current_user', {}],
      ['fanbook_get_guild', { guild_id: seedOf(fanbook).main }],
      ['fresns_list_notifications', {}],
    ];
    const failed: string[] = [];
    for (const [i, [name, args]] of calls.entries()) {
      const canceller = await h.client(i % 2 ? 'legacy' : 'auto');
      const bystander = await h.client(i % 2 ? 'auto' : 'legacy');
      const controller = new AbortController();
      const cancelled = canceller.callTool({ name, arguments: args }, { signal: controller.signal }).then(
        () => 'finished',
        () => 'cancelled',
      );
      await new Promise((r) => setTimeout(r, 30));
      const other = bystander.callTool({ name, arguments: args }) as Promise<ToolResult>;
      await new Promise((r) => setTimeout(r, 120));
      controller.abort();
      expect(await cancelled).toBe('cancelled');
      const r = await other;
      if (r.isError) failed.push(`${name}: ${r.content?.[0]?.text}`);
    }
    recordFigure({ name: 'cancellations that failed another client', value: failed.length, goal: 0, detail: `${calls.length} first calls (one per platform) cancelled mid-lookup while another client waited on the same lookup` });
    expect(failed).toEqual([]);
  });
});
