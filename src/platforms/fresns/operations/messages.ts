import * as z from 'zod';
import type { Operation } from '../../types.js';
import { doc, fresnsOp } from './define.js';
import { keyFilters, orderDirection, paging, uidOrUsername } from './params.js';

const conversationId = z.number().int().min(1).describe('The conversation id (numeric), from fresns_list_conversations.');
const ids = (what: string) => z.string().regex(/^\d+(,\d+)*$/).describe(`${what} ids, comma-separated, e.g. "12,13".`);

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
export const messageOperations: readonly Operation[] = [
  fresnsOp({
    name: 'list_notifications',
    title: 'List Fresns notifications',
    description:
      'Lists the logged-in user\'s notifications, newest first, paginated: id, type (1 system, 2 recommend, 3 like, 4 dislike, 5 follow, 6 block, 7 mention, 8 comment, 9 quote), content, actionUser, actionObject and actionInfo (the post or comment concerned), readStatus, datetime. Example: types "7,8", status false for unread mentions and comments.',
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
      'Lists the logged-in user\'s private conversations, most recent first, paginated: id, the other user, latestMessage (id, type, content, datetime), pinned, messageCount and unreadCount. Read messages with fresns_list_conversation_messages.',
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
      'Lists the messages of a conversation, paginated from the newest (orderDirection desc, default): id, user (sender), isMe, type (1 text, 2 file), content, file, datetime, readStatus. pageListDirection "oldest" orders each page oldest first for display. Reading does not mark them read; use fresns_mark_conversation_read.',
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
      'Sends a private message from the logged-in user to another user: text in message, or a file by fid (from fresns_upload_file, usageType 6, tableName conversation_messages). The conversation is created if needed. Returns the sent message (id, content, datetime). The recipient may refuse messages (code 366xx). It cannot be unsent, only deleted on your side.',
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
