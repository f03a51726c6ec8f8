import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { FileTokenStore } from '../../src/auth/token-store.js';
import { seedFingerprint } from '../../src/platforms/fanvue/config.js';
import { createRuntime } from '../../src/runtime.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startHttp } from '../../src/transports/http.js';
import { HTTP_TOKEN, errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

const call = (client: Client, name = 'fanvue_get_current_user', args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args });

/** Spends a refresh token outside creator-mcp, as a second copy of it would. */
async function refreshAt(sim: FanvueSimulator, refreshToken: string) {
  const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64');
  const res = await fetch(`${sim.authBaseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('Fanvue tokens: refresh once, rotate safely', () => {
  let h: Harness;
  let sim: FanvueSimulator;
  let stateDir: string;
  let store: FileTokenStore;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-auth-'));
    store = await FileTokenStore.open({ stateDir });
    h = await startHarness({ store });
    sim = fanvueOf(h);
  });
  afterAll(async () => {
    await h.close();
    await rm(stateDir, { recursive: true, force: true });
  });
  afterEach(() => {
    sim.beforeApi = undefined;
  });

  it('20 parallel calls on an expired access token cause exactly one refresh, stored before the new token is used', async () => {
    const client = await h.client();
    payload(await call(client));
    const seeded = (await store.get('fanvue'))?.data;
    expect(seeded?.access_token).toBe(sim.credentials.accessToken);

    // A reader of the same file, like another process would be.
    const other = await FileTokenStore.open({ stateDir });
    const seenWithNewToken: Array<Record<string, unknown> | undefined> = [];
    sim.beforeApi = async (_req, grant) => {
      if (grant.token !== seeded?.access_token) seenWithNewToken.push((await other.get('fanvue'))?.data);
    };
    const refreshes = sim.oauth.stats.refreshes;
    sim.oauth.expireAccessTokens();
    const results = await Promise.all(Array.from({ length: 20 }, () => call(client)));
    for (const r of results) expect(payload<{ handle: string }>(r).handle).toBe(sim.creator.handle);
    expect(sim.oauth.stats.refreshes - refreshes).toBe(1);

    const stored = (await other.get('fanvue'))?.data;
    expect(stored?.refresh_token).not.toBe(seeded?.refresh_token);
    expect(seenWithNewToken.length).toBe(20);
    for (const seen of seenWithNewToken) expect(seen).toMatchObject({ access_token: stored?.access_token, refresh_token: stored?.refresh_token });
  });

  it('refreshes proactively when the stored token is about to expire, without a 401 round trip', async () => {
    const client = await h.client();
    const current = await store.get('fanvue');
    await store.put({ ...current!, expiresAt: Date.now() + 10_000 });
    const before = sim.api.requests.length;
    const refreshes = sim.oauth.stats.refreshes;
    await Promise.all(Array.from({ length: 5 }, () => call(client)));
    expect(sim.oauth.stats.refreshes - refreshes).toBe(1);
    expect(sim.api.requests.length - before).toBe(5);
  });

  it('ends in one clear message when the refresh token was reused elsewhere (the chain is revoked)', async () => {
    const client = await h.client();
    const stale = (await store.get('fanvue'))?.data.refresh_token as string;
    expect((await refreshAt(sim, stale)).status).toBe(200);
    // The stored copy is now spent: presenting it again is reuse, and the whole chain dies.
    expect((await refreshAt(sim, stale)).body.error).toBe('invalid_grant');
    expect(sim.oauth.stats.reuseDetected).toBeGreaterThan(0);
    const text = errorText(await call(client));
    expect(text).toMatch(/the refresh token was refused \(invalid_grant\): run `creator-mcp login fanvue`/);
    expect(text.match(/creator-mcp login fanvue/g)).toHaveLength(1);
  });
});

describe('Fanvue errors an agent can act on', () => {
  let h: Harness;
  let sim: FanvueSimulator;
  beforeAll(async () => {
    h = await startHarness();
    sim = fanvueOf(h);
  });
  afterAll(() => h.close());

  it('logs Deprecation and Sunset once, and surfaces nextVersion when the version is sunset', async () => {
    const client = await h.client();
    sim.versionState = 'deprecated';
    try {
      payload(await call(client, 'fanvue_get_unread_counts'));
      payload(await call(client, 'fanvue_get_unread_counts'));
      const warnings = h.logs.filter((l) => /API version in use is deprecated.*Sunset: Wed, 01 Sep 2027.*next version 2026-09-01/.test(l));
      expect(warnings).toHaveLength(1);
      sim.versionState = 'sunset';
      const text = errorText(await call(client, 'fanvue_get_unread_counts'));
      expect(text).toMatch(/HTTP 410/);
      expect(text).toMatch(/retired API version 2025-06-26 \(the next one is 2026-09-01\): update creator-mcp/);
    } finally {
      sim.versionState = 'current';
    }
  });

  it('keeps a burst of 50 calls inside the budget: no 429 at Fanvue', async () => {
    const client = await h.client();
    sim.limits.reset();
    const results = await Promise.all(Array.from({ length: 50 }, () => call(client, 'fanvue_get_unread_counts')));
    for (const r of results) payload(r);
    expect(sim.limits.refused).toBe(0);
  });

  it('honours Retry-After on a 429, for a write too (it was not processed)', async () => {
    const client = await h.client();
    const fan = [...sim.creator.chats.keys()][2]!;
    const before = sim.creator.chats.get(fan)!.messages.length;
    sim.api.injectFault({ kind: 'status-before', status: 429, retryAfter: '1', pathPrefix: `/chats/${fan}/message` });
    payload(await call(client, 'fanvue_send_message', { userUuid: fan, text: 'after the wait' }));
    expect(sim.creator.chats.get(fan)!.messages.length).toBe(before + 1);
  });

  // Last in this block: it leaves the login with fewer scopes.
  it('names the missing scope on a 403', async () => {
    const limited = sim.oauth.preIssue(['openid', 'offline_access', 'offline', 'read:self']);
    await h.rt.store.put({
      platform: 'fanvue',
      account: 'default',
      data: { access_token: limited.access_token, refresh_token: limited.refresh_token, seed: seedFingerprint(sim.credentials.accessToken) },
    });
    const client = await h.client();
    payload(await call(client));
    const text = errorText(await call(client, 'fanvue_get_top_spenders'));
    expect(text).toMatch(/HTTP 403/);
    expect(text).toMatch(/Missing required scope: read:insights, read:fan/);
    expect(text).toMatch(/needs the scopes read:insights, read:fan.*creator-mcp login fanvue/);
  });
});

describe('Fanvue rate limit headers', () => {
  let h: Harness;
  let sim: FanvueSimulator;
  beforeAll(async () => {
    h = await startHarness();
    sim = fanvueOf(h);
  });
  afterAll(() => h.close());

  it('waits for the reset when Fanvue says no requests remain, instead of collecting 429s', async () => {
    const client = await h.client();
    sim.limits.reset();
    sim.limits.limit = 3;
    sim.limits.windowMs = 1_000;
    try {
      for (let i = 0; i < 6; i++) payload(await call(client, 'fanvue_get_unread_counts'));
      expect(sim.limits.refused).toBe(0);
    } finally {
      sim.limits.limit = 200;
      sim.limits.windowMs = 60_000;
      sim.limits.reset();
    }
  });
});

describe('two servers on one token store', () => {
  it('refresh the rotating token exactly once between them', async () => {
    const sandbox = await startSandbox();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-two-'));
    const env = { ...sandbox.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_PORT: '0', CREATOR_MCP_HTTP_TOKEN: HTTP_TOKEN, CREATOR_MCP_LOG_LEVEL: 'warn' };
    const runtimes = await Promise.all([createRuntime(env, { logWrite: () => undefined }), createRuntime(env, { logWrite: () => undefined })]);
    const servers = await Promise.all(runtimes.map((rt) => startHttp(rt)));
    const clients = await Promise.all(
      servers.map(async (s) => {
        const c = new Client({ name: 'two-servers', version: '1' });
        await c.connect(new StreamableHTTPClientTransport(new URL(s.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }));
        return c;
      }),
    );
    const sim = sandbox.platforms.find((p) => p.platform === 'fanvue')!.simulator as FanvueSimulator;
    try {
      await Promise.all(clients.map((c) => call(c)));
      sim.oauth.expireAccessTokens();
      const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 10 }, () => call(c))));
      for (const r of results) payload(r);
      expect(sim.oauth.stats.refreshes).toBe(1);
      expect(sim.oauth.stats.reuseDetected).toBe(0);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await Promise.all(servers.map((s) => s.close()));
      await sandbox.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
