import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * No platform answer nests anywhere near this deep. Deeper input parses natively but then
 * overflows the stack of every recursive reader after the parser (the lossless parser, shapes,
 * redaction, the MCP SDK), which surfaced as an unexplained "Maximum call stack size exceeded".
 */
export const MAX_JSON_DEPTH = 256;

export class JsonTooDeepError extends Error {
  constructor() {
    super(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.name = 'JsonTooDeepError';
  }
}

/** Throws JsonTooDeepError past MAX_JSON_DEPTH; one pass over the text, brackets inside strings skipped. */
export function assertJsonDepth(text: string): void {
  if (text.length <= MAX_JSON_DEPTH) return;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeepError();
    } else if (c === 93 || c === 125) depth--;
  }
}

/** The sentence for an answer that could not be read as JSON: too deep, or not JSON at all. */
export function unreadableJson(status: number, text: string, err: unknown): string {
  if (err instanceof JsonTooDeepError) return `answered HTTP ${status} with ${err.message}, which no real answer is; it was not read`;
  return `answered HTTP ${status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))})`;
}

/**
 * Parses JSON without losing digits: an integer a double cannot hold (Fanbook's 64-bit IDs)
 * becomes a decimal string, every other number stays a number.
 */
export function parseJsonLossless(text: string): unknown {
  assertJsonDepth(text);
  return parse(text, null, (value: string) =>
    isInteger(value) && !isSafeNumber(value) ? value : Number(value),
  );
}

export function parseJson(text: string, lossless: boolean): unknown {
  if (lossless) return parseJsonLossless(text);
  assertJsonDepth(text);
  return JSON.parse(text);
}

/** Serialises values that may contain bigint or LosslessNumber (IDs sent as JSON integers). */
export function stringifyLossless(value: unknown): string {
  return stringify(value) ?? 'null';
}
