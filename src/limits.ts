import { ConfigError } from './http/errors.js';
import type { Env } from './platforms/types.js';

/** Bounds on memory and disk; each a setting because sites differ in what they need. */
export interface Limits {
  /** Largest upstream answer read into memory. */
  maxResponseBytes: number;
  inboxMaxEvents: number;
  inboxMaxAgeMs: number;
  /** Time a client has to send its request headers; slow-header clients are cut after it. */
  httpHeadersTimeoutMs: number;
  /** Time a client has to send a whole webhook body (and any request: Node's requestTimeout). */
  httpBodyTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this; a live /mcp response stream is not idle. */
  httpIdleTimeoutMs: number;
  /** Webhook requests served at once; more get 503 at once so /mcp and /healthz keep capacity. */
  webhookMaxConnections: number;
}

export const LIMIT_DEFAULTS: Limits = {
  maxResponseBytes: 16 * 1024 * 1024,
  inboxMaxEvents: 1000,
  inboxMaxAgeMs: 30 * 86_400_000,
  httpHeadersTimeoutMs: 10_000,
  httpBodyTimeoutMs: 30_000,
  httpIdleTimeoutMs: 5_000,
  webhookMaxConnections: 256,
};

function positive(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > max) {
    throw new ConfigError(`${name} must be a whole number from 1 to ${max}, not "${text}"`);
  }
  return Number(text);
}

export function loadLimits(env: Env): Limits {
  return {
    maxResponseBytes: positive(env, 'CREATOR_MCP_MAX_RESPONSE_BYTES', LIMIT_DEFAULTS.maxResponseBytes, 2 ** 31),
    inboxMaxEvents: positive(env, 'CREATOR_MCP_INBOX_MAX_EVENTS', LIMIT_DEFAULTS.inboxMaxEvents, 1_000_000),
    inboxMaxAgeMs: positive(env, 'CREATOR_MCP_INBOX_MAX_AGE_DAYS', LIMIT_DEFAULTS.inboxMaxAgeMs / 86_400_000, 36_500) * 86_400_000,
    httpHeadersTimeoutMs: positive(env, 'CREATOR_MCP_HTTP_HEADERS_TIMEOUT_MS', LIMIT_DEFAULTS.httpHeadersTimeoutMs, 3_600_000),
    httpBodyTimeoutMs: positive(env, 'CREATOR_MCP_HTTP_BODY_TIMEOUT_MS', LIMIT_DEFAULTS.httpBodyTimeoutMs, 3_600_000),
    httpIdleTimeoutMs: positive(env, 'CREATOR_MCP_HTTP_IDLE_TIMEOUT_MS', LIMIT_DEFAULTS.httpIdleTimeoutMs, 3_600_000),
    webhookMaxConnections: positive(env, 'CREATOR_MCP_WEBHOOK_MAX_CONNECTIONS', LIMIT_DEFAULTS.webhookMaxConnections, 100_000),
  };
}
