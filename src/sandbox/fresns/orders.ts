import { str, type Ctx } from './router.js';

/**
 * The `orderType` values each Fresns list DTO accepts (`in:` rules of v2.21.4 and v3.6.2, read
 * from Fresns' source); anything else fails validation with 30000, as on a real site.
 */
type ListKind = 'user' | 'group' | 'hashtag' | 'post' | 'comment' | 'searchPost' | 'searchComment';

const COUNTS_USER = ['view', 'like', 'dislike', 'follow', 'block', 'post', 'comment', 'postDigest', 'commentDigest', 'extcredits1', 'extcredits2', 'extcredits3', 'extcredits4', 'extcredits5'];
const CONTENT = ['createdTime', 'commentTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'comment'];

const ORDERS: Record<2 | 3, Record<ListKind, readonly string[]>> = {
  2: {
    user: ['createdTime', 'random', ...COUNTS_USER],
    group: ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest', 'rating'],
    hashtag: ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest'],
    post: CONTENT,
    comment: CONTENT,
    searchPost: CONTENT.filter((o) => o !== 'commentTime'),
    searchComment: CONTENT,
  },
  3: {
    user: ['createdTime', 'random', ...COUNTS_USER],
    group: ['createdTime', 'lastPostTime', 'lastCommentTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest', 'sortOrder'],
    hashtag: ['createdTime', 'lastPostTime', 'lastCommentTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest'],
    post: CONTENT,
    comment: CONTENT,
    searchPost: CONTENT,
    searchComment: CONTENT,
  },
};

/** The request's sort order, validated like the platform does; createdTime when absent. */
export function orderOf(ctx: Ctx, kind: ListKind): string {
  return str(ctx, 'orderType', { in: ORDERS[ctx.version][kind] }) ?? 'createdTime';
}

/** Stable pseudo-random order, so "random" differs from creation order but tests stay repeatable. */
export const randomKey = (id: string): number => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);
