/**
 * Whether the platform may have acted on a request that failed. An agent must know this before
 * it repeats a write: 'not-processed' is safe to retry, 'unknown' is not.
 */
export type Delivery = 'not-processed' | 'unknown' | 'processed';

export interface PlatformErrorInit {
  platform: string;
  status?: number;
  code?: string | number;
  platformMessage?: string;
  /** What the user or agent should do next. */
  hint?: string;
  retryAfterSec?: number;
  delivery: Delivery;
  cause?: unknown;
}

/** The platform refused or could not be reached. Becomes one actionable `isError` tool result. */
export class PlatformError extends Error {
  readonly platform: string;
  readonly status?: number;
  readonly code?: string | number;
  readonly platformMessage?: string;
  readonly hint?: string;
  readonly retryAfterSec?: number;
  readonly delivery: Delivery;

  constructor(init: PlatformErrorInit) {
    super(init.platformMessage ?? `HTTP ${init.status ?? 'error'}`, { cause: init.cause });
    this.name = 'PlatformError';
    this.platform = init.platform;
    this.status = init.status;
    this.code = init.code;
    this.platformMessage = init.platformMessage;
    this.hint = init.hint;
    this.retryAfterSec = init.retryAfterSec;
    this.delivery = init.delivery;
  }
}

/** Credentials are missing or no longer valid; the hint names the command that fixes it. */
export class AuthRequiredError extends Error {
  constructor(
    readonly platform: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthRequiredError';
  }
}

/** The MCP client cancelled the request. */
export class CancelledError extends Error {
  constructor(readonly delivery: Delivery) {
    super('cancelled by the client');
    this.name = 'CancelledError';
  }
}

/** Bad configuration: reported as one line on stderr with exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The shared state store (Redis) cannot be reached; the message says what to do. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

const DELIVERY_NOTE: Record<Delivery, string> = {
  'not-processed': '',
  processed: 'The platform processed the request.',
  unknown: 'The request may have been sent and processed: it was not retried.',
};

/** One sentence for an agent or a person: who failed, the status and code, what to do next. */
export function describeError(err: unknown, what: string): string {
  if (err instanceof PlatformError) {
    const parts = [
      err.status !== undefined ? `HTTP ${err.status}` : undefined,
      err.code !== undefined ? `code ${err.code}` : undefined,
    ].filter(Boolean);
    const head = `${err.platform} ${what} failed${parts.length ? ` (${parts.join(', ')})` : ''}: ${err.platformMessage ?? err.message}.`;
    return [head, DELIVERY_NOTE[err.delivery], err.hint].filter(Boolean).join(' ');
  }
  if (err instanceof AuthRequiredError) return `${err.platform} ${what}: ${err.message}`;
  if (err instanceof ConfigError) return `${what}: ${err.message}.`;
  if (err instanceof StoreUnavailableError) return `${what}: ${err.message}`;
  if (err instanceof CancelledError) {
    return `${what} was cancelled by the client. ${err.delivery === 'unknown' ? DELIVERY_NOTE.unknown : 'Nothing was changed.'}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${what} failed unexpectedly: ${message}`;
}
