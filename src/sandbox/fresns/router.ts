import type { Ids } from './seed.js';
import type { SimState, SimUser } from './types.js';

/** A Fresns refusal: answered as HTTP 200 `{code, message, data: null}`. */
export class SimError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a route may require in public mode: nothing, an account, or account and user. */
export type RouteLogin = 'none' | 'aid' | 'uid';

export interface Ctx {
  state: SimState;
  /** The Fresns API the simulator speaks: 2 (`/api/v2`) or 3 (`/api/fresns/v1`). */
  version: 2 | 3;
  params: Record<string, string>;
  query: URLSearchParams;
  /** JSON body, or the text fields of a multipart body. */
  body: Record<string, unknown>;
  files: Map<string, File>;
  aid?: string;
  /** The account token the request carried (3.x answers echo it in `authToken`). */
  aidToken?: string;
  uid?: number;
  /** The logged-in user, when uid was sent. */
  me?: SimUser;
  now: number;
  baseUrl: string;
  ids: Ids;
}

/** A route's answer: `data` (with an optional "[3xxxx] …" warning message). */
export interface Reply {
  data: unknown;
  message?: string;
}

export interface Route {
  method: string;
  /** `/api/v2/post/{pid}/detail`; `{name#}` only matches digits. */
  path: string;
  name: string;
  login: RouteLogin;
  write?: boolean;
  handle(ctx: Ctx): Reply | Promise<Reply>;
}

export const ok = (data: unknown = null): Reply => ({ data });

export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((seg, i) => {
      const part = parts[i] ?? '';
      const m = /^\{(\w+)(#?)\}$/.exec(seg);
      if (!m) return seg === part;
      if (m[2] === '#' && !/^\d+$/.test(part)) return false;
      params[m[1] as string] = decodeURIComponent(part);
      return part !== '';
    });
    if (matched) return { route, params };
  }
  return undefined;
}

/** Laravel-style validation of one argument from the query or the body. */
export function arg(ctx: Ctx, name: string): unknown {
  return Object.hasOwn(ctx.body, name) ? ctx.body[name] : (ctx.query.get(name) ?? undefined);
}

const invalid = (name: string, what: string) => new SimError(30000, `The ${name} ${what}.`);

export function str(ctx: Ctx, name: string, opts: { required?: boolean; in?: readonly string[]; max?: number } = {}): string | undefined {
  const v = arg(ctx, name);
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw invalid(name, 'field is required');
    return undefined;
  }
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string') throw invalid(name, 'must be a string');
  if (opts.in && !opts.in.includes(s)) throw invalid(name, `must be one of: ${opts.in.join(', ')}`);
  if (opts.max !== undefined && s.length > opts.max) throw invalid(name, `must not be greater than ${opts.max} characters`);
  return s;
}

export function int(ctx: Ctx, name: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
  const v = arg(ctx, name);
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw invalid(name, 'field is required');
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw invalid(name, 'must be an integer');
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw invalid(name, `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}`);
  }
  return n;
}

/** Laravel's boolean rule: true, false, 1, 0, "1", "0" (not "true"/"false" strings). */
export function bool(ctx: Ctx, name: string): boolean | undefined {
  const v = arg(ctx, name);
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 1 || v === '1') return true;
  if (v === false || v === 0 || v === '0') return false;
  throw invalid(name, 'field must be true or false');
}

export function paginate<T>(ctx: Ctx, items: readonly T[], max = 30): { pagination: { total: number; pageSize: number; currentPage: number; lastPage: number }; list: T[] } {
  const pageSize = int(ctx, 'pageSize', { min: 1, max }) ?? 15;
  const currentPage = int(ctx, 'page', { min: 1 }) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  return {
    pagination: { total: items.length, pageSize, currentPage, lastPage },
    list: items.slice((currentPage - 1) * pageSize, currentPage * pageSize),
  };
}

/** "Y-m-d H:i:s" in UTC, as Fresns formats datetimes. */
export function datetime(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function timeAgo(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

/** whitelistKeys / blacklistKeys with dot notation, applied to one item. */
export function filterKeys(item: unknown, whitelist?: string, blacklist?: string): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  const paths = (s?: string) => (s ? s.split(',').map((k) => k.trim()).filter(Boolean) : []);
  let out: Record<string, unknown> = structuredClone(item) as Record<string, unknown>;
  const keep = paths(whitelist);
  if (keep.length) {
    const picked: Record<string, unknown> = {};
    for (const p of keep) {
      const value = p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), out);
      if (value === undefined) continue;
      const keys = p.split('.');
      let at = picked;
      keys.slice(0, -1).forEach((k) => (at = (at[k] ??= {}) as Record<string, unknown>));
      at[keys[keys.length - 1] as string] = value;
    }
    out = picked;
  }
  for (const p of paths(blacklist)) {
    const keys = p.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), out);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[keys[keys.length - 1] as string];
  }
  return out;
}

/** Applies the request's key filters to a detail or to every item of a list. */
export function withKeyFilters(ctx: Ctx, data: unknown): unknown {
  const w = ctx.query.get('whitelistKeys') ?? undefined;
  const b = ctx.query.get('blacklistKeys') ?? undefined;
  if (!w && !b) return data;
  const d = data as { list?: unknown[]; detail?: unknown } | null;
  if (d && Array.isArray(d.list)) return { ...d, list: d.list.map((i) => filterKeys(i, w, b)) };
  if (d && d.detail) return { ...d, detail: filterKeys(d.detail, w, b) };
  return filterKeys(data, w, b);
}

export function need<T>(value: T | undefined | null, code: number, message: string): T {
  if (value === undefined || value === null) throw new SimError(code, message);
  return value;
}
