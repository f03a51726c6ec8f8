import { RateLimiter } from '../../http/rate-limit.js';
import type { FanvueConfig } from './config.js';

/** Fanvue's published budget: 200 requests per 60 s per authorizing user and app. */
export const FANVUE_RATE_LIMIT = { limit: 200, windowMs: 60_000 };

const CREATOR_PATH = /^\/creators\/([^/]+)\//;

/**
 * Which of Fanvue's buckets a request spends from, keyed as Fanvue keys them:
 * `clientId:userUuid[:creatorUserUuid]`. Every /creators/{uuid}/* route has its own per creator,
 * everything else on the API (self routes, /agencies) shares the user's one; another user of the
 * same app, or the same user in another app, has buckets of their own. `principal` is the
 * logged-in user (the client passes it; "me" before it is known, as one process has one login).
 * Requests to the authorization server and to presigned storage URLs are not part of the budget.
 */
export function fanvueBucketOf(cfg: Pick<FanvueConfig, 'apiBaseUrl' | 'clientId'>): (url: string, principal?: string) => string {
  const api = new URL(cfg.apiBaseUrl);
  const app = cfg.clientId ?? 'app';
  return (url, principal) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return 'other';
    }
    // A presigned storage URL (S3 signs its query) is not Fanvue's API, wherever it is hosted.
    if (u.host !== api.host || u.searchParams.has('X-Amz-Signature')) return `other:${u.host}`;
    const creator = CREATOR_PATH.exec(u.pathname.slice(api.pathname.replace(/\/$/, '').length));
    return `${app}:${principal ?? 'me'}${creator ? `:${creator[1]}` : ''}`;
  };
}

export function fanvueRateLimiter(cfg: Pick<FanvueConfig, 'apiBaseUrl' | 'clientId'>, now?: () => number): RateLimiter {
  return new RateLimiter({ ...FANVUE_RATE_LIMIT, bucketOf: fanvueBucketOf(cfg) }, now);
}
