#!/usr/bin/env node
// Diagnostic companion of bench/run.mjs: the same tools/call, but everything in ONE process with
// a canned upstream answer, so the server-side CPU cost per request can be compared without
// sockets, child processes or machine noise. Not part of `npm run bench`; run it after a build:
//
//   node bench/diag/inproc.mjs            # per-request costs, creator-mcp vs bare, and the pieces
//   node --cpu-prof --cpu-prof-dir=bench/results/prof bench/diag/inproc.mjs
//   FOUR=1 node bench/diag/inproc.mjs    # all four platforms configured (the others' simulators
//                                        # run only so their tools and secrets exist; never called)
//
// Pieces timed separately: the server factory (McpServer + registerTool for every tool), the
// tools/list conversion, the tool handler's own work (sign + fetch + unwrap + shape + redact).
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { MemoryTokenStore } from '../../dist/auth/token-store.js';
import { createRuntime } from '../../dist/runtime.js';
import { createAfdianSimulator } from '../../dist/sandbox/afdian/index.js';
import { createServer } from '../../dist/server.js';
import { toToolResult } from '../../dist/tools/result.js';
import { createBareServer } from '../bare-server.mjs';
import { summarize, table } from '../lib.mjs';

const ITER = Number(process.env.INPROC_N ?? 2000);
const ARGS = { per_page: 5 };

// One real answer from the simulator, replayed by a stub fetch: the upstream costs nothing.
const sim = createAfdianSimulator({ latencyMs: 0 });
await sim.start();
const { userId, token } = sim.credentials;
const params = JSON.stringify(ARGS);
const ts = Math.floor(Date.now() / 1000);
const canned = await (
  await fetch(`${sim.baseUrl}/api/open/query-order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: userId, params, ts, sign: createHash('md5').update(`${token}params${params}ts${ts}user_id${userId}`).digest('hex') }),
  })
).text();
await sim.stop();
const stubFetch = async () => new Response(canned, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });

const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-inproc-'));
const others = process.env.FOUR ? await (await import('../../dist/sandbox/index.js')).startSandbox({ latencyMs: 0, only: ['fanvue', 'fanbook', 'fresns'] }) : undefined;
const rt = await createRuntime(
  { ...(others?.env ?? {}), FANBOOK_GATEWAY: 'off', AFDIAN_API_BASE_URL: 'http://upstream.invalid', AFDIAN_USER_ID: userId, AFDIAN_TOKEN: token, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_TOKEN: 'bench-bearer-token-0123456789abcdef' },
  { store: new MemoryTokenStore(), fetch: stubFetch, logWrite: () => undefined },
);
const bareCfg = { baseUrl: 'http://upstream.invalid', userId, token, fetch: stubFetch };
const factories = { creator: () => createServer(rt), bare: () => createBareServer(bareCfg) };

async function time(fn, n = ITER) {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const s = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    s.push(performance.now() - t0);
  }
  return summarize(s);
}

const results = {};
const record = (label, c, b) => (results[label] = { creator: c, bare: b });

// 1. factory alone
record('factory (new McpServer + register)', await time(factories.creator), await time(factories.bare));

// 2. tools/list handler alone (zod -> JSON Schema on a fresh instance, as per request)
const listOnce = async (factory) => {
  const server = factory();
  const [c, s] = (await import('@modelcontextprotocol/server')).InMemoryTransport.createLinkedPair();
  await server.connect(s);
  const client = new Client({ name: 'inproc', version: '1' });
  await client.connect(c);
  await client.listTools();
  await client.close();
};
record('in-memory connect + tools/list (fresh server)', await time(() => listOnce(factories.creator), 300), await time(() => listOnce(factories.bare), 300));

// 3. full HTTP handler path, legacy and modern, client -> handler.fetch in-process
for (const mode of ['legacy', 'auto']) {
  const per = {};
  for (const [k, factory] of Object.entries(factories)) {
    const handler = createMcpHandler(factory);
    const client = new Client({ name: 'inproc', version: '1' }, mode === 'legacy' ? {} : { versionNegotiation: { mode } });
    // (the client's long-lived abort signal is not forwarded: every Request would add a listener to it)
    await client.connect(new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), { fetch: (url, { signal: _signal, ...init } = {}) => handler.fetch(new Request(url, init)) }));
    const name = k === 'creator' ? 'afdian_query_orders' : 'query_orders';
    per[k] = await time(async () => {
      const r = await client.callTool({ name, arguments: ARGS });
      if (r.isError) throw new Error(r.content[0].text);
    });
    await client.close();
    await handler.close();
  }
  record(`tools/call via handler.fetch (${mode === 'legacy' ? '2025' : '2026'} era)`, per.creator, per.bare);
}

// 4. the tool handler's own work, outside MCP
const creatorClient = rt.enabled.get('afdian').client;
const op = rt.enabled.get('afdian').platform.operations.find((o) => o.name === 'query_orders');
record(
  'handler work (sign+fetch+unwrap+shape+result)',
  await time(async () => toToolResult(op.shape(await creatorClient.call(op, ARGS), ARGS), rt.secrets)),
  await time(async () => {
    const res = await stubFetch();
    const data = (await res.json()).data;
    return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
  }),
);
const data = op.shape(await creatorClient.call(op, ARGS), ARGS);
record(
  'result building (toToolResult vs JSON.stringify)',
  await time(() => toToolResult(data, rt.secrets), 5000),
  await time(() => ({ content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data }), 5000),
);

const rows = [['in-process, per operation (ms)', 'creator p50', 'bare p50', 'creator mean', 'bare mean', 'diff p50']];
for (const [label, { creator, bare }] of Object.entries(results)) {
  rows.push([label, creator.p50.toFixed(4), bare.p50.toFixed(4), creator.mean.toFixed(4), bare.mean.toFixed(4), (creator.p50 - bare.p50).toFixed(4)]);
}
process.stdout.write(`${table(rows)}\n(n=${ITER} unless noted; upstream is a canned in-memory Response)\n`);
process.stdout.write(`(${rt.tools.length} tools configured, ${rt.secrets.size} secret forms registered)\n`);
await others?.stop();
await rm(stateDir, { recursive: true, force: true });
