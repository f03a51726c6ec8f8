import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * Parses JSON without losing digits: an integer a double cannot hold (Fanbook's 64-bit IDs)
 * becomes a decimal string, every other number stays a number.
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (value: string) =>
    isInteger(value) && !isSafeNumber(value) ? value : Number(value),
  );
}

export function parseJson(text: string, lossless: boolean): unknown {
  return lossless ? parseJsonLossless(text) : JSON.parse(text);
}

/** Serialises values that may contain bigint or LosslessNumber (IDs sent as JSON integers). */
export function stringifyLossless(value: unknown): string {
  return stringify(value) ?? 'null';
}
