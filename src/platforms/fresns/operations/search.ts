import * as z from 'zod';
import type { Operation } from '../../types.js';
import { doc, fresnsOp } from './define.js';
import { gid, hid, keyFilters, listFilters, orderDirection, paging, pid, uidOrUsername, userOrderType } from './params.js';

const searchKey = z.string().min(1).max(100).describe('The words to search for, e.g. "sandbox release".');
const follow = (what: string) => z.boolean().describe(`true only ${what} the logged-in user follows.`).optional();

/** Keyword search over users, groups, hashtags, posts and comments. */
export const searchOperations: readonly Operation[] = [
  fresnsOp({
    name: 'search_users',
    title: 'Search Fresns users',
    description: 'Finds users whose username, nickname or bio contains searchKey, paginated, with the same profile summary as fresns_list_users.',
    method: 'GET',
    path: '/api/v2/search/users',
    input: z.object({
      searchKey,
      orderType: userOrderType.optional(),
      orderDirection: orderDirection.optional(),
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'search',
    login: 'none',
    docs: doc('search/users'),
  }),
  fresnsOp({
    name: 'search_groups',
    title: 'Search Fresns groups',
    description: 'Finds groups whose name or description contains searchKey, paginated.',
    method: 'GET',
    path: '/api/v2/search/groups',
    input: z.object({ searchKey, gid: gid.describe('Only subgroups of this group.').optional(), orderDirection: orderDirection.optional(), ...keyFilters, ...paging(30) }),
    kind: 'read',
    toolset: 'search',
    login: 'none',
    docs: doc('search/groups'),
  }),
  fresnsOp({
    name: 'search_hashtags',
    title: 'Search Fresns hashtags',
    description: 'Finds hashtags whose name or description contains searchKey, paginated (hid, hname, postCount…).',
    method: 'GET',
    path: '/api/v2/search/hashtags',
    input: z.object({ searchKey, orderDirection: orderDirection.optional(), ...keyFilters, ...paging(30) }),
    kind: 'read',
    toolset: 'search',
    login: 'none',
    docs: doc('search/hashtags'),
  }),
  fresnsOp({
    name: 'search_posts',
    title: 'Search Fresns posts',
    description:
      'Finds posts whose title or content contains searchKey, newest first, paginated, fields and filters as fresns_list_posts; followUsers/followGroups/followHashtags limit to what the user follows.',
    method: 'GET',
    path: '/api/v2/search/posts',
    input: z.object({
      searchKey,
      uidOrUsername: uidOrUsername.describe('Only posts by this user.').optional(),
      hid: hid.describe('Only posts with this hashtag.').optional(),
      gid: gid.describe('Only posts in this group.').optional(),
      followUsers: follow('posts by users'),
      followGroups: follow('posts in groups'),
      followHashtags: follow('posts with hashtags'),
      ...listFilters,
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'search',
    login: 'none',
    docs: doc('search/posts'),
  }),
  fresnsOp({
    name: 'search_comments',
    title: 'Search Fresns comments',
    description: 'Finds comments whose content contains searchKey, newest first, paginated, with the same fields and filters as fresns_list_comments.',
    method: 'GET',
    path: '/api/v2/search/comments',
    input: z.object({
      searchKey,
      uidOrUsername: uidOrUsername.describe('Only comments by this user.').optional(),
      pid: pid.describe('Only comments on this post.').optional(),
      hid: hid.describe('Only comments with this hashtag.').optional(),
      gid: gid.describe('Only comments on posts in this group.').optional(),
      followUsers: follow('comments by users'),
      followGroups: follow('comments in groups'),
      followHashtags: follow('comments with hashtags'),
      ...listFilters,
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'search',
    login: 'none',
    docs: doc('search/comments'),
  }),
];
