import fc from 'fast-check';

/** The JSON Schema subset the tools list (zod 4's output for their inputs). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
}

export type Args = Record<string, unknown>;

/** Strings that break naive path, query and JSON handling. */
const NASTY = [
  '.', '..', '../..', '%2e%2e', '/', 'a/b', '?x=1&y=2', '#frag', ' ', '\u0000', '\u202egnp.exe', '😀👍🏽', 'ﷺ', '<script>alert(1)</script>',
  "'; DROP TABLE users; --", '99999999999999999999', '-1', '{"a":1}', 'null', '__proto__', 'constructor', '\r\nX-Injected: 1',
];

const lengthOk = (s: Schema) => (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);

function stringOf(s: Schema): fc.Arbitrary<string> {
  const fits = lengthOk(s);
  const arbs: Array<fc.Arbitrary<string>> = [];
  if (s.pattern) {
    try {
      arbs.push(fc.stringMatching(new RegExp(s.pattern)).filter(fits));
    } catch {
      // an expression fast-check cannot generate from: the format or plain strings below stand in
    }
  }
  if (s.format === 'uuid') arbs.push(fc.uuid());
  else if (s.format === 'email') arbs.push(fc.emailAddress());
  else if (s.format === 'uri') arbs.push(fc.webUrl());
  if (arbs.length === 0) {
    const max = Math.min(s.maxLength ?? 40, Math.max(s.minLength ?? 0, 40));
    arbs.push(fc.string({ minLength: s.minLength ?? 0, maxLength: max }));
    arbs.push(fc.string({ minLength: s.minLength ?? 0, maxLength: max, unit: 'grapheme' }));
    const nasty = NASTY.filter(fits);
    if (nasty.length) arbs.push(fc.constantFrom(...nasty));
  }
  return fc.oneof(...arbs);
}

function integerOf(s: Schema): fc.Arbitrary<number> {
  const lo = Math.max(s.minimum ?? -(2 ** 31), s.exclusiveMinimum === undefined ? -Infinity : s.exclusiveMinimum + 1);
  const hi = Math.min(s.maximum ?? 2 ** 31 - 1, s.exclusiveMaximum === undefined ? Infinity : s.exclusiveMaximum - 1);
  const inner = fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) });
  // The bounds themselves, however large, are the interesting values.
  return fc.oneof(inner, fc.constantFrom(lo, hi));
}

/** Values valid against `s` (zod may still refuse some: refinements are not in the JSON Schema). */
export function valueOf(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => valueOf(x, depth)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t) => valueOf({ ...s, type: t }, depth)));
  switch (s.type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return integerOf(s);
    case 'number':
      return fc.double({ min: s.minimum, max: s.maximum, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? valueOf(s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.min(s.maxItems ?? 4, Math.max(min, 4)) });
    }
    case 'object':
      return objectOf(s, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  // A listed schema may name required keys it does not describe (the description does): any value.
  const undeclared = (s.required ?? []).filter((k) => !(k in (s.properties ?? {})));
  const props = [...Object.entries(s.properties ?? {}), ...undeclared.map((k): [string, Schema] => [k, {}])];
  const record = fc.record(Object.fromEntries(props.map(([k, p]) => [k, valueOf(p, depth + 1)])), { requiredKeys: s.required ?? [] });
  if (!s.additionalProperties || s.additionalProperties === true || depth > 3) return record as fc.Arbitrary<Record<string, unknown>>;
  const keys = s.propertyNames ? stringOf(s.propertyNames) : fc.string({ minLength: 1, maxLength: 12 });
  const extra = fc.dictionary(keys, valueOf(s.additionalProperties, depth + 1), { maxKeys: 3 });
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
}

/**
 * Arguments that start from a known-valid call and change some of it within the schema: a
 * property kept, replaced by another valid value, or (when optional) left out.
 */
export function validArgs(s: Schema, seed: Args): fc.Arbitrary<Args> {
  const required = new Set(s.required ?? []);
  const DROP = Symbol('drop');
  const entries = Object.entries(s.properties ?? {}).map(([k, p]) => {
    const options: Array<fc.WeightedArbitrary<unknown>> = [{ arbitrary: valueOf(p), weight: 2 }];
    if (k in seed) options.push({ arbitrary: fc.constant(seed[k]), weight: 3 });
    if (!required.has(k)) options.push({ arbitrary: fc.constant(DROP), weight: 1 });
    return [k, fc.oneof(...options)] as const;
  });
  return fc.record(Object.fromEntries(entries)).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== DROP)));
}

/** An object with own `__proto__`, `constructor` and `prototype` keys, as JSON.parse makes them. */
const protoKeys = fc.constantFrom(
  '{"__proto__":{"polluted":true,"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null,"prototype":"x"}',
).map((text) => JSON.parse(text) as Args);

/** `seed` plus the keys of `extra` as own properties (`Object.assign` would set the prototype for `__proto__`). */
function withOwn(seed: Args, extra: Args): Args {
  const out = { ...seed };
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function deep(n: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { d: v };
  return v;
}

const wrongTyped = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Values just outside what the property allows. */
function outOfRange(p: Schema): unknown[] {
  const out: unknown[] = [];
  if (p.minimum !== undefined) out.push(p.minimum - 1, -1e308);
  if (p.maximum !== undefined) out.push(p.maximum + 1, 1e308);
  if (p.type === 'integer') out.push(1.5, 2 ** 64);
  if (p.maxLength !== undefined) out.push('y'.repeat(p.maxLength + 1));
  if (p.minLength) out.push('');
  if (p.maxItems !== undefined) out.push(Array.from({ length: p.maxItems + 1 }, () => (p.items?.type === 'integer' ? 1 : 'a')));
  if (p.minItems) out.push([]);
  if (p.enum) out.push(`${String(p.enum[0])}-not-a-member`);
  if (p.pattern) out.push('!not matching!');
  return out.length ? out : [{ unexpected: 'object' }];
}

/**
 * Arguments most of which the schema refuses: a wrong type, a value out of range, a required
 * property missing, junk keys, a huge or odd Unicode string, prototype keys, deep nesting.
 */
export function hostileArgs(s: Schema, seed: Args): fc.Arbitrary<Args> {
  // A listed schema may name required keys it does not describe (the description does): any value.
  const undeclared = (s.required ?? []).filter((k) => !(k in (s.properties ?? {})));
  const props = [...Object.entries(s.properties ?? {}), ...undeclared.map((k): [string, Schema] => [k, {}])];
  const keys = props.map(([k]) => k);
  const pick = keys.length ? fc.constantFrom(...keys) : fc.constant('x');
  const withValue = (value: fc.Arbitrary<unknown>) => fc.tuple(pick, value).map(([k, v]) => ({ ...seed, [k]: v }));
  const required = s.required ?? [];
  const arbs: Array<fc.Arbitrary<Args>> = [
    withValue(wrongTyped),
    fc.constantFrom(...props.flatMap(([k, p]) => outOfRange(p).map((v) => [k, v] as const)), ['x', 1] as const).map(([k, v]) => ({ ...seed, [k]: v })),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).map((junk) => ({ ...junk, ...seed })),
    withValue(fc.constantFrom('x'.repeat(100_000), '界'.repeat(30_000), '😀'.repeat(20_000))),
    withValue(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 })),
    protoKeys.map((proto) => withOwn(seed, proto)),
    fc.tuple(pick, protoKeys).map(([k, proto]) => ({ ...seed, [k]: proto })),
    withValue(fc.constant(deep(60))),
  ];
  if (required.length) arbs.push(fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(seed).filter(([key]) => key !== k))));
  return fc.oneof(...arbs);
}
