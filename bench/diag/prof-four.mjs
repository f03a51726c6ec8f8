#!/usr/bin/env node
// Diagnostic: profiles the creator-mcp HTTP server with all four platforms configured while C
// clients call afdian_query_orders (the four-platforms bench's load), then writes the server's
// .cpuprofile for bench/diag/prof-summary.mjs. Not part of `npm run bench`.
//
//   npm run build && node bench/diag/prof-four.mjs [out-dir=bench/results/prof] [N=300 per client]
//   BARE=1 node bench/diag/prof-four.mjs ...   (the bare SDK server under the same load)
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startSandbox } from '../../dist/sandbox/index.js';
import { spawnHttpServer, stopChild } from '../lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'bench/results/prof'));
const N = Number(process.argv[3] ?? 300);
const C = 8;
const BARE = process.env.BARE === '1';
const TOKEN = 'bench-bearer-token-0123456789abcdef';

const sandbox = await startSandbox({ latencyMs: 0 });
const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-prof-four-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(FANVUE|FANBOOK|FRESNS|AFDIAN|CREATOR_MCP)_/.test(k) && k !== 'NODE_OPTIONS'));
Object.assign(env, sandbox.env, { CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_LOG_LEVEL: 'error', FANBOOK_GATEWAY: 'off', CREATOR_MCP_HTTP_TOKEN: TOKEN });
const afdian = sandbox.platforms.find((p) => p.platform === 'afdian');
Object.assign(env, { BARE_HTTP_TOKEN: TOKEN, AFDIAN_API_BASE_URL: afdian.env.AFDIAN_API_BASE_URL });
const target = BARE ? [path.join(ROOT, 'bench/bare-server.mjs')] : [path.join(ROOT, 'dist/cli.js'), 'serve', '--transport', 'http', '--port', '0'];
const server = await spawnHttpServer({
  name: BARE ? 'bare' : 'creator-mcp',
  args: ['--cpu-prof', `--cpu-prof-dir=${OUT}`, ...target],
  env,
  cwd: ROOT,
  matcher: /(http:\/\/127\.0\.0\.1:\d+\/mcp)/,
});
try {
  const clients = await Promise.all(
    Array.from({ length: C }, async () => {
      const c = new Client({ name: 'prof-four', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      await c.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
      return c;
    }),
  );
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < N; i++) {
        const r = await c.callTool({ name: BARE ? 'query_orders' : 'afdian_query_orders', arguments: { per_page: 5 } });
        if (r.isError) throw new Error(r.content?.[0]?.text);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.close()));
} finally {
  await stopChild(server.child, 10_000);
  await sandbox.stop();
  await rm(stateDir, { recursive: true, force: true });
}
const files = (await readdir(OUT)).filter((f) => f.endsWith('.cpuprofile')).sort();
console.log(path.join(OUT, files.at(-1) ?? '(none)'));
