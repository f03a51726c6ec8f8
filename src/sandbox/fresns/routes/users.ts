import { notify } from '../publishing.js';
import { orderOf, randomKey } from '../orders.js';
import { commentInfo, countMarks, groupInfo, hashtagInfo, live, postInfo, userInfo } from '../present.js';
import { SimError, bool, datetime, int, need, ok, paginate, str, withKeyFilters, type Ctx, type Route } from '../router.js';
import type { MarkKind, MarkTarget, SimMark, SimUser } from '../types.js';
import { userAuth } from './account.js';

export const INTERACTION: Record<string, MarkKind> = { likers: 'like', dislikers: 'dislike', followers: 'follow', blockers: 'block' };
const LIST_TARGET: Record<string, MarkTarget> = { users: 'user', groups: 'group', hashtags: 'hashtag', posts: 'post', comments: 'comment' };

export function findUser(ctx: Ctx, key: string | undefined): SimUser {
  return need(ctx.state.users.find((u) => key !== undefined && (String(u.uid) === key || u.username === key)), 35200, 'User does not exist');
}

const desc = (ctx: Ctx) => (str(ctx, 'orderDirection', { in: ['asc', 'desc'] }) ?? 'desc') === 'desc';

/** Users who put `kind` on an object, newest first (or oldest with orderDirection asc). */
export function interactionList(ctx: Ctx, target: MarkTarget, fsid: string) {
  const kind = need(INTERACTION[ctx.params.type as string], 30000, 'The type must be one of: likers, dislikers, followers, blockers');
  const marks = ctx.state.marks.filter((m) => m.interactionType === kind && m.markType === target && m.fsid === fsid).sort((a, b) => (desc(ctx) ? b.createdAt - a.createdAt : a.createdAt - b.createdAt));
  const rows = marks.map((m) => ({ ...userInfo(ctx, ctx.state.users.find((u) => u.uid === m.uid) as SimUser), interactionTime: datetime(m.createdAt) }));
  return ok(withKeyFilters(ctx, paginate(ctx, rows)));
}

export function objectOf(ctx: Ctx, target: MarkTarget, fsid: string): unknown {
  const st = ctx.state;
  if (target === 'user') return st.users.find((u) => String(u.uid) === fsid);
  if (target === 'group') return st.groups.find((g) => g.gid === fsid);
  if (target === 'hashtag') return st.hashtags.find((h) => h.hid === fsid);
  if (target === 'post') return live.posts(ctx).find((p) => p.pid === fsid);
  return live.comments(ctx).find((c) => c.cid === fsid);
}

function present(ctx: Ctx, m: SimMark): unknown {
  const o = objectOf(ctx, m.markType, m.fsid);
  if (!o) return undefined;
  const info =
    m.markType === 'user' ? userInfo(ctx, o as SimUser)
    : m.markType === 'group' ? groupInfo(ctx, o as never)
    : m.markType === 'hashtag' ? hashtagInfo(ctx, o as never)
    : m.markType === 'post' ? postInfo(ctx, o as never)
    : commentInfo(ctx, o as never);
  return { ...info, markTime: datetime(m.createdAt) };
}

function mark(ctx: Ctx) {
  const kind = str(ctx, 'interactionType', { required: true, in: ['like', 'dislike', 'follow', 'block'] }) as MarkKind;
  const target = str(ctx, 'markType', { required: true, in: ['user', 'group', 'hashtag', 'post', 'comment'] }) as MarkTarget;
  const fsid = str(ctx, 'fsid', { required: true }) as string;
  const uid = ctx.uid as number;
  const o = objectOf(ctx, target, fsid);
  if (!o) throw new SimError(target === 'user' ? 35200 : target === 'group' ? 37100 : target === 'hashtag' ? 37200 : target === 'post' ? 37300 : 37400, 'The object does not exist');
  if (target === 'user' && fsid === String(uid)) throw new SimError(36201, 'You cannot mark yourself');
  const marks = ctx.state.marks;
  const i = marks.findIndex((m) => m.uid === uid && m.interactionType === kind && m.markType === target && m.fsid === fsid);
  if (i >= 0) {
    marks.splice(i, 1);
    return ok({ markStatus: false });
  }
  const opposite: Record<MarkKind, MarkKind> = { like: 'dislike', dislike: 'like', follow: 'block', block: 'follow' };
  const j = marks.findIndex((m) => m.uid === uid && m.interactionType === opposite[kind] && m.markType === target && m.fsid === fsid);
  if (j >= 0) marks.splice(j, 1);
  marks.push({ uid, interactionType: kind, markType: target, fsid, note: null, createdAt: ctx.now });
  const owner = target === 'user' ? Number(fsid) : (o as { uid?: number }).uid;
  if (owner !== undefined && (kind === 'like' || kind === 'follow')) {
    notify(ctx.state, { uid: owner, type: kind === 'like' ? 3 : 5, content: null, actionUid: uid, actionTarget: target, actionFsid: fsid, createdAt: ctx.now });
  }
  return ok({ markStatus: true });
}

function panel(ctx: Ctx) {
  const key = str(ctx, 'uidOrUsername');
  if (!key && ctx.uid === undefined) throw new SimError(30001, 'uidOrUsername is required when no user is logged in');
  const u = key ? findUser(ctx, key) : (ctx.me as SimUser);
  if (u.aid !== ctx.aid) throw new SimError(35202, 'The user does not belong to this account');
  const unread = ctx.state.notifications.filter((n) => n.uid === u.uid && !n.read);
  const byType = (t: number) => unread.filter((n) => n.type === t).length;
  const conversations = ctx.state.conversations.filter((c) => (c.aUid === u.uid || c.bUid === u.uid) && !c.deletedBy.includes(u.uid));
  const unreadMessages = ctx.state.messages.filter((m) => conversations.some((c) => c.id === m.conversationId) && m.senderUid !== u.uid && !m.readBy.includes(u.uid) && !m.deletedBy.includes(u.uid)).length;
  const drafts = ctx.state.drafts.filter((d) => d.uid === u.uid && d.state !== 3);
  return ok({
    multiUser: { status: true, service: null },
    features: [],
    profiles: [],
    conversations: { conversationCount: conversations.length, unreadMessages },
    unreadNotifications: { all: unread.length, systems: byType(1), recommends: byType(2), likes: byType(3), dislikes: byType(4), follows: byType(5), blocks: byType(6), mentions: byType(7), comments: byType(8), quotes: byType(9) },
    draftCount: { posts: drafts.filter((d) => d.kind === 'post').length, comments: drafts.filter((d) => d.kind === 'comment').length },
    publishConfig: { post: { perm: { publish: true, review: false } }, comment: { perm: { publish: true, review: false } } },
  });
}

function edit(ctx: Ctx) {
  const u = ctx.me as SimUser;
  const username = str(ctx, 'username');
  if (username !== undefined) {
    if (!/^[A-Za-z0-9_-]{3,32}$/.test(username)) throw new SimError(35101, 'The username format is incorrect');
    if (ctx.state.users.some((x) => x.username === username && x.uid !== u.uid)) throw new SimError(35103, 'The username is already taken');
    u.username = username;
  }
  const nickname = str(ctx, 'nickname', { max: 64 });
  if (nickname !== undefined) u.nickname = nickname;
  const fid = str(ctx, 'avatarFid');
  if (fid !== undefined) u.avatar = `${ctx.baseUrl}/storage/${need(ctx.state.files.find((f) => f.fid === fid), 37500, 'File does not exist').fid}`;
  u.avatar = str(ctx, 'avatarUrl') ?? u.avatar;
  u.banner = str(ctx, 'bannerUrl') ?? u.banner;
  u.gender = int(ctx, 'gender', { min: 1, max: 3 }) ?? u.gender;
  u.birthday = str(ctx, 'birthday') ?? u.birthday;
  u.bio = str(ctx, 'bio') ?? u.bio;
  u.location = str(ctx, 'location') ?? u.location;
  u.conversationLimit = int(ctx, 'conversationLimit', { min: 1, max: 4 }) ?? u.conversationLimit;
  u.commentLimit = int(ctx, 'commentLimit', { min: 1, max: 4 }) ?? u.commentLimit;
  return ok(userInfo(ctx, u));
}

/** Users sorted as UserListDTO allows: a count each user received (follow = followers) or made. */
export function sortUsers(ctx: Ctx, users: readonly SimUser[]): SimUser[] {
  const order = orderOf(ctx, 'user');
  const count = (u: SimUser): number => {
    if (order === 'random') return randomKey(String(u.uid));
    if (order === 'like' || order === 'dislike' || order === 'follow' || order === 'block') return countMarks(ctx, order, 'user', String(u.uid));
    if (order === 'post') return live.posts(ctx).filter((p) => p.uid === u.uid).length;
    if (order === 'comment') return live.comments(ctx).filter((c) => c.uid === u.uid).length;
    if (order === 'createdTime') return u.createdAt;
    return 0;
  };
  return [...users].sort((a, b) => (desc(ctx) ? count(b) - count(a) : count(a) - count(b)) || (desc(ctx) ? b.createdAt - a.createdAt : a.createdAt - b.createdAt));
}

export const userRoutes: Route[] = [
  {
    method: 'GET', path: '/api/v2/user/list', name: 'user.list', login: 'none',
    handle: (ctx) => {
      const roles = (str(ctx, 'roles') ?? '').split(',').filter(Boolean).map(Number);
      const verified = bool(ctx, 'verified');
      const gender = int(ctx, 'gender', { min: 1, max: 3 });
      const days = int(ctx, 'createdDays', { min: 1 });
      const users = ctx.state.users.filter((u) => (!roles.length || roles.includes(u.roleId)) && (verified === undefined || u.verified === verified) && (gender === undefined || u.gender === gender) && (days === undefined || u.createdAt >= ctx.now - days * 86_400_000));
      return ok(withKeyFilters(ctx, paginate(ctx, sortUsers(ctx, users).map((u) => userInfo(ctx, u)))));
    },
  },
  { method: 'GET', path: '/api/v2/user/panel', name: 'user.panel', login: 'aid', handle: panel },
  { method: 'POST', path: '/api/v2/user/auth', name: 'user.auth', login: 'aid', write: true, handle: userAuth },
  { method: 'PUT', path: '/api/v2/user/edit', name: 'user.edit', login: 'uid', write: true, handle: edit },
  { method: 'POST', path: '/api/v2/user/mark', name: 'user.mark', login: 'uid', write: true, handle: mark },
  {
    method: 'PUT', path: '/api/v2/user/mark-note', name: 'user.mark.note', login: 'uid', write: true,
    handle: (ctx) => {
      const kind = str(ctx, 'interactionType', { required: true, in: ['follow', 'block'] });
      const target = str(ctx, 'markType', { required: true, in: ['user', 'group', 'hashtag', 'post', 'comment'] });
      const fsid = str(ctx, 'fsid', { required: true });
      const m = need(ctx.state.marks.find((x) => x.uid === ctx.uid && x.interactionType === kind && x.markType === target && x.fsid === fsid), 36202, `You have not marked it with ${kind}`);
      m.note = str(ctx, 'note', { max: 128 }) ?? null;
      return ok();
    },
  },
  { method: 'GET', path: '/api/v2/user/{uidOrUsername}/detail', name: 'user.detail', login: 'none', handle: (ctx) => ok(withKeyFilters(ctx, { items: {}, detail: userInfo(ctx, findUser(ctx, ctx.params.uidOrUsername)) })) },
  {
    method: 'GET', path: '/api/v2/user/{uidOrUsername}/followers-you-follow', name: 'user.followers.you.follow', login: 'none',
    handle: (ctx) => {
      const u = findUser(ctx, ctx.params.uidOrUsername);
      const followers = ctx.state.marks.filter((m) => m.interactionType === 'follow' && m.markType === 'user' && m.fsid === String(u.uid)).map((m) => m.uid);
      const mine = ctx.state.marks.filter((m) => m.uid === ctx.uid && m.interactionType === 'follow' && m.markType === 'user').map((m) => Number(m.fsid));
      const rows = followers.filter((f) => mine.includes(f)).map((f) => userInfo(ctx, ctx.state.users.find((x) => x.uid === f) as SimUser));
      return ok(withKeyFilters(ctx, paginate(ctx, rows)));
    },
  },
  {
    method: 'GET', path: '/api/v2/user/{uidOrUsername}/interaction/{type}', name: 'user.interaction', login: 'none',
    handle: (ctx) => {
      const u = findUser(ctx, ctx.params.uidOrUsername);
      // The site's "who blocks this user" list is private, as it is by default in Fresns.
      if (ctx.params.type === 'blockers') return { data: paginate(ctx, []), message: '[36103] The site does not make this list public' };
      return interactionList(ctx, 'user', String(u.uid));
    },
  },
  {
    method: 'GET', path: '/api/v2/user/{uidOrUsername}/mark/{markType}/{listType}', name: 'user.mark.list', login: 'none',
    handle: (ctx) => {
      const u = findUser(ctx, ctx.params.uidOrUsername);
      const kind = ctx.params.markType as MarkKind;
      if (!['like', 'dislike', 'follow', 'block'].includes(kind)) throw new SimError(30000, 'The markType must be one of: like, dislike, follow, block');
      const target = need(LIST_TARGET[ctx.params.listType as string], 30000, 'The listType must be one of: users, groups, hashtags, posts, comments');
      const marks = ctx.state.marks.filter((m) => m.uid === u.uid && m.interactionType === kind && m.markType === target).sort((a, b) => (desc(ctx) ? b.createdAt - a.createdAt : a.createdAt - b.createdAt));
      return ok(withKeyFilters(ctx, paginate(ctx, marks.map((m) => present(ctx, m)).filter((x) => x !== undefined))));
    },
  },
];
