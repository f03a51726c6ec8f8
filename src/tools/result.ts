import type { CallToolResult } from '@modelcontextprotocol/server';
import { describeError } from '../http/errors.js';
import { parseJsonLossless, stringifyLossless } from '../http/json.js';
import type { SecretSet } from '../http/redact.js';

/**
 * The payload as structuredContent and as JSON text. structuredContent must be an object for
 * 2025-era clients, so arrays and scalars are wrapped in `{ result }`.
 */
export function toToolResult(data: unknown, secrets: SecretSet): CallToolResult {
  const structured = isPlainObject(data) ? data : { result: data ?? null };
  const raw = toJson(structured);
  const text = secrets.redact(raw);
  // Redaction works on text; parse back only when it masked something, to keep the fast path cheap.
  const safe = text === raw ? structured : (parseJsonLossless(text) as Record<string, unknown>);
  return { content: [{ type: 'text', text }], structuredContent: safe };
}

/** One actionable sentence for the agent: platform, status, code and text, and what to do. */
export function toToolError(err: unknown, tool: string, secrets: SecretSet): CallToolResult {
  return { content: [{ type: 'text', text: secrets.redact(describeError(err, tool)) }], isError: true };
}

/**
 * Payloads come from JSON parsers, so plain JSON.stringify (several times faster) is right unless
 * a bigint made it in, which it refuses; only then the lossless writer is needed.
 */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return stringifyLossless(value);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
