import { RateLimiter } from '../../http/rate-limit.js';
import type { FanvueConfig } from './config.js';

/** Fanvue's published budget: 200 requests per 60 s per authorizing user and app. */
export const FANVUE_RATE_LIMIT = { limit: 200, windowMs: 60_000 };

const CREATOR_PATH = /^\/creators\/([^/]+)\//;

/**
 * Which of Fanvue's buckets a request spends from: every /creators/{uuid}/* route has its own
 * per creator, everything else on the API (self routes, /agencies) shares one. Requests to the
 * authorization server and to presigned storage URLs are not part of the API budget.
 */
export function fanvueBucketOf(cfg: Pick<FanvueConfig, 'apiBaseUrl'>): (url: string) => string {
  const api = new URL(cfg.apiBaseUrl);
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return 'other';
    }
    if (u.host !== api.host) return `other:${u.host}`;
    const creator = CREATOR_PATH.exec(u.pathname.slice(api.pathname.replace(/\/$/, '').length));
    return creator ? `creator:${creator[1]}` : 'self';
  };
}

export function fanvueRateLimiter(cfg: Pick<FanvueConfig, 'apiBaseUrl'>, now?: () => number): RateLimiter {
  return new RateLimiter({ ...FANVUE_RATE_LIMIT, bucketOf: fanvueBucketOf(cfg) }, now);
}
