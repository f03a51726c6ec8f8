import { describe, expect, it } from 'vitest';
import { signPayload } from '../../src/platforms/fanvue/webhook.js';
import { HTTP_TOKEN, startHarness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

/**
 * Drives Fanvue tools through success and failure paths (refresh, 403, invalid_grant, refused
 * webhooks, faults), then scans every result, error, resource and log line for each secret.
 */
describe('no Fanvue secret in any result, error or log line', () => {
  it('holds across refresh, failures and webhooks', async () => {
    const STORE_KEY = 'fanvue-store-key-0123456789-abcdef';
    const h = await startHarness({ env: { CREATOR_MCP_SECRET_KEY: STORE_KEY } });
    const sim = fanvueOf(h);
    const outputs: string[] = [];
    try {
      const client = await h.client();
      const fan = [...sim.creator.chats.keys()][0]!;
      const run = async (name: string, args: Record<string, unknown> = {}) => outputs.push(JSON.stringify(await client.callTool({ name, arguments: args })));
      await run('fanvue_get_current_user');
      sim.oauth.expireAccessTokens();
      await run('fanvue_list_chats', { size: 3 });
      await run('fanvue_send_message', { userUuid: fan, text: 'hello' });
      sim.api.injectFault({ kind: 'status-after', status: 500, pathPrefix: `/chats/${fan}/message` });
      await run('fanvue_send_message', { userUuid: fan, text: 'lost' });
      sim.api.injectFault({ kind: 'non-json-after', pathPrefix: '/users/me' });
      await run('fanvue_get_current_user');
      await run('fanvue_get_post', { uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
      for (const uri of ['fanvue://automation-context', 'creator://automation-context']) outputs.push(JSON.stringify(await client.readResource({ uri })));
      const rotated = (await h.rt.store.get('fanvue'))?.data as Record<string, string>;
      const hook = `${new URL(h.http.url).origin}/webhooks/fanvue`;
      const t = Math.floor(Date.now() / 1000);
      outputs.push(await (await fetch(hook, { method: 'POST', headers: { 'x-fanvue-signature': `t=${t},v0=${signPayload('wrong-secret-xyz', t, '{}')}` }, body: '{}' })).text());
      // Kill the login: the stored refresh token gets reused elsewhere, then everything must re-login.
      const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64');
      for (let i = 0; i < 2; i++) {
        await fetch(`${sim.authBaseUrl}/oauth2/token`, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token as string }) });
      }
      await run('fanvue_get_current_user');
      outputs.push(...h.logs);

      const secrets = [sim.credentials.clientSecret, sim.credentials.webhookSecret, sim.credentials.accessToken, sim.credentials.refreshToken, rotated.access_token, rotated.refresh_token, HTTP_TOKEN, STORE_KEY];
      expect(rotated.access_token).not.toBe(sim.credentials.accessToken);
      const all = outputs.join('\n');
      expect(all).toMatch(/may have been sent/);
      expect(all).toMatch(/creator-mcp login fanvue/);
      for (const s of secrets) expect(all.includes(s as string), `leaked ${String(s).slice(0, 5)}…`).toBe(false);
      expect(all).not.toMatch(/fvat_|fvrt_|fvcs_|fvwh_/);
    } finally {
      await h.close();
    }
  });
});
