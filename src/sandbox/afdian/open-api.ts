import { createHash } from 'node:crypto';
import type { SimRequest } from '../sim-host.js';
import type { AfdianEnvelope } from './types.js';

/** Documented tolerance between the request's `ts` and the server clock. */
export const TS_TOLERANCE_S = 3600;

export type ParamBag = Record<string, unknown>;
export type Verified = { ok: true; params: ParamBag; userId: string } | { ok: false; reply: AfdianEnvelope };

/** Afdian accepts the four fields as JSON, as a form, or even as query parameters on the POST. */
export function readFields(req: SimRequest): ParamBag {
  const fields: ParamBag = Object.fromEntries(req.query);
  const text = req.text.trim();
  if (text === '') return fields;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('json') || text.startsWith('{')) {
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === 'object' && !Array.isArray(body)) return { ...fields, ...(body as ParamBag) };
    } catch {
      // fall through: an unparsable body counts as absent fields, which the checks report as 400001
    }
    return fields;
  }
  return { ...fields, ...Object.fromEntries(new URLSearchParams(text)) };
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

export function md5Hex(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

/** The checks run in the order the real server applies them: fields, JSON, clock, user, signature. */
export function verifyCall(fields: ParamBag, creds: { userId: string; token: string }, nowSec: number): Verified {
  const userId = scalar(fields.user_id);
  const ts = scalar(fields.ts);
  const sign = scalar(fields.sign);
  const params = fields.params;
  const missing = (['user_id', 'params', 'ts', 'sign'] as const).filter((k) => {
    const v = fields[k];
    return v === undefined || v === null || v === '';
  });
  if (missing.length > 0 || userId === undefined || ts === undefined || sign === undefined) {
    return fail(400001, 'params incomplete', { explain: `missing or invalid: ${missing.join(', ') || 'user_id, ts, sign'}` });
  }
  let parsed: unknown;
  try {
    if (typeof params !== 'string') throw new Error('params must be a string');
    parsed = JSON.parse(params);
  } catch {
    return fail(400003, 'params was not valid json string');
  }
  const tsNum = Number(ts);
  if (!Number.isFinite(tsNum) || Math.abs(nowSec - tsNum) > TS_TOLERANCE_S) {
    return fail(400002, `ts is outdated, ${TS_TOLERANCE_S}s latency was allowed`);
  }
  if (userId !== creds.userId) return fail(400004, 'no valid token found');
  // Hash exactly what was received: clients that re-serialise params between signing and sending must fail.
  const kv = `params${params as string}ts${ts}user_id${userId}`;
  if (sign !== md5Hex(creds.token + kv)) {
    return fail(400005, 'sign validation failed', { debug: { kv_string: kv } });
  }
  const bag = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ParamBag) : {};
  return { ok: true, params: bag, userId };
}

function fail(ec: number, em: string, data: unknown = {}): { ok: false; reply: AfdianEnvelope } {
  return { ok: false, reply: { ec, em, data } };
}

/** Param values arrive as numbers or numeric strings ("1"), depending on the client SDK. */
export function intParam(v: unknown, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) ? n : fallback;
}

export function strParam(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function listParam(v: unknown): string[] {
  return strParam(v).split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function page<T>(items: readonly T[], pageNo: number, perPage: number): { list: T[]; total_count: number; total_page: number } {
  const start = (Math.max(1, pageNo) - 1) * perPage;
  return { list: items.slice(start, start + perPage), total_count: items.length, total_page: Math.ceil(items.length / perPage) };
}

export const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));
