// Bounded-resource figures for `npm run bench` (issue 9, item 4): memory of the creator-mcp
// server process while it uploads a 2 GiB file and while an upstream answers far past the
// response cap, and MCP call latency while 1,000 slow webhook clients hold connections.
//
// Each figure comes from its own `creator-mcp serve --transport http` child, so VmHWM (the
// kernel's peak RSS of that process) is the peak of that one job and nothing else. Simulators
// run in this process: their memory is never counted against the server.
//
// Knobs: BENCH_BOUNDS=0 skips all of it; BENCH_UPLOAD=0, BENCH_BIG_ANSWER=0, BENCH_SLOW_WEBHOOKS=0
// skip one part; BENCH_UPLOAD_MIB (default 2048), BENCH_BIG_ANSWER_MIB (default 400),
// BENCH_SLOW_CONNECTIONS (default 1000) size them.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createAfdianSimulator } from '../dist/sandbox/afdian/index.js';
import { fanvueSandbox } from '../dist/sandbox/fanvue/sandbox.js';
import { fresnsSandbox } from '../dist/sandbox/fresns/sandbox.js';
import { round, sleep, spawnHttpServer, stopChild, summarize } from './lib.mjs';

const MiB = 1024 * 1024;
const TOKEN = 'bench-bearer-token-0123456789abcdef';
const on = (name) => process.env[name] !== '0';

/** VmHWM (peak RSS over the life of the process) and VmRSS, in MiB. */
async function memory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

/** Nothing from the user's shell may change what is measured. */
function cleanEnv(extra) {
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(FANVUE|FANBOOK|FRESNS|AFDIAN|CREATOR_MCP|BARE)_/.test(k) && k !== 'NODE_OPTIONS'),
  );
  return { ...kept, CREATOR_MCP_HTTP_TOKEN: TOKEN, CREATOR_MCP_LOG_LEVEL: 'error', ...extra };
}

/**
 * The server child, started through sh so its open-file limit can be raised to the hard limit
 * (a Node process cannot raise its own); 1,000 held sockets need more than a 1,024 default.
 */
async function startServer(cli, cwd, env, name) {
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  return spawnHttpServer({
    name,
    env,
    cwd,
    matcher: /creator-mcp listening on (\S+)/,
    command: ['sh', ['-c', script, 'sh', process.execPath, cli, 'serve', '--transport', 'http', '--port', '0']],
  });
}

async function connectClient(url) {
  const client = new Client({ name: 'creator-mcp-bench-bounds', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  return client;
}

/** Samples VmRSS every 50 ms while `work` runs; VmHWM at the end is the kernel's own peak. */
async function peakDuring(pid, work) {
  const before = await memory(pid);
  let sampled = before.rss;
  let samples = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      try {
        sampled = Math.max(sampled, (await memory(pid)).rss);
        samples++;
      } catch {
        return;
      }
      await sleep(50);
    }
  })();
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - t0) / 1000, before, after: await memory(pid), sampledPeak: sampled, samples };
  } finally {
    stop = true;
    await sampler;
  }
}

const textOf = (r) => r?.content?.find?.((c) => c.type === 'text')?.text ?? '';

async function uploads({ cli, cwd, fileMiB }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-upload-'));
  const out = {};
  try {
    // Sparse: 2 GiB of zeros at no disk cost; the server still reads (and sends) every byte.
    for (const name of ['long-video.mp4', 'huge-cover.jpg']) {
      await writeFile(path.join(dir, name), '');
      await truncate(path.join(dir, name), fileMiB * MiB);
    }
    // The Fresns simulator drains bodies over its 10 MiB limit and answers 413 after the last
    // byte, so that 413 is the expected outcome: every byte crossed the wire, none was kept.
    const fresnsReceived = (suffix) => (sim) =>
      Number(sim.simulator.host.requests.findLast((r) => r.path.endsWith(suffix))?.headers['content-length'] ?? 0);
    const jobs = {
      fanvue: {
        factory: fanvueSandbox,
        tool: 'fanvue_upload_media',
        args: { path: 'long-video.mp4' },
        trimLog: true,
        // Every 8 MiB part lands in the simulator's storage endpoint; their sizes add up to the file.
        received: (sim) => [...sim.simulator.world.creators.values()].flatMap((c) => [...c.uploads.values()]).flatMap((u) => [...u.parts.values()]).reduce((a, p) => a + p.size, 0),
      },
      fresns: {
        factory: fresnsSandbox,
        tool: 'fresns_upload_file',
        args: { usageType: 7, tableName: 'post_logs', tableColumn: 'id', tableId: 1, type: 'video', uploadMode: 'file', file: 'long-video.mp4' },
        expected: /HTTP 413/,
        received: fresnsReceived('/common/upload-file'),
      },
      'fresns quick publish': {
        factory: fresnsSandbox,
        tool: 'fresns_quick_publish',
        args: { type: 'post', content: 'bench: a post with a very large image', image: 'huge-cover.jpg' },
        expected: /HTTP 413/,
        received: fresnsReceived('/quick-publish'),
      },
    };
    for (const [platform, job] of Object.entries(jobs)) {
      const sim = await job.factory({ latencyMs: 0, seedScale: 1 });
      let server;
      try {
        server = await startServer(cli, cwd, cleanEnv({ ...sim.env, CREATOR_MCP_STATE_DIR: path.join(dir, `state-${platform.replace(/\W/g, '-')}`), CREATOR_MCP_UPLOAD_DIR: dir }), `upload-${platform.replace(/\W/g, '-')}`);
        const client = await connectClient(server.url);
        await client.listTools();
        // The simulator logs every request with its body; 256 logged 8 MiB parts would cost this
        // process 2 GiB, so the log is emptied as the upload goes (the figures never read it).
        const hosts = [sim.simulator.api, sim.simulator.auth].filter(Boolean);
        const trim = job.trimLog ? setInterval(() => hosts.forEach((h) => (h.requests.length = 0)), 100) : undefined;
        const m = await peakDuring(server.child.pid, () => client.callTool({ name: job.tool, arguments: job.args }, { timeout: 600_000 })).finally(() => clearInterval(trim));
        await client.close().catch(() => undefined);
        let received = null;
        try {
          received = job.received(sim);
        } catch {
          received = null;
        }
        out[platform] = {
          tool: job.tool,
          fileMiB,
          receivedMiB: received == null ? null : round(received / MiB, 1),
          outcome: !m.result.isError ? 'ok' : job.expected?.test(textOf(m.result)) ? 'simulator answered 413 after reading every byte (expected)' : `error: ${textOf(m.result).slice(0, 160)}`,
          seconds: round(m.seconds, 1),
          rssBeforeMiB: round(m.before.rss, 1),
          peakRssMiB: round(m.after.hwm, 1),
          sampledPeakRssMiB: round(m.sampledPeak, 1),
          growthMiB: round(m.after.hwm - m.before.hwm, 1),
        };
      } catch (err) {
        out[platform] = { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
      } finally {
        if (server) await stopChild(server.child);
        await sim.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** An "Afdian" that answers every request with `mib` MiB of JSON-looking bytes, no Content-Length. */
function hugeAnswerServer(mib) {
  let sent = 0;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = (mib * MiB) / chunk.length;
    res.write('{"ec":200,"em":"","data":{"list":[],"pad":"');
    const pump = () => {
      while (left > 0) {
        left--;
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('"}}');
    };
    res.on('error', () => undefined);
    req.socket.on('error', () => undefined);
    pump();
  });
  return { server, sent: () => sent };
}

async function bigAnswer({ cli, cwd, mib }) {
  const big = hugeAnswerServer(mib);
  await new Promise((r) => big.server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${big.server.address().port}`;
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-big-'));
  let server;
  try {
    const env = cleanEnv({ AFDIAN_API_BASE_URL: base, AFDIAN_USER_ID: 'bench-user', AFDIAN_TOKEN: 'bench-afdian-token-0123456789', CREATOR_MCP_STATE_DIR: stateDir });
    server = await startServer(cli, cwd, env, 'big-answer');
    const client = await connectClient(server.url);
    await client.listTools();
    const m = await peakDuring(server.child.pid, () => client.callTool({ name: 'afdian_query_orders', arguments: { page: 1 } }, { timeout: 300_000 }));
    await client.close().catch(() => undefined);
    const text = textOf(m.result);
    return {
      answerMiB: mib,
      streamedBeforeCutMiB: round(big.sent() / MiB, 1),
      error: m.result.isError ? text.split('\n')[0].slice(0, 200) : null,
      namesCap: Boolean(m.result.isError) && /CREATOR_MCP_MAX_RESPONSE_BYTES/.test(text),
      rssBeforeMiB: round(m.before.rss, 1),
      peakRssMiB: round(m.after.hwm, 1),
      growthMiB: round(m.after.hwm - m.before.hwm, 1),
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  } finally {
    if (server) await stopChild(server.child);
    await new Promise((r) => big.server.close(() => r()));
    big.server.closeAllConnections?.();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/**
 * Slowloris-style webhook clients: headers promise a 64 KiB body, then one byte every second.
 * Each socket records how it ended (the server's 503 over its connection cap, 408 at its body
 * deadline, or still open).
 */
function slowClients(port, count) {
  const sockets = [];
  const state = { open: 0, refused503: 0, timedOut408: 0, closedOther: 0, errors: 0 };
  for (let i = 0; i < count; i++) {
    const s = connect(port, '127.0.0.1');
    let answer = '';
    s.setNoDelay(true);
    s.on('connect', () => {
      state.open++;
      s.write(`POST /webhooks/afdian HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 65536\r\n\r\n{`);
    });
    s.on('data', (d) => {
      answer += d.toString('latin1');
    });
    s.on('error', () => {
      state.errors++;
    });
    s.on('close', (hadError) => {
      if (!hadError || answer) state.open = Math.max(0, state.open - 1);
      if (answer.startsWith('HTTP/1.1 503')) state.refused503++;
      else if (answer.startsWith('HTTP/1.1 408')) state.timedOut408++;
      else state.closedOther++;
    });
    sockets.push(s);
  }
  const trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed && s.writable) s.write(' ');
  }, 1_000);
  return {
    state,
    async close() {
      clearInterval(trickle);
      for (const s of sockets) s.destroy();
      await sleep(100);
    },
  };
}

async function slowWebhooks({ cli, cwd, connections, calls }) {
  const sim = createAfdianSimulator({ latencyMs: 0 });
  await sim.start();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-slow-'));
  const c = sim.credentials;
  let server;
  let slow;
  try {
    const env = cleanEnv({
      AFDIAN_API_BASE_URL: sim.baseUrl,
      AFDIAN_USER_ID: c.userId,
      AFDIAN_TOKEN: c.token,
      AFDIAN_WEBHOOK_PUBLIC_KEY: c.webhookPublicKeyPem,
      CREATOR_MCP_STATE_DIR: stateDir,
    });
    server = await startServer(cli, cwd, env, 'slow-webhooks');
    const client = await connectClient(server.url);
    const call = async () => {
      const t0 = performance.now();
      const r = await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 5 } });
      const ms = performance.now() - t0;
      if (r.isError) throw new Error(`afdian_query_orders failed: ${textOf(r).slice(0, 200)}`);
      return ms;
    };
    const measure = async (n) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(await call());
      return out;
    };
    await measure(30); // warm-up
    const quiet = summarize(await measure(calls));
    slow = slowClients(Number(new URL(server.url).port), connections);
    await sleep(1_500); // every client connected and past its headers
    const heldAtStart = { ...slow.state };
    const loaded = summarize(await measure(calls));
    const heldAtEnd = { ...slow.state };
    const health = await fetch(new URL('/healthz', server.url)).then((r) => r.status).catch((err) => String(err));
    await client.close().catch(() => undefined);
    const s = (x) => ({ n: x.n, p50: round(x.p50), p99: round(x.p99), max: round(x.max) });
    return { connections, quiet: s(quiet), withSlowClients: s(loaded), heldAtStart, heldAtEnd, healthzDuringLoad: health, ratioP50: round(loaded.p50 / quiet.p50), ratioP99: round(loaded.p99 / quiet.p99) };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  } finally {
    await slow?.close();
    if (server) await stopChild(server.child);
    await sim.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

function softFileLimit() {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
}

/** Runs the enabled parts; returns `{ json, lines }` for latest.json and the printed report. */
export async function measureBounds({ cli, cwd }) {
  const json = {};
  const lines = [];
  if (!on('BENCH_BOUNDS')) return { json: { skipped: 'BENCH_BOUNDS=0' }, lines: ['bounds: skipped (BENCH_BOUNDS=0)'] };
  const f = (v) => (v == null ? 'n/a' : String(v));

  if (on('BENCH_UPLOAD')) {
    const fileMiB = Number(process.env.BENCH_UPLOAD_MIB ?? 2048);
    json.upload = await uploads({ cli, cwd, fileMiB });
    for (const [p, r] of Object.entries(json.upload)) {
      lines.push(
        r.error
          ? `upload ${p}: not measured (${r.error})`
          : `upload ${p} (${r.tool}, ${fileMiB} MiB sparse file, ${f(r.receivedMiB)} MiB received by the simulator, ${r.seconds} s): server peak RSS ${f(r.peakRssMiB)} MiB (from ${f(r.rssBeforeMiB)} MiB; +${f(r.growthMiB)}) -> ${r.outcome}`,
      );
    }
  }
  if (on('BENCH_BIG_ANSWER')) {
    const mib = Number(process.env.BENCH_BIG_ANSWER_MIB ?? 400);
    json.bigAnswer = await bigAnswer({ cli, cwd, mib });
    const r = json.bigAnswer;
    lines.push(
      r.peakRssMiB == null
        ? `oversized answer: not measured (${r.error})`
        : `oversized answer (${mib} MiB upstream body, default cap; ${r.streamedBeforeCutMiB} MiB streamed before the cut): server peak RSS ${r.peakRssMiB} MiB (from ${r.rssBeforeMiB}; +${r.growthMiB}); error names the cap: ${r.namesCap ? 'yes' : 'NO'} — "${r.error}"`,
    );
  }
  if (on('BENCH_SLOW_WEBHOOKS')) {
    const connections = Number(process.env.BENCH_SLOW_CONNECTIONS ?? 1000);
    const limit = softFileLimit();
    // This process holds one socket per slow client; it cannot raise its own limit.
    const usable = limit ? Math.min(connections, limit - 200) : connections;
    json.slowWebhooks = await slowWebhooks({ cli, cwd, connections: usable, calls: 200 });
    json.slowWebhooks.openFileLimit = limit;
    const r = json.slowWebhooks;
    lines.push(
      r.error
        ? `slow webhooks: not measured (${r.error})`
        : `tools/call with ${r.connections} slow webhook clients (server cap answered ${r.heldAtStart.refused503} with 503, ${r.heldAtEnd.open} still held at the end): p50 ${r.withSlowClients.p50} ms / p99 ${r.withSlowClients.p99} ms vs ${r.quiet.p50} / ${r.quiet.p99} ms without (n=${r.quiet.n}; x${r.ratioP50} p50, x${r.ratioP99} p99); /healthz during load: ${r.healthzDuringLoad}`,
    );
  }
  return { json, lines };
}
