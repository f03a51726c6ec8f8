import { datetime, timeAgo, type Ctx } from './router.js';
import type { MarkKind, MarkTarget, SimAccount, SimComment, SimDraft, SimFile, SimGroup, SimHashtag, SimPost, SimUser } from './types.js';

/** Fresns' "Common Data Structure" shapes (a representative subset of their fields). */

export const live = {
  posts: (ctx: Ctx) => ctx.state.posts.filter((p) => !p.deleted),
  comments: (ctx: Ctx) => ctx.state.comments.filter((c) => !c.deleted && ctx.state.posts.some((p) => p.pid === c.pid && !p.deleted)),
};

export function marked(ctx: Ctx, uid: number | undefined, kind: MarkKind, target: MarkTarget, fsid: string): boolean {
  return uid !== undefined && ctx.state.marks.some((m) => m.uid === uid && m.interactionType === kind && m.markType === target && m.fsid === fsid);
}

export function countMarks(ctx: Ctx, kind: MarkKind, target: MarkTarget, fsid: string): number {
  return ctx.state.marks.filter((m) => m.interactionType === kind && m.markType === target && m.fsid === fsid).length;
}

function interaction(ctx: Ctx, target: MarkTarget, fsid: string) {
  const note = ctx.state.marks.find((m) => m.uid === ctx.uid && m.markType === target && m.fsid === fsid && m.note)?.note ?? null;
  return {
    likeStatus: marked(ctx, ctx.uid, 'like', target, fsid),
    dislikeStatus: marked(ctx, ctx.uid, 'dislike', target, fsid),
    followStatus: marked(ctx, ctx.uid, 'follow', target, fsid),
    blockStatus: marked(ctx, ctx.uid, 'block', target, fsid),
    note,
  };
}

export function userInfo(ctx: Ctx, u: SimUser) {
  const fsid = String(u.uid);
  const role = ctx.state.roles.find((r) => r.rid === u.roleId);
  return {
    uid: u.uid,
    username: u.username,
    url: `${ctx.baseUrl}/u/${u.username}`,
    nickname: u.nickname,
    avatar: u.avatar,
    banner: u.banner,
    gender: u.gender,
    bio: u.bio,
    location: u.location,
    verifiedStatus: u.verified,
    nicknameColor: role?.nicknameColor ?? null,
    roleName: role?.name ?? null,
    roles: role ? [{ rid: role.rid, name: role.name }] : [],
    conversation: { status: u.conversationLimit !== 4 && u.uid !== ctx.uid },
    stats: {
      likeMeCount: countMarks(ctx, 'like', 'user', fsid),
      followMeCount: countMarks(ctx, 'follow', 'user', fsid),
      followUserCount: ctx.state.marks.filter((m) => m.uid === u.uid && m.interactionType === 'follow' && m.markType === 'user').length,
      postPublishCount: live.posts(ctx).filter((p) => p.uid === u.uid).length,
      commentPublishCount: live.comments(ctx).filter((c) => c.uid === u.uid).length,
    },
    interaction: { ...interaction(ctx, 'user', fsid), followMeStatus: ctx.uid !== undefined && marked(ctx, u.uid, 'follow', 'user', String(ctx.uid)) },
    createdTime: datetime(u.createdAt),
  };
}

export function userById(ctx: Ctx, uid: number | null | undefined) {
  const u = ctx.state.users.find((x) => x.uid === uid);
  return u ? userInfo(ctx, u) : null;
}

export function groupInfo(ctx: Ctx, g: SimGroup) {
  const parent = ctx.state.groups.find((x) => x.gid === g.parentGid);
  return {
    gid: g.gid,
    url: `${ctx.baseUrl}/group/${g.gid}`,
    type: g.type,
    gname: g.gname,
    description: g.description,
    cover: `https://sandbox.fresns.test/assets/groups/${g.gid}.png`,
    recommend: g.recommend,
    parentGid: g.parentGid,
    parentInfo: parent ? { gid: parent.gid, gname: parent.gname } : null,
    privacy: 1,
    subgroupCount: ctx.state.groups.filter((x) => x.parentGid === g.gid).length,
    likeCount: countMarks(ctx, 'like', 'group', g.gid),
    followCount: countMarks(ctx, 'follow', 'group', g.gid),
    postCount: live.posts(ctx).filter((p) => p.gid === g.gid).length,
    interaction: interaction(ctx, 'group', g.gid),
    createdTime: datetime(g.createdAt),
  };
}

export function hashtagInfo(ctx: Ctx, h: SimHashtag) {
  return {
    hid: h.hid,
    url: `${ctx.baseUrl}/hashtag/${h.hid}`,
    hname: h.hname,
    description: h.description,
    likeCount: countMarks(ctx, 'like', 'hashtag', h.hid),
    followCount: countMarks(ctx, 'follow', 'hashtag', h.hid),
    postCount: live.posts(ctx).filter((p) => p.hashtags.includes(h.hid)).length,
    commentCount: live.comments(ctx).filter((c) => c.hashtags.includes(h.hid)).length,
    interaction: interaction(ctx, 'hashtag', h.hid),
    createdTime: datetime(h.createdAt),
  };
}

export function fileInfo(ctx: Ctx, f: SimFile) {
  return {
    fid: f.fid,
    type: ['image', 'video', 'audio', 'document'].indexOf(f.type) + 1,
    name: f.name,
    mime: f.mime,
    extension: f.name.includes('.') ? f.name.split('.').pop() : '',
    size: f.size,
    url: `${ctx.baseUrl}/storage/${f.fid}/${encodeURIComponent(f.name)}`,
    uploaded: true,
  };
}

function filesOf(ctx: Ctx, fids: string[]) {
  const files = fids.map((fid) => ctx.state.files.find((f) => f.fid === fid)).filter((f): f is SimFile => !!f);
  const kind = (t: SimFile['type']) => files.filter((f) => f.type === t).map((f) => fileInfo(ctx, f));
  return { images: kind('image'), videos: kind('video'), audios: kind('audio'), documents: kind('document') };
}

function distance(ctx: Ctx, map: SimPost['map']): number | null {
  const lat = Number(ctx.query.get('mapLat'));
  const lng = Number(ctx.query.get('mapLng'));
  if (!map || !ctx.query.get('mapLat') || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  const rad = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(rad(map.latitude - lat) / 2) ** 2 + Math.cos(rad(lat)) * Math.cos(rad(map.latitude)) * Math.sin(rad(map.longitude - lng) / 2) ** 2;
  return Math.round(6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * 100) / 100;
}

export function postInfo(ctx: Ctx, p: SimPost) {
  const group = ctx.state.groups.find((g) => g.gid === p.gid);
  const comments = live.comments(ctx).filter((c) => c.pid === p.pid);
  return {
    pid: p.pid,
    url: `${ctx.baseUrl}/post/${p.pid}`,
    title: p.title,
    content: p.content,
    contentLength: [...p.content].length,
    isBrief: false,
    isMarkdown: p.isMarkdown,
    isAnonymous: p.isAnonymous,
    isCommentDisabled: p.commentDisabled,
    isCommentPrivate: p.commentPrivate,
    stickyState: p.stickyState,
    digestState: p.digestState,
    viewCount: p.viewCount,
    likeCount: countMarks(ctx, 'like', 'post', p.pid),
    dislikeCount: countMarks(ctx, 'dislike', 'post', p.pid),
    followCount: countMarks(ctx, 'follow', 'post', p.pid),
    blockCount: countMarks(ctx, 'block', 'post', p.pid),
    commentCount: comments.length,
    quotedPid: p.quotedPid,
    group: group ? { gid: group.gid, gname: group.gname } : null,
    hashtags: p.hashtags.map((hid) => ({ hid, hname: ctx.state.hashtags.find((h) => h.hid === hid)?.hname ?? hid })),
    author: p.isAnonymous ? { anonymous: true } : userById(ctx, p.uid),
    location: p.map ? { ...p.map, distance: distance(ctx, p.map), unit: 'km' } : null,
    files: filesOf(ctx, p.fids),
    interaction: interaction(ctx, 'post', p.pid),
    editControls: { isMe: p.uid === ctx.uid, canDelete: p.uid === ctx.uid, canEdit: p.uid === ctx.uid },
    createdTime: datetime(p.createdAt),
    createdTimeAgo: timeAgo(p.createdAt, ctx.now),
    editedTime: datetime(p.editedAt),
    editedCount: p.editedCount,
  };
}

export function commentInfo(ctx: Ctx, c: SimComment) {
  const post = ctx.state.posts.find((p) => p.pid === c.pid);
  const parent = ctx.state.comments.find((x) => x.cid === c.parentCid);
  return {
    cid: c.cid,
    url: `${ctx.baseUrl}/comment/${c.cid}`,
    content: c.content,
    contentLength: [...c.content].length,
    isMarkdown: c.isMarkdown,
    isAnonymous: c.isAnonymous,
    isSticky: c.sticky,
    likeCount: countMarks(ctx, 'like', 'comment', c.cid),
    dislikeCount: countMarks(ctx, 'dislike', 'comment', c.cid),
    commentCount: live.comments(ctx).filter((x) => x.parentCid === c.cid).length,
    author: c.isAnonymous ? { anonymous: true } : userById(ctx, c.uid),
    replyToPost: post ? { pid: post.pid, title: post.title, author: userById(ctx, post.uid) } : null,
    replyToComment: parent ? { cid: parent.cid, author: userById(ctx, parent.uid) } : null,
    hashtags: c.hashtags.map((hid) => ({ hid })),
    files: filesOf(ctx, c.fids),
    interaction: interaction(ctx, 'comment', c.cid),
    editControls: { isMe: c.uid === ctx.uid, canDelete: c.uid === ctx.uid },
    createdTime: datetime(c.createdAt),
    createdTimeAgo: timeAgo(c.createdAt, ctx.now),
  };
}

export function accountInfo(ctx: Ctx, a: SimAccount) {
  const mask = (s: string | undefined) => (s ? s.replace(/^(.{2}).*(@.*|.{2})$/, '$1****$2') : null);
  return {
    aid: a.aid,
    countryCode: a.countryCode ?? null,
    purePhone: mask(a.phone),
    phone: a.phone ? `+${a.countryCode ?? 86}${mask(a.phone)}` : null,
    email: mask(a.email),
    hasPassword: true,
    verifyStatus: false,
    waitDelete: a.waitDelete,
    waitDeleteDateTime: datetime(a.waitDeleteAt),
    connects: [],
    wallet: { status: true, hasPassword: !!a.walletPassword, currencyCode: 'CNY', balance: a.walletBalance, freezeAmount: 0 },
    users: a.users
      .map((uid) => ctx.state.users.find((u) => u.uid === uid))
      .filter((u): u is SimUser => !!u)
      .map((u) => ({ uid: u.uid, username: u.username, nickname: u.nickname, avatar: u.avatar, hasPassword: !!u.password, status: true })),
  };
}

export function draftInfo(ctx: Ctx, d: SimDraft) {
  const f = d.fields;
  return {
    id: d.id,
    type: d.kind,
    fsid: d.fsid,
    createType: d.createType,
    editorFskey: d.editorFskey,
    ...(d.kind === 'post'
      ? { quotedPid: f.postQuotePid ?? null, group: f.postGid ? { gid: f.postGid } : null, title: f.postTitle ?? null, isCommentDisabled: !!f.postIsCommentDisabled, isCommentPrivate: !!f.postIsCommentPrivate }
      : { commentPid: f.commentPid ?? null, commentCid: f.commentCid ?? null }),
    content: f.content ?? null,
    isMarkdown: !!f.isMarkdown,
    isAnonymous: !!f.isAnonymous,
    map: f.map ?? null,
    extends: f.extends ?? [],
    archives: f.archives ?? [],
    files: filesOf(ctx, d.fids),
    state: d.state,
    reason: d.reason,
    createdTime: datetime(d.createdAt),
    updatedTime: datetime(d.updatedAt),
  };
}
