/**
 * AES-256-GCM sealing of the token store, and turning whatever the user put in
 * CREATOR_MCP_SECRET_KEY into 32 key bytes. Pure crypto: no file access, no
 * error messages with paths (token-store.ts owns those).
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

export const KEY_BYTES = 32;
/** 96-bit IVs are what GCM is specified for; a fresh random one per write. */
const IV_BYTES = 12;
/** Always the full tag: Node would otherwise accept truncated tags, which weakens authentication. */
const TAG_BYTES = 16;

/**
 * Fixed and public on purpose: a passphrase must give the same key on every
 * machine and in every process, and there is no unencrypted place to keep a
 * per-store salt. Its job is domain separation (the same passphrase used
 * elsewhere does not yield this key); scrypt's cost is what slows guessing.
 * Changing it makes every passphrase-encrypted store unreadable.
 */
export const PASSPHRASE_SALT = 'creator-mcp/token-store/v1';
/** scrypt's default cost (N=2^14, r=8): ~50 ms once per open, 16 MiB. */
const SCRYPT_OPTIONS = { N: 1 << 14, r: 8, p: 1 } as const;

/** The on-disk envelope. `v` lets a future format be recognised instead of reported as a wrong key. */
export interface SealedBox {
  v: 1;
  iv: string;
  tag: string;
  ct: string;
}

export type UnsealResult =
  | { ok: true; plaintext: string }
  | { ok: false; reason: 'malformed' }
  | { ok: false; reason: 'unsupported-version'; version: unknown }
  | { ok: false; reason: 'auth-failed' };

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BASE64_32 = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_32 = /^[A-Za-z0-9_-]{43}=?$/;
const BASE64_ANY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Recognises a key that is already 32 random bytes (hex, base64 or base64url),
 * so `openssl rand -base64 32` output and the generated secret.key file can be
 * used as CREATOR_MCP_SECRET_KEY directly. Only canonical encodings count:
 * otherwise two different strings (differing in ignored padding bits) would
 * silently be the same key.
 */
export function decodeRawKey(text: string): Buffer | undefined {
  if (HEX_64.test(text)) return Buffer.from(text, 'hex');
  const encoding = BASE64_32.test(text) ? 'base64' : BASE64URL_32.test(text) ? 'base64url' : undefined;
  if (encoding === undefined) return undefined;
  const bytes = Buffer.from(text, encoding);
  const canonical = bytes.toString(encoding).replace(/=+$/, '');
  return bytes.length === KEY_BYTES && canonical === text.replace(/=+$/, '') ? bytes : undefined;
}

/**
 * Any other string is a passphrase. Surrounding whitespace is dropped first
 * because a trailing newline from a secrets file would otherwise silently
 * produce a different key than the one the user typed.
 */
export async function keyFromSecret(secret: string): Promise<Buffer> {
  const text = secret.trim();
  const raw = decodeRawKey(text);
  if (raw) return raw;
  return new Promise((resolve, reject) => {
    scrypt(text, PASSPHRASE_SALT, KEY_BYTES, SCRYPT_OPTIONS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Base64 so that the key file's content is itself a valid CREATOR_MCP_SECRET_KEY. */
export function encodeKey(key: Buffer): string {
  return key.toString('base64');
}

export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const box: SealedBox = { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  return `${JSON.stringify(box)}\n`;
}

/** Distinguishes "not our format" from "wrong key" so the user gets the right advice. */
export function unseal(key: Buffer, text: string): UnsealResult {
  let box: unknown;
  try {
    box = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof box !== 'object' || box === null || Array.isArray(box)) return { ok: false, reason: 'malformed' };
  const { v, iv, tag, ct } = box as Record<string, unknown>;
  if (v !== 1) {
    return v === undefined ? { ok: false, reason: 'malformed' } : { ok: false, reason: 'unsupported-version', version: v };
  }
  const ivBytes = decodeBase64(iv);
  const tagBytes = decodeBase64(tag);
  const ctBytes = decodeBase64(ct);
  if (ivBytes?.length !== IV_BYTES || tagBytes?.length !== TAG_BYTES || ctBytes === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    const plaintext = Buffer.concat([decipher.update(ctBytes), decipher.final()]).toString('utf8');
    return { ok: true, plaintext };
  } catch {
    return { ok: false, reason: 'auth-failed' };
  }
}

/** Buffer.from silently skips invalid characters; a damaged field must not decode to something else. */
function decodeBase64(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || !BASE64_ANY.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}
