import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { SMART_LISTS, dateTime, paging, priceCents, uuid, uuids, variants } from '../params.js';

const toolset = 'fanvue_chats';
const fan = uuid('The fan’s user uuid (it names the chat).');
const text = z.string().min(1).max(5000);

const lists = (what: string) =>
  z
    .object({
      smartListUuids: z.array(z.enum(SMART_LISTS)).min(1).optional().describe('Smart lists.'),
      customListUuids: uuids('Custom lists (fanvue_list_custom_lists).', 100).optional(),
    })
    .describe(`Lists ${what}.`);

/** What Fanvue refuses anyway, refused here with the argument's name and before any request. */
function messageRules(v: { text?: string; mediaUuids?: string[]; price?: number; templateUuid?: string }, ctx: z.RefinementCtx) {
  if (v.text === undefined && !v.mediaUuids?.length && v.templateUuid === undefined) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'give text, mediaUuids or templateUuid' });
  }
  if (v.price !== undefined && !v.mediaUuids?.length && v.templateUuid === undefined) {
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'a price (pay-to-view) needs mediaUuids to lock' });
  }
}

const massMessage = {
  excludedLists: lists('to leave out').optional(),
  text: text.optional().describe('Message text.'),
  mediaUuids: uuids('Vault media (fanvue_list_media).', 100).optional(),
  price: priceCents('Pay-to-view price of the media.').optional(),
  scheduledAt: dateTime('Send then, not now.').optional(),
};

export const messageOperations = [
  fanvueOperation({
    name: 'list_chat_messages',
    title: 'Read a Fanvue chat',
    description:
      'Messages of one chat, newest first: uuid, text, sentAt, sender, mediaUuids, pricing (USD cents), purchasedAt, isRead. Leaves the chat unread unless markAsRead is true.',
    method: 'GET',
    path: '/chats/{userUuid}/messages',
    input: z.object({
      userUuid: fan,
      ...paging,
      markAsRead: z
        .boolean()
        .default(false)
        .describe('Mark the chat read (Fanvue’s default; not this tool’s): only once it is really handled.'),
    }),
    kind: 'read',
    mutates: { markAsRead: false },
    toolset,
    auth: ['read:chat'],
    operationId: 'listMessages',
  }),
  fanvueOperation({
    name: 'send_message',
    title: 'Send a Fanvue message to a fan',
    description:
      'Sends a message in a chat (fanvue_create_chat opens one): text and/or vault media, a price makes the media pay-to-view; or a saved templateUuid. Returns {messageUuid}. Never retried: after a "may have been sent" error check fanvue_list_chat_messages.',
    method: 'POST',
    path: '/chats/{userUuid}/message',
    input: z
      .object({
        userUuid: fan,
        text: text.optional().describe('Message text.'),
        mediaUuids: uuids('Vault media, in display order.', 100).optional(),
        price: priceCents('Pay-to-view price of the media.').optional(),
        templateUuid: uuid('Saved template (fanvue_list_templates).').optional(),
      })
      .superRefine(messageRules),
    kind: 'write',
    toolset,
    auth: ['write:chat'],
    operationId: 'sendMessage',
  }),
  fanvueOperation({
    name: 'delete_message',
    title: 'Unsend a Fanvue message',
    description:
      'Unsends a message the creator sent. Not for purchased pay-to-view messages; mass messages: fanvue_delete_mass_message.',
    method: 'DELETE',
    path: '/chats/{userUuid}/messages/{messageUuid}',
    input: z.object({ userUuid: fan, messageUuid: uuid('The message.') }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:chat'],
    operationId: 'deleteMessage',
  }),
  fanvueOperation({
    name: 'get_message_media',
    title: 'Get signed URLs of a message’s media',
    description:
      'Up to 20 media of one message with signed variant URLs: {results {mediaUuid: media or null}, errors}.',
    method: 'GET',
    path: '/chats/{userUuid}/messages/{messageUuid}/media',
    input: z.object({
      userUuid: fan,
      messageUuid: uuid('The message.'),
      mediaUuids: uuids('Media of that message.', 20),
      variants,
    }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getMessageMediaByUuids',
  }),
  fanvueOperation({
    name: 'list_mass_messages',
    title: 'List Fanvue mass messages',
    description:
      'Mass messages with results: uuid, text, status (SENT, SCHEDULED, SENDING, FAILED, MODERATED, UNSENT), scheduledAt, recipientCount, viewCount, purchaseCount, totalRevenue (USD cents).',
    method: 'GET',
    path: '/chats/mass-messages',
    input: z.object({
      ...paging,
      includeDeleted: z.boolean().optional().describe('Also unsent ones.'),
    }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'listMassMessages',
  }),
  fanvueOperation({
    name: 'send_mass_message',
    title: 'Send a Fanvue mass message',
    description:
      'Messages every fan in the included smart/custom lists minus the excluded ones (lists, not users), e.g. includedLists {"smartListUuids": ["subscribers"]}. Optional media and pay-to-view price; scheduledAt queues it. Returns {id, recipientCount}.',
    method: 'POST',
    path: '/chats/mass-messages',
    input: z
      .object({ includedLists: lists('to send to'), ...massMessage })
      .superRefine((v, ctx) => {
        if (!v.includedLists.smartListUuids?.length && !v.includedLists.customListUuids?.length) {
          ctx.addIssue({ code: 'custom', path: ['includedLists'], message: 'name at least one smart or custom list to send to' });
        }
        messageRules(v, ctx);
      }),
    kind: 'write',
    toolset,
    auth: ['write:chat', 'read:fan'],
    operationId: 'sendMassMessage',
  }),
  fanvueOperation({
    name: 'update_mass_message',
    title: 'Change a scheduled mass message',
    description:
      'Changes a still SCHEDULED mass message: lists, text, media, price or scheduledAt; given fields replace the current ones.',
    method: 'PATCH',
    path: '/chats/mass-messages/{messageUuid}',
    input: z.object({
      messageUuid: uuid('From fanvue_list_mass_messages.'),
      includedLists: lists('to send to').optional(),
      ...massMessage,
    }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:chat'],
    operationId: 'updateMassMessage',
  }),
  fanvueOperation({
    name: 'delete_mass_message',
    title: 'Unsend or cancel a mass message',
    description:
      'Unsends a sent mass message or cancels a scheduled one; fans keep copies they bought.',
    method: 'DELETE',
    path: '/chats/mass-messages/{messageUuid}',
    input: z.object({ messageUuid: uuid('From fanvue_list_mass_messages.') }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:chat'],
    operationId: 'deleteMassMessage',
  }),
];
