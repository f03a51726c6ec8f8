import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from './built.js';
import { recordFigure } from './figures.js';
import { ServerChild } from './server-child.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const CONFORMANCE = path.join(ROOT, 'node_modules', '.bin', 'conformance');
const BASELINE = path.join(import.meta.dirname, 'conformance-baseline.yml');
const TOKEN = 'conformance-bearer-token-0123456789';
/** The scenarios about the protocol itself: whatever else the baseline says, these must run and pass. */
const MUST_PASS = ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'resources-list', 'prompts-list', 'dns-rebinding-protection'];

/** The baseline's scenario names (a flat YAML list under `server:`; comments are ignored). */
function baselineScenarios(): string[] {
  return readFileSync(BASELINE, 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*([a-z0-9-]+)\s*$/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

/**
 * The suite sends no Authorization header, so this loopback proxy adds the bearer token and
 * forwards everything else as it came, Host included, so dns-rebinding-protection still meets the
 * server's own Host check.
 */
async function startAuthProxy(target: URL): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, authorization: `Bearer ${TOKEN}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // A client that drops an SSE stream drops it upstream too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, server };
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.homedir() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO';
  errorMessage?: string;
  details?: { message?: string };
}

describe('MCP conformance (@modelcontextprotocol/conformance 0.1.13, active suite)', () => {
  let server: ServerChild;
  let proxy: { url: string; server: Server };
  let workDir: string;
  beforeAll(async () => {
    assertBuilt();
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'creator-mcp-conformance-'));
    server = await ServerChild.start({ stateDir: path.join(workDir, 'state'), token: TOKEN });
    proxy = await startAuthProxy(new URL(server.url));
  });
  afterAll(async () => {
    proxy?.server.closeAllConnections();
    proxy?.server.close();
    await server?.stop();
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  it('passes every scenario that applies; the baseline lists only what cannot apply, and why', async () => {
    const outDir = path.join(workDir, 'results');
    // cwd: the suite writes nothing outside -o, but keep it away from the repository anyway.
    const { code, out } = await run(process.execPath, [CONFORMANCE, 'server', '--url', proxy.url, '--expected-failures', BASELINE, '-o', outDir], workDir);

    const results = new Map<string, Check[]>();
    for (const dir of await fs.readdir(outDir)) {
      const scenario = /^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/.exec(dir)?.[1];
      if (!scenario) continue;
      results.set(scenario, JSON.parse(await fs.readFile(path.join(outDir, dir, 'checks.json'), 'utf8')) as Check[]);
    }
    const baseline = baselineScenarios();
    // The suite's own rule: a scenario fails on any FAILURE or WARNING check; a pass here also needs one SUCCESS.
    const bad = (checks: Check[]) => checks.some((c) => c.status === 'FAILURE' || c.status === 'WARNING');
    const passed = (checks: Check[]) => !bad(checks) && checks.some((c) => c.status === 'SUCCESS');
    const applicable = [...results.keys()].filter((s) => !baseline.includes(s));
    const failedApplicable = applicable.filter((s) => !passed(results.get(s) as Check[]));
    const stale = baseline.filter((s) => results.has(s) && !bad(results.get(s) as Check[]));
    const failures = failedApplicable.length + stale.length || (code === 0 ? 0 : 1);

    recordFigure({
      name: 'conformance scenarios passed',
      value: applicable.length - failedApplicable.length,
      goal: applicable.length,
      detail: `of ${applicable.length} applicable; ${baseline.length} of the suite's ${results.size} do not apply (test/reliability/conformance-baseline.yml says why)`,
    });
    recordFigure({ name: 'conformance failures', value: failures, goal: 0, detail: `failed applicable scenarios and stale baseline entries; suite exit code ${code}` });

    // The suite's own verdict against the baseline: no unexpected failure, no stale entry.
    expect(code, out).toBe(0);
    expect(failedApplicable, out).toEqual([]);
    expect(stale, out).toEqual([]);
    for (const s of MUST_PASS) expect(applicable, `${s} must run and must not be in the baseline`).toContain(s);
    // Every baseline entry ran, and fails for the reason the baseline gives, not for another one (a crash, a timeout).
    for (const s of baseline) {
      const checks = results.get(s);
      expect(checks, `baseline entry ${s} is not a scenario of the suite`).toBeDefined();
      for (const c of (checks as Check[]).filter((x) => x.status === 'FAILURE' || x.status === 'WARNING')) {
        const why = c.errorMessage ?? c.details?.message ?? '';
        expect(why, `${s}: ${c.id}`).toMatch(/Tool test_\w+ not found|Prompt test_\w+ not found|Resource not found: test:\/\/|-32601: Method not found|did not provide session ID/);
      }
    }
  }, 150_000);

  it('answers concurrent POSTs on their own streams without a session (what server-sse-multiple-streams would check)', async () => {
    const post = (id: number) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json', authorization: `Bearer ${TOKEN}`, 'mcp-protocol-version': '2025-11-25' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list', params: {} }),
      });
    const answers = await Promise.all([1001, 1002, 1003].map(post));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    bodies.forEach((body, i) => {
      const data = body.split('\n').find((l) => l.startsWith('data: '))?.slice(6) ?? body;
      const message = JSON.parse(data) as { id: number; result?: { tools: unknown[] } };
      expect(message.id).toBe(1001 + i);
      expect(message.result?.tools.length).toBeGreaterThan(0);
    });
  });
});
