import * as z from 'zod';

/** RFC 3339 date-time with an offset: what the spec's `format: date-time` accepts. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const uuid = (what: string) => z.guid().describe(what);
export const uuids = (what: string, max: number, min = 1) => z.array(z.guid()).min(min).max(max).describe(what);

export const page = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('Page number from 1 (default 1). The answer has pagination {page, size, hasMore} and no total: ask for page + 1 while hasMore is true.');
export const size = (dflt = 15) => z.number().int().min(1).max(50).optional().describe(`Items per page, 1-50 (default ${dflt}).`);
export const paging = { page, size: size() };

export const cursor = z
  .string()
  .min(1)
  .optional()
  .describe('Cursor paging: omit on the first call, then pass the nextCursor of the previous answer; nextCursor null means the end.');

export const dateTime = (what: string) =>
  z.string().regex(DATE_TIME, 'an ISO 8601 date-time with offset, e.g. 2026-05-01T00:00:00Z').describe(`${what} ISO 8601 date-time with offset, e.g. 2026-05-01T00:00:00Z.`);
export const range = {
  startDate: dateTime('Start of the range (inclusive).').optional(),
  endDate: dateTime('End of the range (exclusive).').optional(),
};

export const PRICE_NOTE = 'Price in USD cents, at least 300 ($3.00); e.g. 999 = $9.99.';
export const priceCents = (what: string) => z.number().int().min(300).describe(`${what} ${PRICE_NOTE}`);

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;
export const VARIANTS = ['blurred', 'main', 'thumbnail', 'thumbnail_gallery'] as const;
export const variants = z
  .array(z.enum(VARIANTS))
  .min(1)
  .optional()
  .describe('Variants to include with signed URLs (sent comma-joined, e.g. main,thumbnail). Without it no media URL is returned.');

export const SMART_LISTS = [
  'subscribers',
  'auto_renewing',
  'non_renewing',
  'followers',
  'free_trial_subscribers',
  'expired_subscribers',
  'spent_more_than_50',
  'muted',
] as const;

export const folderName = z.string().min(1).max(255).describe('The vault folder name (folders are addressed by name).');
