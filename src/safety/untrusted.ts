import { cleanText } from './clean-text.js';
import { JsonGlob, jsonPathOf, type Segment } from './json-glob.js';

/**
 * Where a platform's payloads carry text that people on the platform wrote (messages, comments,
 * posts, remarks, names, bios), and what its payloads say about who wrote it. Declared per
 * platform as globs (see json-glob.ts): never guessed from what the text says.
 */
export interface UntrustedText {
  /** Globs of string fields people wrote, over tool payloads and the platform's contexts. */
  fields: readonly string[];
  /** How CREATOR_MCP_LOCKDOWN tells an outsider (not a subscriber, member or sponsor). */
  lockdown?: readonly LockdownRule[];
  /** What the payloads do not say, so lockdown cannot act on it (shown in the README). */
  lockdownNote?: string;
}

/**
 * An object at `at` holds one person's text. It is an outsider's when its `field` has one of
 * `outsiders` values, or, with no field, when the payload comes from one of `operations` (a
 * followers list). A payload that does not say is left alone: lockdown is a filter, not a guess.
 */
export interface LockdownRule {
  at: string;
  field?: string;
  outsiders?: readonly (string | number | boolean | null)[];
  /** Operation names (without the platform prefix) whose payloads this rule is limited to. */
  operations?: readonly string[];
}

export const WITHHELD = '[left out by CREATOR_MCP_LOCKDOWN: written by someone who is not a subscriber, member or sponsor]';

export interface CleanReport {
  /** JSONPaths (indexes generalised) of untrusted fields present in the value. */
  paths: string[];
  /** Untrusted fields seen. */
  fields: number;
  /** Fields that had characters removed. */
  cleaned: number;
  /** Fields replaced under lockdown. */
  withheld: number;
}

interface Compiled {
  /** Field globs by their last part, so a string is tested only against globs that can match its key. */
  byKey: Map<string, JsonGlob[]>;
  /** Globs whose last part is a wildcard. */
  anyKey: JsonGlob[];
  lockdown: Array<LockdownRule & { glob: JsonGlob }>;
}

const compiled = new WeakMap<UntrustedText, Compiled>();

function compile(rules: UntrustedText): Compiled {
  let c = compiled.get(rules);
  if (!c) {
    c = { byKey: new Map(), anyKey: [], lockdown: (rules.lockdown ?? []).map((r) => ({ ...r, glob: new JsonGlob(r.at) })) };
    for (const f of rules.fields) {
      const last = f.split('.').at(-1) ?? '';
      if (last === '*' || last === '**') c.anyKey.push(new JsonGlob(f));
      else c.byKey.set(last, [...(c.byKey.get(last) ?? []), new JsonGlob(f)]);
    }
    compiled.set(rules, c);
  }
  return c;
}

export interface CleanOptions {
  lockdown: boolean;
  /** The operation the payload came from (no platform prefix), for operation-scoped lockdown rules. */
  operation?: string;
  /** Where the value sits inside a larger document (a platform's part of the combined context). */
  prefix?: readonly Segment[];
}

/** Class instances (lossless numbers, dates) are values, not containers of text. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Defined, not assigned: a payload key "__proto__" must stay a key, not become a prototype.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `value` with people's text cleaned (and, under lockdown, outsiders' text left out). Copy on
 * write: untouched parts are the same objects, so a large payload with little text costs a walk.
 */
export function cleanUntrusted(value: unknown, rules: UntrustedText, options: CleanOptions): { value: unknown; report: CleanReport } {
  const c = compile(rules);
  const paths = new Set<string>();
  const report: CleanReport = { paths: [], fields: 0, cleaned: 0, withheld: 0 };
  const prefix = options.prefix ?? [];
  const path: Segment[] = [];
  const outsider = (obj: Record<string, unknown>) =>
    options.lockdown &&
    c.lockdown.some((r) => {
      if (r.operations && !(options.operation && r.operations.includes(options.operation))) return false;
      if (!r.glob.matches(path)) return false;
      if (r.field === undefined) return true;
      return r.field in obj && (r.outsiders ?? []).includes(obj[r.field] as string);
    });
  const declared = () => {
    const key = path.at(-1);
    const named = typeof key === 'string' ? c.byKey.get(key) : undefined;
    return Boolean(named?.some((g) => g.matches(path)) || c.anyKey.some((g) => g.matches(path)));
  };

  const walk = (v: unknown, withheld: boolean): unknown => {
    if (typeof v === 'string') {
      if (!declared()) return v;
      report.fields++;
      paths.add(jsonPathOf([...prefix, ...path]));
      if (withheld) {
        report.withheld++;
        return WITHHELD;
      }
      const clean = cleanText(v);
      if (clean !== v) report.cleaned++;
      return clean;
    }
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const x = walk(v[i], withheld);
        path.pop();
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      return out ?? v;
    }
    if (isPlainObject(v)) {
      const hold = withheld || outsider(v);
      let out: Record<string, unknown> | undefined;
      for (const [k, x] of Object.entries(v)) {
        path.push(k);
        const y = walk(x, hold);
        path.pop();
        if (y === x) continue;
        if (!out) {
          out = {};
          for (const [k2, x2] of Object.entries(v)) define(out, k2, x2);
        }
        define(out, k, y);
      }
      return out ?? v;
    }
    return v;
  };
  const cleaned = walk(value, false);
  report.paths = [...paths].sort();
  return { value: cleaned, report };
}
