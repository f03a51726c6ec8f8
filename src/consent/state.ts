import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What a confirmation question is about, sealed into the 2026-07-28 `requestState` so the
 * retry can only run the very call the user saw: same tool, same arguments, same account.
 */
export interface ConfirmBinding {
  tool: string;
  argsHash: string;
  account: string;
}

export interface ConfirmState extends ConfirmBinding {
  /** Single use: the retry that spends it is recorded, a second one is refused. */
  nonce: string;
  /** Epoch milliseconds after which the state is refused. */
  exp: number;
}

export type OpenedState = { ok: true; state: ConfirmState } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' | 'mismatched' };

export const STATE_TTL_MS = 10 * 60_000;
const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Additional data: a state sealed for another purpose under the same key never opens here.
const AAD = Buffer.from('creator-mcp/confirm-state/v1');

/** A subkey for sealing confirmation state, never the store key itself. */
export function deriveStateKey(material: Buffer | string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'creator-mcp', 'creator-mcp/confirm-state/v1', 32));
}

/** Canonical JSON (sorted keys) so the same arguments in another key order bind the same way. */
export function argsHash(args: Record<string, unknown>): string {
  return createHash('sha256').update(canonical(args)).digest('base64url');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** AES-256-GCM: the client holds the state but can neither read nor change it. */
export class StateSealer {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
    readonly ttlMs = STATE_TTL_MS,
  ) {
    if (key.length !== 32) throw new Error('the confirmation state key must be 32 bytes');
  }

  seal(binding: ConfirmBinding): string {
    const state: ConfirmState = { ...binding, nonce: randomBytes(16).toString('base64url'), exp: this.now() + this.ttlMs };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const ct = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Opens a state and checks it belongs to this call; refuses anything else. */
  open(text: unknown, expected: ConfirmBinding): OpenedState {
    if (typeof text !== 'string' || !text.startsWith(`${VERSION}.`) || text.length > 4096) return { ok: false, reason: 'malformed' };
    const raw = Buffer.from(text.slice(VERSION.length + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES + 2) return { ok: false, reason: 'malformed' };
    let state: ConfirmState;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      state = JSON.parse(plain.toString('utf8')) as ConfirmState;
    } catch {
      return { ok: false, reason: 'tampered' };
    }
    if (typeof state?.exp !== 'number' || typeof state.nonce !== 'string') return { ok: false, reason: 'malformed' };
    if (this.now() > state.exp) return { ok: false, reason: 'expired' };
    if (state.tool !== expected.tool || state.argsHash !== expected.argsHash || state.account !== expected.account) return { ok: false, reason: 'mismatched' };
    return { ok: true, state };
  }
}
