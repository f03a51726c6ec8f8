import { UNLISTED } from '../platforms/listed-schema.js';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

type Node = Record<string, unknown>;

/**
 * A tool's JSON Schema without what tells an agent nothing. zod still validates every call, so
 * what a client may send is unchanged; only what tools/list costs shrinks. Dropped: the `$schema`
 * dialect (MCP fixes 2020-12); the Number.MAX_SAFE_INTEGER bounds zod puts on every integer; a
 * `pattern` beside a `format` (the format says it in one word: uuid, email, date-time);
 * `minLength: 1` and `minItems: 0|1` (an empty id or list is refused with a clear error anyway);
 * `additionalProperties: {}` (the default); a description repeated inside an anyOf branch.
 * A union of constants becomes one enum. A property marked unlisted (src/platforms/listed-schema.ts)
 * is left out: a guide explains it, and zod still accepts it.
 */
export function compactSchema(schema: Node): Node {
  const { $schema, ...rest } = schema;
  if ($schema !== undefined && $schema !== DIALECT) return schema;
  return compact(rest) as Node;
}

function compact(node: unknown, parentDescription?: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => compact(n, parentDescription));
  if (!node || typeof node !== 'object') return node;
  const src = node as Node;
  const out: Node = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === UNLISTED) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = compact(Object.fromEntries(Object.entries(v as Node).filter(([, p]) => !(p && typeof p === 'object' && (p as Node)[UNLISTED] === true))));
      continue;
    }
    if (k === 'maximum' && v === Number.MAX_SAFE_INTEGER) continue;
    if (k === 'minimum' && v === Number.MIN_SAFE_INTEGER) continue;
    if (k === 'pattern' && typeof src.format === 'string') continue;
    if (k === 'minLength' && v === 1) continue;
    if (k === 'minItems' && (v === 0 || v === 1)) continue;
    if (k === 'additionalProperties' && isEmptyObject(v)) continue;
    if (k === 'description' && parentDescription !== undefined && v === parentDescription) continue;
    if (k === 'anyOf' || k === 'oneOf') {
      out[k] = compact(v, src.description);
      continue;
    }
    // Property maps and items are new schemas: a parent's description does not apply to them.
    out[k] = compact(v);
  }
  return constUnionAsEnum(out);
}

function constUnionAsEnum(node: Node): Node {
  const branches = node.anyOf;
  if (!Array.isArray(branches) || branches.length < 2) return node;
  const type = (branches[0] as Node).type;
  const onlyConsts = branches.every((b: Node) => Object.keys(b).every((k) => k === 'const' || k === 'type') && 'const' in b && b.type === type);
  if (!onlyConsts) return node;
  const { anyOf: _anyOf, ...rest } = node;
  return { ...rest, type, enum: branches.map((b: Node) => b.const) };
}

function isEmptyObject(v: unknown): boolean {
  return v === true || (!!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}
