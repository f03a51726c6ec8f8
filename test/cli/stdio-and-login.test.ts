import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, runCli } from '../helpers/cli.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('creator-mcp sandbox over stdio', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-stdio-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  for (const mode of ['legacy', 'auto'] as const) {
    it(`serves a real MCP client (${mode} negotiation): list and call tools, read the context`, async () => {
      const client = new Client({ name: 'stdio-test', version: '1' }, { versionNegotiation: { mode } });
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'sandbox'],
        env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, AFDIAN_TOKEN: 'real-token-must-not-be-used' },
        stderr: 'pipe',
      });
      await client.connect(transport);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name)).toContain('afdian_query_orders');
        const r = await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 3 } });
        expect(r.isError).toBeFalsy();
        expect((r.structuredContent as { list: unknown[] }).list).toHaveLength(3);
        const ctx = await client.readResource({ uri: 'creator://automation-context' });
        expect(JSON.parse((ctx.contents[0] as { text: string }).text).platforms.afdian.status).toBe('ok');
      } finally {
        await client.close();
      }
    });
  }

  it('passes a 2025-era cancellation through to the platform request', async () => {
    const client = new Client({ name: 'stdio-test', version: '1' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'sandbox'],
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_LOG_LEVEL: 'debug' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d) => (stderr += d));
    await client.connect(transport);
    try {
      // Through the simulator's control endpoint, make its next orders query hang.
      const sim = /Afdian simulator: (http:\S+)/.exec(stderr)?.[1];
      const queued = await fetch(`${sim}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'timeout-after', pathPrefix: '/api/open/query-order' }) });
      expect(queued.status).toBe(200);
      const controller = new AbortController();
      const call = client.callTool({ name: 'afdian_query_orders', arguments: {} }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      await expect(call).rejects.toThrow();
      await expect.poll(() => stderr, { timeout: 3_000 }).toMatch(/afdian_query_orders: cancelled by the client/);
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout, and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [CLI, 'sandbox'], {
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_LOG_LEVEL: 'debug' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'afdian_ping', arguments: {} } });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'afdian_query_orders', arguments: { per_page: 1000 } } });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stdout.split('\n').filter(Boolean).length >= 3) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    for (const line of lines) expect(JSON.parse(line).jsonrpc).toBe('2.0');
    expect(lines).toHaveLength(3);
    expect(stderr).toMatch(/Afdian simulator/);
  });
});

describe('creator-mcp login afdian (against the sandbox simulator)', () => {
  it('runs the browser flow with state, stores the user, and logout deletes it', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-login-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, AFDIAN_REDIRECT_URI: `http://127.0.0.1:${port}/callback` };
    try {
      // One command: the simulator consents at once and the CLI follows the redirect itself.
      const login = await runCli(['login', 'afdian', '--sandbox'], env);
      expect(login.code).toBe(0);
      const stderr = login.stderr;
      const authorize = new URL(/(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(stderr)?.[1] as string);
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('scope')).toBe('basic');
      expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(16);
      expect(stderr).toMatch(/Logged in to Afdian as .+ \(user_id \w+\)/);
      expect(stderr).not.toContain('sandbox-afdian-client-secret');

      const status = await runCli(['status', '--sandbox'], env);
      expect(status.stdout).toMatch(/login: name .+, user_id \w+/);
      const out = await runCli(['logout', 'afdian', '--sandbox'], env);
      expect(out.code).toBe(0);
      expect(out.stderr).toMatch(/Logged out of Afdian/);
      expect((await runCli(['status', '--sandbox'], env)).stdout).not.toMatch(/login:/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

describe('creator-mcp login/logout --account', () => {
  it('stores a login under the named account, status shows it, and logout removes only that account', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-login-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, AFDIAN_REDIRECT_URI: `http://127.0.0.1:${port}/callback` };
    try {
      const login = await runCli(['login', 'afdian', '--sandbox', '--account', 'studio'], env);
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toMatch(/Logged in to Afdian as .+ \(account studio\)/);
      expect((await runCli(['status', '--sandbox'], env)).stdout).toMatch(/login: \[studio\] name .+, user_id \w+/);
      expect((await runCli(['logout', 'afdian', '--sandbox'], env)).stderr).toMatch(/No stored Afdian login/);
      const out = await runCli(['logout', 'afdian', '--sandbox', '--account', 'studio'], env);
      expect(out.stderr).toMatch(/Logged out of Afdian account studio/);
      expect((await runCli(['status', '--sandbox'], env)).stdout).not.toMatch(/login:/);
      const bad = await runCli(['login', 'afdian', '--sandbox', '--account', 'Studio'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--account: account name "Studio"/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

describe('creator-mcp sandbox over HTTP', () => {
  it('pushes a simulated sponsor payment to its own webhook, and shuts down cleanly on SIGTERM', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-http-'));
    const token = 'sandbox-http-token-0123456789';
    const child = spawn(process.execPath, [CLI, 'sandbox', '--transport', 'http', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(/Afdian simulator: http/);
      const url = /listening on (http:\S+)/.exec(stderr)?.[1] as string;
      const sim = /Afdian simulator: (http:\S+)/.exec(stderr)?.[1] as string;
      expect(stderr).not.toContain(token);

      const paid = (await (await fetch(`${sim}/__sandbox/orders`, { method: 'POST' })).json()) as { order: { out_trade_no: string }; push: { status: number } };
      expect(paid.push.status).toBe(200);

      const { Client: McpClient, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
      const client = new McpClient({ name: 't', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const ctx = JSON.parse(((await client.readResource({ uri: 'afdian://automation-context' })).contents[0] as { text: string }).text);
      expect(ctx.needsYou.items.map((o: { id: string }) => o.id)).toContain(`afdian:order:${paid.order.out_trade_no}`);
      await client.close();

      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      child.kill('SIGKILL');
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

describe('MCP logging', () => {
  it('sends the log lines of a tool call to a client that asked for them', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-log-'));
    const client = new Client({ name: 'stdio-test', version: '1' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'sandbox'],
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d) => (stderr += d));
    const messages: string[] = [];
    client.setNotificationHandler('notifications/message', (n) => {
      messages.push(`${n.params.level} ${String(n.params.data)}`);
    });
    await client.connect(transport);
    try {
      await client.setLoggingLevel('info');
      const sim = /Afdian simulator: (http:\S+)/.exec(stderr)?.[1];
      await fetch(`${sim}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'status-before', status: 503, pathPrefix: '/api/open/query-sponsor' }) });
      const r = await client.callTool({ name: 'afdian_query_sponsors', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect(messages.some((m) => /^warning Afdian: HTTP 503 on POST \/api\/open\/query-sponsor; retrying/.test(m))).toBe(true);
    } finally {
      await client.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
