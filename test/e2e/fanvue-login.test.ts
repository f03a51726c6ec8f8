import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { CLI, runCli } from '../helpers/cli.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const base = () => ({ PATH: process.env.PATH ?? '', HOME: os.homedir() });

async function stdioClient(env: Record<string, string>, args = ['serve']) {
  const client = new Client({ name: 'fanvue-cli-test', version: '1' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, ...args], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += d));
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe('creator-mcp login fanvue (against the sandbox simulator)', () => {
  it('runs authorization code + PKCE with state through the loopback, stores the tokens, and the sandbox still works', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-login-'));
    const port = await freePort();
    const env = { ...base(), CREATOR_MCP_STATE_DIR: stateDir, FANVUE_REDIRECT_URI: `http://127.0.0.1:${port}/callback` };
    try {
      // One command: the simulator consents at once and the CLI follows the redirect itself.
      const login = await runCli(['login', 'fanvue', '--sandbox'], env);
      expect(login.code).toBe(0);
      const stderr = login.stderr;
      const url = new URL(/(http:\/\/127\.0\.0\.1:\d+\/oauth2\/auth\?\S+)/.exec(stderr)?.[1] as string);
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(16);
      const scopes = url.searchParams.get('scope')?.split(' ') ?? [];
      expect(scopes.slice(0, 3)).toEqual(['openid', 'offline_access', 'offline']);
      expect(scopes).toEqual(expect.arrayContaining(['read:self', 'read:chat', 'write:chat', 'read:insights', 'read:fan', 'write:post', 'read:media']));
      expect(scopes).not.toContain('read:agency');
      expect(stderr).toMatch(/Logged in to Fanvue as Luna Vale \(@lunavale\); scopes: openid offline_access offline read:self/);
      expect(stderr).not.toMatch(/fvcs_|fvat_|fvrt_/);

      const status = await runCli(['status', '--sandbox'], env);
      expect(status.stdout).toMatch(/fanvue +not configured\n +login: name Luna Vale \(@lunavale\), user_id [0-9a-f-]{36}, scope openid/);
      expect(status.stdout).not.toMatch(/fvat_|fvrt_/);

      // A new sandbox run has a new simulator: its pre-issued login replaces the stored one.
      const { client } = await stdioClient({ ...base(), CREATOR_MCP_STATE_DIR: stateDir }, ['sandbox']);
      try {
        const me = await client.callTool({ name: 'fanvue_get_current_user', arguments: {} });
        expect(me.isError).toBeFalsy();
        expect((me.structuredContent as { handle: string }).handle).toBe('lunavale');
      } finally {
        await client.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('explains in one line when the requested scopes differ from the app’s, as Fanvue refuses them', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-scopes-'));
    try {
      const port = await freePort();
      const env = { ...base(), CREATOR_MCP_STATE_DIR: stateDir, FANVUE_REDIRECT_URI: `http://127.0.0.1:${port}/callback` };
      // A subset of the ticked scopes is refused as well as a superset: they must match exactly.
      for (const scopes of ['read:self read:chat', 'read:self read:chat write:chat read:fan read:post write:post read:media write:media read:insights read:tracking_links write:tracking_links read:agency']) {
        const out = await runCli(['login', 'fanvue', '--sandbox'], { ...env, FANVUE_SCOPES: scopes });
        expect(out.code).toBe(2);
        expect(out.stderr.trim().split('\n').at(-1)).toMatch(/^creator-mcp: Fanvue refused the requested scopes \(invalid_scope\): they must match exactly the scopes ticked for your app/);
      }
      expect((await runCli(['status', '--sandbox'], env)).stdout).not.toMatch(/login:/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('says which settings are missing', async () => {
    const out = await runCli(['login', 'fanvue', '--no-browser'], { ...base(), FANVUE_CLIENT_ID: 'x' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/login fanvue needs FANVUE_CLIENT_SECRET, FANVUE_REDIRECT_URI/);
  });
});

describe('two creator-mcp processes on one token store', () => {
  it('refresh the rotating token exactly once between them', async () => {
    const sim = new FanvueSimulator();
    await sim.start();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-procs-'));
    const env = { ...base(), ...sim.env(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_TOOLSETS: 'fanvue_account' };
    const procs = await Promise.all([stdioClient(env), stdioClient(env)]);
    try {
      const me = () => procs.map(({ client }) => client.callTool({ name: 'fanvue_get_current_user', arguments: {} }));
      for (const r of await Promise.all(me())) expect(r.isError).toBeFalsy();
      sim.oauth.expireAccessTokens();
      const results = await Promise.all(Array.from({ length: 8 }, me).flat());
      for (const r of results) expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      expect(sim.oauth.stats.refreshes).toBe(1);
      expect(sim.oauth.stats.reuseDetected).toBe(0);
    } finally {
      await Promise.all(procs.map(({ client }) => client.close()));
      await sim.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
