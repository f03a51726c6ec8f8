import { orderOf, randomKey } from '../orders.js';
import { countMarks, groupInfo, hashtagInfo, live } from '../present.js';
import { bool, need, ok, paginate, str, withKeyFilters, type Ctx, type Route } from '../router.js';
import type { SimGroup, SimHashtag } from '../types.js';
import { interactionList } from './users.js';

const group = (ctx: Ctx) => need(ctx.state.groups.find((g) => g.gid === ctx.params.gid), 37100, 'Group does not exist');
const hashtag = (ctx: Ctx) => need(ctx.state.hashtags.find((h) => h.hid === ctx.params.hid), 37200, 'Hashtag does not exist');

function sortBy<T extends { createdAt: number }>(ctx: Ctx, kind: 'group' | 'hashtag', items: readonly T[], count: (item: T, order: string) => number): T[] {
  const order = orderOf(ctx, kind);
  const asc = str(ctx, 'orderDirection', { in: ['asc', 'desc'] }) === 'asc';
  const key = (x: T) => (order === 'createdTime' ? x.createdAt : count(x, order));
  return [...items].sort((a, b) => (asc ? key(a) - key(b) : key(b) - key(a)) || (asc ? a.createdAt - b.createdAt : b.createdAt - a.createdAt));
}

function groupCount(ctx: Ctx, g: SimGroup, order: string): number {
  if (order === 'random') return randomKey(g.gid);
  if (order === 'post') return live.posts(ctx).filter((p) => p.gid === g.gid).length;
  if (order === 'like' || order === 'follow' || order === 'block') return countMarks(ctx, order, 'group', g.gid);
  return 0;
}

function hashtagCount(ctx: Ctx, h: SimHashtag, order: string): number {
  if (order === 'random') return randomKey(h.hid);
  if (order === 'post') return live.posts(ctx).filter((p) => p.hashtags.includes(h.hid)).length;
  if (order === 'like' || order === 'follow' || order === 'block') return countMarks(ctx, order, 'hashtag', h.hid);
  return 0;
}

export const sortGroups = (ctx: Ctx, groups: readonly SimGroup[]) => sortBy(ctx, 'group', groups, (g, o) => groupCount(ctx, g, o));
export const sortHashtags = (ctx: Ctx, hashtags: readonly SimHashtag[]) => sortBy(ctx, 'hashtag', hashtags, (h, o) => hashtagCount(ctx, h, o));

export const groupRoutes: Route[] = [
  {
    method: 'GET', path: '/api/v2/group/tree', name: 'group.tree', login: 'none',
    handle: (ctx) => {
      const node = (g: SimGroup): unknown => ({ ...groupInfo(ctx, g), groups: ctx.state.groups.filter((x) => x.parentGid === g.gid).map(node) });
      return ok(ctx.state.groups.filter((g) => g.parentGid === null).map(node));
    },
  },
  {
    method: 'GET', path: '/api/v2/group/categories', name: 'group.categories', login: 'none',
    handle: (ctx) => ok(withKeyFilters(ctx, paginate(ctx, ctx.state.groups.filter((g) => g.type === 1).map((g) => ({ ...groupInfo(ctx, g), groupCount: ctx.state.groups.filter((x) => x.parentGid === g.gid).length }))))),
  },
  {
    method: 'GET', path: '/api/v2/group/list', name: 'group.list', login: 'none',
    handle: (ctx) => {
      const gid = str(ctx, 'gid');
      const recommend = bool(ctx, 'recommend');
      const groups = ctx.state.groups.filter((g) => g.type === 2 && (!gid || g.parentGid === gid) && (recommend === undefined || g.recommend === recommend));
      return ok(withKeyFilters(ctx, paginate(ctx, sortGroups(ctx, groups).map((g) => groupInfo(ctx, g)))));
    },
  },
  { method: 'GET', path: '/api/v2/group/{gid}/detail', name: 'group.detail', login: 'none', handle: (ctx) => ok(withKeyFilters(ctx, { items: {}, detail: groupInfo(ctx, group(ctx)) })) },
  { method: 'GET', path: '/api/v2/group/{gid}/interaction/{type}', name: 'group.interaction', login: 'none', handle: (ctx) => interactionList(ctx, 'group', group(ctx).gid) },
  {
    method: 'GET', path: '/api/v2/hashtag/list', name: 'hashtag.list', login: 'none',
    handle: (ctx) => ok(withKeyFilters(ctx, paginate(ctx, sortHashtags(ctx, ctx.state.hashtags).map((h) => hashtagInfo(ctx, h))))),
  },
  { method: 'GET', path: '/api/v2/hashtag/{hid}/detail', name: 'hashtag.detail', login: 'none', handle: (ctx) => ok(withKeyFilters(ctx, { items: {}, detail: hashtagInfo(ctx, hashtag(ctx)) })) },
  { method: 'GET', path: '/api/v2/hashtag/{hid}/interaction/{type}', name: 'hashtag.interaction', login: 'none', handle: (ctx) => interactionList(ctx, 'hashtag', hashtag(ctx).hid) },
];
