import * as z from 'zod';

/** RFC 3339 date-time with an offset: what the spec's `format: date-time` accepts. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The shape alone lets 2026-13-45T25:61:00+99:00 through; Fanvue (and the spec's format) refuse it. */
function realDateTime(s: string): boolean {
  const n = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(s)?.slice(1).map(Number);
  if (!n) return false;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, oh = 0, om = 0] = n.map((x) => (Number.isNaN(x) ? 0 : x));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d >= 1 && d <= days && h <= 23 && mi <= 59 && se <= 59 && oh <= 23 && om <= 59;
}

export const uuid = (what: string) => z.guid().describe(what);
export const uuids = (what: string, max: number, min = 1) => z.array(z.guid()).min(min).max(max).describe(what);

// The answer's pagination {page, size, hasMore} says when to ask page + 1; agents read it there.
// Fanvue's defaults are listed as the JSON Schema `default`, which zod does not fill in.
export const page = z.number().int().min(1).optional().meta({ default: 1 });
export const size = (dflt = 15) => z.number().int().min(1).max(50).optional().meta({ default: dflt });
export const paging = { page, size: size() };

export const cursor = z
  .string()
  .min(1)
  .optional()
  .describe('nextCursor of the previous answer (null there: no more).');

export const dateTime = (what: string) =>
  z
    .string()
    .regex(DATE_TIME, 'an ISO 8601 date-time with offset, e.g. 2026-05-01T00:00:00Z')
    .refine(realDateTime, 'a date-time that exists (month 01-12, a day of that month, hour 00-23, minutes and seconds 00-59, offset up to ±23:59)')
    // The format names the shape in one word (the pattern beside it is left out of the catalog).
    .meta({ format: 'date-time' })
    .describe(what);
export const range = {
  startDate: dateTime('Inclusive.').optional(),
  endDate: dateTime('Exclusive.').optional(),
};

/** Said once, on the price argument: the tool descriptions do not repeat it. */
export const PRICE_NOTE = 'USD cents (999 = $9.99).';
export const priceCents = (what: string) => z.number().int().min(300).describe(`${what} ${PRICE_NOTE}`);

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;
export const VARIANTS = ['blurred', 'main', 'thumbnail', 'thumbnail_gallery'] as const;
export const variants = z
  .array(z.enum(VARIANTS))
  .min(1)
  .optional()
  .describe('Signed URLs of these variants; none without it.');

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

// "." and ".." cannot travel in a URL path (it resolves them), and the upload only attaches after uploading.
export const folderName = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => v !== '.' && v !== '..', 'a folder name other than "." and ".."')
  .describe('Vault folder name.');
