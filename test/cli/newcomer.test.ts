import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** Starts `creator-mcp sandbox` over HTTP and resolves once it listens. */
async function startSandbox(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, 'sandbox', '--transport', 'http', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(/Afdian simulator: http/);
  return {
    sim: /Afdian simulator: (http:\S+)/.exec(stderr)?.[1] as string,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('what a newcomer meets', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-newcomer-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('runs the README commands as written: npx creator-mcp from the clone', async () => {
    const { stdout, stderr } = await promisify(execFile)('npx', ['--no-install', 'creator-mcp', '--help'], { cwd: ROOT, env: { ...process.env, HOME: home } });
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Usage: creator-mcp \[command\]/);
  });

  it('ends with one line naming the port when the port is busy, simulators and all', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => busy.once('listening', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runCli(['sandbox', '--transport', 'http', '--port', String(port)], { HOME: home });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(`creator-mcp: port ${port} on 127.0.0.1 is already in use: stop the other server or choose another with --port (0 picks a free one)`);
    } finally {
      busy.close();
    }
  });

  it('starts every sandbox from nothing: an earlier run’s webhook orders never reappear', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: home, CREATOR_MCP_HTTP_TOKEN: 'newcomer-token-0123456789' };
    const before = new Set(await readdir(os.tmpdir()));
    const first = await startSandbox(env);
    const paid = (await (await fetch(`${first.sim}/__sandbox/orders`, { method: 'POST' })).json()) as { push: { status: number } };
    expect(paid.push.status).toBe(200);
    const made = (await readdir(os.tmpdir())).filter((n) => n.startsWith('creator-mcp-sandbox-') && !before.has(n));
    expect(made).toHaveLength(1);
    expect(await first.stop()).toBe(0);
    // Nothing under the user's real state dir, and the run's own dir is gone with it.
    expect(existsSync(path.join(home, '.local', 'state', 'creator-mcp'))).toBe(false);
    expect(existsSync(path.join(os.tmpdir(), made[0] as string))).toBe(false);
  });
});
