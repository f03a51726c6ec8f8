import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTTP_TOKEN, startHarness } from '../helpers/harness.js';
import { fresnsSim } from '../platforms/fresns/helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * Drives Fresns tools through logins, re-logins, refusals and resources, then scans every result,
 * error, resource and log line (debug level) for the app secret, the passwords (plain and Base64)
 * and every session token the simulator ever issued.
 */
describe('Fresns: no secret or session token in any result, error or log line', () => {
  it('holds across logins, expiry, failures, uploads, resources and logout', async () => {
    const uploads = await mkdtemp(path.join(os.tmpdir(), 'fresns-secrets-'));
    await writeFile(path.join(uploads, 'note.txt'), 'not an image');
    const outputs: string[] = [];
    const secrets = new Set<string>([HTTP_TOKEN]);
    for (const appSecret of [undefined, 'a-wrong-fresns-secret-456']) {
      const h = await startHarness({ env: { CREATOR_MCP_UPLOAD_DIR: uploads, ...(appSecret ? { FRESNS_APP_SECRET: appSecret } : {}) } });
      const sim = fresnsSim(h);
      const c = sim.credentials;
      for (const s of [c.appSecret, c.password, b64(c.password), c.studioPassword, b64(c.studioPassword), c.multiPassword, b64(c.multiPassword), appSecret]) if (s) secrets.add(s);
      for (const map of [sim.state.accountTokens, sim.state.userTokens]) {
        const set = map.set.bind(map);
        map.set = (token, session) => {
          secrets.add(token);
          return set(token, session);
        };
      }
      try {
        const client = await h.client();
        const calls: Array<[string, Record<string, unknown>]> = [
          ['fresns_get_configs', { keys: 'site_mode' }],
          ['fresns_get_account', {}],
          ['fresns_list_notifications', { pageSize: 3 }],
          ['fresns_quick_publish', { type: 'post', content: 'secret scan' }],
          ['fresns_quick_publish', { type: 'post', content: 'x', image: 'note.txt' }],
          ['fresns_quick_publish', { type: 'post', content: 'x', image: '../../etc/passwd' }],
          ['fresns_send_message', { uidOrUsername: 'kenji', message: 'refused' }],
          ['fresns_login_account', { type: 'email', account: c.multiAccount, password: c.multiPassword }],
          ['fresns_login_user', { uidOrUsername: 'lin_studio', password: c.studioPassword }],
          ['fresns_login_user', { uidOrUsername: 'lin_studio', password: 'wrong-studio-password' }],
          ['fresns_get_user_panel', {}],
          ['fresns_logout', {}],
          ['fresns_list_conversations', {}],
          ['fresns_login_account', { type: 'email', account: c.account, password: 'not-the-password' }],
        ];
        for (const [name, args] of calls) outputs.push(JSON.stringify(await client.callTool({ name, arguments: args })));
        sim.expireSessions();
        outputs.push(JSON.stringify(await client.callTool({ name: 'fresns_list_conversations', arguments: {} })));
        outputs.push(JSON.stringify(await client.callTool({ name: 'fresns_send_message', arguments: { uidOrUsername: 'mei_chen', message: 'after expiry' } })));
        for (const uri of ['fresns://automation-context', 'creator://automation-context', `fresns://posts/${sim.state.posts[0]!.pid}`]) {
          outputs.push(JSON.stringify(await client.readResource({ uri }).catch((e: Error) => ({ error: e.message }))));
        }
        outputs.push(...h.logs);
        if (!appSecret) expect(sim.state.counters.accountLogins).toBeGreaterThanOrEqual(3);
      } finally {
        await h.close();
      }
    }
    await rm(uploads, { recursive: true, force: true });
    const all = outputs.join('\n');
    // The scan must have seen real work: logins, refusals and the signature error.
    expect(secrets.size).toBeGreaterThan(10);
    expect(all).toMatch(/code 31302/);
    expect(all).toMatch(/code 36600/);
    expect(all).toMatch(/"aid":"sbxAcct2"/);
    for (const s of secrets) expect(all.includes(s), `leaked ${s.slice(0, 4)}…`).toBe(false);
  });
});
