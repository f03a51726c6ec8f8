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
  async acquire(bucket: string, signal?: AbortSignal): Promise<void> {
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
    const windows = [{ limit: this.policy.limit, windowMs: this.policy.windowMs }, ...(this.policy.also ?? [])];
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

  /** Learns from the platform: no requests left means none until the reset. */
  observe(bucket: string, headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = headers.get('x-ratelimit-reset');
    if (!Number.isFinite(remaining) || remaining > 0 || reset === null) return;
    const value = Number(reset);
    if (!Number.isFinite(value)) return;
    // Reset is either epoch seconds or seconds from now; epoch values are far larger.
    const until = value > 1e9 ? value * 1000 : this.now() + value * 1000;
    this.blockedUntil.set(bucket, Math.max(until, this.blockedUntil.get(bucket) ?? 0));
  }

  private stamps(bucket: string): number[] {
    let s = this.sent.get(bucket);
    if (!s) this.sent.set(bucket, (s = []));
    return s;
  }
}
