import { PlatformError } from '../../http/errors.js';
import { sleep } from '../../http/timing.js';

/** Fanbook's only published limit: 10002 "limit for bot send per 1 second" (HTTP 400). */
export const SEND_LIMIT_CODE = '10002';
/** A refused send is tried again this many times, each after a full second of the bot's budget. */
const RETRIES = 3;
/**
 * Sends are spaced a fifth wider than the budget: a send held up on the way reaches Fanbook later
 * than it left, so exact spacing would let the next one land inside the same second.
 */
const SLACK = 1.2;

/**
 * Paces one bot's sends so Fanbook's per-second send limit is not hit: every send takes the next
 * free slot, in call order. When Fanbook still answers 10002, it refused the message (nothing was
 * sent), so the send waits for a fresh second and goes again; any other failure is not retried here.
 */
export class SendPacer {
  #next = 0;
  #spacingMs: number;

  constructor(
    sendsPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#spacingMs = Math.ceil((1000 / sendsPerSecond) * SLACK);
  }

  /** Waits for this send's slot (cancellable with the call). */
  async turn(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#spacingMs;
    if (at > now) await sleep(at - now, signal);
  }

  /** Runs `send` in its slot, again after a 10002 refusal (at most RETRIES times). */
  async send<T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.turn(signal);
      try {
        return await send();
      } catch (err) {
        if (attempt >= RETRIES || !refusedForRate(err)) throw err;
        // Fanbook allows this bot less than configured: from here on one send a second (what a bot
        // off the whitelist gets), starting a second from now, when its count has run out.
        const second = Math.ceil(1000 * SLACK);
        this.#spacingMs = Math.max(this.#spacingMs, second);
        this.#next = Math.max(this.#next, this.now() + second);
      }
    }
  }
}

/** 10002 is a refusal: Fanbook did not send the message, so sending again cannot duplicate it. */
function refusedForRate(err: unknown): boolean {
  return err instanceof PlatformError && String(err.code) === SEND_LIMIT_CODE && err.delivery === 'not-processed';
}
