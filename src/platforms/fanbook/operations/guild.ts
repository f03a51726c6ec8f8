import * as z from 'zod';
import { sentAsString, strId } from '../ids.js';
import { botOperation } from '../operation.js';

export const getMe = botOperation({
  name: 'get_me',
  alwaysLoad: true,
  title: 'Get the Fanbook bot',
  description:
    "Returns the bot's user (id, username, first_name, avatar, owner_id). Checks FANBOOK_BOT_TOKEN; tools that need the bot's id fill it in. The gateway user_token is masked.",
  method: 'GET',
  method_path: 'getMe',
  input: z.object({}),
  kind: 'read',
  toolset: 'fanbook_guild',
});

export const guildOperations = [
  getMe,
  botOperation({
    name: 'get_my_commands',
    title: "List the bot's commands",
    description:
      'Lists the slash commands configured for this bot in the Fanbook open platform, as BotCommand objects (command, description, …). Read-only: commands are edited in the open platform, not through the bot API.',
    method: 'GET',
    method_path: 'getMyCommands',
    input: z.object({}),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation(
    {
      name: 'set_guild_nick',
      title: "Set the bot's nickname in a guild",
      description:
        "Sets the nickname the bot shows in one guild (server), e.g. a name in the community's language. Other guilds keep their own nickname. Safe to repeat.",
      method: 'POST',
      method_path: 'robot/setGuildNick',
      input: z.object({
        guild_id: strId('Guild ID.'),
        bot_id: strId("Leave out for this bot.").optional(),
        nickname: z.string().min(1).max(32).describe('The nickname to show in this guild.'),
      }),
      kind: 'write',
      idempotent: true,
      toolset: 'fanbook_guild',
    },
    { botIdDefaults: ['bot_id'] },
  ),
  botOperation(
    {
      name: 'get_guild',
      title: 'Get a Fanbook guild',
      description:
        'Returns a guild the bot is in: name, owner, member and role counts (1008 when the bot is not in it). fanbook://guilds/{guild_id} adds roles, channels and members.',
      method: 'POST',
      method_path: 'guild',
      input: z.object({
        guild_id: strId('Guild ID.'),
        user_id: strId("Whose view; leave out for the bot.").optional(),
      }),
      kind: 'read',
      toolset: 'fanbook_guild',
    },
    { botIdDefaults: ['user_id'] },
  ),
  botOperation({
    name: 'list_guild_emoji',
    title: "List a guild's custom emoji",
    description:
      "Lists the guild's own emoji (GuildEmoji objects: name, url, …), which members and the bot can use in messages and reactions besides the built-in ones.",
    method: 'GET',
    method_path: 'guild/emoji',
    input: z.object({ guild_id: strId('Guild ID.') }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
  botOperation(
    {
      name: 'list_invite_codes',
      title: "List a guild's invite codes",
      description:
        "Lists the guild's invite codes with their creator, uses and expiry, one page at a time. The bot needs the permission to manage invites. Pass the list_id of the answer to get the next page.",
      method: 'POST',
      method_path: 'invite/guildList',
      input: z.object({
        guild_id: strId('Guild ID.'),
        size: sentAsString(z.number().int().min(1).max(100).describe('Invite codes per page, 1-100.')),
        list_id: z.string().describe('Cursor: "0" (default) first page, then list_id of the answer.').optional(),
      }),
      kind: 'read',
      toolset: 'fanbook_guild',
    },
    { defaults: { list_id: '0' } },
  ),
  botOperation({
    name: 'get_invite_code',
    title: 'Get a Fanbook invite code',
    description:
      'Returns what an invite code leads to: the guild and channel, the inviter, and whether it is still valid. The code is the part after the last "/" of an invite link.',
    method: 'POST',
    method_path: 'invite/codeInfo',
    input: z.object({ c: z.string().min(1).describe('Invite code, e.g. "UrKZ2FWU" (fanbook.mobi/UrKZ2FWU).') }),
    kind: 'read',
    toolset: 'fanbook_guild',
  }),
];
