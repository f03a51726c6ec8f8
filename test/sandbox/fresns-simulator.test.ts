import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure } from '../../src/platforms/fresns/config.js';
import { sign } from '../../src/platforms/fresns/sign.js';
import { DEVICE_INFO, fresnsHeaders, type Session } from '../../src/platforms/fresns/transport.js';
import { ConfigError } from '../../src/http/errors.js';
import { createFresnsSimulator, type FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import { fresnsVersionFromEnv } from '../../src/sandbox/fresns/sandbox.js';
import { startSandbox } from '../../src/sandbox/index.js';

/**
 * The simulator's header checks, answered with Fresns' own codes, exercised with raw HTTP so
 * each rule is seen in isolation (the MCP-level behaviour is in test/e2e/fresns-*).
 */
describe.each([2, 3] as const)('Fresns %s.x simulator: header checks, login gating and the envelope', (version) => {
  let sim: FresnsSimulator;
  const now = () => Date.now();
  const P = version === 3 ? '/api/fresns/v1' : '/api/v2';
  const OTHER = version === 3 ? '/api/v2' : '/api/fresns/v1';
  const hdr = (c: ReturnType<typeof cfg>, s: Session, when: number, v: 2 | 3 = version) => fresnsHeaders(c, s, when, v);
  const cfg = (over: Record<string, string> = {}) =>
    configure({ FRESNS_BASE_URL: sim.baseUrl, FRESNS_APP_ID: sim.credentials.appId, FRESNS_APP_SECRET: sim.credentials.appSecret, ...over })!;
  async function call(path: string, init: { method?: string; headers?: Record<string, string | undefined>; body?: unknown } = {}) {
    const headers = Object.fromEntries(Object.entries(init.headers ?? hdr(cfg(), {}, now())).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const res = await fetch(`${sim.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: init.body ? { ...headers, 'content-type': 'application/json' } : headers,
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as { code: number; message: string; data: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  /** Good headers re-signed for a given timestamp text (10 digits = seconds, 13 = ms). */
  function at(ts: string): Record<string, string> {
    const h = hdr(cfg(), {}, now());
    const signed = { 'X-Fresns-App-Id': h['X-Fresns-App-Id'], 'X-Fresns-Client-Platform-Id': h['X-Fresns-Client-Platform-Id'], 'X-Fresns-Client-Version': h['X-Fresns-Client-Version'], 'X-Fresns-Signature-Timestamp': ts };
    return { ...h, 'X-Fresns-Signature-Timestamp': ts, 'X-Fresns-Signature': sign(signed, sim.credentials.appSecret, version === 3 ? 'v3-sha256' : 'v2-md5') };
  }
  async function login(): Promise<Session> {
    if (version === 3) {
      // 3.x: the account center's loginToken, exchanged for both sessions at once.
      const res = await call(`${P}/account/auth-token`, { method: 'POST', body: { loginToken: sim.issueLoginToken('sbxAcct1', 100001) } });
      const t = res.body.data.authToken;
      return { aid: t.aid, aidToken: t.aidToken, uid: String(t.uid), uidToken: t.uidToken };
    }
    const acc = await call('/api/v2/account/login', { method: 'POST', body: { type: 'email', account: sim.credentials.account, password: Buffer.from(sim.credentials.password).toString('base64') } });
    const aid = { aid: acc.body.data.sessionToken.aid, aidToken: acc.body.data.sessionToken.token };
    const user = await call('/api/v2/user/auth', { method: 'POST', headers: hdr(cfg(), aid, now()), body: { uidOrUsername: '100001' } });
    return { ...aid, uid: String(user.body.data.sessionToken.uid), uidToken: user.body.data.sessionToken.token };
  }

  beforeAll(async () => {
    sim = createFresnsSimulator({ apiVersion: version });
    await sim.start();
  });
  afterAll(() => sim.stop());

  it('answers a correct request with {code: 0, message, data} and the Fresns-Api header', async () => {
    const res = await fetch(`${sim.baseUrl}${P}/global/configs?keys=site_mode`, { headers: hdr(cfg(), {}, now()) });
    expect(res.status).toBe(200);
    expect(res.headers.get('fresns-api')).toBe(version === 3 ? 'v1' : 'v2');
    expect(await res.json()).toEqual({ code: 0, message: 'ok', data: { site_mode: 'public' } });
  });

  it('refuses bad headers with HTTP 200 and the Fresns code, in the order Fresns checks them', async () => {
    const good = () => hdr(cfg(), {}, now());
    const cases: Array<[string, Record<string, string | undefined>, number]> = [
      ['no app id', { ...good(), 'X-Fresns-App-Id': undefined }, 30000],
      ['platform out of range', { ...good(), 'X-Fresns-Client-Platform-Id': '12' }, 30000],
      ['no device info', { ...good(), 'X-Fresns-Client-Device-Info': undefined }, 30000],
      ['device info not base64 JSON', { ...good(), 'X-Fresns-Client-Device-Info': Buffer.from('nope').toString('base64') }, 31702],
      ['device info without an IP', { ...good(), 'X-Fresns-Client-Device-Info': Buffer.from('{"agent":"x"}').toString('base64') }, 31703],
      ['timestamp of 9 digits', { ...good(), 'X-Fresns-Signature-Timestamp': '123456789' }, 30000],
      ['unknown app id', hdr(cfg({ FRESNS_APP_ID: 'nope' }), {}, now()), 31301],
      ['key of another platform', hdr(cfg({ FRESNS_PLATFORM_ID: '2' }), {}, now()), 31102],
      ['timestamp 11 minutes old (ms)', hdr(cfg(), {}, now() - 660_000), 31303],
      ['timestamp 11 minutes ahead (s)', at(String(Math.floor(now() / 1000) + 660)), 31303],
      ['wrong secret', hdr(cfg({ FRESNS_APP_SECRET: 'not-the-secret' }), {}, now()), 31302],
      ['tampered signed header', { ...good(), 'X-Fresns-Client-Version': '9.9.9' }, 31302],
      ['aid without token', { ...good(), 'X-Fresns-Aid': 'sbxAcct1' }, 30000],
      ['unknown account', hdr(cfg(), { aid: 'nobody', aidToken: 'x'.repeat(32) }, now()), 31502],
      ['wrong account token', hdr(cfg(), { aid: 'sbxAcct1', aidToken: 'x'.repeat(32) }, now()), 31505],
    ];
    for (const [what, headers, code] of cases) {
      const { status, body } = await call(`${P}/global/configs`, { headers });
      expect(status, what).toBe(200);
      expect(body.code, what).toBe(code);
      expect(body.data, what).toBeNull();
    }
    // Within the window, second and millisecond timestamps both pass.
    for (const ts of [String(Math.floor(now() / 1000) - 590), String(now() + 590_000)]) {
      expect((await call(`${P}/global/configs`, { headers: at(ts) })).body.code, ts).toBe(0);
    }
  });

  it('gates routes by login as the public-mode whitelist does, and checks session tokens', async () => {
    expect((await call(`${P}/post/list`)).body.code).toBe(0);
    expect((await call(`${P}/account/detail`)).body.code).toBe(31501);
    expect((await call(`${P}/notification/list`)).body.code).toBe(31501);
    const s = await login();
    const accountOnly = hdr(cfg(), { aid: s.aid, aidToken: s.aidToken }, now());
    expect((await call(`${P}/account/detail`, { headers: accountOnly })).body.code).toBe(0);
    expect((await call(`${P}/notification/list`, { headers: accountOnly })).body.code).toBe(31601);
    // Quirk kept from v2.21.4: archives are not whitelisted, so they need the user too.
    expect((await call(`${P}/global/user/archives`, { headers: accountOnly })).body.code).toBe(31601);
    expect((await call(`${P}/notification/list`, { headers: hdr(cfg(), s, now()) })).body.code).toBe(0);
    expect((await call(`${P}/notification/list`, { headers: hdr(cfg(), { ...s, uidToken: 'y'.repeat(32) }, now()) })).body.code).toBe(31603);
    expect((await call(`${P}/notification/list`, { headers: hdr(cfg(), { ...s, uid: '100004' }, now()) })).body.code).toBe(31602);
    sim.expireSessions();
    expect((await call(`${P}/notification/list`, { headers: hdr(cfg(), s, now()) })).body.code).toBe(31504);
  });

  it('refuses writes with a read-only key (31305) but serves its reads', async () => {
    const ro = cfg({ FRESNS_APP_ID: sim.credentials.readOnlyAppId, FRESNS_APP_SECRET: sim.credentials.readOnlyAppSecret });
    expect((await call(`${P}/post/list`, { headers: hdr(ro, {}, now()) })).body.code).toBe(0);
    // A write open to visitors: 2.x upload-log, 3.x the loginToken exchange (no upload-log in 3.x).
    const [write, body] = version === 3 ? [`${P}/account/auth-token`, { loginToken: 'x' }] : [`${P}/common/upload-log`, { type: 16, objectName: 'x', objectAction: 'y', objectResult: 2 }];
    expect((await call(write, { method: 'POST', headers: hdr(ro, {}, now()), body })).body.code).toBe(31305);
  });

  it('validates arguments Laravel-style and answers unknown routes with HTTP 404', async () => {
    const bad = await call(`${P}/post/list?pageSize=31`);
    expect(bad.body).toMatchObject({ code: 30000, message: expect.stringContaining('pageSize') });
    expect((await call(`${P}/post/list?includeSubgroups=true`)).body.code).toBe(30000);
    expect((await call(`${P}/global/maps`)).status).toBe(404);
    expect((await call(`${P}/post/nope/detail`)).body.code).toBe(37300);
  });

  it('serves only its own generation: the other one\'s paths are 404, its signature is refused (31302)', async () => {
    expect((await call(`${OTHER}/global/configs`)).status).toBe(404);
    expect((await call(`${OTHER}/post/list`, { headers: hdr(cfg(), {}, now(), version === 3 ? 2 : 3) })).status).toBe(404);
    // A request signed the other generation's way (2.x: MD5 + &AppSecret=, 3.x: SHA-256 + &AppKey=).
    const { status, body } = await call(`${P}/global/configs`, { headers: hdr(cfg(), {}, now(), version === 3 ? 2 : 3) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 31302, data: null });
    const statusFile = await fetch(`${sim.baseUrl}/api/fresns/v1/global/status`);
    if (version === 3) expect(await statusFile.json()).toMatchObject({ name: 'Fresns', activate: true });
    else expect(statusFile.status).toBe(404);
  });

  it('reports a hidden list as a "[3xxxx]" warning with code 0 and an empty page', async () => {
    const { body } = await call(`${P}/user/100001/interaction/blockers`);
    expect(body).toEqual({ code: 0, message: '[36103] The site does not make this list public', data: { pagination: { total: 0, pageSize: 15, currentPage: 1, lastPage: 1 }, list: [] } });
  });

  it('takes faults and pokes on its control endpoints', async () => {
    sim.clockOffsetMs = 0;
    const skew = await fetch(`${sim.baseUrl}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ offsetMs: 700_000 }) });
    expect(await skew.json()).toEqual({ clockOffsetMs: 700_000 });
    expect((await call(`${P}/post/list`)).body.code).toBe(31303);
    await fetch(`${sim.baseUrl}/__sandbox/clock`, { method: 'POST', body: '{}' });
    await fetch(`${sim.baseUrl}/__sandbox/drop-headers`, { method: 'POST', body: JSON.stringify({ headers: ['X-Fresns-Client-Device-Info'] }) });
    expect((await call(`${P}/post/list`)).body).toMatchObject({ code: 30000, message: 'The device info field is required.' });
    await fetch(`${sim.baseUrl}/__sandbox/drop-headers`, { method: 'POST', body: '{}' });
    const before = sim.state.notifications.length;
    const poke = (await (await fetch(`${sim.baseUrl}/__sandbox/comment`, { method: 'POST' })).json()) as { cid: string; pid: string };
    expect(sim.state.comments.at(-1)).toMatchObject({ cid: poke.cid, pid: poke.pid, uid: 100004 });
    expect(sim.state.notifications).toHaveLength(before + 1);
    expect(JSON.parse(Buffer.from(DEVICE_INFO, 'base64').toString())).toMatchObject({ networkIpv4: '127.0.0.1' });
  });
});

describe('CREATOR_MCP_SANDBOX_FRESNS_VERSION', () => {
  it('takes 2 or 3 (default 2) and refuses anything else before any simulator starts', async () => {
    expect([undefined, '', '2', ' 3 '].map(fresnsVersionFromEnv)).toEqual([2, 2, 2, 3]);
    for (const bad of ['4', 'v3', 'auto']) expect(() => fresnsVersionFromEnv(bad)).toThrow(/must be 2 .* or 3/);
    const before = process.env.CREATOR_MCP_SANDBOX_FRESNS_VERSION;
    process.env.CREATOR_MCP_SANDBOX_FRESNS_VERSION = '4';
    try {
      await expect(startSandbox()).rejects.toBeInstanceOf(ConfigError);
    } finally {
      if (before === undefined) delete process.env.CREATOR_MCP_SANDBOX_FRESNS_VERSION;
      else process.env.CREATOR_MCP_SANDBOX_FRESNS_VERSION = before;
    }
  });
});
