import * as z from 'zod';
import { unlisted, unlistedShape } from '../../listed-schema.js';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { deviceToken, interactionType, keyFilters, orderDirection, paging, password, uidOrUsername, userOrderType } from './params.js';

const markType = z.enum(['user', 'group', 'hashtag', 'post', 'comment']).describe('What kind of object fsid is.');
const fsid = z.string().min(1).describe('uid, gid, hid, pid or cid.');

/** Users: lists, profiles, their marks (like/follow/block), login as a user, panel and profile edits. */
export const userOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'list_users',
    title: 'List Fresns users',
    description:
      'Lists users with their profile summary, paginated, filtered and sorted. Example: orderType "follow" lists the most followed users first.',
    method: 'GET',
    path: '/api/v2/user/list',
    input: z.object({
      ...unlistedShape({
        roles: z.string().min(1).describe('Only users with these role ids (rid), comma-separated.').optional(),
        verified: z.boolean().describe('true only verified users, false only unverified ones.').optional(),
        gender: z.number().int().min(1).max(3).describe('1 unknown, 2 male, 3 female.').optional(),
        createdDays: z.number().int().min(1).describe('Only users who joined in the last N days.').optional(),
      }),
      orderType: userOrderType.optional(),
      orderDirection: orderDirection.optional(),
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'users',
    login: 'none',
    docs: doc('user/list'),
  }),
  fresnsOp({
    name: 'get_user',
    title: 'Get a Fresns user profile',
    description:
      'Returns one user\'s profile: names, avatar, bio, roles, stats and, when logged in, your interaction with them (following, blocking, note).',
    method: 'GET',
    path: '/api/v2/user/{uidOrUsername}/detail',
    input: z.object({ uidOrUsername, ...keyFilters }),
    kind: 'read',
    toolset: 'users',
    login: 'none',
    docs: doc('user/detail'),
  }),
  fresnsOp({
    name: 'list_followers_you_follow',
    title: 'List followers you also follow',
    description: 'Lists the followers of a user that the logged-in user also follows ("followed by people you know"), paginated. Empty when not logged in.',
    method: 'GET',
    path: '/api/v2/user/{uidOrUsername}/followers-you-follow',
    input: z.object({ uidOrUsername, ...keyFilters, ...paging(30) }),
    kind: 'read',
    toolset: 'users',
    login: 'none',
    docs: doc('user/followers-you-follow'),
  }),
  fresnsOp({
    name: 'list_user_interactions',
    title: 'List users interacting with a user',
    description:
      'Lists the users who like, dislike, follow or block a user (type likers, dislikers, followers, blockers), with when they did it, paginated. Sites may hide some of these lists (then the result carries a warning).',
    method: 'GET',
    path: '/api/v2/user/{uidOrUsername}/interaction/{type}',
    input: z.object({ uidOrUsername, type: interactionType, orderDirection: orderDirection.optional(), ...keyFilters, ...paging(30) }),
    kind: 'read',
    toolset: 'users',
    login: 'none',
    docs: doc('user/interaction'),
  }),
  fresnsOp({
    name: 'list_user_marks',
    title: 'List what a user liked or followed',
    description:
      'Lists what a user marked (markType like, dislike, follow, block) of one listType (users, groups, hashtags, posts, comments), paginated, with any note. markType follow + listType users = whom they follow.',
    method: 'GET',
    path: '/api/v2/user/{uidOrUsername}/mark/{markType}/{listType}',
    input: z.object({
      uidOrUsername,
      markType: z.enum(['like', 'dislike', 'follow', 'block']).describe('The kind of mark.'),
      listType: z.enum(['users', 'groups', 'hashtags', 'posts', 'comments']).describe('The kind of object marked.'),
      orderDirection: orderDirection.optional(),
      ...keyFilters,
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'users',
    login: 'none',
    docs: doc('user/mark-list'),
  }),
  fresnsOp({
    name: 'login_user',
    title: 'Log in as a user of the account',
    description:
      'Logs in as one user of the account (password when hasPassword) as the session user; returns the profile (the token is kept, never shown).',
    method: 'POST',
    path: '/api/v2/user/auth',
    input: z.object({
      uidOrUsername,
      password: password('The user\'s own password, when it has one').optional(),
      deviceToken: deviceToken.optional(),
    }),
    kind: 'write',
    toolset: 'users',
    login: 'account',
    base64: ['password'],
    session: 'user-login',
    docs: doc('user/auth'),
  }),
  fresnsOp({
    name: 'get_user_panel',
    title: 'Get the logged-in user\'s panel',
    description:
      'Returns the user\'s dashboard: unread notifications by kind, conversations and unread messages, draft counts, extensions. The quickest view of what needs attention.',
    method: 'GET',
    path: '/api/v2/user/panel',
    input: z.object({
      uidOrUsername: uidOrUsername.describe('A user of the logged-in account; default the session user.').optional(),
    }),
    kind: 'read',
    toolset: 'users',
    // The route itself needs only the account, but without uidOrUsername it reads the session
    // user (X-Fresns-Uid), so creator-mcp makes sure there is one.
    login: 'user',
    docs: doc('user/panel'),
  }),
  fresnsOp({
    name: 'edit_user',
    title: 'Edit the user profile',
    description:
      'Changes the user\'s profile: username, nickname, avatar/banner (fid from fresns_upload_file usageType 5, or URL), gender, birthday, bio, location, who may message or comment, archives. Only given fields change.',
    method: 'PUT',
    path: '/api/v2/user/edit',
    input: z.object({
      username: z.string().regex(/^[A-Za-z0-9_-]{3,32}$/).describe('New username: letters, digits, _ or -.').optional(),
      nickname: z.string().min(1).max(64).describe('New nickname.').optional(),
      avatarFid: z.string().min(1).describe('Avatar: fid of an uploaded image.').optional(),
      avatarUrl: z.string().url().describe('Avatar: image URL.').optional(),
      bannerFid: z.string().min(1).describe('Banner: fid of an uploaded image.').optional(),
      bannerUrl: z.string().url().describe('Banner: image URL.').optional(),
      gender: z.number().int().min(1).max(3).describe('1 unknown, 2 male, 3 female.').optional(),
      birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Birthday, Y-m-d.').optional(),
      bio: z.string().max(2000).describe('Profile text.').optional(),
      location: z.string().max(128).describe('Location text.').optional(),
      conversationLimit: z.number().int().min(1).max(4).describe('1 everyone, 2 people I follow, 3 followed and verified, 4 nobody.').optional(),
      commentLimit: z.number().int().min(1).max(4).describe('1 everyone, 2 people I follow, 3 followed and verified, 4 nobody.').optional(),
      archives: unlisted(z.array(z.object({ code: z.string().describe('Archive field code.'), value: z.unknown().describe('Its value.') })).describe('Archive field values (see fresns_get_archives type user).').optional()),
      deviceToken: deviceToken.optional(),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'users',
    login: 'user',
    docs: doc('user/edit'),
  }),
  fresnsOp({
    name: 'toggle_mark',
    title: 'Like, follow or block (toggle)',
    description:
      'Likes, dislikes, follows or blocks a user, group, hashtag, post or comment; the same call again undoes it (toggle). Owners are notified of likes and follows.',
    method: 'POST',
    path: '/api/v2/user/mark',
    input: z.object({
      interactionType: z.enum(['like', 'dislike', 'follow', 'block']).describe('The mark to set or undo.'),
      markType,
      fsid,
    }),
    kind: 'write',
    toolset: 'users',
    login: 'user',
    docs: doc('user/mark'),
  }),
  fresnsOp({
    name: 'set_mark_note',
    title: 'Set a note on a follow or block',
    description: 'Sets the private note kept with something the logged-in user follows or blocks (e.g. why), replacing the previous note. The object must already be followed or blocked.',
    method: 'PUT',
    path: '/api/v2/user/mark-note',
    input: z.object({
      interactionType: z.enum(['follow', 'block']).describe('Which mark the note belongs to.'),
      markType,
      fsid,
      note: z.string().max(128).describe('The note; empty clears it.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'users',
    login: 'user',
    docs: doc('user/mark-note'),
  }),
];
