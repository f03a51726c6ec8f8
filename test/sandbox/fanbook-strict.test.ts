import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { SANDBOX_REDIRECT_URI } from '../../src/sandbox/fanbook/simulator.js';

// The simulator refuses what Fanbook refuses (issue 12): one path variant per method, desc on
// sendMessage, registered redirect URIs only, and 10002 to a bot that sends too fast.
const sim = createFanbookSimulator();
const bot = (method: string) => `${sim.baseUrl}/api/bot/${sim.credentials.botToken}/${method}`;
const send = (method: string, body: string, verb = 'POST') => fetch(bot(method), { method: verb, headers: { 'content-type': 'application/json' }, body });
const chat = () => [...sim.state.channels.values()].find((c) => c.guild_id === sim.seed.main && c.name === '闲聊')!.channel_id;
const roleId = () => sim.state.guilds.get(sim.seed.main)!.roles.find((r) => r.name === 'VIP')!.id;

describe('Fanbook simulator: as strict as Fanbook', () => {
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it('deletes roles only at guild/role (the variant picked where the seed and the SDK disagree)', async () => {
    const before = sim.state.guilds.get(sim.seed.main)!.roles.length;
    const other = await send('v2/guild/role', `{"guild_id":"${sim.seed.main}","id":"${roleId()}"}`, 'DELETE');
    expect(other.status).toBe(405);
    expect(sim.state.guilds.get(sim.seed.main)!.roles.length).toBe(before);
    const ok = await send('guild/role', `{"guild_id":"${sim.seed.main}","id":"${roleId()}"}`, 'DELETE');
    expect(await ok.json()).toEqual({ ok: true, result: true });
    expect(sim.state.guilds.get(sim.seed.main)!.roles.length).toBe(before - 1);
  });

  it('serves circle reactions and comments only at circle/*, as the Java SDK calls them', async () => {
    const post = sim.state.posts.find((p) => !p.deleted)!;
    for (const m of ['v2/circle/reactionList', 'v2/circle/commentList']) {
      expect((await send(m, `{"post_id":"${post.post_id}","channel_id":"${post.channel_id}","size":"10"}`)).status, m).toBe(404);
    }
    for (const m of ['circle/reactionList', 'circle/commentList']) {
      expect(await (await send(m, `{"post_id":"${post.post_id}","channel_id":"${post.channel_id}","size":"10"}`)).json(), m).toMatchObject({ ok: true });
    }
  });

  it('refuses sendMessage without desc (1001) and stores nothing', async () => {
    const count = sim.state.messages.length;
    const res = await send('sendMessage', `{"chat_id":${chat()},"text":"hi"}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error_code: 1001, description: '参数错误: 缺少参数 desc' });
    expect(sim.state.messages.length).toBe(count);
  });

  it('answers 10002 (HTTP 400) to the second send inside one second, and sends nothing for it', async () => {
    await new Promise((r) => setTimeout(r, 1_100));
    const count = sim.state.messages.length;
    const first = await send('sendMessage', `{"chat_id":${chat()},"text":"one","desc":"one"}`);
    const second = await send('sendMessage', `{"chat_id":${chat()},"text":"two","desc":"two"}`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ ok: false, error_code: 10002, description: 'limit for bot send per 1 second' });
    expect(sim.state.messages.length).toBe(count + 1);
  });

  it('gives an authorization code only to the registered redirect URI, compared exactly', async () => {
    const authorize = (redirect: string) =>
      fetch(`${sim.baseUrl}/open/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: sim.credentials.clientId, redirect_uri: redirect, state: 's' })}`, {
        redirect: 'manual',
      });
    for (const wrong of ['https://evil.example/callback', 'http://127.0.0.1:8789/callback', `${SANDBOX_REDIRECT_URI}/`, `${SANDBOX_REDIRECT_URI}?x=1`]) {
      const res = await authorize(wrong);
      expect(res.status, wrong).toBe(400);
      expect(res.headers.get('location'), wrong).toBeNull();
      expect(await res.text(), wrong).toContain('redirect_uri 与应用登记的不一致');
    }
    const good = await authorize(SANDBOX_REDIRECT_URI);
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toMatch(new RegExp(`^${SANDBOX_REDIRECT_URI.replace(/[.?]/g, '\\$&')}\\?code=`));
  });

  it('refuses a token refresh that names an unregistered redirect URI, and the refresh token stays usable', async () => {
    const basic = `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`;
    const form = (path: string, body: Record<string, string>) =>
      fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic }, body: new URLSearchParams(body) });
    const q = new URLSearchParams({ response_type: 'code', client_id: sim.credentials.clientId, redirect_uri: SANDBOX_REDIRECT_URI, state: 's' });
    const code = new URL((await fetch(`${sim.baseUrl}/open/oauth2/authorize?${q}`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const grant = (await (await form('/open/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: SANDBOX_REDIRECT_URI })).json()) as { refresh_token: string };
    const refused = await form('/open/oauth2/refresh', { grant_type: 'refresh_token', refresh_token: grant.refresh_token, redirect_uri: 'https://evil.example/callback' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri is not registered for this client' });
    const ok = await form('/open/oauth2/refresh', { grant_type: 'refresh_token', refresh_token: grant.refresh_token, redirect_uri: SANDBOX_REDIRECT_URI });
    expect(ok.status).toBe(200);
  });
});
