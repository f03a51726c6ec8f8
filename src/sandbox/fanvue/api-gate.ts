import type { SimResponse } from '../sim-host.js';

export const API_VERSION = '2025-06-26';
export const NEXT_VERSION = '2026-09-01';

/** What the simulated API says about the version in use; tests and curious users switch it. */
export type VersionState = 'current' | 'deprecated' | 'sunset';

const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

/** Missing or unknown version → 400; a sunset version → 410 with nextVersion. */
export function checkVersion(header: string | string[] | undefined, state: VersionState): SimResponse | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return json(400, { error: 'Unsupported API version', message: 'The X-Fanvue-API-Version header is required' });
  if (v !== API_VERSION) return json(400, { error: 'Unsupported API version', message: `API version '${v}' is not supported` });
  if (state === 'sunset') return json(410, { error: 'API version sunset', message: `API version '${v}' is no longer supported`, nextVersion: NEXT_VERSION });
  return undefined;
}

export function deprecationHeaders(state: VersionState): Record<string, string> {
  if (state !== 'deprecated') return {};
  return { deprecation: '@1790000000', sunset: 'Wed, 01 Sep 2027 00:00:00 GMT', 'x-fanvue-api-next-version': NEXT_VERSION };
}

/**
 * Fanvue's budget: a bucket per authorizing user and app (one more per creator under
 * /creators/{uuid}/*) that refills fully every window. Every answer carries X-RateLimit-*.
 */
export class RateBuckets {
  readonly #windows = new Map<string, { start: number; count: number }>();
  /** How many requests were refused, for tests. */
  refused = 0;

  constructor(
    public limit: number,
    public windowMs: number,
  ) {}

  take(key: string, now: number): { allowed: boolean; headers: Record<string, string> } {
    let w = this.#windows.get(key);
    if (!w || now >= w.start + this.windowMs) this.#windows.set(key, (w = { start: now, count: 0 }));
    const allowed = w.count < this.limit;
    if (allowed) w.count++;
    else this.refused++;
    const reset = w.start + this.windowMs;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - w.count)),
      'x-ratelimit-reset': String(Math.ceil(reset / 1000)),
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil((reset - now) / 1000)));
    return { allowed, headers };
  }

  reset(): void {
    this.#windows.clear();
    this.refused = 0;
  }
}
