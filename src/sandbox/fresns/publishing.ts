import { SimError, type Ctx } from './router.js';
import type { Ids } from './seed.js';
import type { MarkTarget, SimComment, SimMap, SimNotification, SimPost, SimState } from './types.js';

/** What a post or comment is made of, from quick publish or a draft (Fresns field names). */
export interface ContentFields {
  postQuotePid?: unknown;
  postGid?: unknown;
  postTitle?: unknown;
  postIsCommentDisabled?: unknown;
  postIsCommentPrivate?: unknown;
  commentPid?: unknown;
  commentCid?: unknown;
  content?: unknown;
  isMarkdown?: unknown;
  isAnonymous?: unknown;
  map?: unknown;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function notify(state: SimState, n: Omit<SimNotification, 'id' | 'read'>): void {
  if (n.actionUid !== null && n.actionUid === n.uid) return;
  state.notifications.push({ ...n, id: ++state.seq.notification, read: false });
}

/** Block words: mode 3 refuses the text (33301), mode 2 replaces the word. */
export function checkWords(state: SimState, value: string, where: 'contentMode' | 'userMode' | 'conversationMode'): string {
  let out = value;
  for (const w of state.blockWords) {
    if (!out.toLowerCase().includes(w.word.toLowerCase())) continue;
    if (w[where] === 3) throw new SimError(33301, `Content contains banned words: ${w.word}`);
    if (w[where] === 2 && w.replaceWord) out = out.split(w.word).join(w.replaceWord);
  }
  return out;
}

/** `#name#` hashtags; unknown ones are created, as Fresns does on publish. */
function hashtagsIn(ctx: Ctx, content: string): string[] {
  const found = [...content.matchAll(/#([^#\s][^#]{0,31})#/g)].map((m) => (m[1] as string).trim());
  const hids: string[] = [];
  for (const name of found) {
    const hid = name.toLowerCase().replace(/\s+/g, '-');
    if (!ctx.state.hashtags.some((h) => h.hid === hid)) ctx.state.hashtags.push({ hid, hname: name, description: '', createdAt: ctx.now });
    if (!hids.includes(hid)) hids.push(hid);
  }
  return hids;
}

function mentions(ctx: Ctx, content: string, fromUid: number, target: MarkTarget, fsid: string): void {
  for (const m of content.matchAll(/@([^\s@#]{1,32})/g)) {
    const u = ctx.state.users.find((x) => x.nickname === m[1] || x.username === m[1]);
    if (u) notify(ctx.state, { uid: u.uid, type: 7, content, actionUid: fromUid, actionTarget: target, actionFsid: fsid, createdAt: ctx.now });
  }
}

function mapOf(v: unknown): SimMap | null {
  let m = v;
  if (typeof m === 'string') {
    try {
      m = JSON.parse(m);
    } catch {
      throw new SimError(30004, 'The map must be a JSON object');
    }
  }
  if (!m || typeof m !== 'object') return null;
  const o = m as Record<string, unknown>;
  return { mapId: Number(o.mapId ?? 1), latitude: Number(o.latitude), longitude: Number(o.longitude), poi: String(o.poi ?? '') };
}

function body(ctx: Ctx, f: ContentFields, hasFiles: boolean, kind: 'post' | 'comment'): { content: string } {
  const raw = text(f.content) ?? '';
  if (!raw && !hasFiles) throw new SimError(38200, 'Content cannot be empty');
  const limit = Number(ctx.state.configs[`${kind}_editor_content_length`]?.value ?? 20000);
  if ([...raw].length > limit) throw new SimError(33302, `Content is longer than ${limit} characters`);
  return { content: checkWords(ctx.state, raw, 'contentMode') };
}

export function createPost(ctx: Ctx, ids: Ids, uid: number, f: ContentFields, fids: string[]): SimPost {
  const gid = text(f.postGid);
  if (gid) {
    const g = ctx.state.groups.find((x) => x.gid === gid);
    if (!g) throw new SimError(37100, 'Group does not exist');
    if (g.type !== 2) throw new SimError(36101, 'Posts cannot be published in a group category');
  }
  const title = text(f.postTitle);
  if (title && [...title].length > 255) throw new SimError(38201, 'The title is too long');
  const quoted = text(f.postQuotePid);
  if (quoted && !ctx.state.posts.some((p) => p.pid === quoted && !p.deleted)) throw new SimError(37300, 'Quoted post does not exist');
  const { content } = body(ctx, f, fids.length > 0, 'post');
  const post: SimPost = {
    pid: ids.fsid(),
    uid,
    gid: gid ?? null,
    title: title ? checkWords(ctx.state, title, 'contentMode') : null,
    content,
    isMarkdown: truthy(f.isMarkdown),
    isAnonymous: truthy(f.isAnonymous),
    hashtags: hashtagsIn(ctx, content),
    quotedPid: quoted ?? null,
    commentDisabled: truthy(f.postIsCommentDisabled),
    commentPrivate: truthy(f.postIsCommentPrivate),
    stickyState: 1,
    digestState: 1,
    map: f.map ? mapOf(f.map) : null,
    fids,
    users: [],
    viewCount: 0,
    createdAt: ctx.now,
    editedAt: null,
    editedCount: 0,
    deleted: false,
  };
  ctx.state.posts.push(post);
  mentions(ctx, content, uid, 'post', post.pid);
  if (quoted) {
    const q = ctx.state.posts.find((p) => p.pid === quoted) as SimPost;
    notify(ctx.state, { uid: q.uid, type: 9, content, actionUid: uid, actionTarget: 'post', actionFsid: post.pid, createdAt: ctx.now });
  }
  return post;
}

export function createComment(ctx: Ctx, ids: Ids, uid: number, f: ContentFields, fids: string[]): SimComment {
  const pid = text(f.commentPid);
  if (!pid) throw new SimError(30000, 'The commentPid field is required.');
  const post = ctx.state.posts.find((p) => p.pid === pid && !p.deleted);
  if (!post) throw new SimError(37300, 'Post does not exist');
  if (post.commentDisabled) throw new SimError(36300, 'Comments are disabled on this post');
  const author = ctx.state.users.find((u) => u.uid === post.uid);
  if (author && author.commentLimit === 4 && author.uid !== uid) throw new SimError(36301, 'The author does not accept comments');
  const cidText = text(f.commentCid);
  const parent = cidText ? ctx.state.comments.find((c) => c.cid === cidText && !c.deleted) : undefined;
  if (cidText && (!parent || parent.pid !== pid)) throw new SimError(37400, 'Comment does not exist');
  const { content } = body(ctx, f, fids.length > 0, 'comment');
  const comment: SimComment = {
    cid: ids.fsid(),
    pid,
    parentCid: parent?.cid ?? null,
    uid,
    content,
    isMarkdown: truthy(f.isMarkdown),
    isAnonymous: truthy(f.isAnonymous),
    hashtags: hashtagsIn(ctx, content),
    map: f.map ? mapOf(f.map) : null,
    fids,
    sticky: false,
    createdAt: ctx.now,
    editedAt: null,
    deleted: false,
  };
  ctx.state.comments.push(comment);
  notify(ctx.state, { uid: post.uid, type: 8, content, actionUid: uid, actionTarget: 'comment', actionFsid: comment.cid, createdAt: ctx.now });
  if (parent && parent.uid !== post.uid) {
    notify(ctx.state, { uid: parent.uid, type: 8, content, actionUid: uid, actionTarget: 'comment', actionFsid: comment.cid, createdAt: ctx.now });
  }
  mentions(ctx, content, uid, 'comment', comment.cid);
  return comment;
}
