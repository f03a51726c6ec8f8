import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { compactSchema } from './compact-schema.js';

/** The target tools/list converts for (MCP fixes JSON Schema 2020-12); what the build precomputes. */
export const PREBUILT_TARGET = 'draft-2020-12';

const cache = new WeakMap<object, StandardSchemaWithJSON<never, never>>();

/**
 * The same schema, with its JSON Schema computed once per process instead of once per request:
 * HTTP serving builds a fresh McpServer for every request, and the SDK caches conversions per
 * instance, so without this every tools/list would convert every tool's zod schema again.
 * Validation still runs through zod itself; what a client sees is compacted (compact-schema.ts).
 */
export function withCachedJsonSchema<I, O>(schema: StandardSchemaWithJSON<I, O>, prebuiltInput?: Record<string, unknown>): StandardSchemaWithJSON<I, O> {
  const hit = cache.get(schema) as StandardSchemaWithJSON<I, O> | undefined;
  if (hit) return hit;
  const std = schema['~standard'];
  const memo = new Map<string, Record<string, unknown>>();
  if (prebuiltInput) memo.set(`input:${PREBUILT_TARGET}`, prebuiltInput);
  const memoized =
    (io: 'input' | 'output') =>
    (options: Parameters<typeof std.jsonSchema.input>[0]): Record<string, unknown> => {
      const key = `${io}:${options.target}`;
      let value = memo.get(key);
      if (!value) memo.set(key, (value = compactSchema(std.jsonSchema[io](options))));
      return value;
    };
  const wrapped: StandardSchemaWithJSON<I, O> = {
    '~standard': { ...std, jsonSchema: { input: memoized('input'), output: memoized('output') } },
  };
  cache.set(schema, wrapped as StandardSchemaWithJSON<never, never>);
  return wrapped;
}
