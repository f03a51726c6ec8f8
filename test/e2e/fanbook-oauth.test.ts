import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as McpClient, type Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { HttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/log.js';
import { fanbook } from '../../src/platforms/fanbook/index.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { call, fanbookOf, seedOf } from '../platforms/fanbook/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

describe('Fanbook OAuth open API', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  let store: MemoryTokenStore;
  beforeAll(async () => {
    store = new MemoryTokenStore();
    // No configured guilds: the context must find the bot's guilds through the login.
    h = await startHarness({ store, env: { FANBOOK_GUILD_IDS: '' } });
    sim = fanbookOf(h);
    client = await h.client();
  });
  afterAll(() => h.close());

  it('says how to log in when there is no login', async () => {
    const text = errorText(await call(client, 'fanbook_oauth_get_me'));
    expect(text).toContain('run `creator-mcp login fanbook`');
    const ctx = JSON.parse(((await client.readResource({ uri: 'fanbook://automation-context' })).contents[0] as { text: string }).text);
    expect(ctx.reference.login.status).toBe('not logged in');
    expect(ctx.reference.guilds.items).toEqual([]);
  });

  it('logs in with state, Basic client auth and a form body, and stores the user', async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/callback`;
    fanbookOf(h).oauth.redirectUris.add(redirect);
    const lines: string[] = [];
    const login = fanbook.login!(
      { ...h.rt.env, FANBOOK_REDIRECT_URI: redirect },
      { account: 'default', store, http: new HttpClient({ platform: 'Fanbook', secrets: h.rt.secrets, log: silentLogger }), openBrowser: false, print: (l) => lines.push(l) },
    );
    await expect.poll(() => lines.join('\n'), { timeout: 5_000 }).toMatch(/open\/oauth2\/authorize/);
    const url = new URL(/(http:\/\/\S+\/open\/oauth2\/authorize\?\S+)/.exec(lines.join('\n'))![1]!);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(sim.credentials.clientId);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(16);
    expect((await fetch(`${redirect}?code=stolen&state=forged`)).status).toBe(400);

    const page = await fetch(url);
    expect(await page.text()).toMatch(/Logged in/);
    const message = await login;
    const operator = sim.state.users.get(sim.seed.operator)!;
    expect(message).toBe(`Logged in to Fanbook as ${operator.nickname} (user_id ${operator.user_id}).`);

    const tokenReq = sim.host.requests.find((r) => r.path === '/open/oauth2/token')!;
    const { clientId, clientSecret } = sim.credentials;
    expect(tokenReq.headers.authorization).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    expect(tokenReq.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const form = new URLSearchParams(tokenReq.text);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(redirect);

    const record = await store.get('fanbook');
    expect(record?.data).toMatchObject({ user_id: operator.user_id, username: operator.username, name: operator.nickname, redirect_uri: redirect });
    expect(typeof record?.data.access_token).toBe('string');
    expect(record?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('reads the user and their guilds, IDs as exact strings', async () => {
    const me = payload<Json>(await call(client, 'fanbook_oauth_get_me'));
    expect(me.user_id).toBe(sim.seed.operator);
    const guilds = payload<{ result: Json[] }>(await call(client, 'fanbook_oauth_get_guilds')).result;
    expect(guilds.map((g) => g.guild_id).sort()).toEqual([sim.seed.main, sim.seed.limited, sim.seed.foreign].sort());
    const req = sim.host.requests.filter((r) => r.path === '/open/api/guild/getGuilds').at(-1)!;
    expect(req.headers.authorization).toMatch(/^Bearer \S+$/);
  });

  it('refreshes after a 401 and when the stored token expires, rotating the refresh token', async () => {
    const first = (await store.get('fanbook'))!;
    sim.oauth.expireAccessTokens();
    expect(payload<Json>(await call(client, 'fanbook_oauth_get_me')).user_id).toBe(sim.seed.operator);
    const second = (await store.get('fanbook'))!;
    expect(second.data.access_token).not.toBe(first.data.access_token);
    expect(second.data.refresh_token).not.toBe(first.data.refresh_token);

    const refresh = sim.host.requests.filter((r) => r.path === '/open/oauth2/refresh').at(-1)!;
    expect(refresh.headers.authorization).toMatch(/^Basic /);
    expect(Object.fromEntries(new URLSearchParams(refresh.text))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: first.data.refresh_token,
      redirect_uri: first.data.redirect_uri,
    });

    // Proactive: a token that expires within the skew is refreshed before the call.
    await store.put({ ...second, expiresAt: Date.now() + 1_000 });
    const refreshes = sim.host.processed('/open/oauth2/refresh');
    payload(await call(client, 'fanbook_oauth_get_guilds'));
    expect(sim.host.processed('/open/oauth2/refresh')).toBe(refreshes + 1);
  });

  it("adds the login's guilds where the bot is to the AutomationContext", async () => {
    const ctx = JSON.parse(((await client.readResource({ uri: 'fanbook://automation-context' })).contents[0] as { text: string }).text);
    expect(ctx.reference.login.status).toBe('logged in');
    expect(ctx.reference.guilds.items.map((g: Json) => g.guild_id).sort()).toEqual([sim.seed.main, sim.seed.limited].sort());
    expect(ctx.reference.guilds.items.find((g: Json) => g.guild_id === seedOf(sim).main).roles).toBeGreaterThan(2);
  });

  it('asks for a new login when the refresh token is refused', async () => {
    const record = (await store.get('fanbook'))!;
    await store.put({ ...record, data: { ...record.data, refresh_token: 'spent-refresh-token' }, expiresAt: Date.now() - 1 });
    expect(errorText(await call(client, 'fanbook_oauth_get_me'))).toMatch(/refresh token was refused .*run `creator-mcp login fanbook`/);
  });
});

describe('creator-mcp login fanbook (against the sandbox simulator)', () => {
  it('runs the browser flow, stores the login for status, and never prints the client secret', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-fanbook-login-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir, FANBOOK_REDIRECT_URI: `http://127.0.0.1:${port}/callback` };
    try {
      const missing = await runCli(['login', 'fanbook'], { PATH: env.PATH, HOME: env.HOME, CREATOR_MCP_STATE_DIR: stateDir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/needs FANBOOK_CLIENT_ID, FANBOOK_CLIENT_SECRET, FANBOOK_REDIRECT_URI/);

      const login = await runCli(['login', 'fanbook', '--sandbox'], env);
      expect(login.code).toBe(0);
      const stderr = login.stderr;
      expect(stderr).toMatch(/open\/oauth2\/authorize\?/);
      expect(stderr).toMatch(/Logged in to Fanbook as 猎人阿杰 \(user_id \d{18}\)/);
      expect(stderr).not.toContain('sandbox-fanbook-client-secret');

      const status = await runCli(['status', '--sandbox'], env);
      expect(status.stdout).toMatch(/fanbook .*\n\s+login: name 猎人阿杰, user_id \d{18}, username \d+/);
      expect(status.stdout).not.toMatch(/access_token|refresh_token/);

      // The sandbox server started afterwards accepts that login.
      const mcp = new McpClient({ name: 'fanbook-login-test', version: '1' });
      await mcp.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'sandbox'], env: { PATH: env.PATH, HOME: env.HOME, CREATOR_MCP_STATE_DIR: stateDir }, stderr: 'pipe' }));
      try {
        const me = payload<Json>(await mcp.callTool({ name: 'fanbook_oauth_get_me', arguments: {} }));
        expect(me.user_id).toMatch(/^\d{18}$/);
        expect(me.nickname).toBe('猎人阿杰');
      } finally {
        await mcp.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
