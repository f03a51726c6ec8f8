import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FresnsClient } from '../../src/platforms/fresns/client.js';
import { HTTP_TOKEN, startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim, tool } from '../platforms/fresns/helpers.js';

const STATUS = '/api/fresns/v1/global/status';

/**
 * FRESNS_API_VERSION=auto (the default) against a simulator of each generation: one probe at the
 * first call, kept for the process; the catalog lists both generations' tools until then, and a
 * tool the detected site lacks answers with one clear error and sends nothing.
 */
describe.each([2, 3] as const)('FRESNS_API_VERSION=auto against a Fresns %s.x site', (version) => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'fresns' }, fresnsVersion: version });
    client = await h.client();
  });
  afterAll(() => h.close());

  it('lists both generations before detecting, without touching the site', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('fresns_login_with_token');
    expect(names).toContain('fresns_get_code_messages');
    expect(fresnsSim(h).host.requests.filter((r) => r.path === STATUS)).toHaveLength(0);
  });

  it('detects the version once, at the first call, and signs for it', async () => {
    const sim = fresnsSim(h);
    expect(await tool(client, 'fresns_get_configs', { keys: 'site_name' })).toEqual({ site_name: 'Fresns Sandbox' });
    await tool(client, 'fresns_list_posts', { pageSize: 1 });
    expect(sim.host.requests.filter((r) => r.path === STATUS)).toHaveLength(1);
    expect((h.rt.enabled.get('fresns')!.client as FresnsClient).versions.known).toBe(version);
    const last = sim.host.requests.at(-1)!;
    expect(last.path).toBe(version === 3 ? '/api/fresns/v1/post/list' : '/api/v2/post/list');
    expect(last.headers['x-fresns-signature']).toMatch(version === 3 ? /^[0-9a-f]{64}$/ : /^[0-9a-f]{32}$/);
  });

  it('answers a tool of the other generation with one clear error, and sends nothing', async () => {
    const sim = fresnsSim(h);
    const before = sim.host.requests.length;
    const [name, args] = version === 3 ? ['fresns_get_code_messages', { codes: '31302' }] : ['fresns_login_with_token', { loginToken: 'abc' }];
    const res = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ text: string }> };
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(
      new RegExp(`${name} does not exist on Fresns ${version}\\.x .*\\(detected; FRESNS_API_VERSION=auto\\), only on Fresns ${version === 3 ? 2 : 3}\\.x.*nothing was sent`),
    );
    expect(sim.host.requests.length).toBe(before);
  });
});

describe('FRESNS_API_VERSION set explicitly', () => {
  it('offers only that version\'s tools and never probes', async () => {
    const h = await startHarness({ flags: { toolsets: 'fresns' }, fresnsVersion: 3, env: { FRESNS_API_VERSION: '3' } });
    try {
      const client = await h.client();
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('fresns_login_with_token');
      expect(names).not.toContain('fresns_login_account');
      expect(names).not.toContain('fresns_get_code_messages');
      await tool(client, 'fresns_get_configs', { keys: 'site_name' });
      expect(fresnsSim(h).host.requests.filter((r) => r.path === STATUS)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('a 2.x setting against a 3.x site gets the route hint, not a wrong answer', async () => {
    const h = await startHarness({ flags: { toolsets: 'fresns' }, fresnsVersion: 3, env: { FRESNS_API_VERSION: '2' } });
    try {
      const client = await h.client();
      const res = (await client.callTool({ name: 'fresns_get_configs', arguments: {} })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(res.isError).toBe(true);
      expect(res.content[0]!.text).toMatch(/HTTP 404.*FRESNS_API_VERSION must match it/);
    } finally {
      await h.close();
    }
  });
});

describe('Fresns 3.x sessions', () => {
  const apiCalls = (h: Harness) => fresnsSim(h).host.requests.filter((r) => r.path.startsWith('/api/') && r.path !== STATUS).length;

  it('without a session, a tool that needs one names the 3.x ways in, and sends nothing', async () => {
    const h = await startHarness({ flags: { toolsets: 'fresns' }, fresnsVersion: 3, env: { FRESNS_AID: '', FRESNS_AID_TOKEN: '', FRESNS_UID: '', FRESNS_UID_TOKEN: '' } });
    try {
      const client = await h.client();
      const res = (await client.callTool({ name: 'fresns_send_message', arguments: { uidOrUsername: 'mei_chen', message: 'hi' } })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(res.isError).toBe(true);
      expect(res.content[0]!.text).toMatch(/Fresns 3\.x logs in through the site's account center.*FRESNS_AID.*fresns_login_with_token/);
      expect(apiCalls(h)).toBe(0);
      // The account center's loginToken makes the session; the next write goes through with it.
      const token = (await (await fetch(`${fresnsSim(h).baseUrl}/__sandbox/login-token`, { method: 'POST' })).json()) as { loginToken: string };
      await tool(client, 'fresns_login_with_token', { loginToken: token.loginToken });
      expect(await tool(client, 'fresns_send_message', { uidOrUsername: '100005', message: 'hello from 3.x' })).toMatchObject({ content: 'hello from 3.x' });
      const sent = fresnsSim(h).host.requests.at(-1)!;
      expect(sent.path).toBe('/api/fresns/v1/conversation/message');
      expect(sent.headers['x-fresns-uid']).toBe('100001');
      // A loginToken is good once.
      const again = (await client.callTool({ name: 'fresns_login_with_token', arguments: { loginToken: token.loginToken } })) as { isError?: boolean; content: Array<{ text: string }> };
      expect(again.content[0]!.text).toMatch(/code 31507/);
    } finally {
      await h.close();
    }
  });

  it('shows no token, loginToken or app key in any result, error or log line', async () => {
    const h = await startHarness({ flags: { toolsets: 'fresns' }, fresnsVersion: 3 });
    const sim = fresnsSim(h);
    const secrets = new Set<string>([HTTP_TOKEN, sim.credentials.appSecret, sim.credentials.studioPassword, h.sandbox.env.FRESNS_AID_TOKEN!, h.sandbox.env.FRESNS_UID_TOKEN!]);
    for (const map of [sim.state.accountTokens, sim.state.userTokens]) {
      const set = map.set.bind(map);
      map.set = (token, session) => {
        secrets.add(token);
        return set(token, session);
      };
    }
    const outputs: string[] = [];
    try {
      const client = await h.client();
      const loginToken = sim.issueLoginToken('sbxAcct2', 100002);
      secrets.add(loginToken);
      const calls: Array<[string, Record<string, unknown>]> = [
        ['fresns_get_account', {}],
        ['fresns_login_with_token', { loginToken }],
        ['fresns_login_with_token', { loginToken }],
        ['fresns_login_user', { uidOrUsername: 'lin_studio', password: sim.credentials.studioPassword }],
        ['fresns_login_user', { uidOrUsername: 'lin_studio', password: 'wrong-pin' }],
        ['fresns_get_user_panel', {}],
        ['fresns_logout', {}],
        ['fresns_list_notifications', {}],
      ];
      for (const [name, args] of calls) outputs.push(JSON.stringify(await client.callTool({ name, arguments: args })));
      outputs.push(...h.logs);
    } finally {
      await h.close();
    }
    const all = outputs.join('\n');
    expect(all).toMatch(/"authToken":\{"aid":"sbxAcct2"/);
    expect(all).toMatch(/"uid":100003/);
    expect(all).toMatch(/code 31507/);
    expect(secrets.size).toBeGreaterThanOrEqual(7);
    for (const v of secrets) expect(all.includes(v), `leaked ${v.slice(0, 4)}…`).toBe(false);
  });
});
