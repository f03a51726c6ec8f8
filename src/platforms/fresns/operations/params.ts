import * as z from 'zod';
import { listedAs, unlisted, unlistedShape } from '../../listed-schema.js';

/**
 * Shared argument definitions, with Fresns' own names and limits. A platform default is the JSON
 * Schema `default` (fewer tokens than "Default 1."); zod fills nothing in, so Fresns applies its own.
 */

export const page = z.number().int().min(1).meta({ default: 1 });
export const pageSize = (max = 30) =>
  z.number().int().min(1).max(max).meta({ default: 15 });
export const paging = (max = 30) => ({ page: page.optional(), pageSize: pageSize(max).optional() });

export const whitelistKeys = z
  .string()
  .min(1)
  .describe('Keys to keep (dot paths).');
export const blacklistKeys = z.string().min(1).describe('Keys to drop.');
/** Unlisted (fresns://guides/content explains them): every item tool takes them, few calls need them. */
export const keyFilters = unlistedShape({ whitelistKeys: whitelistKeys.optional(), blacklistKeys: blacklistKeys.optional() });

export const orderDirection = z.enum(['asc', 'desc']).meta({ default: 'desc' });
export const uidOrUsername = z
  .string()
  .min(1)
  .describe('uid ("100001") or username.');
export const editorType = z.enum(['post', 'comment']).describe('Post or comment.');
export const interactionType = z
  .enum(['likers', 'dislikers', 'followers', 'blockers'])
  .describe('Which users to list.');
export const pid = z.string().min(1).describe('Post id.');
export const cid = z.string().min(1).describe('Comment id.');
export const gid = z.string().min(1).describe('Group id.');
export const hid = z.string().min(1).describe('Hashtag id (slug).');
export const logId = z.number().int().min(1).describe('Log id, from the logs list.');
export const fid = z.string().min(1).describe('File id (fid).');
export const draftId = z.number().int().min(1).describe('Draft id (fresns_list_drafts).');

/** The location fields several lists take to compute distances; unlisted (fresns://guides/content). */
export const mapPoint = unlistedShape({
  mapId: z.number().int().min(1).max(11).describe('Map provider.').optional(),
  mapLng: z.string().min(1).describe('Longitude.').optional(),
  mapLat: z.string().min(1).describe('Latitude.').optional(),
});

/** Fresns wants Y-m-d; `format: date` says so in fewer tokens than the pattern zod validates with. */
const ymd = (description: string) => listedAs(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), { type: 'string', format: 'date' }, description);

/** Counting and date filters common to post and comment lists; all but the sort order unlisted (fresns://guides/content). */
const countFilter = (name: string) => z.number().int().min(0).describe(name.endsWith('Gt') ? 'Above.' : 'Below.');
export const listFilters = {
  ...unlistedShape({
    contentType: z.string().min(1).describe('All, Text, Image, Video, Audio, Document or fskey.').optional(),
    createdDays: z.number().int().min(1).describe('Last N days.').optional(),
    createdDate: z
      .enum(['today', 'yesterday', 'week', 'lastWeek', 'month', 'lastMonth', 'year', 'lastYear'])
      .describe('Period.')
      .optional(),
    createdDateGt: ymd('After.').optional(),
    createdDateLt: ymd('Before.').optional(),
    likeCountGt: countFilter('likeCountGt').optional(),
    likeCountLt: countFilter('likeCountLt').optional(),
    commentCountGt: countFilter('commentCountGt').optional(),
    commentCountLt: countFilter('commentCountLt').optional(),
  }),
  orderType: z
    .enum(['createdTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'comment'])
    .meta({ default: 'createdTime' })
    .optional(),
  orderDirection: orderDirection.optional(),
};

/** Passwords are taken as plain text; the client Base64-encodes them as Fresns expects. */
export const password = (what: string) =>
  z.string().min(1).max(128).describe(`${what} (plain text; Base64-encoded for you).`);

export const accountType = z.enum(['email', 'phone']).describe('How the account is identified.');
export const countryCode = z.number().int().min(1).max(9999).describe('Phone only: dialling code, e.g. 86.');
export const verifyCode = z.string().min(1).max(12).describe('Code from fresns_send_verify_code.');
/** Unlisted: an agent has no device to push to (fresns://guides/content). */
export const deviceToken = unlisted(z.string().min(1).describe('Mobile push token; leave out.').optional());

/**
 * Sort orders exactly as Fresns' list DTOs accept them (`orderType` `in:` rules, v2.21.4); any
 * other value is refused with 30000. Users sort by the count they received (`follow` = followers).
 */
export const USER_ORDERS = ['createdTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'post', 'comment', 'postDigest', 'commentDigest', 'extcredits1', 'extcredits2', 'extcredits3', 'extcredits4', 'extcredits5'] as const;
export const GROUP_ORDERS = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest', 'rating'] as const;
export const HASHTAG_ORDERS = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest'] as const;

export const userOrderType = z
  .enum(USER_ORDERS)
  .describe('Default createdTime (join time); the others sort by that count (follow = followers).');
export const groupOrderType = z.enum(GROUP_ORDERS).describe('Default createdTime; rating = admin order; the others sort by that count.');
export const hashtagOrderType = z.enum(HASHTAG_ORDERS).describe('Default createdTime; the others sort by that count.');
