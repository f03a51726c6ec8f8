import { readFileSync } from 'node:fs';

/** Where `npm run build` writes every row's input JSON Schema (scripts/build-schemas.mjs). */
export const PREBUILT_FILE = 'input-schemas.json';

type Json = Record<string, unknown>;
let prebuilt: ReadonlyMap<string, Json> | null | undefined;

/** The key of a row's schema: its tool name, or with `@read-only` for the variant read-only mode exposes. */
export function schemaKey(toolName: string, readOnlyVariant: boolean): string {
  return readOnlyVariant ? `${toolName}@read-only` : toolName;
}

/**
 * The JSON Schema the build computed for this key, or undefined (running from source, or a
 * build without the file): then it is converted at run time as before. Converting every row's
 * zod schema was a third of a cold start with four platforms configured, paid before the first
 * tools/list; the build does it once instead. The file is written from the same compiled rows,
 * and a test checks that it equals the run-time conversion for every tool.
 */
export function prebuiltInputSchema(key: string): Json | undefined {
  if (prebuilt === undefined) prebuilt = load();
  return prebuilt?.get(key);
}

function load(): ReadonlyMap<string, Json> | null {
  try {
    const text = readFileSync(new URL(`./${PREBUILT_FILE}`, import.meta.url), 'utf8');
    return new Map(Object.entries(JSON.parse(text) as Record<string, Json>));
  } catch {
    return null;
  }
}
