import * as z from 'zod';
import { unlistedShape } from '../../listed-schema.js';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { cid, gid, hid, interactionType, keyFilters, listFilters, logId, mapPoint, orderDirection, paging, pid, uidOrUsername } from './params.js';

type Kind = 'post' | 'comment';

/** Post and comment routes mirror each other; one factory keeps the two families in step. */
function family(kind: Kind): FresnsOperation[] {
  const id = kind === 'post' ? { pid } : { cid };
  const idName = kind === 'post' ? 'pid' : 'cid';
  const base = `/api/v2/${kind}`;
  const scope =
    kind === 'post'
      ? {
          uidOrUsername: uidOrUsername.describe('Author.').optional(),
          hid: hid.describe('With this hashtag.').optional(),
          gid: gid.describe('In this group.').optional(),
          ...unlistedShape({
            includeSubgroups: z.boolean().describe('With gid: subgroups too.').optional(),
            allDigest: z.boolean().describe('Featured only.').optional(),
            stickyState: z.number().int().min(1).max(3).describe('1 not sticky, 2 in group, 3 site-wide.').optional(),
            blockGroups: z.string().min(1).describe('gids to skip, comma-separated.').optional(),
            blockHashtags: z.string().min(1).describe('hids to skip, comma-separated.').optional(),
          }),
        }
      : {
          uidOrUsername: uidOrUsername.describe('Author.').optional(),
          pid: pid.describe('On this post (a thread).').optional(),
          cid: cid.describe('Replies to this comment.').optional(),
          hid: hid.describe('With this hashtag.').optional(),
          gid: gid.describe('On posts in this group.').optional(),
          sticky: z.boolean().describe('Pinned by the post author only.').optional(),
        };
  const what = kind === 'post' ? 'posts' : 'comments';
  const item =
    kind === 'post'
      ? 'pid, title, content, author, group, hashtags, files, counts, createdTime'
      : 'cid, content, author, replyToPost, replyToComment, counts, createdTime';

  const rows = [
    fresnsOp({
      name: `list_${what}`,
      title: `List Fresns ${what}`,
      description:
        kind === 'post'
          ? 'Lists posts, newest first, paginated (fields as fresns_get_post; filters: fresns://guides/content).'
          : 'Lists comments, newest first, paginated, each as in fresns_get_comment: pid for a post\'s, cid for replies. Filters: fresns://guides/content.',
      method: 'GET',
      path: `${base}/list`,
      input: z.object({ ...scope, ...listFilters, ...mapPoint, ...keyFilters, ...paging(30) }),
      kind: 'read',
      toolset: 'content',
      login: 'none',
      docs: doc(`${kind}/list`),
    }),
    fresnsOp({
      name: `list_followed_${what}`,
      title: `List ${what} from what you follow`,
      description: `Lists ${what} from the users, groups or hashtags the user follows, newest first, paginated (2.x ${kind}/follow; 3.x timelines).`,
      method: 'GET',
      path: `${base}/follow/{type}`,
      input: z.object({
        type: z.enum(['all', 'user', 'group', 'hashtag']).describe('Which followed objects.'),
        contentType: listFilters.contentType,
        ...mapPoint,
        ...keyFilters,
        ...paging(30),
      }),
      kind: 'read',
      toolset: 'content',
      login: 'user',
      docs: doc(`${kind}/follow`),
    }),
    fresnsOp({
      name: `list_nearby_${what}`,
      title: `List ${what} near a location`,
      description: `Lists ${what} near a point, nearest first, paginated, each with its distance.`,
      method: 'GET',
      path: `${base}/nearby`,
      input: z.object({
        mapId: z.number().int().min(1).max(11).describe('Map provider (fresns://guides/content).'),
        mapLng: z.string().min(1).describe('e.g. "121.4737".'),
        mapLat: z.string().min(1).describe('e.g. "31.2304".'),
        unit: z.enum(['km', 'mi']).describe('Default: site setting.').optional(),
        length: z.number().int().min(1).describe('Radius in unit (default: site setting).').optional(),
        contentType: listFilters.contentType,
        ...keyFilters,
        ...paging(30),
      }),
      kind: 'read',
      toolset: 'content',
      login: kind === 'post' ? 'none' : 'user',
      docs: doc(`${kind}/nearby`),
    }),
    fresnsOp({
      name: `get_${kind}`,
      title: `Get a Fresns ${kind}`,
      description:
        kind === 'post'
          ? `Returns one post in full (${item}, permissions). Comments: fresns_list_comments pid, or fresns://posts/{pid}.`
          : `Returns one comment in full (${item}, replies count, permissions).`,
      method: 'GET',
      path: `${base}/{${idName}}/detail`,
      input: z.object({ ...id, ...mapPoint, ...keyFilters }),
      kind: 'read',
      toolset: 'content',
      login: 'none',
      docs: doc(`${kind}/detail`),
    }),
    fresnsOp({
      name: `list_${kind}_interactions`,
      title: `List users interacting with a ${kind}`,
      description: `Lists the users who like, dislike, follow (bookmark) or block a ${kind}, paginated; a hidden list comes with a warning.`,
      method: 'GET',
      path: `${base}/{${idName}}/interaction/{type}`,
      input: z.object({ ...id, type: interactionType, orderDirection: orderDirection.optional(), ...keyFilters, ...paging(30) }),
      kind: 'read',
      toolset: 'content',
      login: 'none',
      docs: doc(`${kind}/interaction`),
    }),
    fresnsOp({
      name: `list_${kind}_logs`,
      title: `List edit history of a ${kind}`,
      description: `Lists the published versions (logs: id, content, time) of a ${kind}, newest first, paginated (3.x: histories).`,
      method: 'GET',
      path: `${base}/{${idName}}/logs`,
      input: z.object({ ...id, ...keyFilters, ...paging(30) }),
      kind: 'read',
      toolset: 'content',
      login: 'none',
      docs: doc(`${kind}/logs`),
    }),
    fresnsOp({
      name: `get_${kind}_log`,
      title: `Get one version of a ${kind}`,
      description: `Returns one published version (log) of a ${kind} in full, by the log id from fresns_list_${kind}_logs.`,
      method: 'GET',
      path: `${base}/{${idName}}/log/{logId}`,
      input: z.object({ ...id, logId }),
      kind: 'read',
      toolset: 'content',
      login: 'none',
      docs: doc(`${kind}/log-detail`),
    }),
    fresnsOp({
      name: `delete_${kind}`,
      title: `Delete a Fresns ${kind}`,
      description: `Deletes a ${kind} of the user${kind === 'post' ? ' with its comments' : ''}, at once and for good. Only the author or a moderator may (364xx otherwise).`,
      method: 'DELETE',
      path: `${base}/{${idName}}`,
      input: z.object({ ...id }),
      kind: 'destructive',
      idempotent: true,
      toolset: 'content',
      login: 'user',
      docs: doc(`${kind}/delete`),
    }),
  ];
  if (kind === 'post') {
    rows.splice(
      5,
      0,
      fresnsOp({
        name: 'list_post_users',
        title: 'List users attached to a post',
        description: 'Lists the users a post has attached (the "post users" an author can add, e.g. co-authors or people to thank), paginated.',
        method: 'GET',
        path: `${base}/{pid}/users`,
        input: z.object({ pid, ...keyFilters, ...paging(30) }),
        kind: 'read',
        toolset: 'content',
        login: 'none',
        docs: doc('post/users'),
      }),
    );
  }
  return rows;
}

export const postOperations: readonly FresnsOperation[] = family('post');
export const commentOperations: readonly FresnsOperation[] = family('comment');
