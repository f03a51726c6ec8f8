import * as z from 'zod';
import { sentAsString, strId, strIds } from '../ids.js';
import { botOperation } from '../operation.js';

/**
 * Methods that only the seed document describes: no public SDK or official doc page available
 * to the reference confirms their path or parameters. They stay opt-in (toolset
 * fanbook_unverified) and say so, so an agent does not rely on them blindly.
 */
const UNVERIFIED = 'Unverified (one Fanbook document, no SDK): may fail or differ.';
const toolset = 'fanbook_unverified';

export const unverifiedOperations = [
  botOperation({
    name: 'send_guild_notification',
    title: 'Send a community notification',
    description: `Sends a text to the given users' community (guild) notifications rather than to a channel, and returns the Message, whose chat.id recall needs. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'guild/notification/send',
    input: z.object({
      guild_id: strId('Guild ID.'),
      users: strIds('The receiving user IDs.'),
      text: z.string().min(1).describe('The notification text.'),
    }),
    kind: 'write',
    toolset,
  }, { paced: true }),
  botOperation({
    name: 'recall_guild_notification',
    title: 'Recall a community notification',
    description: `Recalls a community notification sent with fanbook_send_guild_notification, using the chat.id and message_id it returned. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'guild/notification/recall',
    input: z.object({
      guild_id: strId('Guild ID.'),
      chat_id: strId('chat.id from the send answer.'),
      message_id: strId('message_id from the send answer.'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset,
  }),
  botOperation({
    name: 'list_quote_messages',
    title: 'List the replies in a message thread',
    description: `Lists a thread's messages (replies quoting one message), newest first, 100 per page; next page: the last message_id. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'v2/quotes',
    input: z.object({
      channel_id: strId('The channel ID.'),
      quote_id: strId('The first message of the thread (the quoted one).'),
      message_id: strId('Paging cursor: the last message_id of the previous page.').optional(),
    }),
    kind: 'read',
    toolset,
  }),
  botOperation({
    name: 'list_message_card_users',
    title: 'List who clicked a message card',
    description: `Lists the users who hold slots of an interactive message card, as [{key, user_id}]. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'message_card/list_users',
    input: z.object({
      channel_id: strId('The channel of the card.'),
      message_id: strId('The message card.'),
      key: z.string().describe('Only this slot.').optional(),
      user_id: strId('Only this user.').optional(),
    }),
    kind: 'read',
    toolset,
  }),
  botOperation({
    name: 'add_guild_user',
    title: 'Add a user to a guild (needs approval)',
    description: `Adds a user to a guild through an invite code without them accepting it; Fanbook must enable this for the bot. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'v2/guild/addUser',
    input: z.object({
      guild_id: strId('Guild ID.'),
      member_id: strId('The user to add.'),
      c: z.string().min(1).describe('An invite code of the guild.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset,
  }),
  botOperation({
    name: 'list_circle_posts',
    title: 'List the posts of a circle',
    description: `Lists circle posts of a guild, optionally of one topic or matching a search word, one page at a time (pass list_id of the answer for the next page). ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'circle/postList',
    input: z.object({
      guild_id: strId('Guild ID.'),
      channel_id: strId('The circle channel ID.'),
      topic_id: strId('Only this topic.').optional(),
      size: sentAsString(z.number().int().min(1).max(100).describe('Posts per page.')).optional(),
      list_id: z.string().describe('Paging cursor from the previous answer.').optional(),
      wd: z.string().describe('Search word.').optional(),
      has_video: z.enum(['0', '1']).describe('"1" only posts with video.').optional(),
    }),
    kind: 'read',
    toolset,
  }),
  botOperation({
    name: 'list_circle_comment_replies',
    title: 'List the replies to a circle comment',
    description: `Lists the replies to one comment of a circle post, one page at a time. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'v2/circle/commentReplyList',
    input: z.object({
      post_id: strId('The circle post ID.'),
      comment_id: strId('The comment whose replies to list.'),
      list_id: strId('Paging cursor: the last comment_id of the previous page.').optional(),
      size: sentAsString(z.number().int().min(1).max(100).describe('Replies per page.')).optional(),
    }),
    kind: 'read',
    toolset,
  }),
  botOperation({
    name: 'delete_circle_post',
    title: 'Delete a circle post',
    description: `Deletes a circle post, with a reason shown to its author. Cannot be undone. ${UNVERIFIED}`,
    method: 'DELETE',
    method_path: 'v2/circle/postDelete',
    input: z.object({
      post_id: strId('The circle post ID.'),
      channel_id: strId('The circle channel ID.'),
      topic_id: strId('The topic of the post.'),
      reason: z.string().min(1).describe('Why it is deleted.'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset,
  }),
  botOperation({
    name: 'list_circle_reaction_users',
    title: 'List the users who reacted to a circle post',
    description: `Lists the users (ChatMember) who reacted to a circle post, a page at a time. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'getCircleReactionList',
    input: z.object({
      guild_id: strId('Guild ID.'),
      post_id: strId('The circle post ID.'),
      list_id: z.string().describe('Paging cursor from the previous answer.').optional(),
      size: z.number().int().min(1).max(100).describe('Users per page.').optional(),
    }),
    kind: 'read',
    toolset,
  }),
  botOperation({
    name: 'list_circle_comment_users',
    title: 'List the users who commented on a post',
    description: `Lists the users (ChatMember) who commented on a circle post, a page at a time. ${UNVERIFIED}`,
    method: 'POST',
    method_path: 'getCircleCommentList',
    input: z.object({
      guild_id: strId('Guild ID.'),
      post_id: strId('The circle post ID.'),
      list_id: z.string().describe('Paging cursor from the previous answer.').optional(),
      size: z.number().int().min(1).max(100).describe('Users per page.').optional(),
    }),
    kind: 'read',
    toolset,
  }),
];

