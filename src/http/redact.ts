/**
 * Below this length a secret could be an ordinary word or number in platform content
 * (`FRESNS_PASSWORD=123456` vs. an order total). Such a secret is still masked, but only where it
 * cannot be confused: as a whole string value of a result, or as a whole token (not touching
 * letters or digits) of error and log text. Refusing it at startup would lock out people whose
 * platform imposes a short password, and masking it inside other text would corrupt content.
 */
export const SHORT_SECRET_LENGTH = 8;
const MASK = '[REDACTED]';

/**
 * Keyword patterns apply only to text we build ourselves from request data (our URLs with a
 * bot token in the path, our own Authorization headers quoted in an error), never to platform
 * payloads, where `token=` or `password=` is just something a fan wrote.
 */
const OWN_TEXT_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${MASK}`],
  [/(\/api\/bot\/)[^/\s"'?#]+/g, `$1${MASK}`],
];

/**
 * RFC 6749 Appendix B form encoding as OAuth libraries apply it (openid-client): everything but
 * letters and digits escaped, so `-` and `_`, which encodeURIComponent keeps, travel as %2D and %5F.
 */
const strictForm = (s: string) => encodeURIComponent(s).replace(/[-_.!~*'()]|%20/g, (c) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Every form a secret travels in: query strings, form bodies, JSON bodies, Basic auth. */
function encodings(s: string): string[] {
  const out = [s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+'), strictForm(s), JSON.stringify(s).slice(1, -1), b64(s), b64url(s)];
  // base64 pads by length mod 3; the unpadded prefix still identifies the secret inside a longer blob.
  out.push(b64(s).replace(/=+$/, ''));
  return out;
}

/**
 * The secrets of this process. Results are redacted by structure (`redactValue` walks the result
 * tree and masks string values) before they are serialised, so a result is always valid JSON and
 * equal to the platform's payload except where one of these values occurs. Error and log text is
 * redacted with `redact`.
 */
/** The marker previews end with when they cut text (src/context/kit.ts). */
const CUT = '…';
const CUT_PREFIX = 6;

export class SecretSet {
  /** Forms long enough to mask wherever they occur. */
  private readonly long = new Set<string>();
  /** Forms of short secrets: masked only as a whole value or a whole token. */
  private readonly short = new Set<string>();
  private ordered: string[] | undefined;
  private anyLongRe: RegExp | undefined;
  private shortRe: RegExp | undefined;

  add(...secrets: Array<string | undefined>): void {
    for (const s of secrets) {
      if (!s) continue;
      for (const form of encodings(s)) this.put(form, s.length < SHORT_SECRET_LENGTH);
    }
  }

  /**
   * A client id/secret pair sent as HTTP Basic: `base64(id:secret)` is a secret even though
   * the id alone is not. `base64(secret:)` covers clients that put the secret first or send no id.
   */
  addBasic(id: string | undefined, secret: string | undefined): void {
    if (!secret) return;
    this.add(secret);
    // OAuth clients (RFC 6749 2.3.1) form-encode both halves before joining them.
    const form = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
    const pairs = new Set([`${id ?? ''}:${secret}`, `${form(id ?? '')}:${form(secret)}`, `${strictForm(id ?? '')}:${strictForm(secret)}`, `${secret}:`, `:${secret}`]);
    for (const pair of pairs) {
      // The combined forms are never short: the secret inside them already is not.
      for (const form of [b64(pair), b64url(pair), b64(pair).replace(/=+$/, '')]) this.put(form, false);
      this.put(encodeURIComponent(pair), false);
    }
  }

  private put(form: string, short: boolean): void {
    if (!form) return;
    (short && form.length < SHORT_SECRET_LENGTH ? this.short : this.long).add(form);
    this.ordered = undefined;
    this.anyLongRe = undefined;
    this.shortRe = undefined;
  }

  /** Longest first, so a secret's encoding is masked whole rather than around a shorter secret. */
  private longForms(): string[] {
    return (this.ordered ??= [...this.long].sort((a, b) => b.length - a.length));
  }

  /**
   * Whether any long form occurs in the text: one regexp pass instead of an `includes` per form.
   * Four platforms register a hundred forms or more, and every string of every result is
   * checked, so without it redaction cost grew with the number of configured platforms.
   */
  private mayHoldLong(text: string): boolean {
    if (this.long.size === 0) return false;
    this.anyLongRe ??= new RegExp(this.longForms().map(escapeRe).join('|'));
    return this.anyLongRe.test(text);
  }

  private maskLong(text: string): string {
    if (!this.mayHoldLong(text)) return text;
    let out = text;
    for (const s of this.longForms()) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }

  /** Masks registered secrets inside one string value of platform content. */
  redactString(value: string): string {
    if (this.short.has(value)) return MASK;
    const out = this.maskLong(value);
    return out.endsWith(CUT) ? this.maskCutSecret(out) : out;
  }

  /**
   * A preview cut inside a secret ("…sandbox-pass…") leaves a prefix no whole-secret match finds:
   * the text just before the cut marker is masked when it is the start of a registered secret
   * (at least CUT_PREFIX characters of it, so ordinary words next to a cut stay).
   */
  private maskCutSecret(value: string): string {
    const body = value.slice(0, -CUT.length);
    for (const s of this.longForms()) {
      for (let k = Math.min(s.length - 1, body.length); k >= CUT_PREFIX; k--) {
        if (body.endsWith(s.slice(0, k))) return `${body.slice(0, -k)}${MASK}${CUT}`;
      }
    }
    return value;
  }

  /**
   * A copy of a result tree with secrets masked in string values (and in keys, if a key itself
   * holds one). Numbers, booleans and null are never changed: a number in a payload is data, and
   * a short numeric password would otherwise corrupt any total that happens to share its digits.
   * Untouched subtrees are returned as they are, so the common case allocates nothing.
   */
  redactValue<T>(value: T): T {
    if (this.long.size === 0 && this.short.size === 0) return value;
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value !== 'object' || value === null || depth > 10_000) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i], depth + 1);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    // Class instances (LosslessNumber, Date) serialise themselves; only plain objects are walked.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    let copy: Record<string, unknown> | undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) {
      const key = this.redactString(k);
      const next = this.walk(v, depth + 1);
      if (key !== k || next !== v) {
        copy ??= Object.fromEntries(entries.map(([ek, ev]) => [ek, ev]));
        if (key !== k) delete copy[k];
        copy[key] = next;
      }
    }
    return copy ?? value;
  }

  /**
   * Text we produce (error sentences, log lines): registered secrets anywhere, short ones only
   * as whole tokens, plus the patterns for credentials that sit in our own request data.
   */
  redact(text: string): string {
    let out = this.maskLong(text);
    if (this.short.size) {
      this.shortRe ??= new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...this.short].map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
      out = out.replace(this.shortRe, MASK);
    }
    for (const [re, rep] of OWN_TEXT_PATTERNS) out = out.replace(re, rep);
    return out;
  }

  get size(): number {
    return this.long.size + this.short.size;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
