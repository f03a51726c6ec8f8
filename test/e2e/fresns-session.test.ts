import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim, tool } from '../platforms/fresns/helpers.js';

const logins = (sim: FresnsSimulator) => ({ ...sim.state.counters });

describe('Fresns sessions: login on demand, the token store, re-login once, logout', () => {
  let h: Harness;
  let client: Client;
  let sim: FresnsSimulator;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
    sim = fresnsSim(h);
  });
  afterAll(() => h.close());

  it('logs in once (account, then user) for concurrent calls and keeps the session in the token store', async () => {
    expect(logins(sim)).toEqual({ accountLogins: 0, userLogins: 0 });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.callTool({ name: 'fresns_list_notifications', arguments: { pageSize: 1 } })));
    for (const r of results) expect(r.isError).toBeFalsy();
    expect(logins(sim)).toEqual({ accountLogins: 1, userLogins: 1 });
    const stored = await h.rt.store.get('fresns');
    expect(stored?.data).toMatchObject({ aid: 'sbxAcct1', uid: '100001', source: 'login' });
    expect(sim.state.accountTokens.has(stored?.data.aidToken as string)).toBe(true);
  });

  it('after the site expires the session, a read logs in again once and is repeated', async () => {
    sim.expireSessions();
    const before = logins(sim);
    const data = await tool(client, 'fresns_list_conversations', {});
    expect(data.list.length).toBeGreaterThan(0);
    expect(logins(sim)).toEqual({ accountLogins: before.accountLogins + 1, userLogins: before.userLogins + 1 });
    expect(h.logs.join('')).toMatch(/fresns_list_conversations: the site refused the session \(code 31504\); repeating the read/);
  });

  it('after expiry a write is not repeated: it logs in again and asks for the call again', async () => {
    sim.expireSessions();
    const before = logins(sim);
    const posts = sim.state.posts.length;
    const text = errorText(await client.callTool({ name: 'fresns_quick_publish', arguments: { type: 'post', content: 'after expiry' } }));
    expect(text).toMatch(/code 31504\).*refused the session before doing anything, and creator-mcp has now logged in again: call fresns_quick_publish again/);
    expect(sim.state.posts.length).toBe(posts);
    expect(logins(sim).accountLogins).toBe(before.accountLogins + 1);
    const ok = await tool(client, 'fresns_quick_publish', { type: 'post', content: 'after expiry' });
    expect(sim.state.posts.at(-1)?.pid).toBe(ok.fsid);
    expect(logins(sim).accountLogins).toBe(before.accountLogins + 1);
  });

  it('logs in again only once: when the new login is refused, the error says why', async () => {
    sim.expireSessions();
    const account = sim.state.accounts[0]!;
    const saved = account.password;
    account.password = 'changed-elsewhere';
    try {
      const before = logins(sim);
      const loginCalls = sim.host.processed('/api/v2/account/login');
      const text = errorText(await client.callTool({ name: 'fresns_get_user_panel', arguments: {} }));
      expect(text).toMatch(/code 34304\): Incorrect password\. Login refused: check the account .*FRESNS_PASSWORD/);
      expect(sim.host.processed('/api/v2/account/login')).toBe(loginCalls + 1);
      expect(logins(sim)).toEqual(before);
    } finally {
      account.password = saved;
    }
  });

  it('a public read survives a refused optional session', async () => {
    sim.expireSessions();
    await h.rt.store.update('fresns', 'default', (r) => (r ? { ...r, data: { ...r.data, source: 'tool' } } : undefined));
    // The session is now the agent's own (no automatic re-login) and expired: public reads still work.
    expect((await tool(client, 'fresns_list_posts', { pageSize: 1 })).list).toHaveLength(1);
    const text = errorText(await client.callTool({ name: 'fresns_get_user_panel', arguments: {} }));
    expect(text).toMatch(/code 31504\)/);
  });

  it('the login tools switch the session; a user of a multi-user account is picked with fresns_login_user', async () => {
    await tool(client, 'fresns_login_account', { type: 'email', account: 'lin@sandbox.fresns.test', password: 'lin-password-7' });
    expect((await h.rt.store.get('fresns'))?.data).toMatchObject({ aid: 'sbxAcct2', source: 'tool' });
    expect((await h.rt.store.get('fresns'))?.data.uid).toBeUndefined();
    const text = errorText(await client.callTool({ name: 'fresns_list_notifications', arguments: {} }));
    expect(text).toMatch(/several: 100002 \(lin_wei\), 100003 \(lin_studio\)/);
    await tool(client, 'fresns_login_user', { uidOrUsername: 'lin_wei' });
    const sent = await tool(client, 'fresns_send_message', { uidOrUsername: 'mei_chen', message: 'hello from lin' });
    expect(sent.user.uid).toBe(100002);
  });

  it('fresns_logout ends the session on the site and in the store; the next call logs in again from the environment', async () => {
    const before = (await h.rt.store.get('fresns'))?.data;
    const out = await tool(client, 'fresns_logout', {});
    expect(out).toEqual({ loggedOut: true, serverSession: 'ended' });
    expect(await h.rt.store.get('fresns')).toBeUndefined();
    expect(sim.state.accountTokens.has(before?.aidToken as string)).toBe(false);
    const panel = await tool(client, 'fresns_get_user_panel', {});
    expect(panel.unreadNotifications).toBeDefined();
    expect((await h.rt.store.get('fresns'))?.data).toMatchObject({ aid: 'sbxAcct1', uid: '100001', source: 'login' });
  });
});

describe('Fresns session given directly (FRESNS_AID, FRESNS_AID_TOKEN, FRESNS_UID, FRESNS_UID_TOKEN)', () => {
  it('is used as is, never logs in, and says what to do when the site refuses it', async () => {
    // Tokens as a browser login would have made them; the simulator is taught them below.
    const aidToken = 'directAidToken0123456789abcdefgh';
    const uidToken = 'directUidToken0123456789abcdefgh';
    const h = await startHarness({ env: { FRESNS_ACCOUNT: '', FRESNS_PASSWORD: '', FRESNS_AID: 'sbxAcct1', FRESNS_AID_TOKEN: aidToken, FRESNS_UID: '100001', FRESNS_UID_TOKEN: uidToken } });
    try {
      const sim = fresnsSim(h);
      sim.state.accountTokens.set(aidToken, { aid: 'sbxAcct1', expiresAt: null });
      sim.state.userTokens.set(uidToken, { aid: 'sbxAcct1', uid: 100001, expiresAt: null });
      const client = await h.client();
      expect((await tool(client, 'fresns_get_user_panel', {})).conversations).toBeDefined();
      expect((await h.rt.store.get('fresns'))?.data).toMatchObject({ aid: 'sbxAcct1', uid: '100001', source: 'env' });
      expect(sim.state.counters.accountLogins).toBe(0);
      sim.expireSessions();
      const text = errorText(await client.callTool({ name: 'fresns_get_user_panel', arguments: {} }));
      expect(text).toMatch(/code 31504\).*The account session expired: set FRESNS_ACCOUNT and FRESNS_PASSWORD/);
      expect(sim.state.counters.accountLogins).toBe(0);
      // Logging out leaves a tombstone so the dead env tokens are not adopted again.
      expect(await tool(client, 'fresns_logout', {})).toEqual({ loggedOut: true, serverSession: 'already-invalid' });
      expect((await h.rt.store.get('fresns'))?.data).toMatchObject({ loggedOut: true });
      expect(errorText(await client.callTool({ name: 'fresns_get_user_panel', arguments: {} }))).toMatch(/needs a logged-in Fresns user \(account and user session\); none is available/);
    } finally {
      await h.close();
    }
  });
});
