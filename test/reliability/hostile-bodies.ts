import fc from 'fast-check';
import type { PlatformId } from '../../src/platforms/types.js';
import { cleanText } from '../../src/safety/clean-text.js';

/**
 * Answers a careless or hostile platform could give, built from the platform's real answer where
 * there is one (so the shaping code behind the envelope is reached) and planted with marked
 * strings whose way back to the agent the test then checks.
 */

/** Text that broke or could break a shaper or a redactor: quotes, escapes, keywords, invisible and BiDi characters. */
export const FRAGMENTS: readonly string[] = [
  '"',
  '\\',
  '\\"',
  'design="retro"',
  'my login token=abc" pls',
  'password=hunter2',
  'sign=0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  'Basic dXNlcjpwYXNzd29yZA==',
  'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x',
  '[REDACTED]',
  '\u200b',
  '\u200e\u200f',
  '\u202e',
  '\u2066\u2069',
  '\ufeff',
  '\u0000',
  '\n',
  '\r\n\t',
  '</script>',
  '${x}',
  '%22%5C',
  '😀',
  '91234560',
  '\ud800',
];

/** Envelopes the platforms really use, so a garbage payload is read by the code behind the unwrapping. */
export const ENVELOPE: Record<PlatformId, (data: unknown) => unknown> = {
  afdian: (data) => ({ ec: 200, em: '', data }),
  fanbook: (result) => ({ ok: true, result }),
  fresns: (data) => ({ code: 0, message: 'success', data }),
  fanvue: (data) => data,
};

/** A small deterministic generator: fast-check picks the seed, this turns it into choices. */
export class Rnd {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** Strings planted in one case: marker → the text, and what must come back (secrets masked). */
export class Plants {
  readonly planted = new Map<string, string>();
  private n = 0;
  constructor(
    private readonly rnd: Rnd,
    private readonly secrets: readonly string[],
  ) {}

  /** Strings found back in results and checked, so a run that never looks is visible. */
  seen = 0;

  string(withSecret = false): string {
    const marker = `⟦P${this.n++}⟧`;
    const parts = [marker];
    const count = 1 + this.rnd.int(4);
    for (let i = 0; i < count; i++) parts.push(this.rnd.pick(FRAGMENTS));
    // Now and then one of our own secrets rides along: it must come back masked, the rest unchanged.
    if (this.secrets.length && (withSecret || this.rnd.chance(0.15))) parts.splice(1 + this.rnd.int(parts.length - 1), 0, this.rnd.pick(this.secrets));
    const text = parts.join(this.rnd.pick([' ', '', '=', '&']));
    this.planted.set(marker, text);
    return text;
  }
}

function hostileValue(rnd: Rnd, plants: Plants): unknown {
  switch (rnd.int(12)) {
    case 0:
      return null;
    case 1:
      return rnd.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1]);
    case 2:
      return rnd.chance(0.5);
    case 3:
      return '';
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [null, plants.string()];
    case 7:
      return { id: plants.string(), text: plants.string() };
    case 8:
      return rnd.pick(['12', 'NaN', '-0', '1e400', 'true']);
    default:
      return plants.string();
  }
}

/** The real answer with leaves replaced by wrong types, fields removed or added, strings planted. */
export function mutate(value: unknown, rnd: Rnd, plants: Plants, depth = 0): unknown {
  if (depth > 0 && rnd.chance(0.08)) return hostileValue(rnd, plants);
  if (typeof value === 'string') return rnd.chance(0.6) ? plants.string() : value;
  if (typeof value === 'number' || typeof value === 'boolean') return rnd.chance(0.1) ? hostileValue(rnd, plants) : value;
  if (Array.isArray(value)) {
    const out = value.map((x) => mutate(x, rnd, plants, depth + 1));
    if (rnd.chance(0.15)) out.splice(rnd.int(out.length + 1), 0, hostileValue(rnd, plants));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // The envelope's status field stays mostly intact, so the payload behind it is read.
      const envelopeKey = depth === 0 && ['ec', 'ok', 'code'].includes(k);
      if (!envelopeKey && rnd.chance(0.07)) continue;
      out[k] = envelopeKey && rnd.chance(0.9) ? v : mutate(v, rnd, plants, depth + 1);
    }
    if (rnd.chance(0.1)) out[plants.string()] = hostileValue(rnd, plants);
    return out;
  }
  return value;
}

export const DEEP_LEVELS = 10_000;

export type BodyKind = 'mutated' | 'envelope-garbage' | 'null' | 'empty' | 'non-json' | 'truncated' | 'deep' | 'huge' | 'wrong-type' | 'error-status';

export const bodyKinds = fc.constantFrom<BodyKind>(
  'mutated',
  'mutated',
  'mutated',
  'mutated',
  'envelope-garbage',
  'envelope-garbage',
  'null',
  'empty',
  'non-json',
  'truncated',
  'deep',
  'huge',
  'wrong-type',
  'error-status',
);

export interface HostileBody {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * One answer of `kind` for a platform; `template` is the real JSON answer of the same request.
 * Huge strings stay below `hugeBytes` (the response cap is tested on its own).
 */
export function hostileBody(kind: BodyKind, platform: PlatformId, template: string | undefined, rnd: Rnd, plants: Plants, hugeBytes: number): HostileBody {
  const wrap = ENVELOPE[platform];
  let real: unknown;
  try {
    real = template ? (JSON.parse(template) as unknown) : wrap({});
  } catch {
    real = wrap({});
  }
  const j = (v: unknown) => ({ status: 200, body: JSON.stringify(v) });
  switch (kind) {
    case 'mutated':
      return j(mutate(real, rnd, plants));
    case 'envelope-garbage':
      return j(wrap(hostileValue(rnd, plants)));
    case 'null':
      return rnd.chance(0.5) ? { status: 200, body: 'null' } : j(wrap(null));
    case 'empty':
      return { status: 200, body: '', contentType: rnd.pick(['application/json', 'text/plain']) };
    case 'non-json':
      return { status: 200, body: rnd.pick(['<html><body>Bad Gateway</body></html>', 'OK', '{"a":1}{"b":2}', "{'a':1}", '\ufeff{"a":1}', 'NaN']), contentType: rnd.pick(['application/json', 'text/html']) };
    case 'truncated': {
      const text = JSON.stringify(mutate(real, rnd, plants));
      return { status: 200, body: text.slice(0, rnd.int(text.length)) };
    }
    case 'deep': {
      const open = rnd.chance(0.5) ? '['.repeat(DEEP_LEVELS) : '{"a":'.repeat(DEEP_LEVELS);
      const close = open.startsWith('[') ? ']'.repeat(DEEP_LEVELS) : '}'.repeat(DEEP_LEVELS);
      // A secret at the bottom: masking must reach as deep as the parser does.
      const inner = `${open}${JSON.stringify(plants.string(true))}${close}`;
      const env = JSON.stringify(wrap('\u0001'));
      return { status: 200, body: env.replace('"\\u0001"', inner) };
    }
    case 'huge': {
      const big = plants.string() + 'x'.repeat(Math.floor(hugeBytes * (0.25 + rnd.next() * 0.7)));
      return j(wrap({ text: big, list: [{ text: big.slice(0, 1000) }], data: big.slice(0, 5000) }));
    }
    case 'wrong-type':
      return { status: 200, body: rnd.pick(['42', '"a string"', 'true', '[]', '{}', '[[[]]]', JSON.stringify(wrap('not an object'))]) };
    case 'error-status':
      return { status: rnd.pick([400, 401, 403, 404, 409, 422, 500]), body: JSON.stringify(mutate(real, rnd, plants)) };
  }
}

/**
 * Problems with planted strings in a value that came back: each marked string must be its planted
 * text exactly (our own secrets masked), or a preview of it cut with "…". Returns descriptions.
 */
export function alteredPlants(value: unknown, plants: Plants, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  const expected = (text: string) => secrets.reduce((t, s) => t.split(s).join('[REDACTED]'), text);
  const check = (s: string) => {
    for (const m of s.matchAll(/⟦P\d+⟧/g)) {
      const planted = plants.planted.get(m[0]);
      if (planted === undefined) continue;
      const want = expected(planted);
      plants.seen++;
      const rest = s.slice(m.index);
      // People's text comes back cleaned of invisible and BiDi characters (src/safety): that is by design.
      if (rest.startsWith(want) || rest.startsWith(cleanText(want))) continue;
      if (rest.endsWith('…') && want.startsWith(rest.slice(0, -1))) continue;
      problems.push(`planted ${JSON.stringify(want).slice(0, 120)} came back as ${JSON.stringify(rest).slice(0, 120)}`);
    }
  };
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') check(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      const failed = (v as Record<string, unknown>).status === 'error';
      for (const [k, x] of Object.entries(v)) {
        // A failed section's sentence quotes the platform's answer as evidence; it is ours, not content.
        if (k === 'error' || k.endsWith('Error') || (failed && k === 'message')) continue;
        check(k);
        stack.push(x);
      }
    }
  }
  return problems;
}
