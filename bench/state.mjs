// The state backends side by side (issue 13 item 6): one server on the file store and one on a
// private Redis (its own redis-server on a free port), in one process, against the same sandbox
// simulators, each through a real MCP client over HTTP. Figures:
//   - Redis round trips per tool call in steady state (goal <= 1), as the instance counts them
//     (Redis's INFO total_commands_processed also counts each command a script runs)
//   - call latency p50/mean, Redis store vs file store, interleaved blocks (goal <= 1.1x)
// Knobs: BENCH_STATE_CONTROL=1 runs the second server on the file store too (how far two
// identical servers differ on this machine); BENCH_STATE_DEBUG=1 prints p50 per tool.
// Run alone: node bench/state.mjs (after npm run build); npm run bench includes it (BENCH_STATE=0 skips).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createRuntime } from '../dist/runtime.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { startHttp } from '../dist/transports/http.js';
import { round, sleep, summarize } from './lib.mjs';

const TOKEN = 'bench-bearer-token-0123456789abcdef';
const SECRET = 'bench secret shared by every instance';
const CALLS = [
  { name: 'afdian_query_orders', arguments: { per_page: 5 } },
  { name: 'fanbook_get_me', arguments: {} },
  { name: 'fanvue_get_current_user', arguments: {} },
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startRedisServer(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', ''], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, child };
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

async function server(sandbox, stateDir, extra) {
  const rt = await createRuntime(
    { ...sandbox.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_PORT: '0', CREATOR_MCP_HTTP_TOKEN: TOKEN, CREATOR_MCP_LOG_LEVEL: 'error', CREATOR_MCP_SECRET_KEY: SECRET, ...extra },
    { logWrite: () => undefined },
  );
  const http = await startHttp(rt);
  const client = new Client({ name: 'creator-mcp-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  let i = 0;
  const byTool = {};
  return {
    byTool,
    rt,
    async call() {
      const c = CALLS[i++ % CALLS.length];
      const t0 = performance.now();
      const r = await client.callTool(c);
      const ms = performance.now() - t0;
      (byTool[c.name] ??= []).push(ms);
      if (r.isError) throw new Error(`${c.name}: ${r.content?.[0]?.text}`);
      return ms;
    },
    async close() {
      await client.close().catch(() => undefined);
      await http.close();
      await rt.state.close();
    },
  };
}

/** Returns null when redis-server is not installed (the figure is then reported as not measured). */
// Each server has its own simulators; 450 calls (150 on Fanvue, plus warm-up) stay under the Fanvue
// simulator's 200-per-60-s budget, so no 429 wait lands in either column.
export async function measureState({ n = 450, block = 25 } = {}) {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-state-'));
  const sandboxes = [await startSandbox({ only: ['afdian', 'fanbook', 'fanvue'] }), await startSandbox({ only: ['afdian', 'fanbook', 'fanvue'] })];
  const redis = await startRedisServer(dir);
  const servers = [];
  try {
    const file = await server(sandboxes[0], path.join(dir, 'file'), {});
    servers.push(file);
    const red = await server(sandboxes[1], path.join(dir, 'redis'), process.env.BENCH_STATE_CONTROL ? {} : { CREATOR_MCP_STORE: redis.url });
    servers.push(red);
    for (let i = 0; i < 15; i++) {
      await file.call();
      await red.call();
    }
    // Round trips as this instance sent them (Redis's own command count also counts every
    // command a script runs, which is not a round trip).
    const processed = async () => red.rt.state.commandsSent?.() ?? 0;
    const samples = { file: [], redis: [] };
    let redisCommands = 0;
    for (let r = 0; r * block < n; r++) {
      const order = r % 2 ? [['redis', red], ['file', file]] : [['file', file], ['redis', red]];
      for (const [name, s] of order) {
        const before = name === 'redis' ? await processed() : 0;
        for (let k = 0; k < block; k++) samples[name].push(await s.call());
        if (name === 'redis') redisCommands += (await processed()) - before;
      }
    }
    if (process.env.BENCH_STATE_DEBUG) {
      for (const [label, s] of [['file', file], ['redis', red]]) {
        for (const [tool, v] of Object.entries(s.byTool)) process.stderr.write(`${label} ${tool} p50 ${round(summarize(v).p50)}\n`);
      }
    }
    const f = summarize(samples.file);
    const rd = summarize(samples.redis);
    return {
      calls: samples.redis.length,
      tools: CALLS.map((c) => c.name),
      roundTripsPerCall: round(redisCommands / samples.redis.length, 3),
      file: { p50: round(f.p50), mean: round(f.mean) },
      redis: { p50: round(rd.p50), mean: round(rd.mean) },
      ratioP50: round(rd.p50 / f.p50),
      ratioMean: round(rd.mean / f.mean),
    };
  } finally {
    for (const s of servers) await s.close().catch(() => undefined);
    redis.child.kill('SIGKILL');
    for (const sb of sandboxes) await sb.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function stateLines(s) {
  if (!s) return ['state backends: not measured (redis-server is not on the PATH)'];
  const met = (v, t) => (v != null && v <= t ? 'met' : 'NOT met');
  return [
    `state backends (${s.calls} calls each, rotating ${s.tools.join(', ')}):`,
    `  Redis round trips per tool call (steady state, goal <=1): ${s.roundTripsPerCall} -> ${met(s.roundTripsPerCall, 1)}`,
    `  call latency Redis store vs file store in one run (goal <=1.1x): p50 ${s.redis.p50} vs ${s.file.p50} ms = ${s.ratioP50}x, mean ${s.redis.mean} vs ${s.file.mean} ms = ${s.ratioMean}x -> ${met(s.ratioP50, 1.1)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await measureState();
  process.stdout.write(`${stateLines(s).join('\n')}\n`);
  process.exit(0);
}
