import type { CallToolResult } from '@modelcontextprotocol/server';
import { AuthRequiredError, CancelledError, PlatformError, type Delivery } from '../http/errors.js';
import { parseJsonLossless, stringifyLossless } from '../http/json.js';
import type { SecretSet } from '../http/redact.js';

/**
 * The payload as structuredContent and as JSON text. structuredContent must be an object for
 * 2025-era clients, so arrays and scalars are wrapped in `{ result }`.
 */
export function toToolResult(data: unknown, secrets: SecretSet): CallToolResult {
  const structured = isPlainObject(data) ? data : { result: data ?? null };
  const raw = stringifyLossless(structured);
  const text = secrets.redact(raw);
  // Redaction works on text; parse back only when it masked something, to keep the fast path cheap.
  const safe = text === raw ? structured : (parseJsonLossless(text) as Record<string, unknown>);
  return { content: [{ type: 'text', text }], structuredContent: safe };
}

const DELIVERY_NOTE: Record<Delivery, string> = {
  'not-processed': '',
  processed: 'The platform processed the request.',
  unknown: 'The request may have been sent and processed: it was not retried.',
};

/** One actionable sentence for the agent: platform, status, code and text, and what to do. */
export function toToolError(err: unknown, tool: string, secrets: SecretSet): CallToolResult {
  return { content: [{ type: 'text', text: secrets.redact(describeError(err, tool)) }], isError: true };
}

export function describeError(err: unknown, tool: string): string {
  if (err instanceof PlatformError) {
    const parts = [
      err.status !== undefined ? `HTTP ${err.status}` : undefined,
      err.code !== undefined ? `code ${err.code}` : undefined,
    ].filter(Boolean);
    const head = `${err.platform} ${tool} failed${parts.length ? ` (${parts.join(', ')})` : ''}: ${err.platformMessage ?? err.message}.`;
    return [head, DELIVERY_NOTE[err.delivery], err.hint].filter(Boolean).join(' ');
  }
  if (err instanceof AuthRequiredError) return `${err.platform} ${tool}: ${err.message}`;
  if (err instanceof CancelledError) {
    return `${tool} was cancelled by the client. ${err.delivery === 'unknown' ? DELIVERY_NOTE.unknown : 'Nothing was changed.'}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${tool} failed unexpectedly: ${message}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
