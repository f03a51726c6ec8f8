import { sleep } from './timing.js';

export interface RateLimitPolicy {
  /** Requests allowed per window in one bucket. */
  limit: number;
  windowMs: number;
  /** Further windows every bucket must also respect (e.g. 10 per second and 1,000 per hour). */
  also?: ReadonlyArray<{ limit: number; windowMs: number }>;
  /**
   * Which bucket a request spends from, by its URL and whose budget it is (e.g. one per app and
   * user, one more per creator path); undefined = not limited.
   */
  bucketOf(url: string, principal?: string): string | undefined;
}

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Buckets kept outside the process, so several instances spend one platform account's budget
 * together. `take` spends one request when every window has room (resolves 0) or resolves how
 * long to wait; it is one atomic step, so two instances never both take the last place.
 */
export interface SharedBuckets {
  take(key: string, windows: readonly RateWindow[]): Promise<number>;
  /** The platform said the bucket is empty until `untilMs` (epoch ms). */
  block(key: string, untilMs: number): Promise<void>;
}

/** Where a limiter spends: a shared store, under the platform account's scope. */
export interface SharedScope {
  buckets: SharedBuckets;
  /** `<platform>:<account>`: each account has its own budget. */
  scope: string;
}

/**
 * A client-side sliding-window limiter: an agent fanning out 50 calls waits its turn here
 * instead of collecting 429s. The platform's own X-RateLimit-* answers correct it when another
 * process shares the same budget.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  bucketOf(url: string, principal?: string): string | undefined {
    return this.policy.bucketOf(url, principal);
  }

  /** Waits until the bucket has room, then spends one request from it. */
  async acquire(bucket: string, signal?: AbortSignal, shared?: SharedScope): Promise<void> {
    if (shared) {
      for (;;) {
        const wait = await shared.buckets.take(`${shared.scope}|${bucket}`, this.windows());
        if (wait <= 0) return;
        await sleep(wait, signal);
      }
    }
    for (;;) {
      const wait = this.waitMs(bucket);
      if (wait <= 0) {
        this.stamps(bucket).push(this.now());
        return;
      }
      await sleep(wait, signal);
    }
  }

  /** How long the next request in this bucket would wait (0 = it may go now). */
  waitMs(bucket: string): number {
    const now = this.now();
    const stamps = this.stamps(bucket);
    const windows = this.windows();
    const longest = Math.max(...windows.map((w) => w.windowMs));
    while (stamps.length && (stamps[0] as number) <= now - longest) stamps.shift();
    const blocked = (this.blockedUntil.get(bucket) ?? 0) - now;
    let full = 0;
    for (const w of windows) {
      const inWindow = stamps.filter((t) => t > now - w.windowMs);
      // The oldest stamp inside the window decides when a place frees up.
      if (inWindow.length >= w.limit) full = Math.max(full, (inWindow[inWindow.length - w.limit] as number) + w.windowMs - now);
    }
    return Math.max(blocked, full, 0);
  }

  windows(): RateWindow[] {
    return [{ limit: this.policy.limit, windowMs: this.policy.windowMs }, ...(this.policy.also ?? [])];
  }

  /** Learns from the platform: no requests left means none until the reset. */
  observe(bucket: string, headers: Headers, shared?: SharedScope): void {
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = headers.get('x-ratelimit-reset');
    if (!Number.isFinite(remaining) || remaining > 0 || reset === null) return;
    const value = Number(reset);
    if (!Number.isFinite(value)) return;
    // Reset is either epoch seconds or seconds from now; epoch values are far larger.
    const until = value > 1e9 ? value * 1000 : this.now() + value * 1000;
    this.blockedUntil.set(bucket, Math.max(until, this.blockedUntil.get(bucket) ?? 0));
    // Best effort: the local block already holds this process back if the store is away.
    if (shared) void shared.buckets.block(`${shared.scope}|${bucket}`, until).catch(() => undefined);
  }

  private stamps(bucket: string): number[] {
    let s = this.sent.get(bucket);
    if (!s) this.sent.set(bucket, (s = []));
    return s;
  }
}
