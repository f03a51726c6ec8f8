import * as z from 'zod';

/** Shared argument definitions, with Fresns' own names and limits. */

export const page = z.number().int().min(1).describe('Page number, from 1. Default 1.');
export const pageSize = (max = 30) =>
  z.number().int().min(1).max(max).describe(`Items per page, 1-${max}. Default 15.`);
export const paging = (max = 30) => ({ page: page.optional(), pageSize: pageSize(max).optional() });

export const whitelistKeys = z
  .string()
  .min(1)
  .describe('Only return these keys of each item: comma-separated, dot notation for nested keys (e.g. "pid,title,author.nickname").');
export const blacklistKeys = z.string().min(1).describe('Remove these keys from each item: comma-separated, dot notation for nested keys.');
export const keyFilters = { whitelistKeys: whitelistKeys.optional(), blacklistKeys: blacklistKeys.optional() };

export const orderDirection = z.enum(['asc', 'desc']).describe('Sort direction. Default desc.');
export const uidOrUsername = z
  .string()
  .min(1)
  .describe('The user: numeric uid (e.g. "100001") or username (e.g. "sandbox_creator").');
export const editorType = z.enum(['post', 'comment']).describe('"post" for a post draft, "comment" for a comment draft.');
export const interactionType = z
  .enum(['likers', 'dislikers', 'followers', 'blockers'])
  .describe('Which users to list: likers, dislikers, followers or blockers.');
export const pid = z.string().min(1).describe('The post id (pid), e.g. "Pq3Jk9aL", as found in post lists.');
export const cid = z.string().min(1).describe('The comment id (cid), as found in comment lists.');
export const gid = z.string().min(1).describe('The group id (gid), as found in group lists.');
export const hid = z.string().min(1).describe('The hashtag id (hid): the hashtag slug, e.g. "fresns".');
export const logId = z.number().int().min(1).describe('The log id, from the logs list.');
export const fid = z.string().min(1).describe('The file id (fid).');
export const draftId = z.number().int().min(1).describe('The draft id (numeric), from fresns_list_drafts or fresns_create_draft.');

/** The location fields several lists take to compute distances. */
export const mapPoint = {
  mapId: z.number().int().min(1).max(11).describe('Map service provider id (1 Google, 2 Mapbox, 5 Amap, 6 Baidu…); needed with mapLng/mapLat.').optional(),
  mapLng: z.string().min(1).describe('Longitude used to compute distances, e.g. "121.4737".').optional(),
  mapLat: z.string().min(1).describe('Latitude used to compute distances, e.g. "31.2304".').optional(),
};

/** Counting and date filters common to post and comment lists. */
const countFilter = (name: string, what: string) => z.number().int().min(0).describe(`Only items with ${what} ${name.endsWith('Gt') ? 'greater' : 'less'} than this.`);
export const listFilters = {
  contentType: z.string().min(1).describe('Content type filter: All, Text, Image, Video, Audio, Document or a plugin fskey (see fresns_get_content_types).').optional(),
  createdDays: z.number().int().min(1).describe('Only content created in the last N days.').optional(),
  createdDate: z
    .enum(['today', 'yesterday', 'week', 'lastWeek', 'month', 'lastMonth', 'year', 'lastYear'])
    .describe('Only content created in this period.')
    .optional(),
  createdDateGt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Only content created after this date, Y-m-d (e.g. "2026-01-31").').optional(),
  createdDateLt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Only content created before this date, Y-m-d.').optional(),
  likeCountGt: countFilter('likeCountGt', 'a like count').optional(),
  likeCountLt: countFilter('likeCountLt', 'a like count').optional(),
  commentCountGt: countFilter('commentCountGt', 'a comment count').optional(),
  commentCountLt: countFilter('commentCountLt', 'a comment count').optional(),
  orderType: z
    .enum(['createdTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'comment'])
    .describe('Sort by: createdTime (default), random, view, like, dislike, follow, block or comment count.')
    .optional(),
  orderDirection: orderDirection.optional(),
};

/** Passwords are taken as plain text; the client Base64-encodes them as Fresns expects. */
export const password = (what: string) =>
  z.string().min(1).max(128).describe(`${what}, as plain text (creator-mcp Base64-encodes it, as Fresns expects). Never shown back.`);

export const accountType = z.enum(['email', 'phone']).describe('How the account is identified: "email" or "phone".');
export const countryCode = z.number().int().min(1).max(9999).describe('Phone only: the international dialling code, e.g. 86.');
export const verifyCode = z.string().min(1).max(12).describe('The verification code received by email or SMS (see fresns_send_verify_code).');
export const deviceToken = z.string().min(1).describe('iOS or Android push device token; leave out for creator-mcp.');

/**
 * Sort orders exactly as Fresns' list DTOs accept them (`orderType` `in:` rules, v2.21.4); any
 * other value is refused with 30000. Users sort by the count they received (`follow` = followers).
 */
export const USER_ORDERS = ['createdTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'post', 'comment', 'postDigest', 'commentDigest', 'extcredits1', 'extcredits2', 'extcredits3', 'extcredits4', 'extcredits5'] as const;
export const GROUP_ORDERS = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest', 'rating'] as const;
export const HASHTAG_ORDERS = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest'] as const;

export const userOrderType = z
  .enum(USER_ORDERS)
  .describe('Sort by join time (default), random, or a count the user received or made: view, like, dislike, follow (followers), block, post, comment, postDigest, commentDigest, extcredits1-5.');
export const groupOrderType = z.enum(GROUP_ORDERS).describe('Sort by creation time (default), random, or a count: view, like, follow, block, post, postDigest; rating is the admin order.');
export const hashtagOrderType = z.enum(HASHTAG_ORDERS).describe('Sort by creation time (default), random, or a count: view, like, follow, block, post, postDigest.');
