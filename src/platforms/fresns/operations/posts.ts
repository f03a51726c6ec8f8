import * as z from 'zod';
import type { Operation } from '../../types.js';
import { doc, fresnsOp } from './define.js';
import { cid, gid, hid, interactionType, keyFilters, listFilters, logId, mapPoint, orderDirection, paging, pid, uidOrUsername } from './params.js';

type Kind = 'post' | 'comment';

/** Post and comment routes mirror each other; one factory keeps the two families in step. */
function family(kind: Kind): Operation[] {
  const id = kind === 'post' ? { pid } : { cid };
  const idName = kind === 'post' ? 'pid' : 'cid';
  const base = `/api/v2/${kind}`;
  const scope =
    kind === 'post'
      ? {
          uidOrUsername: uidOrUsername.describe('Only posts by this user (uid or username).').optional(),
          hid: hid.describe('Only posts with this hashtag (slug).').optional(),
          gid: gid.describe('Only posts in this group.').optional(),
          includeSubgroups: z.boolean().describe('With gid: also posts of its subgroups. Default false.').optional(),
          allDigest: z.boolean().describe('true only digest (featured) posts of any level.').optional(),
          stickyState: z.number().int().min(1).max(3).describe('1 not sticky, 2 sticky in group, 3 sticky site-wide.').optional(),
          blockGroups: z.string().min(1).describe('Leave out posts of these groups (gids, comma-separated).').optional(),
          blockHashtags: z.string().min(1).describe('Leave out posts with these hashtags (hids, comma-separated).').optional(),
        }
      : {
          uidOrUsername: uidOrUsername.describe('Only comments by this user (uid or username).').optional(),
          pid: pid.describe('Only comments on this post (the usual way to read a thread).').optional(),
          cid: cid.describe('Only replies to this comment.').optional(),
          hid: hid.describe('Only comments with this hashtag.').optional(),
          gid: gid.describe('Only comments on posts in this group.').optional(),
          sticky: z.boolean().describe('true only comments pinned by the post author.').optional(),
        };
  const what = kind === 'post' ? 'posts' : 'comments';
  const item =
    kind === 'post'
      ? 'pid, title, content (Markdown or text), author, group, hashtags, files, counts (likeCount, commentCount…), createdTime and your interaction'
      : 'cid, content, author, replyToPost (pid, title), replyToComment, counts, createdTime and your interaction';

  const rows = [
    fresnsOp({
      name: `list_${what}`,
      title: `List Fresns ${what}`,
      description:
        kind === 'post'
          ? `Lists posts, newest first by default, paginated, each with ${item}. Narrow by user, hashtag, group, digest/sticky state, dates and counts. Example: gid "Dxp9Lf2a", createdDays 7, orderType "like".`
          : `Lists comments, newest first by default, paginated, each with ${item}. Give pid to read the comments of one post, or cid for the replies to a comment.`,
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
      description: `Lists ${what} from the users, groups and hashtags the logged-in user follows (type all), or from one kind of them (user, group, hashtag), newest first, paginated. Fresns 2.x route: ${kind}/follow/{type} (3.x calls it timelines).`,
      method: 'GET',
      path: `${base}/follow/{type}`,
      input: z.object({
        type: z.enum(['all', 'user', 'group', 'hashtag']).describe('Which followed objects: all, user, group or hashtag.'),
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
      description: `Lists ${what} published near a point, nearest first, paginated, each with its distance. Example: mapId 1, mapLng "121.4737", mapLat "31.2304", length 10, unit "km".`,
      method: 'GET',
      path: `${base}/nearby`,
      input: z.object({
        mapId: z.number().int().min(1).max(11).describe('Map service provider id (1 Google, 2 Mapbox, 5 Amap, 6 Baidu…).'),
        mapLng: z.string().min(1).describe('Longitude of the point, e.g. "121.4737".'),
        mapLat: z.string().min(1).describe('Latitude of the point, e.g. "31.2304".'),
        unit: z.enum(['km', 'mi']).describe('Distance unit; default the site setting.').optional(),
        length: z.number().int().min(1).describe('Search radius in unit; default the site setting.').optional(),
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
          ? `Returns one post in full: ${item}, plus permissions (can you comment, edit, delete). Read its comments with fresns_list_comments pid, or the resource fresns://posts/{pid}.`
          : `Returns one comment in full: ${item}, plus the replies count and permissions.`,
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
      description: `Lists the users who like, dislike, follow (bookmark) or block a ${kind}, paginated. Sites may hide some lists (the result then carries a warning).`,
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
      description: `Lists the published versions (logs) of a ${kind}, newest first, paginated: id, content as it was, and when. Fresns 2.x route: ${kind}/{${idName}}/logs (3.x calls them histories).`,
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
      description: `Deletes a ${kind} of the logged-in user${kind === 'post' ? ' (its comments go with it)' : ''}. It disappears from lists and search at once and cannot be restored. Only the author (or a moderator role) may delete; otherwise Fresns answers 364xx.`,
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

export const postOperations: readonly Operation[] = family('post');
export const commentOperations: readonly Operation[] = family('comment');
