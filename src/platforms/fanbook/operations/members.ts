import * as z from 'zod';
import { intId, intIds, strId } from '../ids.js';
import { botOperation } from '../operation.js';

interface MembersPage {
  ops?: Array<{ range?: [number, number] }>;
  item_count?: number;
}

/** Fanbook pages members by item ranges (role headers count as items); say where the next page starts. */
function withNextRange(data: unknown) {
  const d = (data ?? {}) as MembersPage;
  const ranges = (d.ops ?? []).map((o) => o.range).filter((r): r is [number, number] => Array.isArray(r));
  const last = ranges.at(-1);
  const total = typeof d.item_count === 'number' ? d.item_count : undefined;
  const hasMore = last !== undefined && total !== undefined && last[1] + 1 < total;
  const width = last ? last[1] - last[0] + 1 : 100;
  return { ...(data as object), hasMore, ...(hasMore && last ? { next_ranges: [{ start: last[1] + 1, end: last[1] + width }] } : {}) };
}

const memberTarget = (v: { guild_id?: unknown; chat_id?: unknown }, ctx: z.RefinementCtx) => {
  if (v.guild_id === undefined && v.chat_id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['guild_id'], message: 'give guild_id or chat_id (at least one)' });
  }
};

export const memberOperations = [
  botOperation(
    {
      name: 'list_guild_members',
      title: 'List the members of a Fanbook guild',
      description:
        'Lists members under their highest role: {Group} headers and {User: user_id, nickname, username, avatar, roles} items, with member_count, online_count and groups. Pages by item ranges (default 0-99; headers count); when hasMore, pass next_ranges as ranges.',
      method: 'POST',
      method_path: 'v2/guild/members',
      input: z.object({
        guild_id: strId('Guild ID.'),
        channel_id: strId('Who can see this channel; "0" (default) = the whole guild.').optional(),
        user_id: strId('Read on behalf of this member; leave out for the bot.').optional(),
        ranges: z
          .array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }))
          .min(1)
          .describe('Item ranges, default [{"start":0,"end":99}]; next page: next_ranges.')
          .optional(),
        transaction: z.string().max(64).describe('Optional request id echoed for debugging.').optional(),
      }),
      kind: 'read',
      toolset: 'fanbook_guild',
      shape: withNextRange,
    },
    { botIdDefaults: ['user_id'], defaults: { channel_id: '0', ranges: [{ start: 0, end: 99 }] } },
  ),
  botOperation({
    name: 'search_guild_members',
    title: 'Search guild members by nickname',
    description:
      'Finds up to 50 members whose nickname contains the query, as ChatMember (user, status, roles); by short Fanbook number: fanbook_search_guild_members_by_username.',
    method: 'POST',
    method_path: 'searchGuildMember',
    input: z.object({
      guild_id: intId('Guild ID.'),
      query: z.string().min(1).describe('Part of the nickname to search for.'),
    }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'search_guild_members_by_username',
    title: 'Find guild members by Fanbook number',
    description:
      'Looks up guild members by their short Fanbook number (the "username" shown as #1234567 in profiles, not the long user_id) and returns their ChatMember objects, with the long user_id other tools need.',
    method: 'POST',
    method_path: 'searchGuildMemberByName',
    input: z.object({
      guild_id: intId('Guild ID.'),
      username: z.array(z.string().regex(/^\d{1,12}$/, 'a short Fanbook number such as "1421563"')).min(1).max(50).describe('Short Fanbook numbers, e.g. ["1421563"].'),
    }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'check_member_exists',
    title: 'Check whether a user is in a guild',
    description:
      'Answers {exists: true|false}: whether member_id is in the guild, or, without member_id, whether the bot itself is. Cheaper than reading the member list.',
    method: 'POST',
    method_path: 'guild/existsMember',
    input: z.object({
      guild_id: strId('Guild ID.'),
      member_id: strId('The user to check; leave out to check the bot itself.').optional(),
    }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'get_chat_member',
    title: 'Get one member of a guild or channel',
    description:
      "Returns a ChatMember: user, status (creator, administrator, member, restricted when muted, left), roles, until_date (mute end, Unix s), permissions.",
    method: 'POST',
    method_path: 'getChatMember',
    input: z
      .object({
        user_id: intId('The user ID.'),
        guild_id: intId('The guild ID; or chat_id.').optional(),
        chat_id: intId('A channel of the guild, instead of guild_id.').optional(),
      })
      .superRefine(memberTarget),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'mute_member',
    title: 'Mute a guild member',
    description:
      'Mutes a member guild-wide for duration_in_second (status restricted, until_date in fanbook_get_chat_member). Needs the mute permission (1012 otherwise).',
    method: 'POST',
    method_path: 'forbidUserSpeaking',
    input: z.object({
      target_uid: strId('The user to mute.'),
      target_guild_id: strId('Guild ID.'),
      duration_in_second: z.number().int().min(1).max(2_592_000).describe('Seconds, at most 2592000 (30 days); 86400 = one day.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'kick_member',
    title: 'Remove a member from a guild',
    description:
      'Removes a user from a guild (guild_id, or chat_id of one of its channels); they may rejoin by invite. Needs manage permission (1012 otherwise).',
    method: 'POST',
    method_path: 'kickChatMember',
    input: z
      .object({
        user_id: intId('The user to remove.'),
        guild_id: intId('The guild ID; or chat_id.').optional(),
        chat_id: intId('A channel of the guild, instead of guild_id.').optional(),
      })
      .superRefine(memberTarget),
    kind: 'destructive',
    toolset: 'fanbook_guild',
  }),
  botOperation({
    name: 'check_real_name_verified',
    title: 'Check whether a user passed real-name check',
    description:
      'Answers whether a user has passed Fanbook\'s real-name (ID card) verification: {authenrited: true|false} (Fanbook spells it so). Use it before granting rewards that require verified users.',
    method: 'GET',
    method_path: 'user/human_authentication',
    input: z.object({ user_id: strId('The user ID.') }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation(
    {
      name: 'check_user_guilds',
      title: 'Which of these guilds a user is in',
      description:
        'Filters a list of guild IDs down to those the user is a member of, e.g. to check that a player joined the partner guilds. Returns the matching guild IDs as decimal strings.',
      method: 'POST',
      method_path: 'v2/checkUserGuilds',
      input: z.object({
        user_id: intId('The user ID.'),
        guilds: intIds('Guild IDs to check, as decimal strings.'),
      }),
      kind: 'read',
      toolset: 'fanbook_guild',
    },
    { resultKey: 'guilds' },
  ),
];
