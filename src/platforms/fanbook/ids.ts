import { LosslessNumber } from 'lossless-json';
import * as z from 'zod';
import { listedAs } from '../listed-schema.js';

/**
 * How a field travels to Fanbook. Fanbook's IDs are 64-bit: some methods want them as JSON
 * integers, others as strings (§3.2 of the reference); both must keep every digit.
 */
export type Wire = 'int' | 'string';
export const wire = z.registry<{ wire: Wire }>();

const INT64_MAX = 9223372036854775807n;

const decimalId = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'must be a decimal ID string such as "463992311181737985" (digits only, no leading zero)')
  .refine((v) => !/^[0-9]+$/.test(v) || BigInt(v) <= INT64_MAX, 'is larger than a 64-bit ID');
const safeId = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER, 'a number above 2^53 has already lost digits: pass this ID as a decimal string');

/**
 * A decimal string or a safe integer (anything larger cannot survive JSON as a number). Tools
 * advertise it as the string the contract promises: agents copy IDs from earlier answers, where
 * they are always decimal strings, and spelling out both branches with the pattern cost about 40
 * tokens per ID parameter in tools/list. zod still validates the union and its error says what an
 * ID looks like.
 */
export const describedId = (description?: string) => listedAs(z.union([decimalId, safeId]), { type: 'string' }, description);

export const idValue = describedId();

/** An ID sent to Fanbook as a JSON integer (written with all its digits). */
export const intId = (description: string) => describedId(description).register(wire, { wire: 'int' });
/** An ID sent to Fanbook as a JSON string. */
export const strId = (description: string) => describedId(description).register(wire, { wire: 'string' });
export const intIds = (description: string, min = 1) => z.array(idValue).min(min).describe(description).register(wire, { wire: 'int' });
export const strIds = (description: string) => z.array(idValue).min(1).describe(description).register(wire, { wire: 'string' });
/** A non-ID value that Fanbook documents as a string (e.g. page sizes of some list methods). */
export function sentAsString<T extends z.ZodType>(schema: T): T {
  wire.add(schema, { wire: 'string' });
  return schema;
}

function wireOf(schema: z.ZodType | undefined): Wire | undefined {
  for (let s = schema; s; ) {
    const marked = wire.get(s);
    if (marked) return marked.wire;
    s = s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable ? (s.unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

const asInt = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? new LosslessNumber(String(v)) : v);
const asString = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v);

/**
 * The JSON body of one call: every field as its method expects it. Integers are LosslessNumber
 * so that `stringifyLossless` writes the decimal digits verbatim instead of a rounded double.
 */
export function encodeFields(shape: Readonly<Record<string, z.ZodType>>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const w = wireOf(shape[key]);
    const convert = w === 'int' ? asInt : w === 'string' ? asString : (v: unknown) => v;
    out[key] = Array.isArray(value) && w ? value.map(convert) : convert(value);
  }
  return out;
}

/** Keys whose values are IDs (or lists of IDs) in Fanbook's answers. */
const ID_KEY =
  /^(?:id|[a-z0-9]+(?:_[a-z0-9]+)*_(?:id|ids|uid)|quote_l[12]|nonce|roles|mentions|mention_roles|guilds|channel_pub_ids|inviter)$/i;
/** Credentials that some answers carry (getMe's gateway `user_token`); never handed to an agent. */
const CREDENTIAL_KEY = /^(?:user_token|token|access_token|refresh_token)$/;
export const MASKED = '[REDACTED]';

/**
 * Every ID in an answer as a decimal string, safe or not, so an agent never sees the same kind
 * of value sometimes as a number and sometimes as a string. Unsafe integers arrive as strings
 * already (lossless parse); safe ones are converted here. Credentials in answers are masked.
 */
export function normaliseResult(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const ids = key !== undefined && ID_KEY.test(key);
    return value.map((v) => (ids && typeof v === 'number' && Number.isInteger(v) ? String(v) : normaliseResult(v)));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = CREDENTIAL_KEY.test(k) && typeof v === 'string' && v !== '' ? MASKED : normaliseResult(v, k);
    }
    return out;
  }
  if (typeof value === 'number' && Number.isInteger(value) && key !== undefined && ID_KEY.test(key)) return String(value);
  return value;
}
