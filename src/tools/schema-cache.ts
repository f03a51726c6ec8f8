import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';

/** The target tools/list converts for (MCP fixes JSON Schema 2020-12); what the build precomputes. */
export const PREBUILT_TARGET = 'draft-2020-12';

const cache = new WeakMap<object, StandardSchemaWithJSON<never, never>>();

/**
 * The same schema, with its JSON Schema computed once per process instead of once per request:
 * HTTP serving builds a fresh McpServer for every request, and the SDK caches conversions per
 * instance, so without this every tools/list would convert every tool's zod schema again.
 * Validation still runs through zod itself.
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
      if (!value) memo.set(key, (value = withoutDialect(std.jsonSchema[io](options))));
      return value;
    };
  const wrapped: StandardSchemaWithJSON<I, O> = {
    '~standard': { ...std, jsonSchema: { input: memoized('input'), output: memoized('output') } },
  };
  cache.set(schema, wrapped as StandardSchemaWithJSON<never, never>);
  return wrapped;
}

/**
 * What the JSON Schema says that tells a client nothing, removed (zod still validates every
 * call, so semantics are unchanged): the `$schema` dialect (MCP fixes 2020-12), the
 * Number.MAX_SAFE_INTEGER bound zod puts on every integer, and a UUID pattern beside
 * `format: "uuid"`. Together about a tenth of the catalog's tokens.
 */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return $schema === undefined || $schema === 'https://json-schema.org/draft/2020-12/schema' ? (prune(rest) as Record<string, unknown>) : schema;
}

function prune(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prune);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'maximum' && v === Number.MAX_SAFE_INTEGER) continue;
    if (k === 'minimum' && v === Number.MIN_SAFE_INTEGER) continue;
    if (k === 'pattern' && (node as Record<string, unknown>).format === 'uuid') continue;
    out[k] = prune(v);
  }
  return out;
}
