import * as z from 'zod';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { keyFilters, orderDirection, paging, uidOrUsername } from './params.js';

const conversationId = z.number().int().min(1).describe('The conversation id (numeric), from fresns_list_conversations.');
const ids = (what: string) => z.string().regex(/^\d+(,\d+)*$/).describe(`${what} ids, comma-separated.`);

/** Either ids or a type (all/one kind); the choice is cross-checked before anything is sent. */
const notificationSelection = z
  .object({
    type: z.enum(['all', 'choose']).describe('"all": every notification of notificationType; "choose": only notificationIds.'),
    notificationType: z
      .number()
      .int()
      .min(0)
      .max(9)
      .describe('With type all: 0 every kind, 1 system, 2 recommend, 3 like, 4 dislike, 5 follow, 6 block, 7 mention, 8 comment, 9 quote.')
      .optional(),
    notificationIds: ids('With type choose: notification').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'choose' && !v.notificationIds) ctx.addIssue({ code: 'custom', path: ['notificationIds'], message: 'required when type is choose' });
    if (v.type === 'all' && v.notificationIds) ctx.addIssue({ code: 'custom', path: ['notificationIds'], message: 'give it with type choose, not all' });
  });

const conversationSelection = z
  .object({
    type: z.enum(['conversation', 'message']).describe('"conversation": the whole conversation; "message": only messageIds in it.'),
    conversationId,
    messageIds: ids('With type message: message').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'message' && !v.messageIds) ctx.addIssue({ code: 'custom', path: ['messageIds'], message: 'required when type is message' });
  });

/** Notifications and private conversations of the logged-in user. */
export const messageOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'list_notifications',
    title: 'List Fresns notifications',
    description:
      'Lists the user\'s notifications, newest first, paginated: id, type (1 system, 2 recommend, 3 like, 4 dislike, 5 follow, 6 block, 7 mention, 8 comment, 9 quote), actionUser, actionObject, readStatus. Unread mentions and comments: types "7,8", status false.',
    method: 'GET',
    path: '/api/v2/notification/list',
    input: z.object({
      types: z.string().regex(/^[1-9](,[1-9])*$/).describe('Only these types, comma-separated (1-9, see above).').optional(),
      status: z.boolean().describe('false only unread, true only read; leave out for both.').optional(),
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/notification-list'),
  }),
  fresnsOp({
    name: 'mark_notifications_read',
    title: 'Mark Fresns notifications as read',
    description: 'Marks notifications as read: every one of a kind (type all + notificationType, 0 = every kind) or chosen ids (type choose + notificationIds). Unread counts in fresns_get_user_panel drop accordingly.',
    method: 'PUT',
    path: '/api/v2/notification/mark-as-read',
    input: notificationSelection,
    kind: 'write',
    idempotent: true,
    toolset: 'messages',
    login: 'user',
    docs: doc('message/notification-read'),
  }),
  fresnsOp({
    name: 'delete_notifications',
    title: 'Delete Fresns notifications',
    description: 'Deletes notifications for good: every one of a kind (type all + notificationType, 0 = every kind) or chosen ids (type choose + notificationIds). System notifications sent to everyone cannot be deleted.',
    method: 'DELETE',
    path: '/api/v2/notification/delete',
    input: notificationSelection,
    kind: 'destructive',
    idempotent: true,
    toolset: 'messages',
    login: 'user',
    docs: doc('message/notification-delete'),
  }),
  fresnsOp({
    name: 'list_conversations',
    title: 'List Fresns conversations',
    description:
      'Lists the user\'s conversations, most recent first, paginated: id, other user, latestMessage, pinned, messageCount, unreadCount.',
    method: 'GET',
    path: '/api/v2/conversation/list',
    input: z.object({ pinned: z.boolean().describe('true only pinned, false only unpinned conversations.').optional(), ...keyFilters, ...paging(30) }),
    kind: 'read',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-list'),
  }),
  fresnsOp({
    name: 'get_conversation',
    title: 'Get a Fresns conversation',
    description: 'Returns one conversation: id, the other user, messageCount and unreadCount.',
    method: 'GET',
    path: '/api/v2/conversation/{conversationId}/detail',
    input: z.object({ conversationId, ...keyFilters }),
    kind: 'read',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-detail'),
  }),
  fresnsOp({
    name: 'list_conversation_messages',
    title: 'List messages of a conversation',
    description:
      'Lists a conversation\'s messages from the newest (orderDirection desc), paginated: type 1 text, 2 file. pageListDirection "oldest" orders each page for display. Does not mark read (fresns_mark_conversation_read).',
    method: 'GET',
    path: '/api/v2/conversation/{conversationId}/messages',
    input: z.object({
      conversationId,
      orderDirection: orderDirection.optional(),
      pageListDirection: z.enum(['latest', 'oldest']).describe('Order inside each page: latest (default) or oldest first.').optional(),
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-messages'),
  }),
  fresnsOp({
    name: 'pin_conversation',
    title: 'Pin or unpin a conversation',
    description: 'Pins a conversation to the top of the logged-in user\'s list, or unpins it when it is pinned (a toggle). Check pinned in fresns_list_conversations first.',
    method: 'PUT',
    path: '/api/v2/conversation/pin',
    input: z.object({ conversationId }),
    kind: 'write',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-pin'),
  }),
  fresnsOp({
    name: 'mark_conversation_read',
    title: 'Mark conversation messages as read',
    description: 'Marks a whole conversation (type conversation) or chosen messages (type message + messageIds) as read for the logged-in user; the sender sees them as read.',
    method: 'PUT',
    path: '/api/v2/conversation/mark-as-read',
    input: conversationSelection,
    kind: 'write',
    idempotent: true,
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-read'),
  }),
  fresnsOp({
    name: 'send_message',
    title: 'Send a Fresns private message',
    description:
      'Sends a private message: text in message, or a file by fid (fresns_upload_file usageType 6, conversation_messages); creates the conversation. Returns the message. 366xx: recipient refuses. Cannot be unsent.',
    method: 'POST',
    path: '/api/v2/conversation/send-message',
    input: z
      .object({
        uidOrUsername: uidOrUsername.describe('The recipient: numeric uid or username.'),
        message: z.string().min(1).max(5000).describe('The text to send (give message or fid).').optional(),
        fid: z.string().min(1).describe('An uploaded file to send instead of text.').optional(),
      })
      .superRefine((v, ctx) => {
        if ((v.message === undefined) === (v.fid === undefined)) ctx.addIssue({ code: 'custom', path: ['message'], message: 'give message or fid (one of them)' });
      }),
    kind: 'write',
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-send'),
  }),
  fresnsOp({
    name: 'delete_conversation',
    title: 'Delete a conversation or messages',
    description: 'Deletes, for the logged-in user only, a whole conversation (type conversation) or chosen messages (type message + messageIds). The other user keeps their copy.',
    method: 'DELETE',
    path: '/api/v2/conversation/delete',
    input: conversationSelection,
    kind: 'destructive',
    idempotent: true,
    toolset: 'messages',
    login: 'user',
    docs: doc('message/conversation-delete'),
  }),
];
