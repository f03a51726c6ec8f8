import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { PRICE_NOTE, SMART_LISTS, dateTime, paging, priceCents, uuid, uuids, variants } from '../params.js';

const toolset = 'fanvue_chats';
const fan = uuid('The fan’s user UUID: a chat is identified by the other person’s user uuid.');
const text = z.string().min(1).max(5000);

const lists = (what: string) =>
  z
    .object({
      smartListUuids: z.array(z.enum(SMART_LISTS)).min(1).optional().describe(`Smart lists ${what}: ${SMART_LISTS.join(', ')}.`),
      customListUuids: uuids(`Custom lists ${what}, by uuid (see fanvue_list_custom_lists).`, 100).optional(),
    })
    .describe(`Audience lists ${what}.`);

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
  text: text.optional().describe('Message text, 1-5000 characters.'),
  mediaUuids: uuids('Vault media to attach, by uuid (see fanvue_list_media).', 100).optional(),
  price: priceCents('Makes the media pay-to-view.').optional(),
  scheduledAt: dateTime('Send later instead of now:').optional(),
};

export const messageOperations = [
  fanvueOperation({
    name: 'list_chat_messages',
    title: 'Read a Fanvue chat',
    description:
      'Lists the messages of one chat, newest first: uuid, text, sentAt, sender {uuid, handle}, recipient, mediaUuids, hasMedia, mediaType, type, pricing {USD {price}} (USD cents), purchasedAt, isRead. Reading marks the chat read on Fanvue unless markAsRead is false; this tool defaults markAsRead to false so an agent that only peeks leaves the creator’s unread badge alone. Page-based: {data, pagination {page, size, hasMore}}.',
    method: 'GET',
    path: '/chats/{userUuid}/messages',
    input: z.object({
      userUuid: fan,
      ...paging,
      markAsRead: z
        .boolean()
        .default(false)
        .describe('Mark the chat read on Fanvue (sent as "true"/"false"). Default false here (Fanvue’s own default is true); set true when the creator has really handled it.'),
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
      `Sends one message in an existing chat (open one with fanvue_create_chat): text, vault media (mediaUuids) and optionally a price that makes the media pay-to-view. ${PRICE_NOTE} Or send a saved template with templateUuid. The fan receives it at once; returns {messageUuid}. A timeout is reported as "may have been sent" and never retried: check fanvue_list_chat_messages before sending again. Example: {"userUuid": "…", "text": "Thank you!", "mediaUuids": ["…"], "price": 500}.`,
    method: 'POST',
    path: '/chats/{userUuid}/message',
    input: z
      .object({
        userUuid: fan,
        text: text.optional().describe('Message text, 1-5000 characters.'),
        mediaUuids: uuids('Vault media to attach, by uuid, in display order.', 100).optional(),
        price: priceCents('Makes the attached media pay-to-view.').optional(),
        templateUuid: uuid('Send this saved template (see fanvue_list_templates).').optional(),
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
      'Deletes (unsends) a message the creator sent in a chat. Purchased pay-to-view messages and mass messages cannot be deleted here (use fanvue_delete_mass_message for those). Returns nothing (HTTP 204).',
    method: 'DELETE',
    path: '/chats/{userUuid}/messages/{messageUuid}',
    input: z.object({ userUuid: fan, messageUuid: uuid('The message to delete.') }),
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
      'Resolves up to 20 media of one message to their metadata and signed variant URLs: {results {mediaUuid: media or null}, errors [{mediaUuid, code NOT_IN_MESSAGE or INTERNAL, message}]}.',
    method: 'GET',
    path: '/chats/{userUuid}/messages/{messageUuid}/media',
    input: z.object({
      userUuid: fan,
      messageUuid: uuid('The message the media belong to.'),
      mediaUuids: uuids('Media of that message to resolve, 1-20 (sent comma-joined).', 20),
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
      'Lists the creator’s mass messages with their results: uuid, text, status (SENT, SCHEDULED, SENDING, FAILED, MODERATED, UNSENT), price, createdAt, scheduledAt, publishedAt, recipientCount, viewCount, purchaseCount, totalRevenue (USD cents), mediaUuids. Page-based: {data, pagination {page, size, hasMore}}.',
    method: 'GET',
    path: '/chats/mass-messages',
    input: z.object({
      ...paging,
      includeDeleted: z.boolean().optional().describe('Also list unsent (deleted) mass messages (sent as "true"/"false"; default false).'),
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
      `Sends one message to every fan in the included audience lists (smart lists such as subscribers or spent_more_than_50, and/or custom lists), minus the excluded lists; Fanvue targets lists, not individual users. Optional vault media and price (pay-to-view). ${PRICE_NOTE} With scheduledAt it is queued instead (editable with fanvue_update_mass_message). Returns {id, recipientCount, createdAt}. Example: {"includedLists": {"smartListUuids": ["subscribers"]}, "excludedLists": {"smartListUuids": ["muted"]}, "text": "New set is up!"}.`,
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
      `Changes a mass message that is still SCHEDULED: its lists, text, media, price or scheduledAt. Given fields replace the current ones. ${PRICE_NOTE} Returns nothing (HTTP 204); a message already sent cannot be changed.`,
    method: 'PATCH',
    path: '/chats/mass-messages/{messageUuid}',
    input: z.object({
      messageUuid: uuid('The scheduled mass message (see fanvue_list_mass_messages).'),
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
      'Unsends a sent mass message, or cancels a scheduled one. Copies fans already bought stay available to them. Returns nothing (HTTP 204).',
    method: 'DELETE',
    path: '/chats/mass-messages/{messageUuid}',
    input: z.object({ messageUuid: uuid('The mass message (see fanvue_list_mass_messages).') }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:chat'],
    operationId: 'deleteMassMessage',
  }),
];
