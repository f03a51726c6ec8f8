import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf } from '../platforms/fanbook/helpers.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';
import { fresnsSim } from '../platforms/fresns/helpers.js';

/** What response fuzzing (test/reliability/response-fuzz.test.ts) found, one case each. */

const nested = (levels: number, inner = '"x"') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

describe('an answer nested 10,000 levels deep', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
  });
  afterAll(() => h.close());

  // It used to overflow the stack after the parser: "failed unexpectedly: Maximum call stack size exceeded".
  it('is refused with a sentence that names the limit, on every platform', async () => {
    const cases: Array<[string, Record<string, unknown>, () => void]> = [
      ['afdian_ping', {}, () => h.afdian.host.injectFault({ kind: 'body-before', body: `{"ec":200,"em":"","data":${nested(10_000)}}` })],
      ['fanvue_list_chats', {}, () => fanvueOf(h).api.injectFault({ kind: 'body-before', body: `{"data":${nested(10_000)}}` })],
      ['fanbook_get_me', {}, () => fanbookOf(h).host.injectFault({ kind: 'body-before', body: `{"ok":true,"result":${nested(10_000)}}` })],
      ['fresns_get_configs', {}, () => fresnsSim(h).host.injectFault({ kind: 'body-before', pathPrefix: '/api/v2/global/configs', body: `{"code":0,"message":"ok","data":${nested(10_000)}}` })],
    ];
    for (const [tool, args, inject] of cases) {
      inject();
      const text = errorText(await client.callTool({ name: tool, arguments: args }));
      expect(text, tool).toMatch(/JSON nested more than 256 levels deep/);
      expect(text, tool).not.toMatch(/unexpectedly/);
    }
  });

  it('a depth real answers could have still comes back as data', async () => {
    h.afdian.host.injectFault({ kind: 'body-before', body: `{"ec":200,"em":"","data":{"deep":${nested(200, '"a [b] {c}"')}}}` });
    const data = payload<{ data: { deep: unknown } }>(await client.callTool({ name: 'afdian_ping', arguments: {} }));
    expect(JSON.stringify(data)).toContain('a [b] {c}');
  });
});

describe('Fresns login answers the session cannot use', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
  });
  afterAll(() => h.close());
  const login = () => ({ type: 'email', account: fresnsSim(h).credentials.account, password: fresnsSim(h).credentials.password });

  // Kept, a token with a character a header cannot carry made every later Fresns call fail
  // ("Cannot convert argument to a ByteString"), until the process restarted.
  it('a token that is not header text is refused and the session it would replace keeps working', async () => {
    payload(await client.callTool({ name: 'fresns_get_account', arguments: {} }));
    fresnsSim(h).host.injectFault({
      kind: 'body-after',
      pathPrefix: '/api/v2/account/login',
      body: JSON.stringify({ code: 0, message: 'success', data: { sessionToken: { aid: 'sbxAcct1', token: '⟦tok⟧ with space' }, detail: { aid: 'sbxAcct1' } } }),
    });
    const text = errorText(await client.callTool({ name: 'fresns_login_account', arguments: login() }));
    expect(text).toMatch(/aidToken is not usable as a request header/);
    expect(text).not.toMatch(/unexpectedly|ByteString/);
    payload(await client.callTool({ name: 'fresns_get_account', arguments: {} }));
  });

  // Masking issued tokens in the serialised text cut `\\` escapes apart: JSON.parse then threw.
  it('an issued token next to a backslash is masked without breaking the result', async () => {
    const token = 'sbxTok1234\\';
    fresnsSim(h).host.injectFault({
      kind: 'body-after',
      pathPrefix: '/api/v2/account/login',
      body: JSON.stringify({ code: 0, message: 'success', data: { sessionToken: { aid: 'sbxAcct1', token }, detail: { aid: 'sbxAcct1', note: `see ${token}` } } }),
    });
    const data = payload<{ detail: { note: string } }>(await client.callTool({ name: 'fresns_login_account', arguments: login() }));
    expect(data.detail.note).toBe('see [REDACTED]');
  });
});

describe('context views over odd answers', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
  });
  afterAll(() => h.close());
  const read = async (uri: string) => ((await client.readResource({ uri })).contents[0] as { text: string }).text;

  // guildSummary read `.groups` of null and `.map` of an object: the whole read failed "unexpectedly".
  it('fanbook://guilds/{id} stays whole when roles, channels or members come back as the wrong JSON', async () => {
    const f = fanbookOf(h);
    const bot = `/api/bot/${f.credentials.botToken}`;
    const guild = h.sandbox.env.FANBOOK_GUILD_IDS!.split(',')[0]!;
    f.host.injectFault({ kind: 'body-before', pathPrefix: `${bot}/getGuildRoles`, body: '{"ok":true,"result":{"roles":"all"}}' });
    f.host.injectFault({ kind: 'body-before', pathPrefix: `${bot}/v2/guild/members`, body: '{"ok":true,"result":null}' });
    f.host.injectFault({ kind: 'body-before', pathPrefix: `${bot}/channel/list`, body: '{"ok":true,"result":[null,7,{"channel_id":"1","name":"general"}]}' });
    const doc = JSON.parse(await read(`fanbook://guilds/${guild}`)) as { roles: unknown; channels: unknown; member_count: unknown };
    expect(doc.roles).toEqual([]);
    expect(doc.member_count).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/unexpectedly/);
  });

  // The subscribers failure was re-thrown as a plain Error: "failed unexpectedly: Fanvue … failed (HTTP 422)".
  it('a failed Fanvue subscribers call reads as the platform error in every section that needs it', async () => {
    fanvueOf(h).api.injectFault({ kind: 'body-before', pathPrefix: '/subscribers', status: 422, body: '{"message":"nope"}', times: 5 });
    const text = await read('fanvue://automation-context');
    expect(text).toMatch(/HTTP 422/);
    expect(text).not.toMatch(/unexpectedly/);
  });
});
