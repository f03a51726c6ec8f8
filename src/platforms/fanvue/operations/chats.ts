import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { MEDIA_TYPES, SMART_LISTS, cursor, paging, uuid, uuids } from '../params.js';

const toolset = 'fanvue_chats';

const CHAT_FILTERS = [
  'unread',
  'subscribers',
  'followers',
  'online',
  'recent_subscribers',
  'not_answered',
  'spent_more_than_50',
  'on_free_trial',
  'has_tipped',
  'spenders',
  'exclude_creators',
  'subscribed_to',
  'not_muted',
  'archived',
] as const;

const fan = uuid('The fan’s user uuid (it names the chat).');

export const chatOperations = [
  fanvueOperation({
    name: 'list_chats',
    title: 'List Fanvue chats',
    description:
      'The inbox, one row per fan: last message and unread count. filter ["unread"] or ["not_answered"] finds chats to answer; user.uuid names the chat in the other tools.',
    method: 'GET',
    path: '/chats',
    input: z.object({
      ...paging,
      customListId: uuid('Only members of this custom list.').optional(),
      smartListIds: z.array(z.enum(SMART_LISTS)).min(1).optional().describe('Only members of these smart lists.'),
      filter: z
        .array(z.enum(CHAT_FILTERS))
        .min(1)
        .optional()
        .describe('All must match.'),
      search: z.string().min(1).max(100).optional().describe('Fan name or handle.'),
      sortBy: z.enum(['most_recent_messages', 'online_now', 'most_unanswered_chats']).optional().meta({ default: 'most_recent_messages' }),
    }),
    repeated: ['smartListIds', 'filter'],
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'listChats',
  }),
  fanvueOperation({
    name: 'create_chat',
    title: 'Start a Fanvue chat',
    description:
      'Opens a chat with a user so fanvue_send_message can reach them; refused when the user cannot be messaged (e.g. not a fan).',
    method: 'POST',
    path: '/chats',
    input: z.object({ userUuid: uuid('The user.') }),
    kind: 'write',
    toolset,
    auth: ['write:chat'],
    operationId: 'createChat',
  }),
  fanvueOperation({
    name: 'get_unread_counts',
    title: 'Count unread Fanvue chats',
    description:
      'Counts only: unreadChatsCount, unreadMessagesCount, unreadNotifications per type (newTip, newSubscriber…). The chats: fanvue_list_chats filter ["unread"].',
    method: 'GET',
    path: '/chats/unread',
    input: z.object({}),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getUnreadChatsCount',
  }),
  fanvueOperation({
    name: 'update_chat',
    title: 'Mark, mute or nickname a chat',
    description:
      'Marks a chat read or unread, mutes it, or sets the private nickname the creator sees for the fan. Only given fields change.',
    method: 'PATCH',
    path: '/chats/{userUuid}',
    input: z.object({
      userUuid: fan,
      isRead: z.boolean().optional().describe('false: unread.'),
      isMuted: z.boolean().optional().describe('Mute.'),
      nickname: z.string().max(30).optional().describe('Private nickname.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset,
    auth: ['write:chat'],
    operationId: 'updateChat',
  }),
  fanvueOperation({
    name: 'get_online_statuses',
    title: 'Get online status of fans',
    description:
      'Map userUuid → {isOnline, lastSeenAt} for up to 100 users (hidden status shows offline). Picks who to message now.',
    method: 'POST',
    path: '/chats/statuses',
    input: z.object({ userUuids: uuids('The users.', 100) }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getBatchStatuses',
  }),
  fanvueOperation({
    name: 'list_chat_media',
    title: 'List media shared in a chat',
    description:
      'Media exchanged with one fan, newest first, with signed variant URLs. Cursor paging: {data, nextCursor}.',
    method: 'GET',
    path: '/chats/{userUuid}/media',
    input: z.object({
      userUuid: fan,
      cursor,
      mediaType: z.enum(MEDIA_TYPES).optional().describe('Only this type.'),
      limit: z.number().int().min(1).max(50).optional().meta({ default: 20 }),
    }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'listMedia',
  }),
  fanvueOperation({
    name: 'get_messages_batch',
    title: 'Get recent messages of many chats',
    description:
      'Latest messages of up to 50 chats in one call: byChat {fanUuid: {messages, hasMore} or {error}}. sinceMessageUuid returns only newer ones. Marks nothing read.',
    method: 'POST',
    path: '/chats/messages/batch',
    input: z.object({
      chatUuids: uuids('Fan user uuids.', 50),
      limit: z.number().int().min(1).max(50).optional().describe('Per chat; default 20.'),
      sinceMessageUuid: uuid('Only messages after this one.').optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'messagesBatch',
  }),
  fanvueOperation({
    name: 'list_templates',
    title: 'List Fanvue message templates',
    description:
      'Saved message templates: uuid, text, price (USD cents), mediaUuids, folderName. Send one with fanvue_send_message templateUuid.',
    method: 'GET',
    path: '/chats/templates',
    input: z.object({ ...paging, folderName: z.string().min(1).optional().describe('Folder name contains this.') }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'listTemplateMessages',
  }),
  fanvueOperation({
    name: 'get_template',
    title: 'Get a Fanvue message template',
    description: 'One message template: uuid, text, price (USD cents), mediaUuids, folderName.',
    method: 'GET',
    path: '/chats/templates/{templateUuid}',
    input: z.object({ templateUuid: uuid('From fanvue_list_templates.') }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getTemplateMessage',
  }),
];
