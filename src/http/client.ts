import type { Logger } from '../log.js';
import type { HttpMethod } from '../platforms/types.js';
import { CancelledError, PlatformError, type Delivery } from './errors.js';
import { parseJson, unreadableJson } from './json.js';
import type { RateLimiter, SharedBuckets, SharedScope } from './rate-limit.js';
import type { SecretSet } from './redact.js';
import { linkSignals, parseRetryAfter, sleep } from './timing.js';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | FormData | Uint8Array;
  /**
   * 'read' is retried on network errors, 5xx and 429. 'write' only on 429 and a refused
   * connection: the two answers that prove the platform did not process it.
   */
  retry: 'read' | 'write';
  signal?: AbortSignal;
  /** Whose rate budget the request spends (e.g. the app and the logged-in user), for the rate limiter. */
  principal?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Platform-specific reading of an error body: its code, its text and what to do about it. */
export type ErrorReader = (
  status: number,
  body: string,
  headers: Headers,
) => { code?: string | number; message?: string; hint?: string };

export interface HttpClientOptions {
  /** Display name used in every message, e.g. "Afdian". */
  platform: string;
  secrets: SecretSet;
  log: Logger;
  readError?: ErrorReader;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest Retry-After the client waits for by itself; longer ones are reported to the agent. */
  maxRetryAfterMs?: number;
  baseDelayMs?: number;
  fetch?: typeof fetch;
  /** Client-side budget shared by every call of this platform in the process. */
  rateLimiter?: RateLimiter;
  /** Buckets shared by every instance (the Redis store); unset = this process counts alone. */
  sharedBuckets?: SharedBuckets;
  /** Extra headers on every request (e.g. an API version). */
  defaultHeaders?: Record<string, string>;
  /** Largest response body read into memory (CREATOR_MCP_MAX_RESPONSE_BYTES); larger ones are cut off unread. */
  maxResponseBytes?: number;
  /** Whose rate-limit buckets these are, `<platform>:<account>` (a shared store keys buckets by it); default: the platform. */
  scope?: string;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The body was larger than the cap; carries nothing of the body itself. */
class TooLargeError extends Error {
  constructor(readonly declared: boolean) {
    super('response too large');
  }
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The one HTTP path of every platform: timeout, cancellation, safe retries, Retry-After and
 * redaction live here and nowhere else.
 */
export class HttpClient {
  readonly platform: string;
  readonly scope: string;
  private readonly opts: Required<Omit<HttpClientOptions, 'readError' | 'rateLimiter' | 'defaultHeaders' | 'scope' | 'sharedBuckets'>> &
    Pick<HttpClientOptions, 'readError' | 'rateLimiter' | 'defaultHeaders'>;
  private readonly shared?: SharedScope;

  constructor(options: HttpClientOptions) {
    this.platform = options.platform;
    this.scope = options.scope ?? options.platform;
    this.opts = {
      timeoutMs: 30_000,
      maxAttempts: 3,
      maxRetryAfterMs: 10_000,
      baseDelayMs: 250,
      fetch: globalThis.fetch,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as HttpClientOptions),
    };
    if (options.sharedBuckets) this.shared = { buckets: options.sharedBuckets, scope: this.scope };
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const { maxAttempts, rateLimiter } = this.opts;
    const bucket = rateLimiter?.bucketOf(req.url, req.principal);
    const headers = this.opts.defaultHeaders ? { ...this.opts.defaultHeaders, ...req.headers } : req.headers;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= maxAttempts;
      let res: Response;
      // The wait for the rate-limit bucket is not part of the attempt's deadline: it could be longer
      // than the deadline, and a write that timed out there was never sent, yet would read as "may have been".
      if (rateLimiter && bucket !== undefined) {
        try {
          await rateLimiter.acquire(bucket, req.signal, this.shared);
        } catch (err) {
          // Cancelled while waiting for the bucket: nothing left this process.
          if (req.signal?.aborted) throw new CancelledError('not-processed');
          throw err;
        }
      }
      const attemptSignal = linkSignals([req.signal], attemptTimeoutMs(this.opts.timeoutMs, req.body));
      try {
        res = await this.opts.fetch(req.url, {
          method: req.method,
          headers,
          body: req.body,
          signal: attemptSignal.signal,
          // undici clones a request unless redirect is 'error', and the clone tees the body: a
          // streamed upload would then be buffered whole (RSS grew by the file size on Node 20).
          redirect: req.body instanceof FormData ? 'error' : 'manual',
        });
      } catch (err) {
        attemptSignal.dispose();
        const failure = this.classify(err, req);
        if (failure.retry && !last) {
          await this.pause(attempt, undefined, req, `${failure.reason}`);
          continue;
        }
        throw failure.error;
      }

      if (rateLimiter && bucket !== undefined) rateLimiter.observe(bucket, res.headers, this.shared);
      let text: string;
      try {
        text = await readCapped(res, this.opts.maxResponseBytes);
      } catch (err) {
        // The same request would get the same answer: never retried, whatever the method.
        if (err instanceof TooLargeError) throw this.tooLarge(res, req);
        if (req.signal?.aborted) throw new CancelledError(req.retry === 'write' ? 'unknown' : 'not-processed');
        // A read is safe to repeat after any network failure, this one included.
        if (req.retry === 'read' && !last) {
          attemptSignal.dispose();
          await this.pause(attempt, undefined, req, `response body broke off (${describeCause(err)})`);
          continue;
        }
        // Headers arrived, the body did not: the platform has acted on the request.
        throw this.error({
          status: res.status,
          platformMessage: `the response body broke off (${describeCause(err)})`,
          delivery: res.ok ? 'processed' : req.retry === 'read' ? 'not-processed' : 'unknown',
          hint: res.ok && req.retry === 'write' ? 'The write was most likely applied: check before repeating it.' : undefined,
          cause: err,
        });
      } finally {
        attemptSignal.dispose();
      }

      if (res.ok) return { status: res.status, headers: res.headers, text };

      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      if (res.status === 429) {
        const tooLong = retryAfterMs !== undefined && retryAfterMs > this.opts.maxRetryAfterMs;
        if (!tooLong && !last) {
          await this.pause(attempt, retryAfterMs, req, 'HTTP 429');
          continue;
        }
        throw this.httpError(res, text, 'not-processed', retryAfterMs);
      }
      if (res.status >= 500 && req.retry === 'read' && !last) {
        await this.pause(attempt, Math.min(retryAfterMs ?? 0, this.opts.maxRetryAfterMs) || undefined, req, `HTTP ${res.status}`);
        continue;
      }
      throw this.httpError(res, text, res.status >= 500 && req.retry === 'write' ? 'unknown' : 'not-processed', retryAfterMs);
    }
  }

  /** `send` plus JSON parsing of the body, whatever its content type. */
  async sendJson(req: HttpRequest, options: { lossless?: boolean } = {}): Promise<{ status: number; headers: Headers; data: unknown }> {
    const res = await this.send(req);
    try {
      return { status: res.status, headers: res.headers, data: parseJson(res.text, options.lossless ?? false) };
    } catch (err) {
      throw this.error({
        status: res.status,
        platformMessage: unreadableJson(res.status, res.text, err),
        delivery: req.retry === 'write' ? 'unknown' : 'not-processed',
        hint:
          req.retry === 'write'
            ? 'The write may have been applied: check the platform before repeating it.'
            : 'The platform or a proxy in front of it returned an error page; try again later.',
      });
    }
  }

  private classify(err: unknown, req: HttpRequest): { retry: boolean; reason: string; error: Error } {
    const write = req.retry === 'write';
    if (req.signal?.aborted) return { retry: false, reason: 'cancelled', error: new CancelledError(write ? 'unknown' : 'not-processed') };
    if (isTimeout(err)) {
      const seconds = Math.round(attemptTimeoutMs(this.opts.timeoutMs, req.body) / 1000);
      return {
        retry: !write,
        reason: 'timeout',
        error: this.error({
          platformMessage: `no answer within ${seconds} s`,
          delivery: write ? 'unknown' : 'not-processed',
          hint: write
            ? 'The write may have been applied: check the platform before repeating it.'
            : 'The platform is slow or unreachable; try again later.',
          cause: err,
        }),
      };
    }
    const code = causeCode(err);
    // undici reports every transport failure as TypeError("fetch failed") with a cause; anything
    // else is a bug here, not a network condition, and must not be retried or disguised.
    if (code === undefined && !(err instanceof TypeError && err.message === 'fetch failed')) {
      return { retry: false, reason: 'bug', error: err instanceof Error ? err : new Error(String(err)) };
    }
    const refused = code !== undefined && REFUSED.has(code);
    const delivery: Delivery = refused || !write ? 'not-processed' : 'unknown';
    return {
      retry: refused || !write,
      reason: code ?? 'network error',
      error: this.error({
        platformMessage: refused ? `could not connect (${code})` : `the connection failed (${describeCause(err)})`,
        delivery,
        hint: refused
          ? 'Check the base URL and your network; nothing was sent.'
          : write
            ? 'The write may have been applied: check the platform before repeating it.'
            : 'Try again later.',
        cause: err,
      }),
    };
  }

  private async pause(attempt: number, retryAfterMs: number | undefined, req: HttpRequest, reason: string): Promise<void> {
    const backoff = Math.min(4_000, this.opts.baseDelayMs * 2 ** (attempt - 1)) + Math.random() * 100;
    const ms = retryAfterMs ?? backoff;
    this.opts.log.warn(
      `${this.platform}: ${reason} on ${req.method} ${pathOf(req.url)}; retrying in ${(ms / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.opts.maxAttempts})`,
      req.signal,
    );
    try {
      await sleep(ms, req.signal);
    } catch {
      throw new CancelledError(req.retry === 'write' ? 'not-processed' : 'not-processed');
    }
  }

  private tooLarge(res: Response, req: HttpRequest): PlatformError {
    const cap = this.opts.maxResponseBytes;
    // The platform answered, so a write was acted on (2xx) or refused (4xx) like any other answer.
    const delivery: Delivery = res.ok ? (req.retry === 'write' ? 'processed' : 'not-processed') : res.status >= 500 && req.retry === 'write' ? 'unknown' : 'not-processed';
    return this.error({
      status: res.status,
      platformMessage: `answered HTTP ${res.status} with a body larger than the ${formatBytes(cap)} limit (CREATOR_MCP_MAX_RESPONSE_BYTES); it was not read`,
      delivery,
      hint:
        req.retry === 'write' && res.ok
          ? 'The write was applied; do not repeat it. Raise CREATOR_MCP_MAX_RESPONSE_BYTES to see such answers.'
          : 'Ask for less (a smaller page size, a narrower filter or a date range), or raise CREATOR_MCP_MAX_RESPONSE_BYTES.',
    });
  }

  private httpError(res: Response, text: string, delivery: Delivery, retryAfterMs: number | undefined): PlatformError {
    const read = this.opts.readError?.(res.status, text, res.headers) ?? {};
    const retryAfterSec = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    let hint = read.hint;
    if (res.status === 429) hint ??= `Rate limited: wait ${retryAfterSec ?? 60} s before calling again.`;
    // A platform's "try again later" must not stand alone on a write that may have been applied.
    else if (delivery === 'unknown') hint = [hint, 'The write may have been applied: check the platform before repeating it.'].filter(Boolean).join(' ');
    else if (res.status >= 500) hint ??= 'The platform had a server error; try again later.';
    return this.error({
      status: res.status,
      code: read.code,
      platformMessage: read.message ?? (text.slice(0, 200) || res.statusText),
      hint,
      retryAfterSec,
      delivery,
    });
  }

  private error(init: Omit<ConstructorParameters<typeof PlatformError>[0], 'platform'>): PlatformError {
    return new PlatformError({
      ...init,
      platform: this.platform,
      platformMessage: init.platformMessage === undefined ? undefined : this.opts.secrets.redact(init.platformMessage),
    });
  }
}

/**
 * Reads the body chunk by chunk and stops at the cap, so a huge answer costs at most `cap`
 * bytes of memory instead of its whole size (and its decoded copy).
 */
async function readCapped(res: Response, cap: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLargeError(true);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(false);
    }
    chunks.push(value);
  }
  // TextDecoder, like Response.text(), drops a UTF-8 BOM.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || (err.cause instanceof Error && err.cause.name === 'TimeoutError'));
}

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describeCause(err: unknown): string {
  return causeCode(err) ?? (err instanceof Error ? err.message : String(err));
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '?';
  }
}

/** The slowest upload a deadline allows for: below this, sending a file is a failure, not a wait. */
const MIN_UPLOAD_BYTES_PER_SECOND = 1024 * 1024;

/**
 * The deadline of one attempt. An attempt's clock covers sending the body too, so a file upload
 * gets the usual time plus a second per MiB: a 2 GiB file over a link slower than about 70 MB/s
 * would otherwise fail after 30 s, and as a write it is never retried.
 */
export function attemptTimeoutMs(baseMs: number, body: HttpRequest['body']): number {
  if (!(body instanceof FormData)) return baseMs;
  let bytes = 0;
  for (const [, value] of body) if (typeof value !== 'string') bytes += value.size;
  return baseMs + Math.ceil((bytes / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
}
