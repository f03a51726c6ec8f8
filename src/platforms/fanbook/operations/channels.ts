import * as z from 'zod';
import { intId, sentAsString, strId } from '../ids.js';
import { botOperation } from '../operation.js';

/** message/getList pages by message id; give the cursor for the next (older) page. */
function withOlderCursor(data: unknown, input: { size?: number; behavior?: string }) {
  const list = Array.isArray(data) ? (data as Array<{ message_id?: string }>) : [];
  const hasMore = list.length > 0 && list.length >= (input.size ?? 50);
  const edge = input.behavior === 'after' ? list[0] : list.at(-1);
  return { messages: list, hasMore, ...(hasMore && edge?.message_id ? { next_message_id: edge.message_id } : {}) };
}

export const channelOperations = [
  botOperation({
    name: 'list_channels',
    title: 'List the channels of a Fanbook guild',
    description:
      'Lists a guild\'s channels: channel_id, name, type (0 text, 1 voice, 2 video, 3 private, 4 category, 5 circle, 6 live, 7 link, 10 group chat), topic, parent_id, permission_overwrites. A text channel_id is the chat_id to send to.',
    method: 'POST',
    method_path: 'channel/list',
    input: z.object({ guild_id: strId('Guild ID.') }),
    kind: 'read',
    toolset: 'fanbook_channels',
  }),
  botOperation(
    {
      name: 'list_channel_messages',
      title: 'List the messages of a channel',
      description:
        "Lists a channel's messages, newest first (size 1-100, default 50), time in ms. Older: message_id = next_message_id; behavior \"after\" reads newer.",
      method: 'POST',
      method_path: 'message/getList',
      input: z.object({
        channel_id: strId('The channel ID.'),
        size: sentAsString(z.number().int().min(1).max(100).describe('Messages per page, 1-100 (default 50).')).optional(),
        message_id: strId('Paging anchor; leave out for the newest.').optional(),
        behavior: z.enum(['before', 'after']).describe('"before" (default) older than message_id, "after" newer.').optional(),
      }),
      kind: 'read',
      toolset: 'fanbook_channels',
      shape: withOlderCursor,
    },
    // Fanbook documents this one method as form-urlencoded.
    { encoding: 'form', defaults: { size: 50 } },
  ),
  botOperation(
    {
      name: 'edit_channel',
      title: 'Edit a Fanbook channel',
      description:
        "Changes a channel's name, topic, icon or parent_id, or a group chat's name and icon (no guild_id). Omitted fields stay. Needs manage-channels (1012 otherwise).",
      method: 'POST',
      method_path: 'channel/edit',
      input: z.object({
        channel_id: strId('The channel (or group chat) ID.'),
        guild_id: strId('The guild of the channel; leave out for a group chat.').optional(),
        user_id: strId('Who makes the change; leave out for the bot.').optional(),
        name: z.string().min(1).max(30).describe('New name.').optional(),
        topic: z.string().max(1024).describe('New topic (guild channels).').optional(),
        parent_id: strId('Move the channel into this category (a category channel_id).').optional(),
        icon: z.string().describe('New icon URL.').optional(),
      }),
      kind: 'write',
      idempotent: true,
      toolset: 'fanbook_channels',
    },
    { botIdDefaults: ['user_id'] },
  ),
  botOperation({
    name: 'get_private_chat',
    title: 'Open a private chat with a user',
    description:
      'Returns the bot\'s private chat with a user; its id is the chat_id for fanbook_send_message (1037: user closed DMs, 1038: blocked the bot). Same chat on every call.',
    method: 'POST',
    method_path: 'getPrivateChat',
    input: z.object({ user_id: intId('The user ID.') }),
    kind: 'read',
    toolset: 'fanbook_channels',
  }),
];
