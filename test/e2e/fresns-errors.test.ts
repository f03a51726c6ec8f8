import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim, tool } from '../platforms/fresns/helpers.js';

/** Operation requests; the one-time version probe (FRESNS_API_VERSION=auto) reads the public status file, not the operation. */
const apiRequests = (sim: FresnsSimulator) => sim.host.requests.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/fresns/v1/global/status').length;

describe('Fresns refusals become one actionable tool error', () => {
  let h: Harness;
  let client: Client;
  let sim: FresnsSimulator;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
    sim = fresnsSim(h);
  });
  afterAll(() => h.close());

  it('a stale timestamp (clock skew over 10 minutes) gets 31303 and says to fix the clock', async () => {
    sim.clockOffsetMs = 11 * 60_000;
    try {
      const text = errorText(await client.callTool({ name: 'fresns_list_posts', arguments: {} }));
      expect(text).toMatch(/^Fresns fresns_list_posts failed \(HTTP 200, code 31303\): Signature has expired\./);
      expect(text).toMatch(/more than 10 minutes away from the site's clock: fix this machine's clock/);
    } finally {
      sim.clockOffsetMs = 0;
    }
  });

  it('missing device info (a proxy dropping the header) gets the Fresns code and names the header', async () => {
    sim.droppedHeaders = new Set(['x-fresns-client-device-info']);
    try {
      const text = errorText(await client.callTool({ name: 'fresns_get_configs', arguments: { keys: 'site_mode' } }));
      expect(text).toMatch(/\(HTTP 200, code 30000\): The device info field is required\./);
      expect(text).toMatch(/X-Fresns-Client-Device-Info header did not arrive: check that proxies/);
    } finally {
      sim.droppedHeaders = new Set();
    }
  });

  it('a permission refusal (deleting someone else\'s post) gets 364xx with what to do', async () => {
    const theirs = sim.state.posts.find((p) => p.uid === 100004)!.pid;
    const text = errorText(await client.callTool({ name: 'fresns_delete_post', arguments: { pid: theirs } }));
    expect(text).toMatch(/code 36400\): You do not have permission to delete this content\. .*permission/);
    expect(sim.state.posts.find((p) => p.pid === theirs)?.deleted).toBe(false);
  });

  it('refuses bad arguments by name before any request leaves', async () => {
    const before = apiRequests(sim);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['fresns_quick_publish', { type: 'comment', content: 'x' }, 'commentPid'],
      ['fresns_quick_publish', { type: 'post' }, 'content'],
      ['fresns_send_message', { uidOrUsername: 'mei_chen', message: 'a', fid: 'b' }, 'message'],
      ['fresns_login_account', { type: 'email', account: 'a@b.c' }, 'password'],
      ['fresns_list_posts', { pageSize: 31 }, 'pageSize'],
      ['fresns_mark_notifications_read', { type: 'choose' }, 'notificationIds'],
      ['fresns_get_code_messages', {}, 'codes'],
      ['fresns_upload_file', { usageType: 7, tableName: 'posts', tableColumn: 'id', tableId: 1, type: 'image', uploadMode: 'file' }, 'file'],
      ['fresns_get_post_log', { pid: 'x', logId: 'one' }, 'logId'],
    ];
    for (const [name, args, field] of cases) expect(errorText(await client.callTool({ name, arguments: args })), name).toContain(field);
    expect(apiRequests(sim)).toBe(before);
  });

  it('refuses an upload when CREATOR_MCP_UPLOAD_DIR is unset, without sending anything', async () => {
    const before = apiRequests(sim);
    const text = errorText(await client.callTool({ name: 'fresns_quick_publish', arguments: { type: 'post', content: 'x', image: 'cover.png' } }));
    expect(text).toMatch(/CREATOR_MCP_UPLOAD_DIR/);
    expect(apiRequests(sim)).toBe(before);
  });

  it('surfaces a "[3xxxx]" warning next to the (empty) list', async () => {
    const data = await tool(client, 'fresns_list_user_interactions', { uidOrUsername: '100001', type: 'blockers' });
    expect(data).toMatchObject({ list: [], hasMore: false, warning: { code: 36103, message: 'The site does not make this list public' } });
  });
});

describe('Fresns key and login configuration errors', () => {
  it('a wrong app secret gets 31302 and names FRESNS_APP_SECRET, without showing it', async () => {
    const h = await startHarness({ env: { FRESNS_APP_SECRET: 'a-wrong-fresns-secret-123' } });
    try {
      const client = await h.client();
      const text = errorText(await client.callTool({ name: 'fresns_list_posts', arguments: {} }));
      expect(text).toMatch(/code 31302\): Signature error\. The signature was refused: FRESNS_APP_SECRET \(FRESNS_APP_KEY\) does not belong to FRESNS_APP_ID/);
      expect(text).not.toContain('a-wrong-fresns-secret-123');
    } finally {
      await h.close();
    }
  });

  it('a key of another platform gets 31102; a read-only key refuses writes with 31305', async () => {
    const h = await startHarness({ env: { FRESNS_PLATFORM_ID: '2' } });
    try {
      expect(errorText(await (await h.client()).callTool({ name: 'fresns_list_posts', arguments: {} }))).toMatch(/code 31102\).*FRESNS_PLATFORM_ID does not match/);
    } finally {
      await h.close();
    }
    const ro = await startHarness({ env: { FRESNS_APP_ID: 'sbxReadOnly4', FRESNS_APP_SECRET: 'sandboxFresnsReadOnlySecret3Nd8Wq' } });
    try {
      const client = await ro.client();
      await tool(client, 'fresns_list_posts', { pageSize: 1 });
      expect(errorText(await client.callTool({ name: 'fresns_send_message', arguments: { uidOrUsername: 'mei_chen', message: 'hi' } }))).toMatch(/code 31305\).*read-only/);
    } finally {
      await ro.close();
    }
  });

  it('without any login, a tool that needs one says what to set, and sends nothing', async () => {
    const h = await startHarness({ env: { FRESNS_ACCOUNT: '', FRESNS_PASSWORD: '' } });
    try {
      const client = await h.client();
      const sim = fresnsSim(h);
      const before = apiRequests(sim);
      const text = errorText(await client.callTool({ name: 'fresns_send_message', arguments: { uidOrUsername: 'mei_chen', message: 'hi' } }));
      expect(text).toMatch(/^Fresns fresns_send_message: needs a logged-in Fresns user/);
      expect(text).toMatch(/FRESNS_ACCOUNT and FRESNS_PASSWORD/);
      expect(text).toMatch(/fresns_login_account/);
      expect(apiRequests(sim)).toBe(before);
      // Public reads need no login.
      expect((await tool(client, 'fresns_list_posts', { pageSize: 1 })).list).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('an account with several users needs FRESNS_USER (and the password of a user that has one)', async () => {
    const env = { FRESNS_ACCOUNT: 'lin@sandbox.fresns.test', FRESNS_PASSWORD: 'lin-password-7' };
    const h = await startHarness({ env });
    try {
      const text = errorText(await (await h.client()).callTool({ name: 'fresns_list_notifications', arguments: {} }));
      expect(text).toMatch(/the account has several: 100002 \(lin_wei\), 100003 \(lin_studio\)\. Set FRESNS_USER/);
    } finally {
      await h.close();
    }
    const wrong = await startHarness({ env: { ...env, FRESNS_USER: 'lin_studio' } });
    try {
      const text = errorText(await (await wrong.client()).callTool({ name: 'fresns_list_notifications', arguments: {} }));
      expect(text).toMatch(/code 34111\): This user requires a password\./);
    } finally {
      await wrong.close();
    }
    const right = await startHarness({ env: { ...env, FRESNS_USER: 'lin_studio', FRESNS_USER_PASSWORD: 'studio-pass-3' } });
    try {
      const client = await right.client();
      const sent = await tool(client, 'fresns_send_message', { uidOrUsername: 'mei_chen', message: 'from the studio' });
      expect(sent.user.uid).toBe(100003);
    } finally {
      await right.close();
    }
  });
});
