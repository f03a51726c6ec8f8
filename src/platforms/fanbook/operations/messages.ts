import * as z from 'zod';
import { unlistedShape } from '../../listed-schema.js';
import { intId, strIds } from '../ids.js';
import { botOperation } from '../operation.js';
import { checkFormattedText, ephemeralUsers, messageText, parseMode, prepareSend, prepareText, replyMarkup } from './message-format.js';

const chatId = intId('Channel id, or private chat id (fanbook_get_private_chat).');

const sendInput = z
  .object({
    chat_id: chatId,
    text: messageText('1-150000 bytes.'),
    mentions: strIds('User IDs mentioned in text, to notify.').optional(),
    reply_markup: replyMarkup.optional(),
    ephemeral: z.boolean().describe('Only users see it.').optional(),
    users: ephemeralUsers.optional(),
    reply_to_message_id: intId('Message to quote (in a thread: its quote_l1).').optional(),
    disable_notification: z.boolean().describe('Send silently.').optional(),
    // Rarer options: accepted and validated, explained in fanbook://guides/messages instead of every tools/list.
    ...unlistedShape({
      parse_mode: parseMode.optional(),
      desc: z.string().max(200).describe('Chat-list preview.').optional(),
      mention_roles: strIds('Role IDs mentioned in text, to notify.').optional(),
      selective: z.boolean().describe('Only the sender and mentioned users see it.').optional(),
      reply_to_message_id_level_2: intId('In a thread: the message replied to.').optional(),
      unreactive: z.literal([0, 1]).describe('1 forbids reactions.').optional(),
      disable_web_page_preview: z.boolean().describe('Do not unfurl links.').optional(),
      entity: z.literal([0, 1]).describe('With ephemeral: 1 visible (default), 0 invisible.').optional(),
      guild_id: intId('Also in this guild\'s notifications.').optional(),
    }),
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
        'Sends a message as the bot to a channel or private chat; returns the Message. Rich text, cards, mentions, buttons, ephemeral: fanbook://guides/messages. Errors: 1008 bot not in guild, 1012 no permission, 1037 DMs closed, 10002 rate limit (~1/s). A retry sends twice.',
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
      'Sends an image by public HTTP(S) URL (Fanbook fetches it; no local upload) as the bot to a channel or private chat; returns the Message. Give width and height when known.',
    method: 'POST',
    method_path: 'sendPhoto',
    input: z.object({
      chat_id: chatId,
      photo: z
        .object({ Url: z.string().url() })
        .describe('{"Url":"https://…/a.jpg"} (capital U).'),
      width: z.number().int().min(1).describe('Pixels.').optional(),
      height: z.number().int().min(1).describe('Pixels.').optional(),
      reply_to_message_id: intId('Message to quote.').optional(),
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
        'Replaces the text (plain, rich text or card: fanbook://guides/messages) and optionally the buttons of a message the bot sent; returns the edited Message. Updates a card in place instead of posting again.',
      method: 'POST',
      method_path: 'editMessageText',
      input: z
        .object({
          chat_id: chatId,
          message_id: intId('The message to edit.'),
          text: messageText('1-102400 bytes.'),
          reply_markup: replyMarkup.optional(),
          ...unlistedShape({
            parse_mode: parseMode.optional(),
            desc: z.string().max(200).describe('New chat-list preview.').optional(),
            disable_web_page_preview: z.boolean().describe('Do not unfurl links.').optional(),
            selective: z.boolean().describe('Only the sender and mentioned users see it.').optional(),
          }),
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
      'Replaces the buttons under a message the bot sent; {"inline_keyboard":[]} removes them all. Returns the edited Message.',
    method: 'POST',
    method_path: 'editMessageReplyMarkup',
    input: z.object({
      chat_id: chatId,
      message_id: intId('The message whose buttons change.'),
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
      'Deletes (recalls) a message; returns true. Others\' messages in a channel need admin or manage-messages permission (1012 otherwise). Cannot be undone.',
    method: 'POST',
    method_path: 'deleteMessage',
    input: z.object({
      chat_id: chatId,
      message_id: intId('The message to delete.'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'fanbook_messages',
  }),
];
