#!/usr/bin/env node
// Diagnostic: runs bench/bare-server.mjs (twice: the second copy shows the noise floor) and
// several bench/diag/variant-server.mjs variants side by side against one Afdian simulator,
// interleaving blocks of 50 afdian_query_orders calls, and prints per server the round-trip
// p50/mean and the CPU time the server process spent per call (all threads, /proc schedstat).
// Server CPU per call is the robust figure on a shared machine; wall time follows it.
//
//   npm run build && node bench/diag/variants.mjs
//   VARIANTS='A:,J:custom+jsonresult' N=1500 MODE=auto GC=1 node bench/diag/variants.mjs
//
// VARIANTS: comma list of label:flags (flags joined by '+', see variant-server.mjs);
// N: measured calls per server (default 1500); MODE: legacy (default) or auto (2026 era);
// GC=1: also print GC counts/time (kind 1 scavenge, 4 mark-sweep, 8 incremental) per server.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createAfdianSimulator } from '../../dist/sandbox/afdian/index.js';
import { cpuMs, spawnHttpServer, stopChild, summarize } from '../lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.env.N ?? 1500);
const BLOCK = 50;
const TOKEN = 'bench-bearer-token-0123456789abcdef';
const MODE = process.env.MODE ?? 'legacy';
const VARIANTS = process.env.VARIANTS ?? 'A:,D:custom,J:custom+jsonresult,M:custom+manualsignal,JM:custom+jsonresult+manualsignal';
const gcArgs = process.env.GC ? ['--import', path.join(ROOT, 'bench/diag/gcstats.mjs')] : [];

const sim = createAfdianSimulator({ latencyMs: 0 });
await sim.start();
const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-variants-'));
const c = sim.credentials;
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  AFDIAN_API_BASE_URL: sim.baseUrl,
  AFDIAN_USER_ID: c.userId,
  AFDIAN_TOKEN: c.token,
  AFDIAN_WEBHOOK_PUBLIC_KEY: c.webhookPublicKeyPem,
  CREATOR_MCP_STATE_DIR: stateDir,
  CREATOR_MCP_HTTP_TOKEN: TOKEN,
  BARE_HTTP_TOKEN: TOKEN,
};
const specs = [
  { label: 'bare', tool: 'query_orders', args: [...gcArgs, path.join(ROOT, 'bench/bare-server.mjs')], matcher: /bare listening on (\S+)/ },
  { label: 'bare (second copy)', tool: 'query_orders', args: [...gcArgs, path.join(ROOT, 'bench/bare-server.mjs')], matcher: /bare listening on (\S+)/ },
  ...VARIANTS.split(',').map((s) => {
    const [label, flags = ''] = s.split(':');
    return {
      label: `${label} (${flags.replace(/\+/g, ',') || 'creator-mcp as-is'})`,
      tool: 'afdian_query_orders',
      args: [...gcArgs, path.join(ROOT, 'bench/diag/variant-server.mjs')],
      env: { VARIANT: flags.replace(/\+/g, ',') },
      matcher: /variant listening on (\S+)/,
    };
  }),
];

const servers = [];
try {
  for (const spec of specs) {
    const srv = await spawnHttpServer({ name: spec.label, args: spec.args, env: { ...env, ...spec.env }, cwd: ROOT, matcher: spec.matcher });
    const client = new Client({ name: 'variants', version: '1.0.0' }, MODE === 'legacy' ? {} : { versionNegotiation: { mode: MODE } });
    await client.connect(new StreamableHTTPClientTransport(new URL(srv.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    servers.push({ ...spec, srv, client, samples: [] });
  }
  const call = async (s) => {
    const t0 = performance.now();
    const r = await s.client.callTool({ name: s.tool, arguments: { per_page: 5 } });
    if (r.isError) throw new Error(`${s.label}: ${r.content?.[0]?.text}`);
    return performance.now() - t0;
  };
  for (const s of servers) for (let i = 0; i < 100; i++) await call(s);
  for (const s of servers) s.cpu0 = await cpuMs(s.srv.child.pid);
  for (let round = 0; round * BLOCK < N; round++) {
    for (const s of round % 2 ? [...servers].reverse() : servers) for (let k = 0; k < BLOCK; k++) s.samples.push(await call(s));
  }
  for (const s of servers) s.cpu = ((await cpuMs(s.srv.child.pid)) - s.cpu0) / s.samples.length;
  const bare = servers[0];
  process.stdout.write(`${MODE} era, ${N} calls per server, node ${process.version}, ${os.cpus().length} CPU\n`);
  for (const s of servers) {
    const st = summarize(s.samples);
    const d = s.cpu - bare.cpu;
    process.stdout.write(
      `${s.label.padEnd(48)} p50 ${st.p50.toFixed(3)} (${(st.p50 / summarize(bare.samples).p50).toFixed(2)}x)  mean ${st.mean.toFixed(3)}  server CPU/call ${s.cpu.toFixed(3)} ms (${d >= 0 ? '+' : ''}${d.toFixed(3)})\n`,
    );
  }
} finally {
  for (const s of servers) {
    await s.client.close().catch(() => undefined);
    await stopChild(s.srv.child);
    const extra = [/GCSTATS.*/.exec(s.srv.stderr())?.[0], /TIMING.*/.exec(s.srv.stderr())?.[0]].filter(Boolean).join(' ');
    if (extra) process.stdout.write(`${s.label.padEnd(48)} ${extra}\n`);
  }
  await sim.stop();
  await rm(stateDir, { recursive: true, force: true });
}
