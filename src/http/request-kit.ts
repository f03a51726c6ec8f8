import type { OperationKind } from '../platforms/types.js';
import { ConfigError, PlatformError } from './errors.js';

/**
 * The request mechanics every platform client needs and none should write again: the path from
 * an operation's `{param}` placeholders, the retry class its kind allows, a bearer request that
 * survives one token refresh, and the registration of secrets learnt while running.
 */

/** Reads may be retried on any failure; a write only where the platform certainly did not get it. */
export function retryClass(kind: OperationKind): 'read' | 'write' {
  return kind === 'read' ? 'read' : 'write';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * `{param}` placeholders filled from the input, each value percent-encoded as one path segment.
 * Returns the names it used, so the caller sends only the rest as query or body. A missing or
 * empty value, or a list or object, is refused before anything is sent.
 */
export function fillPath(template: string, input: Readonly<Record<string, unknown>>): { path: string; used: Set<string> } {
  const used = new Set<string>();
  const path = template.replace(PLACEHOLDER, (_, name: string) => {
    used.add(name);
    const value = input[name];
    if (value === undefined || value === null || value === '') throw new ConfigError(`${name} is required: it is part of the request path. Nothing was sent`);
    if (typeof value === 'object' || typeof value === 'function') {
      throw new ConfigError(`${name} must be a single value: it is part of the request path. Nothing was sent`);
    }
    // URLs resolve "." and ".." segments (encoded or not), which would send the request to another route.
    if (value === '.' || value === '..') throw new ConfigError(`${name} cannot be "${value}". Nothing was sent`);
    return encodeURIComponent(String(value));
  });
  return { path, used };
}

/**
 * A success status with a body the client cannot use (not JSON, not the platform's envelope, a
 * proxy's page). A read changed nothing and may be asked again; a write may have been applied,
 * so it is reported as such and never repeated by itself.
 */
export function unusableAnswer(init: { platform: string; status: number; message: string; retry: 'read' | 'write'; hint?: string }): PlatformError {
  const write = init.retry === 'write';
  return new PlatformError({
    platform: init.platform,
    status: init.status,
    platformMessage: init.message,
    delivery: write ? 'unknown' : 'not-processed',
    hint: [init.hint, write ? 'The write may have been applied: check before repeating it.' : 'Try again later.'].filter(Boolean).join(' '),
  });
}

/** Where a bearer token comes from; `refresh` is shared by concurrent callers and spends a refresh token at most once. */
export interface BearerSource {
  accessToken(): Promise<string>;
  /** A token newer than `stale`, which the platform refused. */
  refresh(stale: string): Promise<string>;
}

/**
 * One request with the current access token. A 401 the platform certainly did not act on (an
 * expired or revoked token) refreshes the token once and sends once more, so even a write is
 * never repeated after it may have been processed. A second refusal is the caller's to explain.
 */
export async function withBearer<T>(source: BearerSource, send: (token: string) => Promise<T>): Promise<T> {
  const token = await source.accessToken();
  try {
    return await send(token);
  } catch (err) {
    if (!(err instanceof PlatformError && err.status === 401 && err.delivery === 'not-processed')) throw err;
    return send(await source.refresh(token));
  }
}

/** Where values learnt at run time (session and rotated tokens) are registered, so results, errors and logs mask them. */
export interface SecretSink {
  add(...values: Array<string | undefined>): void;
}

/**
 * A login answer with its token fields taken out: their string values are registered as secrets
 * first, so even a copy kept elsewhere (a log line, an error quoting the answer) is masked.
 */
export function takeSecrets<T extends Record<string, unknown>, K extends string>(answer: T, keys: readonly K[], sink: SecretSink): Omit<T, K> {
  const kept: Record<string, unknown> = { ...answer };
  for (const key of keys) {
    const value = kept[key];
    if (typeof value === 'string') sink.add(value);
    delete kept[key];
  }
  return kept as Omit<T, K>;
}
