#!/usr/bin/env node
// `npm run bench`: creator-mcp side by side with a bare MCP SDK v2 server (bench/bare-server.mjs)
// in one run, both against ONE in-process Afdian simulator (latency 0).
//
//   1. tools/call round trip over Streamable HTTP (p50/p99), interleaved blocks of 50
//   2. cold start over stdio: spawn -> first tools/list result (median/min of 7, alternating)
//   3. tools/list size (bytes of the result JSON, tools, bytes per tool)
//   4. idle RSS of each HTTP server child after the calls and 1 s idle
//   5. tokens (o200k): the tool catalog (all tools, per platform, mean/max per tool), search mode and
//      the default tools/list, and every AutomationContext on the seed and the ten-times seed
//
// It reports and never fails on a missed target; the exit code is non-zero only on a crash.
// Figures go to stdout (table) and bench/results/latest.json.
//
// "server CPU ms per call" is the CPU time (all threads, /proc/<pid>/task/*/schedstat) each
// server process spent during the measured calls divided by their number: unlike wall time it
// hardly moves with what else runs on the machine, so it is the figure to trust on a busy box.
//
//   7. bounded resources (bench/bounds.mjs): server peak RSS during a 2 GiB upload per platform
//      that uploads local files and for a 400 MiB upstream answer; tools/call p50/p99 with and
//      without 1,000 slow webhook clients (skip with BENCH_BOUNDS=0; finer knobs there)
//   8. four platforms configured (bench/four-platforms.mjs): HTTP calls/s and server CPU per call
//      with 8 clients, and cold start to the first tools/list, against the bare server
//      (skip with BENCH_FOUR=0)
//   9. state backends (bench/state.mjs, its own redis-server on a free port): Redis round trips per
//      tool call in steady state (goal <= 1) and call latency Redis store vs file store in one run
//      (goal <= 1.1x); skip with BENCH_STATE=0, not measured when redis-server is missing
//
// Env knobs: BENCH_N (measured calls per server, default 400), BENCH_CPU_PROF=<dir> (run the
// HTTP children under --cpu-prof; profiles are written there when they stop; summarise one with
// bench/diag/prof-summary.mjs). Attribution tools: bench/diag/variants.mjs, bench/diag/inproc.mjs.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createAfdianSimulator } from '../dist/sandbox/afdian/index.js';
import { VERSION } from '../dist/version.js';
import { cpuMs, round, rssMiB, sleep, spawnHttpServer, stopChild, summarize, table } from './lib.mjs';
import { measureFanvueContext } from './context.mjs';
import { measureContextTokens } from './context-tokens.mjs';
import { CATALOG_BUDGET, measureCatalogTokens } from './catalog-tokens.mjs';
import { SEARCH_BUDGET, measureSearchTokens } from './search-tokens.mjs';
import { measureBounds } from './bounds.mjs';
import { fourPlatformsTable, measureFourPlatforms } from './four-platforms.mjs';
import { measureState, stateLines } from './state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BARE = path.join(ROOT, 'bench', 'bare-server.mjs');
const RESULTS = path.join(ROOT, 'bench', 'results', 'latest.json');

const WARMUP = 50;
const N = Number(process.env.BENCH_N ?? 400);
const BLOCK = 50;
const COLD_RUNS = 7;
const TOKEN = 'bench-bearer-token-0123456789abcdef';
const CALL_ARGS = { per_page: 5 };
const TARGETS = { roundTripP50: 1.05, coldStartMedian: 1.3 };

const started = performance.now();
const cleanup = [];
let crashed = false;

function childEnv(sim, stateDir, extra = {}) {
  // Nothing from the user's shell may change what is measured (platform logins, log level, filters).
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(FANVUE|FANBOOK|FRESNS|AFDIAN|CREATOR_MCP|BARE)_/.test(k) && k !== 'NODE_OPTIONS'),
  );
  const c = sim.credentials;
  return {
    ...kept,
    AFDIAN_API_BASE_URL: sim.baseUrl,
    AFDIAN_USER_ID: c.userId,
    AFDIAN_TOKEN: c.token,
    AFDIAN_WEBHOOK_PUBLIC_KEY: c.webhookPublicKeyPem,
    CREATOR_MCP_STATE_DIR: stateDir,
    ...extra,
  };
}

async function connectHttp(url, mode) {
  const client = new Client({ name: 'creator-mcp-bench', version: '1.0.0' }, mode === 'legacy' ? {} : { versionNegotiation: { mode } });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  cleanup.push(() => client.close().catch(() => undefined));
  return client;
}

async function timedCall(client, name) {
  const t0 = performance.now();
  const result = await client.callTool({ name, arguments: CALL_ARGS });
  const ms = performance.now() - t0;
  if (result.isError) throw new Error(`${name} failed: ${result.content?.[0]?.text}`);
  const list = result.structuredContent?.list;
  if (!Array.isArray(list) || list.length !== CALL_ARGS.per_page) throw new Error(`${name}: unexpected result ${JSON.stringify(result).slice(0, 200)}`);
  return ms;
}

/**
 * Warm-up, then N calls per participant in alternating blocks (the lead swaps every round).
 * A participant with a `pid` also gets the CPU time its server process spent per measured call.
 */
async function interleaved(participants) {
  for (const p of participants) for (let i = 0; i < WARMUP; i++) await p.call();
  const samples = participants.map(() => []);
  const cpu0 = await Promise.all(participants.map((p) => (p.pid ? cpuMs(p.pid) : null)));
  for (let round = 0; round * BLOCK < N; round++) {
    const order = round % 2 === 0 ? participants.map((_, i) => i) : participants.map((_, i) => i).reverse();
    for (const i of order) {
      const n = Math.min(BLOCK, N - round * BLOCK);
      for (let k = 0; k < n; k++) samples[i].push(await participants[i].call());
    }
  }
  const cpu1 = await Promise.all(participants.map((p) => (p.pid ? cpuMs(p.pid) : null)));
  return samples.map((s, i) => ({
    ...summarize(s),
    serverCpuMsPerCall: cpu0[i] == null || cpu1[i] == null ? null : (cpu1[i] - cpu0[i]) / s.length,
  }));
}

/** A signed query-order straight to the simulator: the floor both MCP servers sit on. */
function directCaller(sim) {
  const { userId, token } = sim.credentials;
  return async () => {
    const params = JSON.stringify(CALL_ARGS);
    const ts = Math.floor(Date.now() / 1000);
    const sign = createHash('md5').update(`${token}params${params}ts${ts}user_id${userId}`, 'utf8').digest('hex');
    const t0 = performance.now();
    const res = await fetch(`${sim.baseUrl}/api/open/query-order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ user_id: userId, params, ts, sign }),
    });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (body.ec !== 200) throw new Error(`direct query-order: ec ${body.ec} ${body.em}`);
    return ms;
  };
}

async function coldStart(spec, env) {
  const transport = new StdioClientTransport({ command: process.execPath, args: spec.args, env, cwd: ROOT, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => {
    stderr += d;
  });
  const client = new Client({ name: 'creator-mcp-bench', version: '1.0.0' });
  const t0 = performance.now();
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const ms = performance.now() - t0;
    if (tools.length === 0) throw new Error('no tools listed');
    return ms;
  } catch (err) {
    throw new Error(`${spec.name} stdio cold start: ${err.message}\n--- stderr ---\n${stderr}`, { cause: err });
  } finally {
    await client.close().catch(() => undefined);
  }
}

function listSize(result) {
  const bytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
  return { bytes, tools: result.tools.length, bytesPerTool: Math.round(bytes / result.tools.length) };
}

async function main() {
  const sim = createAfdianSimulator({ latencyMs: 0 });
  await sim.start();
  cleanup.push(() => sim.stop());
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-'));
  cleanup.push(() => rm(stateDir, { recursive: true, force: true }));
  const profDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

  // ---- HTTP servers --------------------------------------------------------------------------
  const [creator, bare] = await Promise.all([
    spawnHttpServer({
      name: 'creator-mcp',
      args: [...prof, CLI, 'serve', '--transport', 'http', '--port', '0'],
      env: childEnv(sim, path.join(stateDir, 'http'), { CREATOR_MCP_HTTP_TOKEN: TOKEN }),
      cwd: ROOT,
      matcher: /creator-mcp listening on (\S+)/,
    }),
    spawnHttpServer({
      name: 'bare',
      args: [...prof, BARE],
      env: childEnv(sim, stateDir, { BARE_HTTP_TOKEN: TOKEN }),
      cwd: ROOT,
      matcher: /bare listening on (\S+)/,
    }),
  ]);
  cleanup.push(() => stopChild(creator.child), () => stopChild(bare.child));
  await sleep(200);
  const rssStart = { creator: await rssMiB(creator.child.pid), bare: await rssMiB(bare.child.pid) };

  const cl = { creator: await connectHttp(creator.url, 'legacy'), bare: await connectHttp(bare.url, 'legacy') };

  // 3. tools/list size
  const lists = { creator: await cl.creator.listTools(), bare: await cl.bare.listTools() };
  const size = { creator: listSize(lists.creator), bare: listSize(lists.bare) };
  const creatorQO = lists.creator.tools.find((t) => t.name === 'afdian_query_orders');
  if (!creatorQO) throw new Error('creator-mcp does not list afdian_query_orders');
  size.creator.queryOrdersBytes = Buffer.byteLength(JSON.stringify(creatorQO));
  size.bare.queryOrdersBytes = Buffer.byteLength(JSON.stringify(lists.bare.tools[0]));

  // 1. round trip, legacy (2025) era, with the direct upstream call as the floor
  const [rtCreator, rtBare, rtDirect] = await interleaved([
    { call: () => timedCall(cl.creator, 'afdian_query_orders'), pid: creator.child.pid },
    { call: () => timedCall(cl.bare, 'query_orders'), pid: bare.child.pid },
    { call: directCaller(sim) },
  ]);

  // 1b. round trip, modern era (versionNegotiation auto), secondary
  let modern;
  try {
    const cm = { creator: await connectHttp(creator.url, 'auto'), bare: await connectHttp(bare.url, 'auto') };
    const [c, b] = await interleaved([
      { call: () => timedCall(cm.creator, 'afdian_query_orders'), pid: creator.child.pid },
      { call: () => timedCall(cm.bare, 'query_orders'), pid: bare.child.pid },
    ]);
    modern = { creator: c, bare: b, era: { creator: cm.creator.getNegotiatedProtocolVersion?.(), bare: cm.bare.getNegotiatedProtocolVersion?.() } };
  } catch (err) {
    modern = { error: err instanceof Error ? err.message : String(err) };
  }

  // 4. idle memory
  await sleep(1_000);
  const rssIdle = { creator: await rssMiB(creator.child.pid), bare: await rssMiB(bare.child.pid) };

  // Free the CPU before timing cold starts.
  for (const fn of cleanup.splice(2).reverse()) await fn();

  // 2. cold start over stdio, alternating which goes first
  const specs = {
    creator: { name: 'creator-mcp', args: [CLI, 'serve'] },
    bare: { name: 'bare', args: [BARE, '--stdio'] },
  };
  const cold = { creator: [], bare: [] };
  const stdioEnv = childEnv(sim, path.join(stateDir, 'stdio'));
  for (let i = 0; i < COLD_RUNS; i++) {
    const order = i % 2 === 0 ? ['creator', 'bare'] : ['bare', 'creator'];
    for (const k of order) cold[k].push(await coldStart(specs[k], stdioEnv));
  }
  const coldS = { creator: summarize(cold.creator), bare: summarize(cold.bare) };

  // 5. AutomationContext (Fanvue): upstream requests and wall time with 50 ms upstream latency
  const context = await measureFanvueContext({ latencyMs: 50 });

  // 6. AutomationContext tokens on the seed and the ten-times seed
  const contextTokens = await measureContextTokens();
  // 6. Catalog tokens (o200k) of every tool as tools/list sends it, from the reviewed snapshots
  const catalog = measureCatalogTokens();
  // Search mode (and the default list): what tools/list costs with the catalog behind creator_find_tools
  const searchTokens = await measureSearchTokens();
  // 7. Bounded resources: each in its own server child, after everything timed above.
  const bounds = await measureBounds({ cli: CLI, cwd: ROOT });
  // 8. Serving many clients with all four platforms configured (issue 13's per-request goals).
  const four = process.env.BENCH_FOUR === '0' ? null : await measureFourPlatforms();
  // 9. The state backends: file store against Redis store.
  const state = process.env.BENCH_STATE === '0' ? undefined : await measureState();

  // ---- report --------------------------------------------------------------------------------
  const ratio = (a, b) => (a == null || b == null || !b ? null : a / b);
  const r2 = (v) => (v == null ? 'n/a' : `${v.toFixed(2)}x`);
  const f = (v, d = 2) => (v == null || !Number.isFinite(v) ? 'n/a' : v.toFixed(d));
  const rows = [['metric', 'creator-mcp', 'bare', 'creator/bare']];
  const row = (label, c, b, d = 2) => rows.push([label, f(c, d), f(b, d), r2(ratio(c, b))]);
  row(`round trip p50 ms (2025 era, n=${rtCreator.n})`, rtCreator.p50, rtBare.p50, 3);
  row(`round trip p99 ms (2025 era, n=${rtCreator.n})`, rtCreator.p99, rtBare.p99, 3);
  row('round trip mean ms (2025 era)', rtCreator.mean, rtBare.mean, 3);
  row('server CPU ms per call (2025 era)', rtCreator.serverCpuMsPerCall, rtBare.serverCpuMsPerCall, 3);
  if (modern.creator) {
    row(`round trip p50 ms (2026 era, n=${modern.creator.n})`, modern.creator.p50, modern.bare.p50, 3);
    row(`round trip p99 ms (2026 era, n=${modern.creator.n})`, modern.creator.p99, modern.bare.p99, 3);
    row('server CPU ms per call (2026 era)', modern.creator.serverCpuMsPerCall, modern.bare.serverCpuMsPerCall, 3);
  }
  row(`cold start median ms (stdio, n=${COLD_RUNS})`, coldS.creator.p50, coldS.bare.p50, 1);
  row(`cold start min ms (stdio, n=${COLD_RUNS})`, coldS.creator.min, coldS.bare.min, 1);
  row('tools/list bytes', size.creator.bytes, size.bare.bytes, 0);
  row('tools/list tools', size.creator.tools, size.bare.tools, 0);
  row('tools/list bytes per tool', size.creator.bytesPerTool, size.bare.bytesPerTool, 0);
  row('query_orders tool bytes', size.creator.queryOrdersBytes, size.bare.queryOrdersBytes, 0);
  row('RSS MiB at start (HTTP)', rssStart.creator, rssStart.bare, 1);
  row('RSS MiB idle after calls (HTTP)', rssIdle.creator, rssIdle.bare, 1);

  const rtRatio = ratio(rtCreator.p50, rtBare.p50);
  const coldRatio = ratio(coldS.creator.p50, coldS.bare.p50);
  const met = (v, t) => (v != null && v <= t ? 'met' : 'NOT met');
  const targets = {
    roundTripP50: { target: TARGETS.roundTripP50, ratio: round(rtRatio), status: met(rtRatio, TARGETS.roundTripP50) },
    coldStartMedian: { target: TARGETS.coldStartMedian, ratio: round(coldRatio), status: met(coldRatio, TARGETS.coldStartMedian) },
  };

  const out = [
    `creator-mcp ${VERSION} vs bare SDK v2 server — node ${process.version}, ${os.cpus().length} CPU, Afdian simulator latency 0`,
    '',
    table(rows),
    '',
    `direct upstream (signed fetch to the simulator, no MCP): p50 ${f(rtDirect.p50, 3)} ms, p99 ${f(rtDirect.p99, 3)} ms`,
    modern.error ? `2026 era: not measured (${modern.error})` : `2026 era negotiated: creator-mcp ${modern.era.creator ?? '?'}, bare ${modern.era.bare ?? '?'}`,
    `cold start runs ms: creator-mcp [${cold.creator.map((v) => v.toFixed(0)).join(', ')}], bare [${cold.bare.map((v) => v.toFixed(0)).join(', ')}]`,
    `fanvue://automation-context at ${context.latencyMs} ms upstream latency (n=${context.runs}): ${context.requests} upstream requests (minimum ${context.minimumRequests}), wall p50 ${f(context.wallP50Ms, 1)} ms against a critical path of ${context.criticalPathMs} ms (${r2(ratio(context.wallP50Ms, context.criticalPathMs))})`,
    '',
    catalog.text,
    searchTokens.text,
    contextTokens.text,
    '',
    'bounded resources (server process; VmHWM from /proc):',
    ...bounds.lines.map((l) => `  ${l}`),
    '',
    ...(four ? [fourPlatformsTable(four), ''] : []),
    ...(state === undefined ? [] : [...stateLines(state), '']),
    'targets:',
    `  round trip p50 <= ${TARGETS.roundTripP50}x bare: ${r2(rtRatio)} -> ${targets.roundTripP50.status}`,
    `  cold start median <= ${TARGETS.coldStartMedian}x bare: ${r2(coldRatio)} -> ${targets.coldStartMedian.status}`,
    `  catalog mean <= ${CATALOG_BUDGET.mean} and max <= ${CATALOG_BUDGET.max} tokens: mean ${catalog.mean}, max ${catalog.max.tokens} -> ${catalog.met ? 'met' : 'NOT met'}`,
    `  search mode <= ${SEARCH_BUDGET} tokens: ${searchTokens.search.tokens} -> ${searchTokens.met ? 'met' : 'NOT met'}`,
    `  contexts within budget on both seeds: ${contextTokens.met ? 'met' : 'NOT met'}`,
    '',
    `total bench time ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${path.relative(process.cwd(), RESULTS)}`,
  ].join('\n');
  process.stdout.write(`${out}\n`);

  const sum = (s) =>
    s
      ? {
          n: s.n,
          p50: round(s.p50),
          p99: round(s.p99),
          mean: round(s.mean),
          min: round(s.min),
          max: round(s.max),
          ...(s.serverCpuMsPerCall !== undefined ? { serverCpuMsPerCall: round(s.serverCpuMsPerCall, 4) } : {}),
        }
      : null;
  const json = {
    generatedAt: new Date().toISOString(),
    creatorMcpVersion: VERSION,
    node: process.version,
    platform: `${process.platform} ${os.arch()}`,
    cpus: os.cpus().length,
    config: { warmup: WARMUP, n: N, block: BLOCK, coldRuns: COLD_RUNS, upstreamLatencyMs: 0, callArgs: CALL_ARGS },
    roundTripMs: {
      legacy: { creator: sum(rtCreator), bare: sum(rtBare), ratioP50: round(rtRatio), ratioP99: round(ratio(rtCreator.p99, rtBare.p99)) },
      modern: modern.error
        ? { error: modern.error }
        : { creator: sum(modern.creator), bare: sum(modern.bare), ratioP50: round(ratio(modern.creator.p50, modern.bare.p50)), era: modern.era },
      directUpstream: sum(rtDirect),
    },
    coldStartMs: {
      creator: { ...sum(coldS.creator), runs: cold.creator.map((v) => round(v, 1)) },
      bare: { ...sum(coldS.bare), runs: cold.bare.map((v) => round(v, 1)) },
      ratioMedian: round(coldRatio),
      ratioMin: round(ratio(coldS.creator.min, coldS.bare.min)),
    },
    toolsList: { creator: size.creator, bare: size.bare, ratioBytes: round(ratio(size.creator.bytes, size.bare.bytes)), ratioBytesPerTool: round(ratio(size.creator.bytesPerTool, size.bare.bytesPerTool)) },
    rssMiB: {
      start: { creator: round(rssStart.creator, 1), bare: round(rssStart.bare, 1) },
      idle: { creator: round(rssIdle.creator, 1), bare: round(rssIdle.bare, 1), ratio: round(ratio(rssIdle.creator, rssIdle.bare)) },
    },
    catalogTokens: { tools: catalog.tools, total: catalog.total, mean: catalog.mean, max: catalog.max, overMax: catalog.over, withinBudget: catalog.met, budget: CATALOG_BUDGET, platforms: catalog.platforms.map((p) => ({ ...p, max: p.max.tokens })) },
    automationContext: { fanvue: { ...context, wallP50Ms: round(context.wallP50Ms), wallMinMs: round(context.wallMinMs) } },
    searchModeTokens: { listed: searchTokens.search.tools, reachable: searchTokens.search.exposed, tokens: searchTokens.search.tokens, withinBudget: searchTokens.met, defaultList: searchTokens.defaults },
    contextTokens: { seed: contextTokens.seed, tenTimesSeed: contextTokens.tenfold, withinBudget: contextTokens.met },
    bounds: bounds.json,
    fourPlatforms: four,
    stateBackends: state ?? null,
    targets,
  };
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
}

try {
  await main();
} catch (err) {
  crashed = true;
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
} finally {
  for (const fn of cleanup.reverse()) {
    try {
      await fn();
    } catch {
      // best effort
    }
  }
}
process.exit(crashed ? 1 : 0);
