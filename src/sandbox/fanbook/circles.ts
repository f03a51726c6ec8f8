import { refuse, type Model } from './model.js';
import { post, type BotMethod, type MethodTable } from './method.js';
import type { FbCircleComment, FbCirclePost } from './types.js';
import { BadParam, num, type Params } from './wire.js';

function post_(m: Model, postId: string): FbCirclePost {
  const found = m.state.posts.find((x) => x.post_id === postId && !x.deleted);
  if (!found) throw new BadParam('圈子动态不存在');
  m.botGuild(found.guild_id);
  return found;
}

function postObj(m: Model, x: FbCirclePost) {
  const u = m.state.users.get(x.user_id);
  return {
    post: { post_id: x.post_id, guild_id: x.guild_id, channel_id: x.channel_id, topic_id: x.topic_id, user_id: x.user_id, title: x.title, content: x.content, created_at: x.created_at, has_video: x.has_video ? 1 : 0 },
    user: { user_id: x.user_id, nickname: u?.nickname ?? '', username: u?.username ?? '', avatar: u?.avatar ?? '' },
    sub_info: { like_total: x.reactions.length, comment_total: x.comments.length },
  };
}

/** Cursor pages: items after the one whose id is list_id. */
function page<T>(items: T[], idOf: (t: T) => string, listId: string | undefined, size: number) {
  const from = listId ? items.findIndex((t) => idOf(t) === listId) + 1 : 0;
  const slice = items.slice(from, from + size);
  return { slice, list_id: slice.length ? idOf(slice[slice.length - 1] as T) : (listId ?? '0'), next: from + size < items.length ? '1' : '0' };
}

function comment(m: Model, c: FbCircleComment) {
  const u = m.state.users.get(c.user_id);
  return { comment_id: c.comment_id, user_id: c.user_id, nickname: u?.nickname ?? '', content: c.content, created_at: c.created_at, reply_count: c.replies.length };
}

function reactionList(p: Params, m: Model) {
  const x = post_(m, p.str('post_id'));
  const r = page(x.reactions, (v) => v.reaction_id, p.str('list_id', true), p.count('size', 20));
  return { records: r.slice.map((v) => ({ reaction_id: v.reaction_id, user_id: v.user_id, emoji: v.emoji })), list_id: r.list_id, next: r.next, size: x.reactions.length };
}

function commentList(p: Params, m: Model) {
  const x = post_(m, p.str('post_id'));
  const size = Number(p.str('size', true) ?? '20') || 20;
  const since = p.int('since_id', true);
  const list = since ? x.comments.filter((c) => BigInt(c.comment_id) > BigInt(since)) : x.comments;
  const r = page([...list].reverse(), (c) => c.comment_id, p.str('list_id', true), size);
  return { records: r.slice.map((c) => comment(m, c)), list_id: r.list_id, next: r.next, size: x.comments.length };
}

const deletePost: BotMethod = {
  http: ['DELETE'],
  handle(p, m) {
    const x = post_(m, p.str('post_id'));
    if (p.str('channel_id') !== x.channel_id || p.str('topic_id') !== x.topic_id) throw new BadParam('channel_id 或 topic_id 不匹配');
    p.str('reason');
    if (!m.botGuild(x.guild_id).bot_can_manage) throw refuse(1012, '没有权限');
    x.deleted = true;
    return true;
  },
};

/** Users (ChatMember) behind reactions or comments. */
function usersOf(p: Params, m: Model, ids: (x: FbCirclePost) => string[]) {
  const g = m.botGuild(p.str('guild_id'));
  const x = post_(m, p.str('post_id'));
  const unique = [...new Set(ids(x))];
  const r = page(unique, (v) => v, p.str('list_id', true), p.count('size', 20));
  return { list: r.slice.map((id) => m.chatMemberObj(g, id)), list_id: r.list_id, next: r.next };
}

export const circleMethods: MethodTable = {
  'v2/circle/info': post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const posts = m.state.posts.filter((x) => x.guild_id === g.guild_id && !x.deleted);
    return { guild_id: num(g.guild_id), channel_id: g.circle.channel_id, name: `${g.name}的圈子`, topics: g.circle.topics, post_count: posts.length };
  }),
  'circle/detail': post((p, m) => postObj(m, post_(m, p.str('post_id')))),
  // Reactions and comments at circle/* as the official Java SDK calls them; the seed's v2/circle/*
  // names for these two appear in no client, so they are not served (one variant, never both).
  'circle/reactionList': post(reactionList),
  'circle/commentList': post((p, m) => {
    p.str('channel_id');
    return commentList(p, m);
  }),
  'circle/postList': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    const channelId = p.str('channel_id');
    const topic = p.str('topic_id', true);
    const wd = p.str('wd', true);
    const video = p.str('has_video', true);
    const list = m.state.posts
      .filter((x) => x.guild_id === g.guild_id && x.channel_id === channelId && !x.deleted)
      .filter((x) => (topic ? x.topic_id === topic : true) && (wd ? `${x.title}${x.content}`.includes(wd) : true) && (video === '1' ? x.has_video : true))
      .reverse();
    const r = page(list, (x) => x.post_id, p.str('list_id', true), Number(p.str('size', true) ?? '20') || 20);
    return { records: r.slice.map((x) => postObj(m, x)), list_id: r.list_id, next: r.next };
  }),
  'v2/circle/commentReplyList': post((p, m) => {
    const x = post_(m, p.str('post_id'));
    const c = x.comments.find((v) => v.comment_id === p.str('comment_id'));
    if (!c) throw new BadParam('评论不存在');
    const r = page(c.replies, (v) => v.comment_id, p.str('list_id', true), Number(p.str('size', true) ?? '20') || 20);
    return { records: r.slice.map((v) => comment(m, v)), list_id: r.list_id, next: r.next };
  }),
  'v2/circle/postDelete': deletePost,
  getCircleReactionList: post((p, m) => usersOf(p, m, (x) => x.reactions.map((r) => r.user_id))),
  getCircleCommentList: post((p, m) => usersOf(p, m, (x) => x.comments.map((c) => c.user_id))),
};
