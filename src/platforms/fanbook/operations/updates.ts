import { randomInt } from 'node:crypto';
import * as z from 'zod';
import { describedId, intId, strId, wire } from '../ids.js';
import { botOperation } from '../operation.js';

/** Long polls must answer well before an MCP client gives up on the tool call (often 30-60 s). */
export const MAX_POLL_SECONDS = 25;

const offset = describedId(
  'next_offset of the previous answer: confirms the updates below it. Leave out for the oldest unconfirmed.',
).register(wire, { wire: 'int' });
const limit = z.number().int().min(1).max(100).describe('At most this many updates (1-100, default 100).');
const msgType = z.literal('circle').describe('"circle" for circle (forum) updates; needs the full-message switch and whitelisting.');

/** The offset that confirms everything returned, computed exactly on 64-bit update ids. */
function withNextOffset(data: unknown) {
  const updates = Array.isArray(data) ? (data as Array<{ update_id?: unknown }>) : [];
  let max: bigint | undefined;
  for (const u of updates) {
    const id = typeof u.update_id === 'string' && /^\d+$/.test(u.update_id) ? BigInt(u.update_id) : undefined;
    if (id !== undefined && (max === undefined || id > max)) max = id;
  }
  return { updates, ...(max !== undefined ? { next_offset: String(max + 1n) } : {}) };
}

/** A local snowflake-style id (Fanbook asks the caller for a nonce that identifies the notification). */
function snowflake(): string {
  return String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | BigInt(randomInt(0, 1 << 22)));
}

/** The reaction API wants the emoji URL-encoded; accept it either way and encode exactly once. */
function encodeEmoji(values: Record<string, unknown>): Record<string, unknown> {
  if (typeof values.emoji !== 'string') return values;
  let plain = values.emoji;
  try {
    plain = decodeURIComponent(plain);
  } catch {
    // Not percent-encoded (a lone "%"): encode it as it is.
  }
  return { ...values, emoji: encodeURIComponent(plain) };
}

export const updateOperations = [
  botOperation({
    name: 'get_updates',
    title: 'Poll Fanbook for new messages',
    description: `Fanbook does not open getUpdates to ordinary bots (their events come through the gateway: use creator_wait_for_events); works only for bots Fanbook enabled. Waits up to timeout seconds (at most ${MAX_POLL_SECONDS}) for updates (mentions, DMs, joins, button presses). Returns updates and next_offset: pass it next time to confirm (confirmed updates are deleted). One poller per bot.`,
    method: 'POST',
    method_path: 'getUpdates',
    input: z.object({
      offset: offset.optional(),
      limit: limit.optional(),
      timeout: z.number().int().min(0).max(MAX_POLL_SECONDS).describe(`Seconds to wait, 0-${MAX_POLL_SECONDS} (default 10; 0 answers at once).`).optional(),
      msg_type: msgType.optional(),
    }),
    kind: 'read',
    mutates: { offset: null },
    toolset: 'fanbook_messages',
    shape: withNextOffset,
  }, { defaults: { timeout: 10 } }),
  botOperation({
    name: 'get_updates_nonblocking',
    title: 'Read queued Fanbook updates now',
    description:
      'Like fanbook_get_updates (also closed to ordinary bots; prefer creator_wait_for_events) but answers at once (v2/getUpdates), so several processes may poll.',
    method: 'POST',
    method_path: 'v2/getUpdates',
    input: z.object({ offset: offset.optional(), limit: limit.optional(), msg_type: msgType.optional() }),
    kind: 'read',
    mutates: { offset: null },
    toolset: 'fanbook_messages',
    shape: withNextOffset,
  }),
  botOperation({
    name: 'get_message',
    title: 'Get one Fanbook message',
    description:
      'Returns one message of a channel as Message: message_id, from, chat, date, text (for rich text and cards the JSON string Fanbook stores), reply_markup. Only channel messages, not private chats.',
    method: 'POST',
    method_path: 'getMessage',
    input: z.object({
      chat_id: intId('The channel ID.'),
      message_id: intId('The message ID.'),
    }),
    kind: 'read',
    toolset: 'fanbook_messages',
  }),
  botOperation(
    {
      name: 'send_notification',
      title: 'Send a task notification',
      description:
        'Sends a task notification to one user: channel_type "1" unfinished tasks, "2" finished (quests, check-ins). nonce is generated when left out; reuse it to avoid a duplicate.',
      method: 'POST',
      method_path: 'sendNotication',
      input: z.object({
        channel_type: z.enum(['1', '2']).describe('"1" unfinished-tasks channel, "2" finished-tasks channel.'),
        to_user_id: strId('The user who receives it.'),
        content: z.string().min(1).describe('The task text.'),
        nonce: z.string().regex(/^\d{1,19}$/).describe('A decimal snowflake id naming this notification; generated when left out.').optional(),
      }),
      kind: 'write',
      toolset: 'fanbook_messages',
    },
    { prepare: (v) => ({ ...v, nonce: v.nonce ?? snowflake() }) },
  ),
  botOperation(
    {
      name: 'send_reaction',
      title: 'React to a Fanbook message',
      description:
        'Adds an emoji reaction to a message, e.g. "赞", "爱心", "666", "完成", "庆祝", "1"-"4", "A"-"D" (plain text; URL-encoded for you). Repeating it changes nothing.',
      method: 'POST',
      method_path: 'sendReaction',
      input: z.object({
        channel_id: strId('The channel of the message.'),
        message_id: strId('The message to react to.'),
        user_id: strId('Who reacts; leave out for the bot.').optional(),
        emoji: z.string().min(1).max(64).describe('Reaction name such as "赞" (plain or URL-encoded).').optional(),
        avatar: z.string().describe('A custom emoji image URL instead of a built-in name.').optional(),
      }),
      kind: 'write',
      idempotent: true,
      toolset: 'fanbook_messages',
    },
    { botIdDefaults: ['user_id'], prepare: encodeEmoji },
  ),
  botOperation({
    name: 'pin_message',
    title: 'Pin a Fanbook message',
    description:
      "Pins a message so it shows in the channel's pinned list. Needs the bot to have the pin and manage-messages permissions (code 1012 otherwise). Returns true.",
    method: 'POST',
    method_path: 'pinChatMessage',
    input: z.object({
      chat_id: intId('The channel (or private chat) of the message.'),
      message_id: intId('The message to pin.'),
      channel_id: intId('The guild channel ID, when it differs from chat_id.').optional(),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_messages',
  }),
  botOperation({
    name: 'unpin_message',
    title: 'Unpin a Fanbook message',
    description:
      "Unpins a message (unpinChatMessage). Needs pin and manage-messages permissions. Returns true.",
    method: 'POST',
    method_path: 'unpinChatMessage',
    input: z.object({
      chat_id: intId('The channel (or private chat) of the message.'),
      message_id: intId('The message to unpin.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_messages',
  }),
];
