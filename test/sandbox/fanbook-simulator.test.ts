import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanbookSimulator, unsafeForDouble } from '../../src/sandbox/fanbook/index.js';

const sim = createFanbookSimulator({ accessTtlSec: 60 });
const bot = (method: string) => `${sim.baseUrl}/api/bot/${sim.credentials.botToken}/${method}`;
const postJson = (method: string, body: string, verb = 'POST') =>
  fetch(bot(method), { method: verb, headers: { 'content-type': 'application/json' }, body });
const chat = () => [...sim.state.channels.values()].find((c) => c.guild_id === sim.seed.main && c.name === '闲聊')!.channel_id;

describe('Fanbook simulator: the bot API as Fanbook answers it', () => {
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it('seeds only IDs that a double cannot hold', () => {
    const ids = [
      sim.state.bot.id,
      ...sim.state.users.keys(),
      ...sim.state.guilds.keys(),
      ...[...sim.state.guilds.values()].flatMap((g) => g.roles.map((r) => r.id)),
      ...sim.state.channels.keys(),
      ...sim.state.messages.map((m) => m.message_id),
      ...sim.state.posts.map((p) => p.post_id),
    ];
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(unsafeForDouble(id), id).toBe(true);
  });

  it('takes the token in the path, answers getMe as text/plain with numeric 64-bit IDs', async () => {
    const res = await fetch(bot('getMe'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain(`"id":${sim.state.bot.id},`);
    expect(String((JSON.parse(text) as { result: { id: number } }).result.id)).not.toBe(sim.state.bot.id);
  });

  it('refuses a wrong token, an unknown method and a wrong HTTP method', async () => {
    const wrong = await fetch(`${sim.baseUrl}/api/bot/not-the-token/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect((await fetch(bot('noSuchMethod'), { method: 'POST' })).status).toBe(404);
    const verb = await fetch(bot('sendMessage'));
    expect(verb.status).toBe(405);
  });

  it('is strict about Integer and String parameters, and keeps every digit of an integer', async () => {
    const asString = await postJson('sendMessage', `{"chat_id":"${chat()}","text":"hi","desc":"hi"}`);
    expect(asString.status).toBe(400);
    expect(await asString.json()).toMatchObject({ ok: false, error_code: 1001 });
    const asInt = await postJson('channel/list', `{"guild_id":${sim.seed.main}}`);
    expect(((await asInt.json()) as { error_code: number }).error_code).toBe(1001);

    const sent = await postJson('sendMessage', `{"chat_id":${chat()},"text":"hi","desc":"hi"}`);
    const text = await sent.text();
    const stored = sim.state.messages.at(-1)!;
    expect(stored.chat_id).toBe(chat());
    expect(text).toContain(`"message_id":${stored.message_id},`);
  });

  it('lists channel messages from a form body, in the {status, data} envelope, newest first', async () => {
    const res = await fetch(bot('message/getList'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel_id: chat(), size: '2' }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = (await res.json()) as { status: boolean; data: Array<{ message_id: string; time: number }> };
    expect(body.status).toBe(true);
    expect(body.data).toHaveLength(2);
    expect(body.data[0]!.message_id).toBe(sim.state.messages.filter((m) => m.chat_id === chat()).at(-1)!.message_id);
  });

  it('answers the documented refusals', async () => {
    const foreign = await postJson('getGuildRoles', `{"guild_id":${sim.seed.foreign}}`);
    expect(await foreign.json()).toMatchObject({ ok: false, error_code: 1008 });
    const limitedUser = sim.seed.users[1];
    const denied = await postJson('setMemberRoles', `{"guild_id":${sim.seed.limited},"user_id":${limitedUser},"roles":[]}`);
    expect(await denied.json()).toMatchObject({ ok: false, error_code: 1012 });
    const dm = (await (await postJson('getPrivateChat', `{"user_id":${sim.seed.users[4]}}`)).text()).match(/"id":(\d+)/)![1];
    expect(await (await postJson('sendMessage', `{"chat_id":${dm},"text":"hi"}`)).json()).toMatchObject({ error_code: 1037 });
    sim.model.sendLimitPerSecond = 0;
    const limited = await postJson('sendMessage', `{"chat_id":${chat()},"text":"hi","desc":"hi"}`);
    sim.model.sendLimitPerSecond = 1;
    expect(limited.status).toBe(400);
    expect(await limited.json()).toEqual({ ok: false, error_code: 10002, description: 'limit for bot send per 1 second' });
  });

  it('holds getUpdates until an update arrives or the timeout passes', async () => {
    await postJson('getUpdates', `{"offset":${'9'.repeat(18)},"timeout":0}`);
    const started = Date.now();
    const empty = (await (await postJson('getUpdates', '{"timeout":1}')).json()) as { result: unknown[] };
    expect(empty.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const waiting = postJson('getUpdates', '{"timeout":10}');
    setTimeout(() => sim.userMessage(chat(), sim.seed.users[2]!, `\${@!${sim.state.bot.id}} 在吗`), 100);
    const text = await (await waiting).text();
    expect(text).toContain(`"from":{"id":${sim.seed.users[2]},`);
  });
});

describe('Fanbook simulator: OAuth 2.0', () => {
  const basic = () => `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`;
  const redirect = 'http://127.0.0.1:9/callback';
  beforeAll(() => {
    sim.oauth.redirectUris.add(redirect);
    return sim.start();
  });
  afterAll(() => sim.stop());

  async function code(): Promise<string> {
    const q = new URLSearchParams({ response_type: 'code', client_id: sim.credentials.clientId, redirect_uri: redirect, state: 'xyz' });
    const res = await fetch(`${sim.baseUrl}/open/oauth2/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    return location.searchParams.get('code')!;
  }
  const token = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${sim.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });

  it('exchanges a code once, only with Basic client auth and a form body', async () => {
    const c = await code();
    expect((await token('/open/oauth2/token', { grant_type: 'authorization_code', code: c, redirect_uri: redirect }, { authorization: 'Basic eDp5' })).status).toBe(401);
    const json = await fetch(`${sim.baseUrl}/open/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: c, redirect_uri: redirect }),
    });
    expect(json.status).toBe(400);
    const good = await token('/open/oauth2/token', { grant_type: 'authorization_code', code: c, redirect_uri: redirect });
    const grant = (await good.json()) as Record<string, unknown>;
    expect(grant).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    expect(grant).not.toHaveProperty('ok');
    const reused = await token('/open/oauth2/token', { grant_type: 'authorization_code', code: c, redirect_uri: redirect });
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens, expires access tokens, and serves the {status, data} open API', async () => {
    const first = (await (await token('/open/oauth2/token', { grant_type: 'authorization_code', code: await code(), redirect_uri: redirect })).json()) as Record<string, string>;
    const me = await fetch(`${sim.baseUrl}/open/api/user/getMe`, { method: 'POST', headers: { authorization: `Bearer ${first.access_token}` }, body: '{}' });
    expect(await me.json()).toMatchObject({ status: true, data: { user_id: sim.seed.operator } });

    const next = (await (await token('/open/oauth2/refresh', { grant_type: 'refresh_token', refresh_token: first.refresh_token!, redirect_uri: redirect })).json()) as Record<string, string>;
    expect(next.refresh_token).not.toBe(first.refresh_token);
    const again = await token('/open/oauth2/refresh', { grant_type: 'refresh_token', refresh_token: first.refresh_token!, redirect_uri: redirect });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });

    sim.oauth.expireAccessTokens();
    const expired = await fetch(`${sim.baseUrl}/open/api/guild/getGuilds`, { method: 'POST', headers: { authorization: `Bearer ${next.access_token}` }, body: '{}' });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ status: false });
  });
});
