import { commentInfo, countMarks, groupInfo, hashtagInfo, live, postInfo, userInfo } from '../present.js';
import { orderOf } from '../orders.js';
import { SimError, bool, datetime, int, need, ok, paginate, str, withKeyFilters, type Ctx, type Route } from '../router.js';
import type { SimComment, SimPost, SimUser } from '../types.js';
import { sortGroups, sortHashtags } from './groups.js';
import { findUser, interactionList, sortUsers } from './users.js';

type Item = SimPost | SimComment;
const DAY = 86_400_000;
const isPost = (x: Item): x is SimPost => 'title' in x;
const idOf = (x: Item) => (isPost(x) ? x.pid : x.cid);
const kindOf = (x: Item) => (isPost(x) ? 'post' : 'comment') as 'post' | 'comment';

function periodStart(ctx: Ctx, period: string): [number, number] {
  const d = new Date(ctx.now);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const spans: Record<string, [number, number]> = {
    today: [midnight, Infinity], yesterday: [midnight - DAY, midnight], week: [midnight - 6 * DAY, Infinity], lastWeek: [midnight - 13 * DAY, midnight - 6 * DAY],
    month: [midnight - 29 * DAY, Infinity], lastMonth: [midnight - 59 * DAY, midnight - 29 * DAY], year: [midnight - 364 * DAY, Infinity], lastYear: [midnight - 729 * DAY, midnight - 364 * DAY],
  };
  return need(spans[period], 30000, 'The createdDate is not a known period');
}

/** The list filters shared by lists and search (Fresns' names). */
export function filterItems<T extends Item>(ctx: Ctx, items: T[]): T[] {
  const st = ctx.state;
  const user = str(ctx, 'uidOrUsername');
  const uid = user === undefined ? undefined : findUser(ctx, user).uid;
  const hid = str(ctx, 'hid');
  const gid = str(ctx, 'gid');
  const subgroups = bool(ctx, 'includeSubgroups');
  const gids = gid ? [gid, ...(subgroups ? st.groups.filter((g) => g.parentGid === gid).map((g) => g.gid) : [])] : undefined;
  const pidOf = (x: Item) => (isPost(x) ? x.pid : x.pid);
  const groupOf = (x: Item) => st.posts.find((p) => p.pid === pidOf(x))?.gid ?? null;
  const contentType = str(ctx, 'contentType');
  const days = int(ctx, 'createdDays', { min: 1 });
  const date = str(ctx, 'createdDate');
  const [from, to] = date ? periodStart(ctx, date) : [-Infinity, Infinity];
  const gt = str(ctx, 'createdDateGt');
  const lt = str(ctx, 'createdDateLt');
  const counts: Array<[string, (x: Item) => number]> = [
    ['like', (x) => countMarks(ctx, 'like', kindOf(x), idOf(x))],
    ['dislike', (x) => countMarks(ctx, 'dislike', kindOf(x), idOf(x))],
    ['follow', (x) => countMarks(ctx, 'follow', kindOf(x), idOf(x))],
    ['block', (x) => countMarks(ctx, 'block', kindOf(x), idOf(x))],
    ['comment', (x) => live.comments(ctx).filter((c) => (isPost(x) ? c.pid === x.pid : c.parentCid === x.cid)).length],
  ];
  const blockGroups = (str(ctx, 'blockGroups') ?? '').split(',').filter(Boolean);
  const blockHashtags = (str(ctx, 'blockHashtags') ?? '').split(',').filter(Boolean);
  const digest = bool(ctx, 'allDigest');
  const sticky = int(ctx, 'stickyState', { min: 1, max: 3 });
  const stickyComment = bool(ctx, 'sticky');
  const onPid = str(ctx, 'pid');
  const onCid = str(ctx, 'cid');
  const follow = (what: 'user' | 'group' | 'hashtag') => st.marks.filter((m) => m.uid === ctx.uid && m.interactionType === 'follow' && m.markType === what).map((m) => m.fsid);
  return items.filter((x) => {
    if (uid !== undefined && x.uid !== uid) return false;
    if (hid && !x.hashtags.includes(hid)) return false;
    if (gids && !gids.includes(groupOf(x) ?? '')) return false;
    if (contentType && contentType !== 'All') {
      const hasImage = x.fids.some((f) => st.files.find((file) => file.fid === f)?.type === 'image');
      if (contentType === 'Text' && x.fids.length) return false;
      if (contentType === 'Image' && !hasImage) return false;
      if (['Video', 'Audio', 'Document'].includes(contentType) && !x.fids.some((f) => st.files.find((file) => file.fid === f)?.type === contentType.toLowerCase())) return false;
    }
    if (days !== undefined && x.createdAt < ctx.now - days * DAY) return false;
    if (x.createdAt < from || x.createdAt >= to) return false;
    if (gt && x.createdAt <= Date.parse(`${gt}T23:59:59Z`)) return false;
    if (lt && x.createdAt >= Date.parse(`${lt}T00:00:00Z`)) return false;
    for (const [name, count] of counts) {
      const over = int(ctx, `${name}CountGt`, { min: 0 });
      const under = int(ctx, `${name}CountLt`, { min: 0 });
      if ((over !== undefined && !(count(x) > over)) || (under !== undefined && !(count(x) < under))) return false;
    }
    if (isPost(x)) {
      if (blockGroups.includes(x.gid ?? '') || x.hashtags.some((h) => blockHashtags.includes(h))) return false;
      if (digest && x.digestState === 1) return false;
      if (sticky !== undefined && x.stickyState !== sticky) return false;
    } else {
      if (onPid && x.pid !== onPid) return false;
      if (onCid && x.parentCid !== onCid) return false;
      if (stickyComment !== undefined && x.sticky !== stickyComment) return false;
    }
    if (bool(ctx, 'followUsers') && !follow('user').includes(String(x.uid))) return false;
    if (bool(ctx, 'followGroups') && !follow('group').includes(groupOf(x) ?? '')) return false;
    if (bool(ctx, 'followHashtags') && !x.hashtags.some((h) => follow('hashtag').includes(h))) return false;
    return true;
  });
}

export function sortItems<T extends Item>(ctx: Ctx, items: T[], kind: 'post' | 'comment' | 'searchPost' | 'searchComment'): T[] {
  const order = orderOf(ctx, kind);
  const asc = str(ctx, 'orderDirection', { in: ['asc', 'desc'] }) === 'asc';
  const key = (x: Item): number => {
    if (order === 'random') return (idOf(x).charCodeAt(0) * 31 + idOf(x).charCodeAt(1)) % 97;
    if (order === 'view') return isPost(x) ? x.viewCount : 0;
    if (['like', 'dislike', 'follow', 'block'].includes(order)) return countMarks(ctx, order as 'like', kindOf(x), idOf(x));
    if (order === 'comment') return live.comments(ctx).filter((c) => (isPost(x) ? c.pid === x.pid : c.parentCid === x.cid)).length;
    return x.createdAt;
  };
  return [...items].sort((a, b) => (asc ? key(a) - key(b) : key(b) - key(a)) || (asc ? a.createdAt - b.createdAt : b.createdAt - a.createdAt));
}

export const present = (ctx: Ctx, x: Item) => (isPost(x) ? postInfo(ctx, x) : commentInfo(ctx, x));
const listOf = <T extends Item>(ctx: Ctx, items: T[], kind: 'post' | 'comment' | 'searchPost' | 'searchComment') =>
  ok(withKeyFilters(ctx, paginate(ctx, sortItems(ctx, filterItems(ctx, items), kind).map((x) => present(ctx, x)))));

function followed<T extends Item>(ctx: Ctx, items: T[], kind: 'post' | 'comment') {
  const type = ctx.params.type as string;
  if (!['all', 'user', 'group', 'hashtag'].includes(type)) throw new SimError(30000, 'The type must be one of: all, user, group, hashtag');
  const f = (what: string) => ctx.state.marks.filter((m) => m.uid === ctx.uid && m.interactionType === 'follow' && m.markType === what).map((m) => m.fsid);
  const groupOf = (x: Item) => ctx.state.posts.find((p) => p.pid === x.pid)?.gid ?? '';
  const picked = items.filter((x) =>
    ((type === 'all' || type === 'user') && f('user').includes(String(x.uid))) ||
    ((type === 'all' || type === 'group') && f('group').includes(groupOf(x))) ||
    ((type === 'all' || type === 'hashtag') && x.hashtags.some((h) => f('hashtag').includes(h))),
  );
  return listOf(ctx, picked, kind);
}

function nearby<T extends Item>(ctx: Ctx, items: T[]) {
  int(ctx, 'mapId', { required: true, min: 1, max: 11 });
  const lat = Number(str(ctx, 'mapLat', { required: true }));
  const lng = Number(str(ctx, 'mapLng', { required: true }));
  const unit = str(ctx, 'unit', { in: ['km', 'mi'] }) ?? 'km';
  const length = (int(ctx, 'length', { min: 1 }) ?? 50) * (unit === 'mi' ? 1.609 : 1);
  const at = (x: Item) => x.map;
  const km = (x: Item) => {
    const m = at(x) as NonNullable<SimPost['map']>;
    const r = (d: number) => (d * Math.PI) / 180;
    const a = Math.sin(r(m.latitude - lat) / 2) ** 2 + Math.cos(r(lat)) * Math.cos(r(m.latitude)) * Math.sin(r(m.longitude - lng) / 2) ** 2;
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  };
  const near = items.filter((x) => at(x) && km(x) <= length).sort((a, b) => km(a) - km(b));
  return ok(withKeyFilters(ctx, paginate(ctx, near.map((x) => present(ctx, x)))));
}

function logs(ctx: Ctx, kind: 'post' | 'comment', fsid: string) {
  const list = ctx.state.logs.filter((l) => l.kind === kind && l.fsid === fsid).sort((a, b) => b.id - a.id);
  return ok(withKeyFilters(ctx, paginate(ctx, list.map((l) => ({ id: l.id, title: l.title, content: l.content, author: userInfo(ctx, ctx.state.users.find((u) => u.uid === l.uid) as SimUser), createdTime: datetime(l.createdAt) })))));
}

function remove(ctx: Ctx, x: Item) {
  if (x.uid !== ctx.uid) throw new SimError(36400, 'You do not have permission to delete this content');
  x.deleted = true;
  if (isPost(x)) for (const c of ctx.state.comments) if (c.pid === x.pid) c.deleted = true;
  return ok();
}

const post = (ctx: Ctx) => need(live.posts(ctx).find((p) => p.pid === ctx.params.pid), 37300, 'Post does not exist');
const comment = (ctx: Ctx) => need(live.comments(ctx).find((c) => c.cid === ctx.params.cid), 37400, 'Comment does not exist');

export const postRoutes: Route[] = [
  { method: 'GET', path: '/api/v2/post/list', name: 'post.list', login: 'none', handle: (ctx) => listOf(ctx, live.posts(ctx), 'post') },
  { method: 'GET', path: '/api/v2/post/follow/{type}', name: 'post.follow', login: 'uid', handle: (ctx) => followed(ctx, live.posts(ctx), 'post') },
  { method: 'GET', path: '/api/v2/post/nearby', name: 'post.nearby', login: 'none', handle: (ctx) => nearby(ctx, live.posts(ctx)) },
  {
    method: 'GET', path: '/api/v2/post/{pid}/detail', name: 'post.detail', login: 'none',
    handle: (ctx) => {
      const p = post(ctx);
      p.viewCount += 1;
      return ok(withKeyFilters(ctx, { items: {}, detail: postInfo(ctx, p) }));
    },
  },
  { method: 'GET', path: '/api/v2/post/{pid}/interaction/{type}', name: 'post.interaction', login: 'none', handle: (ctx) => interactionList(ctx, 'post', post(ctx).pid) },
  {
    method: 'GET', path: '/api/v2/post/{pid}/users', name: 'post.users', login: 'none',
    handle: (ctx) => ok(withKeyFilters(ctx, paginate(ctx, post(ctx).users.map((uid) => userInfo(ctx, ctx.state.users.find((u) => u.uid === uid) as SimUser))))),
  },
  { method: 'GET', path: '/api/v2/post/{pid}/logs', name: 'post.logs', login: 'none', handle: (ctx) => logs(ctx, 'post', post(ctx).pid) },
  {
    method: 'GET', path: '/api/v2/post/{pid}/log/{logId#}', name: 'post.log.detail', login: 'none',
    handle: (ctx) => {
      const l = need(ctx.state.logs.find((x) => x.kind === 'post' && x.fsid === post(ctx).pid && x.id === Number(ctx.params.logId)), 37301, 'Post log does not exist');
      return ok({ detail: { id: l.id, pid: l.fsid, title: l.title, content: l.content, author: userInfo(ctx, ctx.state.users.find((u) => u.uid === l.uid) as SimUser), createdTime: datetime(l.createdAt) } });
    },
  },
  { method: 'DELETE', path: '/api/v2/post/{pid}', name: 'post.delete', login: 'uid', write: true, handle: (ctx) => remove(ctx, post(ctx)) },
  { method: 'GET', path: '/api/v2/comment/list', name: 'comment.list', login: 'none', handle: (ctx) => listOf(ctx, live.comments(ctx), 'comment') },
  { method: 'GET', path: '/api/v2/comment/follow/{type}', name: 'comment.follow', login: 'uid', handle: (ctx) => followed(ctx, live.comments(ctx), 'comment') },
  // Not in the v2.21.4 public whitelist, so it needs a user even in public mode.
  { method: 'GET', path: '/api/v2/comment/nearby', name: 'comment.nearby', login: 'uid', handle: (ctx) => nearby(ctx, live.comments(ctx)) },
  { method: 'GET', path: '/api/v2/comment/{cid}/detail', name: 'comment.detail', login: 'none', handle: (ctx) => ok(withKeyFilters(ctx, { items: {}, detail: commentInfo(ctx, comment(ctx)) })) },
  { method: 'GET', path: '/api/v2/comment/{cid}/interaction/{type}', name: 'comment.interaction', login: 'none', handle: (ctx) => interactionList(ctx, 'comment', comment(ctx).cid) },
  { method: 'GET', path: '/api/v2/comment/{cid}/logs', name: 'comment.logs', login: 'none', handle: (ctx) => logs(ctx, 'comment', comment(ctx).cid) },
  {
    method: 'GET', path: '/api/v2/comment/{cid}/log/{logId#}', name: 'comment.log.detail', login: 'none',
    handle: (ctx) => {
      const l = need(ctx.state.logs.find((x) => x.kind === 'comment' && x.fsid === comment(ctx).cid && x.id === Number(ctx.params.logId)), 37401, 'Comment log does not exist');
      return ok({ detail: { id: l.id, cid: l.fsid, content: l.content, createdTime: datetime(l.createdAt) } });
    },
  },
  { method: 'DELETE', path: '/api/v2/comment/{cid}', name: 'comment.delete', login: 'uid', write: true, handle: (ctx) => remove(ctx, comment(ctx)) },
];

export const searchRoutes: Route[] = (['users', 'groups', 'hashtags', 'posts', 'comments'] as const).map((what) => ({
  method: 'GET',
  path: `/api/v2/search/${what}`,
  name: `search.${what}`,
  login: 'none' as const,
  handle: (ctx: Ctx) => {
    const key = (str(ctx, 'searchKey', { required: true }) as string).toLowerCase();
    const has = (...texts: Array<string | null>) => texts.some((t) => !!t && t.toLowerCase().includes(key));
    const st = ctx.state;
    if (what === 'posts') return listOf(ctx, live.posts(ctx).filter((p) => has(p.title, p.content)), 'searchPost');
    if (what === 'comments') return listOf(ctx, live.comments(ctx).filter((c) => has(c.content)), 'searchComment');
    const rows: unknown[] =
      what === 'users' ? sortUsers(ctx, st.users.filter((u) => has(u.username, u.nickname, u.bio))).map((u) => userInfo(ctx, u))
      : what === 'groups' ? sortGroups(ctx, st.groups.filter((g) => g.type === 2 && has(g.gname, g.description) && (!str(ctx, 'gid') || g.parentGid === str(ctx, 'gid')))).map((g) => groupInfo(ctx, g))
      : sortHashtags(ctx, st.hashtags.filter((h) => has(h.hname, h.description, h.hid))).map((h) => hashtagInfo(ctx, h));
    return ok(withKeyFilters(ctx, paginate(ctx, rows)));
  },
}));
