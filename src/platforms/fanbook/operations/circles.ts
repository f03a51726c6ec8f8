import * as z from 'zod';
import { intId, sentAsString, strId } from '../ids.js';
import { botOperation } from '../operation.js';

const postId = strId('The circle post ID.');
const listId = strId('Paging cursor: the last reaction_id / comment_id of the previous page; leave out for the first page.');

export const circleOperations = [
  botOperation({
    name: 'get_circle_info',
    title: "Get a guild's circle home page",
    description:
      "Returns a guild's circle (its forum-like feed of posts) home page: the circle channel, its topics (categories) with their topic_id, and counts. Use the channel_id and topic_id with the other circle tools.",
    method: 'POST',
    method_path: 'v2/circle/info',
    input: z.object({ guild_id: intId('Guild ID.') }),
    kind: 'read',
    toolset: 'fanbook_circles',
  }),
  botOperation({
    name: 'get_circle_post',
    title: 'Get a circle post',
    description:
      'Returns one circle post with its author, title, content (rich-text JSON as Fanbook stores it), topic, and like and comment counts.',
    method: 'POST',
    method_path: 'circle/detail',
    input: z.object({
      post_id: postId,
      channel_id: strId('The circle channel of the post.').optional(),
      topic_id: strId('The topic (category) of the post.').optional(),
    }),
    kind: 'read',
    toolset: 'fanbook_circles',
  }),
  botOperation({
    name: 'list_circle_reactions',
    title: 'List the reactions to a circle post',
    description:
      'Lists who reacted to (liked) a circle post, a page at a time (list_id of the answer for the next). (circle/reactionList, as the Java SDK sends it).',
    method: 'POST',
    method_path: 'circle/reactionList',
    input: z.object({
      post_id: postId,
      list_id: listId.optional(),
      size: z.number().int().min(1).max(100).describe('Reactions per page, 1-100.').optional(),
    }),
    kind: 'read',
    toolset: 'fanbook_circles',
  }),
  botOperation({
    name: 'list_circle_comments',
    title: 'List the comments on a circle post',
    description:
      'Lists a circle post\'s comments, newest first; list_id of the answer for the next page, since_id for newer only. (circle/commentList, as the Java SDK sends it).',
    method: 'POST',
    method_path: 'circle/commentList',
    input: z.object({
      post_id: postId,
      channel_id: strId('The circle channel of the post.'),
      list_id: listId.optional(),
      size: sentAsString(z.number().int().min(1).max(100).describe('Comments per page, 1-100.')).optional(),
      since_id: intId('Only comments newer than this comment_id.').optional(),
    }),
    kind: 'read',
    toolset: 'fanbook_circles',
  }),
];
