import { createHash } from 'node:crypto';

/**
 * Fresns request signatures. 2.x (`/api/v2`) hashes with MD5 and appends `&AppSecret=`; 3.x
 * (`/api/fresns/v1`) runs the same steps with SHA-256 and `&AppKey=`. Both sign only these eight
 * headers; Device-Info, language and time zone travel unsigned.
 */
export type SignVariant = 'v2-md5' | 'v3-sha256';

export const SIGNED_HEADERS = [
  'X-Fresns-App-Id',
  'X-Fresns-Client-Platform-Id',
  'X-Fresns-Client-Version',
  'X-Fresns-Aid',
  'X-Fresns-Aid-Token',
  'X-Fresns-Uid',
  'X-Fresns-Uid-Token',
  'X-Fresns-Signature-Timestamp',
] as const;

export type SignedHeader = (typeof SIGNED_HEADERS)[number];
export type SignedValues = Partial<Record<SignedHeader, string | number | null | undefined>>;

const VARIANTS: Record<SignVariant, { hash: 'md5' | 'sha256'; suffix: string }> = {
  'v2-md5': { hash: 'md5', suffix: 'AppSecret' },
  'v3-sha256': { hash: 'sha256', suffix: 'AppKey' },
};

/**
 * PHP `urlencode` (what `http_build_query` uses, RFC 1738): only `[A-Za-z0-9._-]` stay, a space
 * becomes `+`, everything else is `%XX` in upper case. encodeURIComponent also keeps `!'()*~`.
 */
export function phpUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The string the server hashes: signed keys only, PHP-falsy values dropped (`array_filter`
 * removes null, "", "0" and 0), keys in byte order (`ksort`), `http_build_query`, then the secret.
 */
export function stringToSign(values: SignedValues, secret: string, variant: SignVariant = 'v2-md5'): string {
  const pairs: string[] = [];
  for (const key of [...SIGNED_HEADERS].sort()) {
    const raw = values[key];
    if (raw === undefined || raw === null) continue;
    const value = String(raw);
    if (value === '' || value === '0') continue;
    pairs.push(`${phpUrlencode(key)}=${phpUrlencode(value)}`);
  }
  return `${pairs.join('&')}&${VARIANTS[variant].suffix}=${secret}`;
}

/** Lower-case hex digest, as `X-Fresns-Signature` carries it. */
export function sign(values: SignedValues, secret: string, variant: SignVariant = 'v2-md5'): string {
  return createHash(VARIANTS[variant].hash).update(stringToSign(values, secret, variant), 'utf8').digest('hex');
}
