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

const fan = uuid('The fan’s user UUID: a chat is identified by the other person’s user uuid.');

export const chatOperations = [
  fanvueOperation({
    name: 'list_chats',
    title: 'List Fanvue chats',
    description:
      'Lists the inbox: one row per conversation with createdAt, lastMessageAt, isRead, isMuted, unreadMessagesCount, user {uuid, handle, displayName, nickname, isTopSpender} and lastMessage {text, type, sentAt, senderUuid, hasMedia}. Use filter ["unread"] to find chats that need an answer, or ["not_answered"]. Page-based: {data, pagination {page, size, hasMore}}. The chat is addressed by user.uuid in the other chat tools.',
    method: 'GET',
    path: '/chats',
    input: z.object({
      ...paging,
      customListId: uuid('Only chats with members of this custom list.').optional(),
      smartListIds: z.array(z.enum(SMART_LISTS)).min(1).optional().describe('Only chats with members of these smart lists.'),
      filter: z
        .array(z.enum(CHAT_FILTERS))
        .min(1)
        .optional()
        .describe('Filters, combined: unread, online, subscribed_to, not_muted, archived, and creator-only subscribers, followers, recent_subscribers, not_answered, spent_more_than_50, on_free_trial, has_tipped, spenders, exclude_creators.'),
      search: z.string().min(1).max(100).optional().describe('Matches the fan’s name or handle.'),
      sortBy: z.enum(['most_recent_messages', 'online_now', 'most_unanswered_chats']).optional().describe('Order (default most_recent_messages).'),
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
      'Opens a conversation with a user so messages can be sent to them with fanvue_send_message. Fails with a contactability error when the user cannot be messaged (e.g. not a fan). Returns {message}.',
    method: 'POST',
    path: '/chats',
    input: z.object({ userUuid: uuid('The user to start a chat with.') }),
    kind: 'write',
    toolset,
    auth: ['write:chat'],
    operationId: 'createChat',
  }),
  fanvueOperation({
    name: 'get_unread_counts',
    title: 'Count unread Fanvue chats',
    description:
      'Returns unreadChatsCount, unreadMessagesCount and unreadNotifications by type (newFollower, newPostComment, newPostLike, newPurchase, newSubscriber, newTip, newPromotion). Counts only: use fanvue_list_chats with filter ["unread"] for the chats themselves.',
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
      'Changes a conversation’s state: isRead (mark read or unread), isMuted, and the nickname the creator sees for the fan (up to 30 characters). Only the given fields change. Returns nothing (HTTP 204).',
    method: 'PATCH',
    path: '/chats/{userUuid}',
    input: z.object({
      userUuid: fan,
      isRead: z.boolean().optional().describe('true marks the chat read, false unread.'),
      isMuted: z.boolean().optional().describe('true mutes the chat.'),
      nickname: z.string().max(30).optional().describe('Private nickname for the fan, up to 30 characters.'),
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
      'Returns, for up to 100 users at once, a map userUuid → {isOnline, lastSeenAt}. Users who hide their status always appear offline. Use it to pick who to message now.',
    method: 'POST',
    path: '/chats/statuses',
    input: z.object({ userUuids: uuids('The users to check, 1-100.', 100) }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getBatchStatuses',
  }),
  fanvueOperation({
    name: 'list_chat_media',
    title: 'List media shared in a chat',
    description:
      'Lists the media exchanged with one fan, newest first: uuid, messageUuid, mediaType, name, sentAt and variants with signed URLs. Cursor-based: {data, nextCursor}; pass nextCursor back as cursor until it is null.',
    method: 'GET',
    path: '/chats/{userUuid}/media',
    input: z.object({
      userUuid: fan,
      cursor,
      mediaType: z.enum(MEDIA_TYPES).optional().describe('Only this media type.'),
      limit: z.number().int().min(1).max(50).optional().describe('Items per page, 1-50 (default 20).'),
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
      'Returns the latest messages of up to 50 chats in one request, as byChat {fanUuid: {messages, hasMore, oldestMessageUuid} or {error}}; a missing chat fails alone. With sinceMessageUuid only newer messages come back (incremental sync). Does not mark anything read.',
    method: 'POST',
    path: '/chats/messages/batch',
    input: z.object({
      chatUuids: uuids('Chats to read, by the fan’s user uuid, 1-50.', 50),
      limit: z.number().int().min(1).max(50).optional().describe('Messages per chat, 1-50 (default 20).'),
      sinceMessageUuid: uuid('Only messages published after this message.').optional(),
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
      'Lists saved message templates: uuid, text, price (USD cents or null), mediaUuids and folderName. Send one with fanvue_send_message templateUuid. Page-based: {data, pagination {page, size, hasMore}}.',
    method: 'GET',
    path: '/chats/templates',
    input: z.object({ ...paging, folderName: z.string().min(1).optional().describe('Only templates whose folder name contains this (case-insensitive).') }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'listTemplateMessages',
  }),
  fanvueOperation({
    name: 'get_template',
    title: 'Get a Fanvue message template',
    description: 'Returns one message template: uuid, text, price (USD cents or null), mediaUuids and folderName.',
    method: 'GET',
    path: '/chats/templates/{templateUuid}',
    input: z.object({ templateUuid: uuid('The template’s uuid.') }),
    kind: 'read',
    toolset,
    auth: ['read:chat'],
    operationId: 'getTemplateMessage',
  }),
];
