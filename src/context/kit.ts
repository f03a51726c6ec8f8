import { describeError } from '../http/errors.js';
import type { ReviewLedger } from '../ledger/review-ledger.js';

/**
 * Building blocks for AutomationContexts. Platform answers are untrusted JSON: every reader here
 * accepts anything (null, wrong types, extra fields) and a failing section is reported in place.
 */
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objs = (v: unknown): Json[] => arr(v).filter((x): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x));
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);
export const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
export const bool = (v: unknown): boolean => v === true;

/** Long fan text costs tokens and hides the decision; a preview with a marker tells the agent where the rest is. */
export const PREVIEW_CHARS = 140;
export function preview(text: unknown, max = PREVIEW_CHARS): { text: string | null; truncated?: true } {
  const s = str(text);
  if (s === null) return { text: null };
  const chars = [...s];
  return chars.length <= max ? { text: s } : { text: `${chars.slice(0, max).join('')}…`, truncated: true };
}

/** `key` and, when shortened, `keyTruncated: true` beside it. */
export function previewField(key: string, text: unknown, max = PREVIEW_CHARS): Json {
  const p = preview(text, max);
  return p.truncated ? { [key]: p.text, [`${key}Truncated`]: true } : { [key]: p.text };
}

export function isoOf(ms: number | null): string | null {
  // A finite number can still be outside Date's range (±8.64e15 ms), where toISOString throws.
  const d = ms === null ? null : new Date(ms);
  return d === null || Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Milliseconds from an ISO string, epoch seconds or epoch milliseconds. */
export function timeOf(v: unknown): number | null {
  if (typeof v === 'string' && v !== '' && Number.isNaN(Number(v))) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  const n = num(v);
  if (n === null || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

/** "2d 3h", "45m": how long someone has been waiting, readable at a glance. */
export function ago(fromMs: number | null, nowMs: number): string | null {
  if (fromMs === null) return null;
  const m = Math.max(0, Math.round((nowMs - fromMs) / 60_000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/**
 * Collects sections: a view that throws (sync or async) becomes `{error}` in its place and its
 * name is listed in `failedSections`, so one odd answer never hides the rest or escapes as a rejection.
 */
export class Sections {
  readonly failed: string[] = [];

  async run<R>(name: string, what: string, f: () => R | Promise<R>): Promise<R | { error: string }> {
    try {
      return await f();
    } catch (err) {
      this.failed.push(name);
      return { error: describeError(err, what) };
    }
  }

  /** Settles a call now so that a view can later read it without an unobserved rejection. */
  static settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
    return p.then(
      (value) => ({ status: 'fulfilled', value }) as const,
      (reason: unknown) => ({ status: 'rejected', reason }) as const,
    );
  }
}

export function value<T>(r: PromiseSettledResult<T>): T {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
}

/** How much detail: a platform's own context, or its part of the combined one (about half). */
export type Detail = 'full' | 'summary';

export interface ContextOptions {
  ledger: ReviewLedger;
  detail: Detail;
  now: number;
}

/**
 * A bounded list: the first `limit` items with how many there were and where the rest is.
 * Never a cut JSON text: lists are cut by items.
 */
export function top<T>(items: readonly T[], limit: number, more: string, total = items.length): { items: T[]; total: number; more?: string } {
  const shown = items.slice(0, limit);
  return { items: shown, total, ...(total > shown.length ? { more } : {}) };
}

/** Drops what the ledger says was handled; also tells how many were. */
export async function unhandled<T extends { id: string }>(ledger: ReviewLedger, items: readonly T[]): Promise<{ items: T[]; handled: number }> {
  const done = await ledger.handled(items.map((i) => i.id));
  return { items: items.filter((i) => !done.has(i.id)), handled: done.size };
}

const DAY = 86_400_000;

/**
 * Earnings per UTC day over `days` days ending now, against the `days` before them. `amounts`
 * may cover less than both periods: `coveredFrom` says from when the figures are complete.
 */
export function dailyTrend(amounts: ReadonlyArray<{ at: number; amount: number }>, days: number, nowMs: number, coveredFrom: number | null = null) {
  const start = Math.floor(nowMs / DAY) * DAY - (days - 1) * DAY;
  const prevStart = start - days * DAY;
  const perDay = new Array<number>(days).fill(0);
  let previous = 0;
  for (const { at, amount } of amounts) {
    if (at >= start) {
      const i = Math.floor((at - start) / DAY);
      if (i < days) perDay[i] = (perDay[i] ?? 0) + amount;
    } else if (at >= prevStart) previous += amount;
  }
  const total = round2(perDay.reduce((a, b) => a + b, 0));
  const prev = coveredFrom !== null && coveredFrom > prevStart ? null : round2(previous);
  return {
    days,
    from: isoOf(start)?.slice(0, 10),
    perDay: perDay.map(round2),
    total,
    previousPeriodTotal: prev,
    change: prev === null || prev === 0 ? null : `${total >= prev ? '+' : ''}${Math.round(((total - prev) / prev) * 100)}%`,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
