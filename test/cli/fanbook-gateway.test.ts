import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

describe('creator-mcp sandbox with the Fanbook gateway', () => {
  it('connects the gateway at start, and exits 0 on SIGTERM while it is connected', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-gw-'));
    const child = spawn(process.execPath, [CLI, 'sandbox', '--transport', 'http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_TOKEN: 'gateway-cli-token-0123456789' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    try {
      await expect.poll(() => stderr, { timeout: 15_000 }).toMatch(/Fanbook gateway connected/);
      const sim = /Fanbook simulator: (http:\S+)/.exec(stderr)?.[1] as string;
      const dm = await fetch(`${sim}/__sandbox/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dm":true,"text":"secret plan"}' });
      expect(dm.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stderr).not.toMatch(/unhandled|UnhandledPromiseRejection|Error:/i);
      // Message text stays out of logs at the default level.
      expect(stderr).not.toContain('secret plan');
    } finally {
      child.kill('SIGKILL');
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad FANBOOK_GATEWAY or FANBOOK_GATEWAY_URL with one line and exit 2', async () => {
    const base = { FANBOOK_BOT_TOKEN: 'bot-token-123456' };
    const bad = await runCli(['serve'], { ...base, FANBOOK_GATEWAY: 'maybe' });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/FANBOOK_GATEWAY must be one of .*off/);
    const url = await runCli(['serve'], { ...base, FANBOOK_GATEWAY_URL: 'https://gateway-bot.fanbook.mobi/websocket' });
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/FANBOOK_GATEWAY_URL must start with wss:\/\/ or ws:\/\//);
  });
});
