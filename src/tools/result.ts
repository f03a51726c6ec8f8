import type { CallToolResult } from '@modelcontextprotocol/server';
import { describeError } from '../http/errors.js';
import { stringifyLossless } from '../http/json.js';
import type { SecretSet } from '../http/redact.js';
import { UNTRUSTED_META_KEY, untrustedNote, type UntrustedMark } from '../safety/marking.js';

/**
 * The payload as structuredContent and as JSON text. structuredContent must be an object for
 * 2025-era clients, so arrays and scalars are wrapped in `{ result }`. Secrets are masked in the
 * tree before it is serialised, so the text is always valid JSON and equals structuredContent.
 * Text people wrote is marked (safety/marking.ts) beside the JSON, never inside it.
 */
export function toToolResult(data: unknown, secrets: SecretSet, untrusted?: UntrustedMark): CallToolResult {
  const wrapped = !isPlainObject(data);
  return buildResult(secrets.redactValue(wrapped ? { result: data ?? null } : data), wrapped, untrusted);
}

/**
 * The same for a value the invoke pipeline's redact stage has already masked: a second pass
 * finds nothing and cost a walk of every string of every result.
 */
export function redactedToolResult(data: unknown, untrusted?: UntrustedMark): CallToolResult {
  const wrapped = !isPlainObject(data);
  return buildResult(wrapped ? { result: data ?? null } : data, wrapped, untrusted);
}

function buildResult(structured: unknown, wrapped: boolean, untrusted?: UntrustedMark): CallToolResult {
  const result: CallToolResult = { content: [{ type: 'text', text: toJson(structured) }], structuredContent: structured as Record<string, unknown> };
  if (untrusted) {
    // Paths name fields of what the client sees, so a wrapped array's fields sit under `result`.
    const mark = wrapped ? { ...untrusted, paths: untrusted.paths.map((p) => p.replace(/^\$/, '$.result')) } : untrusted;
    result.content.push({ type: 'text', text: untrustedNote(mark) });
    result._meta = { [UNTRUSTED_META_KEY]: mark };
  }
  return result;
}

/** One actionable sentence for the agent: platform, status, code and text, and what to do. */
export function toToolError(err: unknown, tool: string, secrets: SecretSet): CallToolResult {
  return { content: [{ type: 'text', text: secrets.redact(describeError(err, tool)) }], isError: true };
}

/**
 * Payloads come from JSON parsers, so plain JSON.stringify (several times faster) is right unless
 * a bigint made it in, which it refuses; only then the lossless writer is needed.
 */
export function toJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent) ?? 'null';
  } catch {
    return stringifyLossless(value);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
