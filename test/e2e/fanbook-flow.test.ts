import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { unsafeForDouble, type FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { call, fanbookOf, seedOf, wireBody } from '../platforms/fanbook/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

const readJson = async (client: Client, uri: string): Promise<Json> =>
  JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Json;

const CONTRACT = [
  'fanbook_get_me',
  'fanbook_send_message',
  'fanbook_send_photo',
  'fanbook_delete_message',
  'fanbook_set_member_roles',
  'fanbook_update_member_roles',
  'fanbook_get_guild_roles',
  'fanbook_list_guild_members',
  'fanbook_list_channels',
  'fanbook_get_private_chat',
  'fanbook_oauth_get_me',
  'fanbook_oauth_get_guilds',
];

/** The "Done when": an operator's day in the sandbox, through a real MCP client. */
for (const era of ['legacy', 'auto'] as const) {
  describe(`Fanbook in the sandbox through an MCP client (${era} era)`, () => {
    let h: Harness;
    let sim: FanbookSimulator;
    let client: Client;
    let s: ReturnType<typeof seedOf>;
    beforeAll(async () => {
      h = await startHarness();
      sim = fanbookOf(h);
      s = seedOf(sim);
      client = await h.client(era);
    });
    afterAll(() => h.close());

    const rolesOf = async (userId: string) =>
      (payload<{ roles: Array<{ id: string }> }>(await call(client, 'fanbook_get_chat_member', { user_id: userId, guild_id: s.main })).roles ?? [])
        .map((r) => r.id)
        .sort();

    it('lists the contract tools, and keeps the unverified methods opt-in', async () => {
      const names = (await client.listTools()).tools.map((t) => t.name);
      for (const name of CONTRACT) expect(names).toContain(name);
      expect(names).not.toContain('fanbook_add_guild_user');
      expect(names).not.toContain('fanbook_list_circle_posts');
    });

    it('uses IDs that a double cannot hold, and gives them back with every digit', async () => {
      for (const id of [s.bot, s.main, s.chat, s.vip, s.newbie, ...Object.values(s.users)]) expect(unsafeForDouble(id), id).toBe(true);
      const me = payload<Json>(await call(client, 'fanbook_get_me'));
      expect(me.id).toBe(s.bot);
      expect(me.owner_id).toBe(sim.seed.operator);
      expect(me.user_token).toBe('[REDACTED]');
      const channels = payload<{ result: Json[] }>(await call(client, 'fanbook_list_channels', { guild_id: s.main })).result;
      expect(channels.map((c) => c.channel_id)).toContain(s.chat);
    });

    it('sends a rich-text message with a mention to a channel and reads it back in the channel list', async () => {
      const before = sim.host.requests.length;
      const sent = payload<Json>(
        await call(client, 'fanbook_send_message', {
          chat_id: s.chat,
          text: { type: 'richText', title: '欢迎新猎人', document: [{ insert: `\${@!${s.users.u1}} 欢迎加入！\n` }] },
          mentions: [s.users.u1],
          desc: '欢迎新猎人',
        }),
      );
      // The exact body Fanbook received: chat_id a JSON integer with all 18 digits, mentions strings.
      const req = sim.host.requests.slice(before).find((r) => r.path.endsWith('/sendMessage'))!;
      expect(req.text).toContain(`"chat_id":${s.chat},`);
      expect(req.text).toContain(`"mentions":["${s.users.u1}"]`);
      expect(wireBody(req)).toMatchObject({ chat_id: BigInt(s.chat), parse_mode: 'Fanbook', mentions: [s.users.u1] });

      expect(typeof sent.message_id).toBe('string');
      expect(unsafeForDouble(sent.message_id)).toBe(true);
      expect(sent.chat.id).toBe(s.chat);
      expect(sim.state.messages.at(-1)?.message_id).toBe(sent.message_id);

      const list = payload<{ messages: Json[] }>(await call(client, 'fanbook_list_channel_messages', { channel_id: s.chat, size: 5 }));
      const newest = list.messages[0]!;
      expect(newest.message_id).toBe(sent.message_id);
      expect(newest.user_id).toBe(s.bot);
      const content = JSON.parse(newest.content);
      expect(content).toMatchObject({ type: 'richText', title: '欢迎新猎人' });
      expect(JSON.parse(content.document)[0].insert).toBe(`\${@!${s.users.u1}} 欢迎加入！\n`);
      expect(newest.mentions).toEqual([s.users.u1]);
    });

    it("sets a member's roles, then adds and removes one, and sees each change", async () => {
      const u = s.users.u3;
      expect(await rolesOf(u)).toEqual([s.newbie]);
      payload(await call(client, 'fanbook_set_member_roles', { guild_id: s.main, user_id: u, roles: [s.vip] }));
      expect(await rolesOf(u)).toEqual([s.vip]);
      payload(await call(client, 'fanbook_update_member_roles', { guild_id: s.main, user_id: u, roles: [s.newbie], operation: 'add' }));
      expect(await rolesOf(u)).toEqual([s.vip, s.newbie].sort());
      payload(await call(client, 'fanbook_update_member_roles', { guild_id: s.main, user_id: u, roles: [s.vip], operation: 'del' }));
      expect(await rolesOf(u)).toEqual([s.newbie]);
      expect(sim.state.guilds.get(s.main)?.members.get(u)?.roles).toEqual([s.newbie]);

      const members = payload<Json>(await call(client, 'fanbook_list_guild_members', { guild_id: s.main }));
      const items = members.ops.flatMap((o: Json) => o.items) as Json[];
      const entry = items.find((i) => i.User?.user_id === u)?.User;
      expect(entry.roles.map((r: Json) => r.id)).toEqual([s.newbie]);
      expect(members.hasMore).toBe(false);
    });

    it('mutes a member and kicks another, and sees both', async () => {
      payload(await call(client, 'fanbook_mute_member', { target_uid: s.users.u4, target_guild_id: s.main, duration_in_second: 600 }));
      const muted = payload<Json>(await call(client, 'fanbook_get_chat_member', { user_id: s.users.u4, guild_id: s.main }));
      expect(muted.status).toBe('restricted');
      expect(muted.user.id).toBe(s.users.u4);
      expect(muted.until_date).toBeGreaterThan(Date.now() / 1000 + 500);

      expect(payload<Json>(await call(client, 'fanbook_check_member_exists', { guild_id: s.main, member_id: s.users.u6 })).exists).toBe(true);
      payload(await call(client, 'fanbook_kick_member', { user_id: s.users.u6, guild_id: s.main }));
      expect(payload<Json>(await call(client, 'fanbook_check_member_exists', { guild_id: s.main, member_id: s.users.u6 })).exists).toBe(false);
      const members = payload<Json>(await call(client, 'fanbook_list_guild_members', { guild_id: s.main }));
      const ids = (members.ops.flatMap((o: Json) => o.items) as Json[]).flatMap((i) => (i.User ? [i.User.user_id] : []));
      expect(ids).not.toContain(s.users.u6);
      expect(members.member_count).toBe(sim.state.guilds.get(s.main)?.members.size);
    });

    it('reads the AutomationContext: the bot, its guilds, their roles, channels and member counts', async () => {
      const ctx = await readJson(client, 'fanbook://automation-context');
      expect(Object.keys(ctx).slice(0, 5)).toEqual(['platform', 'generatedAt', 'needsYou', 'trends', 'reference']);
      expect(ctx.needsYou.mentions).toMatchObject({ items: [], total: 0 });
      expect(ctx.reference.bot.id).toBe(s.bot);
      expect(ctx.reference.login.status).toBe('not logged in');
      const main = ctx.reference.guilds.items.find((g: Json) => g.guild_id === s.main);
      expect(main.name).toBe('怪物猎人专服');
      expect(main.members).toBe(sim.state.guilds.get(s.main)?.members.size);
      expect(main.roles).toBeGreaterThanOrEqual(3);
      expect(main.channels).toBeGreaterThan(0);
      expect(ctx.reference.guilds.items.map((g: Json) => g.guild_id)).toContain(s.limited);

      const combined = await readJson(client, 'creator://automation-context');
      expect(combined.platforms.fanbook.status).toBe('ok');
      expect(combined.platforms.fanbook.context.reference.bot.id).toBe(s.bot);

      const guild = await readJson(client, `fanbook://guilds/${s.main}`);
      expect(guild.guild_id).toBe(s.main);
      expect(guild.members.map((m: Json) => m.user_id)).toContain(s.users.u0);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('fanbook://guilds/{guild_id}');
    });
  });
}
