/**
 * Every form a secret travels in, computed here independently of src/http/redact.ts so a gap
 * there is found, not copied: raw, URL-encoded (both space styles, and the strict form encoding of
 * OAuth libraries), JSON-escaped (once and twice:
 * an echoed header inside a JSON body quoted in an error), base64, base64url, unpadded base64, and
 * HTTP Basic base64(id:secret).
 */
export interface Secret {
  name: string;
  value: string;
  /** For HTTP Basic: the client id paired with this secret. */
  basicId?: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const json = (s: string) => JSON.stringify(s).slice(1, -1);
/** RFC 6749 Appendix B form encoding as OAuth libraries do it (openid-client): everything but letters and digits escaped. */
const strictForm = (s: string) => encodeURIComponent(s).replace(/[-_.!~*'()]|%20/g, (c) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));

export function formsOf(s: Secret): Array<[form: string, text: string]> {
  const v = s.value;
  const out: Array<[string, string]> = [
    ['raw', v],
    ['URL-encoded', encodeURIComponent(v)],
    ['form-encoded', encodeURIComponent(v).replace(/%20/g, '+')],
    ['strictly form-encoded', strictForm(v)],
    ['JSON-escaped', json(v)],
    ['JSON-escaped twice', json(json(v))],
    ['base64', b64(v)],
    ['base64 unpadded', b64(v).replace(/=+$/, '')],
    ['base64url', b64url(v)],
  ];
  if (s.basicId !== undefined) {
    const pair = `${s.basicId}:${v}`;
    const formPair = `${encodeURIComponent(s.basicId)}:${encodeURIComponent(v)}`;
    const strictPair = `${strictForm(s.basicId)}:${strictForm(v)}`;
    out.push(
      ['Basic base64(id:secret)', b64(pair)],
      ['Basic base64(id:secret) form-encoded halves', b64(formPair)],
      ['Basic base64(id:secret) strictly form-encoded halves', b64(strictPair)],
      ['Basic base64url(id:secret)', b64url(pair)],
    );
  }
  // Drop forms identical to an earlier one (a secret with nothing to escape), so a hit is counted once.
  const seen = new Set<string>();
  return out.filter(([, t]) => !seen.has(t) && Boolean(seen.add(t)));
}

/** Every form of every secret found in `text`, as "NAME (form)". */
export function findSecrets(text: string, secrets: readonly Secret[]): string[] {
  const hits: string[] = [];
  for (const s of secrets) for (const [form, t] of formsOf(s)) if (text.includes(t)) hits.push(`${s.name} (${form})`);
  return hits;
}
