// Part of `npm run bench` (and runnable alone after a build: `node bench/four-platforms.mjs`):
// what serving many clients costs when creator-mcp has all four platforms configured (every
// default toolset, 200+ tools) against the bare one-tool SDK server, in one run.
//
//   - HTTP throughput: C concurrent clients (default 8) each make the same afdian query in a
//     loop for a fixed number of calls; calls per second and server CPU ms per call.
//   - Cold start over stdio: spawn -> first tools/list result (median of alternating runs).
//
// Both servers answer from the same in-process Afdian simulator; the other three simulators run
// only so creator-mcp has those platforms configured (their tools are listed, not called).
// Goals (issue 13): calls/s >= 0.8x bare, CPU per call <= 1.25x bare, cold start <= 1.3x bare.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startSandbox } from '../dist/sandbox/index.js';
import { cpuMs, round, spawnHttpServer, stopChild, table } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BARE = path.join(ROOT, 'bench', 'bare-server.mjs');
const TOKEN = 'bench-bearer-token-0123456789abcdef';
const ARGS = { per_page: 5 };
export const FOUR_PLATFORM_GOALS = { callsPerSecond: 0.8, cpuPerCall: 1.25, coldStart: 1.3 };

function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(FANVUE|FANBOOK|FRESNS|AFDIAN|CREATOR_MCP|BARE)_/.test(k) && k !== 'NODE_OPTIONS'),
  );
}

async function client(url) {
  const c = new Client({ name: 'bench-four', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  return c;
}

/** C clients, each `perClient` calls back to back; the clock and the CPU counter span all of them. */
async function throughput(server, tool, concurrency, perClient) {
  const clients = await Promise.all(Array.from({ length: concurrency }, () => client(server.url)));
  try {
    const call = async (c) => {
      const r = await c.callTool({ name: tool, arguments: ARGS });
      if (r.isError) throw new Error(`${server.name} ${tool}: ${r.content?.[0]?.text}`);
    };
    for (const c of clients) for (let i = 0; i < 20; i++) await call(c);
    const cpu0 = await cpuMs(server.child.pid);
    const t0 = performance.now();
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < perClient; i++) await call(c);
    }));
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = await cpuMs(server.child.pid);
    const calls = concurrency * perClient;
    return { callsPerSecond: calls / seconds, cpuMsPerCall: cpu0 == null || cpu1 == null ? null : (cpu1 - cpu0) / calls };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  }
}

async function coldStart(args, env) {
  const transport = new StdioClientTransport({ command: process.execPath, args, env, cwd: ROOT, stderr: 'pipe' });
  const c = new Client({ name: 'bench-four', version: '1.0.0' });
  const t0 = performance.now();
  try {
    await c.connect(transport);
    const { tools } = await c.listTools();
    if (tools.length === 0) throw new Error('no tools listed');
    return { ms: performance.now() - t0, tools: tools.length };
  } finally {
    await c.close().catch(() => undefined);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureFourPlatforms({ concurrency = Number(process.env.BENCH_FOUR_C ?? 8), perClient = Number(process.env.BENCH_FOUR_N ?? 150), coldRuns = 5 } = {}) {
  const sandbox = await startSandbox({ latencyMs: 0 });
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-four-'));
  const afdian = sandbox.platforms.find((p) => p.platform === 'afdian');
  const base = { ...cleanEnv(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_LOG_LEVEL: 'error', FANBOOK_GATEWAY: 'off' };
  const creatorEnv = { ...base, ...sandbox.env, CREATOR_MCP_HTTP_TOKEN: TOKEN };
  const bareEnv = { ...base, AFDIAN_API_BASE_URL: afdian.env.AFDIAN_API_BASE_URL, AFDIAN_USER_ID: afdian.env.AFDIAN_USER_ID, AFDIAN_TOKEN: afdian.env.AFDIAN_TOKEN, BARE_HTTP_TOKEN: TOKEN };
  const servers = [];
  try {
    const creator = await spawnHttpServer({ name: 'creator-mcp', args: [CLI, 'serve', '--transport', 'http', '--port', '0'], env: creatorEnv, cwd: ROOT, matcher: /(http:\/\/127\.0\.0\.1:\d+\/mcp)/ });
    servers.push(creator);
    const bare = await spawnHttpServer({ name: 'bare', args: [BARE], env: bareEnv, cwd: ROOT, matcher: /(http:\/\/127\.0\.0\.1:\d+\/mcp)/ });
    servers.push(bare);
    // Alternate which server goes first so neither always meets a warmer machine.
    const runs = { creator: [], bare: [] };
    for (let round = 0; round < 2; round++) {
      const order = round % 2 === 0 ? ['creator', 'bare'] : ['bare', 'creator'];
      for (const k of order) {
        runs[k].push(await throughput(k === 'creator' ? creator : bare, k === 'creator' ? 'afdian_query_orders' : 'query_orders', concurrency, perClient));
      }
    }
    const sum = (k, f) => runs[k].reduce((a, r) => a + r[f], 0) / runs[k].length;
    const http = {
      creator: { callsPerSecond: round(sum('creator', 'callsPerSecond'), 1), cpuMsPerCall: round(sum('creator', 'cpuMsPerCall')) },
      bare: { callsPerSecond: round(sum('bare', 'callsPerSecond'), 1), cpuMsPerCall: round(sum('bare', 'cpuMsPerCall')) },
    };
    const cold = { creator: [], bare: [] };
    let listed = 0;
    for (let i = 0; i < coldRuns; i++) {
      const order = i % 2 === 0 ? ['creator', 'bare'] : ['bare', 'creator'];
      for (const k of order) {
        const r = k === 'creator' ? await coldStart([CLI, 'serve'], { ...base, ...sandbox.env }) : await coldStart([BARE, '--stdio'], bareEnv);
        cold[k].push(r.ms);
        if (k === 'creator') listed = r.tools;
      }
    }
    const ratios = {
      callsPerSecond: round(http.creator.callsPerSecond / http.bare.callsPerSecond),
      cpuPerCall: round(http.creator.cpuMsPerCall / http.bare.cpuMsPerCall),
      coldStart: round(median(cold.creator) / median(cold.bare)),
    };
    return {
      tools: listed,
      concurrency,
      calls: concurrency * perClient * 2,
      http,
      coldStartMs: { creator: round(median(cold.creator), 1), bare: round(median(cold.bare), 1) },
      ratios,
      goals: FOUR_PLATFORM_GOALS,
      met: {
        callsPerSecond: ratios.callsPerSecond >= FOUR_PLATFORM_GOALS.callsPerSecond,
        cpuPerCall: ratios.cpuPerCall <= FOUR_PLATFORM_GOALS.cpuPerCall,
        coldStart: ratios.coldStart <= FOUR_PLATFORM_GOALS.coldStart,
      },
    };
  } finally {
    await Promise.all(servers.map((s) => stopChild(s.child)));
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

export function fourPlatformsTable(r) {
  const ok = (b) => (b ? 'met' : 'NOT met');
  return table([
    ['four platforms configured', 'creator-mcp', 'bare', 'ratio', 'goal'],
    [`HTTP calls/s (${r.concurrency} clients)`, r.http.creator.callsPerSecond, r.http.bare.callsPerSecond, `${r.ratios.callsPerSecond}x`, `>= ${r.goals.callsPerSecond}x ${ok(r.met.callsPerSecond)}`],
    ['server CPU ms per call', r.http.creator.cpuMsPerCall, r.http.bare.cpuMsPerCall, `${r.ratios.cpuPerCall}x`, `<= ${r.goals.cpuPerCall}x ${ok(r.met.cpuPerCall)}`],
    [`cold start to tools/list (${r.tools} tools), ms`, r.coldStartMs.creator, r.coldStartMs.bare, `${r.ratios.coldStart}x`, `<= ${r.goals.coldStart}x ${ok(r.met.coldStart)}`],
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await measureFourPlatforms();
  console.log(fourPlatformsTable(r));
}
