import type { TokenRecord } from '../auth/token-store.js';

/** Fields of a stored login that say who it is and are not secret (tokens never are here). */
const SHOWN = ['name', 'user_id', 'username', 'uid', 'aid', 'nickname', 'scope'] as const;

export function identityOf(record: TokenRecord | undefined): Record<string, string> | undefined {
  if (!record) return undefined;
  const out: Record<string, string> = {};
  for (const k of SHOWN) {
    const v = record.data[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return Object.keys(out).length ? out : undefined;
}
