import * as z from 'zod';
import { unlisted } from '../../listed-schema.js';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { gid, hid, keyFilters, listFilters, orderDirection, paging, pid, uidOrUsername, userOrderType } from './params.js';

const searchKey = z.string().min(1).max(100).describe('Words to find.');
/** Unlisted (fresns://guides/content): the search tools' descriptions already point to the list filters there. */
const follow = (what: string) => unlisted(z.boolean().describe(`Only ${what} you follow.`).optional());

/** Keyword search over users, groups, hashtags, posts and comments. */
export const searchOperations: readonly FresnsOperation[] = [
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
      'Finds posts whose title or content contains searchKey, newest first, paginated; fields and filters as fresns_list_posts.',
    method: 'GET',
    path: '/api/v2/search/posts',
    input: z.object({
      searchKey,
      uidOrUsername: uidOrUsername.describe('Author uid or username.').optional(),
      hid: hid.describe('With this hashtag.').optional(),
      gid: gid.describe('In this group.').optional(),
      followUsers: follow('users'),
      followGroups: follow('groups'),
      followHashtags: follow('hashtags'),
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
    description: 'Finds comments whose content contains searchKey, newest first, paginated; fields and filters as fresns_list_comments.',
    method: 'GET',
    path: '/api/v2/search/comments',
    input: z.object({
      searchKey,
      uidOrUsername: uidOrUsername.describe('Author uid or username.').optional(),
      pid: pid.describe('On this post.').optional(),
      hid: hid.describe('With this hashtag.').optional(),
      gid: gid.describe('On posts in this group.').optional(),
      followUsers: follow('users'),
      followGroups: follow('groups'),
      followHashtags: follow('hashtags'),
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
