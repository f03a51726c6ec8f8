import { randomUUID } from 'node:crypto';
import type { Post } from '../types.js';
import { fanRef, fanUser, paged, postView } from '../views.js';
import { badRequest, conflict, created, iso, noContent, notFound, ok, type Ctx, type Handler } from './kit.js';

const POST_NOT_FOUND = 'Post not found';

function postOf(ctx: Ctx): Post | undefined {
  return ctx.creator.posts.find((p) => p.uuid === ctx.params.uuid && !p.deleted);
}

function withPost(f: (ctx: Ctx, post: Post) => ReturnType<Handler>): Handler {
  return (ctx) => {
    const post = postOf(ctx);
    return post ? f(ctx, post) : notFound(POST_NOT_FOUND);
  };
}

function invalidMedia(ctx: Ctx, ids: readonly (string | null | undefined)[]): string | undefined {
  const bad = ids.find((id) => id && !ctx.creator.media.some((m) => m.uuid === id && m.status === 'ready'));
  return bad ? `Media ${bad} does not belong to you or is not ready` : undefined;
}

const unknownCollection = (ctx: Ctx, ids: unknown) =>
  Array.isArray(ids) ? (ids as string[]).find((id) => !ctx.creator.collections.some((c) => c.uuid === id)) : undefined;

/** Pinned first, then newest published (scheduled and drafts by creation). */
function feedOrder(posts: Post[]): Post[] {
  const at = (p: Post) => p.publishedAt ?? p.publishAt ?? p.createdAt;
  return [...posts].sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || at(b).localeCompare(at(a)));
}

export const postHandlers: Record<string, Handler> = {
  getPosts: (ctx) => {
    const all = ctx.query.bool('includeUnpublished', true);
    const rows = feedOrder(ctx.creator.posts.filter((p) => !p.deleted && (all || p.publishedAt !== null)));
    return ok(paged(rows.map((p) => postView(ctx.view, p)), ctx.query.paging()));
  },
  createPost: (ctx) => {
    const b = ctx.body as Partial<Post> & { collectionUuids?: string[] };
    const mediaUuids = b.mediaUuids ?? [];
    const problem = invalidMedia(ctx, [...mediaUuids, b.mediaPreviewUuid]);
    if (problem) return ok400(problem);
    if (b.price !== undefined && b.price !== null && mediaUuids.length === 0) return ok400('A pay-to-view post needs media');
    if (unknownCollection(ctx, b.collectionUuids)) return ok400('Unknown collection');
    const scheduled = b.publishAt !== undefined && b.publishAt !== null && Date.parse(b.publishAt) > ctx.now;
    const post: Post = {
      uuid: randomUUID(), createdAt: iso(ctx.now), text: b.text ?? null, price: b.price ?? null, mediaUuids, mediaPreviewUuid: b.mediaPreviewUuid ?? null,
      audience: b.audience ?? 'subscribers', publishAt: scheduled ? (b.publishAt as string) : null, publishedAt: scheduled ? null : iso(ctx.now),
      expiresAt: b.expiresAt ?? null, isPinned: false, collectionUuids: b.collectionUuids ?? [], deleted: false, comments: [], likes: [], tips: [],
    };
    ctx.creator.posts.push(post);
    const { uuid, createdAt, text, price, mediaPreviewUuid, audience, publishAt, publishedAt, expiresAt } = post;
    return created({ uuid, createdAt, text, price, mediaPreviewUuid, audience, publishAt, publishedAt, expiresAt });
  },
  getPostByUuid: withPost((ctx, post) => ok(postView(ctx.view, post))),
  updatePost: withPost((ctx, post) => {
    const b = ctx.body as Record<string, unknown>;
    const mediaUuids = Array.isArray(b.mediaUuids) ? (b.mediaUuids as string[]) : post.mediaUuids;
    const problem = invalidMedia(ctx, [...mediaUuids, typeof b.mediaPreviewUuid === 'string' ? b.mediaPreviewUuid : null]);
    if (problem) return ok400(problem);
    const price = b.price === undefined ? post.price : (b.price as number | null);
    if (price !== null && mediaUuids.length === 0) return ok400('A pay-to-view post needs media');
    if (unknownCollection(ctx, b.collectionUuids)) return ok400('Unknown collection');
    post.mediaUuids = mediaUuids;
    post.price = price;
    for (const k of ['text', 'mediaPreviewUuid', 'audience', 'expiresAt'] as const) if (k in b) (post as unknown as Record<string, unknown>)[k] = b[k];
    if ('collectionUuids' in b) post.collectionUuids = (b.collectionUuids as string[] | null) ?? [];
    if ('publishAt' in b) {
      // null publishes a scheduled post now.
      if (b.publishAt === null) {
        post.publishAt = null;
        post.publishedAt ??= iso(ctx.now);
      } else if (Date.parse(b.publishAt as string) > ctx.now) {
        post.publishAt = b.publishAt as string;
        post.publishedAt = null;
      }
    }
    return ok(postView(ctx.view, post));
  }),
  deletePost: withPost((_ctx, post) => {
    post.deleted = true;
    return noContent();
  }),
  pinPost: withPost((ctx, post) => {
    post.isPinned = true;
    return ok(postView(ctx.view, post));
  }),
  unpinPost: withPost((ctx, post) => {
    post.isPinned = false;
    return ok(postView(ctx.view, post));
  }),
  repostPost: withPost((ctx, post) => {
    post.publishedAt = iso(ctx.now);
    post.publishAt = null;
    return ok(postView(ctx.view, post));
  }),
  getPostComments: withPost((ctx, post) =>
    ok(paged([...post.comments].reverse().map((c) => ({ uuid: c.uuid, text: c.text, user: c.userUuid ? fanRef(ctx.view, ctx.creator.fans.get(c.userUuid)) : null, createdAt: c.createdAt, updatedAt: c.updatedAt })), ctx.query.paging())),
  ),
  createPostComment: withPost((ctx, post) => {
    const comment = { uuid: randomUUID(), text: String(ctx.body.text), userUuid: null, createdAt: iso(ctx.now), updatedAt: null };
    post.comments.push(comment);
    return created({ uuid: comment.uuid, text: comment.text, createdAt: comment.createdAt, updatedAt: null });
  }),
  deletePostComment: withPost((ctx, post) => {
    const i = post.comments.findIndex((c) => c.uuid === ctx.params.commentUuid);
    if (i < 0) return notFound('Comment not found');
    post.comments.splice(i, 1);
    return noContent();
  }),
  getPostLikes: withPost((ctx, post) =>
    ok(paged(post.likes.map((l) => ({ user: fanUserOrNull(ctx, l.userUuid), createdAt: l.createdAt })), ctx.query.paging())),
  ),
  getPostTips: withPost((ctx, post) =>
    ok(paged(post.tips.map((t) => ({ user: fanUserOrNull(ctx, t.userUuid), createdAt: t.createdAt, gross: t.gross, net: t.net })), ctx.query.paging())),
  ),
  listCollections: (ctx) => ok(paged(ctx.creator.collections, {}, 50)),
  createCollection: (ctx) => {
    const label = String(ctx.body.label);
    if (ctx.creator.collections.some((c) => c.label.toLowerCase() === label.toLowerCase())) return conflict('A collection with this label already exists');
    const collection = { uuid: randomUUID(), label, createdAt: iso(ctx.now) };
    ctx.creator.collections.push(collection);
    return created(collection);
  },
  renameCollection: (ctx) => {
    const c = ctx.creator.collections.find((x) => x.uuid === ctx.params.uuid);
    if (!c) return notFound('Collection not found');
    c.label = String(ctx.body.label);
    return noContent();
  },
  deleteCollection: (ctx) => {
    const i = ctx.creator.collections.findIndex((x) => x.uuid === ctx.params.uuid);
    if (i < 0) return notFound('Collection not found');
    const [gone] = ctx.creator.collections.splice(i, 1);
    for (const p of ctx.creator.posts) p.collectionUuids = p.collectionUuids.filter((u) => u !== gone?.uuid);
    return noContent();
  },
};

function fanUserOrNull(ctx: Ctx, uuid: string) {
  const fan = ctx.creator.fans.get(uuid);
  return fan ? fanUser(ctx.view, fan) : null;
}

/** Fanvue answers post validation failures as ValidationError {errors: [...]}. */
function ok400(message: string) {
  return { ...badRequest(message), body: JSON.stringify({ errors: [message] }) };
}
