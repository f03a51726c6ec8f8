import * as z from 'zod';
import { intId, strIds } from '../ids.js';
import { botOperation } from '../operation.js';
import { checkFormattedText, ephemeralUsers, messageText, parseMode, prepareSend, prepareText, replyMarkup } from './message-format.js';

const chatId = intId(
  'Where to send: a channel_id (fanbook_list_channels), or for a private message the chat id from fanbook_get_private_chat. A decimal string.',
);

const sendInput = z
  .object({
    chat_id: chatId,
    text: messageText('1-150000 bytes.'),
    parse_mode: parseMode.optional(),
    desc: z.string().max(200).describe('Preview shown in the chat list and notifications; set a short summary for rich text and cards.').optional(),
    mentions: strIds('User IDs mentioned in text with ${@!user_id}; they get notified.').optional(),
    mention_roles: strIds('Role IDs mentioned in text with ${@&role_id}; their members get notified.').optional(),
    reply_markup: replyMarkup.optional(),
    ephemeral: z.boolean().describe('Temporary message only some users see (not stored, not synced, no reactions); needs users.').optional(),
    users: ephemeralUsers.optional(),
    selective: z.boolean().describe('Only the sender and the users @mentioned in text see the message.').optional(),
    reply_to_message_id: intId('Quote a message: its message_id (or, when replying inside a thread, the quoted message\'s quote_l1).').optional(),
    reply_to_message_id_level_2: intId('When replying inside a thread: the message_id of the message replied to.').optional(),
    unreactive: z.union([z.literal(0), z.literal(1)]).describe('1 forbids reactions to this message.').optional(),
    disable_web_page_preview: z.boolean().describe('Do not unfurl links in the text.').optional(),
    disable_notification: z.boolean().describe('Send silently.').optional(),
    entity: z.union([z.literal(0), z.literal(1)]).describe('With ephemeral only: 1 visible (default), 0 invisible.').optional(),
    guild_id: intId('Also deliver into this guild\'s community notifications.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.ephemeral && !v.users) ctx.addIssue({ code: 'custom', path: ['users'], message: 'required when ephemeral is true: user IDs or ["all"]' });
    checkFormattedText(v, ctx);
  });

export const messageOperations = [
  botOperation(
    {
      name: 'send_message',
      title: 'Send a Fanbook message',
      description:
        'Sends a message as the bot to a channel or a private chat and returns the Message (message_id, chat, from, text, date); it then shows in fanbook_list_channel_messages. Plain text needs only chat_id and text. Rich text and message cards: give text as an object (see text) and parse_mode becomes "Fanbook". Mention someone: "${@!user_id} welcome!" plus mentions: ["user_id"]; a role: "${@&role_id}" plus mention_roles. Buttons: reply_markup {"inline_keyboard":[[{"text":"Join","callback_data":"join"}]]}. Ephemeral: ephemeral true with users ["user_id"] or ["all"]. Errors: 1008 bot not in guild, 1012 no permission, 1037 user closed DMs, 10002 (or HTTP 400) send rate limit, about one message per second for bots not on Fanbook\'s whitelist. Not idempotent: a retry sends a second message.',
      method: 'POST',
      method_path: 'sendMessage',
      input: sendInput,
      kind: 'write',
      toolset: 'fanbook_messages',
    },
    { prepare: prepareSend, paced: true },
  ),
  botOperation({
    name: 'send_photo',
    title: 'Send a photo to Fanbook',
    description:
      'Sends an image by URL as the bot to a channel or private chat and returns the Message. The image must be reachable over HTTP(S) (Fanbook fetches it; no local upload). Give width and height when known: Fanbook then skips measuring it. Can carry inline buttons (reply_markup) and quote a message.',
    method: 'POST',
    method_path: 'sendPhoto',
    input: z.object({
      chat_id: chatId,
      photo: z
        .object({ Url: z.string().url().describe('The image URL.') })
        .describe('The image, as {"Url":"https://…/a.jpg"} (capital U, as Fanbook spells it).'),
      width: z.number().int().min(1).describe('Image width in pixels.').optional(),
      height: z.number().int().min(1).describe('Image height in pixels.').optional(),
      reply_to_message_id: intId('Quote this message (its message_id).').optional(),
      reply_markup: replyMarkup.optional(),
    }),
    kind: 'write',
    toolset: 'fanbook_messages',
  }, { paced: true }),
  botOperation(
    {
      name: 'edit_message_text',
      title: 'Edit a Fanbook message',
      description:
        'Replaces the text of a message the bot sent (plain, rich text or card, same formats as fanbook_send_message) and optionally its buttons, and returns the edited Message. Use it to update a card in place (a live scoreboard, a closed poll) instead of posting again.',
      method: 'POST',
      method_path: 'editMessageText',
      input: z
        .object({
          chat_id: chatId,
          message_id: intId('The message to edit, a decimal string.'),
          text: messageText('1-102400 bytes.'),
          parse_mode: parseMode.optional(),
          reply_markup: replyMarkup.optional(),
          desc: z.string().max(200).describe('New preview for the chat list.').optional(),
          disable_web_page_preview: z.boolean().describe('Do not unfurl links in the text.').optional(),
          selective: z.boolean().describe('Only the sender and mentioned users see the message.').optional(),
        })
        .superRefine(checkFormattedText),
      kind: 'write',
      idempotent: true,
      toolset: 'fanbook_messages',
    },
    { prepare: prepareText },
  ),
  botOperation({
    name: 'edit_message_reply_markup',
    title: "Change a message's buttons",
    description:
      'Replaces the inline keyboard under a message the bot sent, e.g. to disable a button after it was used; {"inline_keyboard":[]} removes every button. Returns the edited Message.',
    method: 'POST',
    method_path: 'editMessageReplyMarkup',
    input: z.object({
      chat_id: chatId,
      message_id: intId('The message whose buttons change, a decimal string.'),
      reply_markup: replyMarkup,
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_messages',
  }),
  botOperation({
    name: 'delete_message',
    title: 'Delete a Fanbook message',
    description:
      'Deletes (recalls) a message. The bot can always delete its own messages and messages in private chats; other people\'s messages only where it is an administrator or has the manage-messages permission (code 1012 otherwise). Returns true. Cannot be undone.',
    method: 'POST',
    method_path: 'deleteMessage',
    input: z.object({
      chat_id: intId('The channel ID (for a private message, the chat id from fanbook_get_private_chat).'),
      message_id: intId('The message to delete, a decimal string.'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'fanbook_messages',
  }),
];
