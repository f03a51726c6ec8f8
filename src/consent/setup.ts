import { randomBytes } from 'node:crypto';
import { keyFromSecret } from '../auth/crypto-box.js';
import type { TokenStore } from '../auth/token-store.js';
import { ConfigError } from '../http/errors.js';
import type { Env, Platform } from '../platforms/types.js';
import { fullCatalog, type CatalogEntry } from '../tools/catalog.js';
import type { Consent } from './gate.js';
import type { NonceStore } from './nonces.js';
import { loadConfirmPolicy, needsConfirmation } from './policy.js';
import { deriveStateKey, StateSealer } from './state.js';

export interface ConsentOptions {
  /** Tests move time forward to expire a question. */
  now?: () => number;
}

/**
 * The policy, the sealing key and the spent-answer record. The key is CREATOR_MCP_STATE_KEY, or
 * derived from the token store's key (CREATOR_MCP_SECRET_KEY or the key file), so any instance
 * sharing either accepts a question another one asked.
 */
export async function loadConsent(
  env: Env,
  deps: { platforms: readonly Platform[]; store: TokenStore; nonces: NonceStore; secretKey?: string },
  options: ConsentOptions = {},
): Promise<Consent> {
  const policy = loadConfirmPolicy(env, new Set(fullCatalog(deps.platforms).map((e) => e.name)));
  const key = await stateKey(env, deps);
  return { policy, sealer: new StateSealer(key, options.now), used: deps.nonces };
}

async function stateKey(env: Env, deps: { store: TokenStore; secretKey?: string }): Promise<Buffer> {
  const own = env.CREATOR_MCP_STATE_KEY?.trim();
  if (own !== undefined && own !== '') {
    if (own.length < 32) throw new ConfigError('CREATOR_MCP_STATE_KEY must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)');
    return deriveStateKey(own);
  }
  const fromStore = deps.store.deriveKey?.(deriveStateKey);
  if (fromStore) return fromStore;
  if (deps.secretKey?.trim()) return deriveStateKey(await keyFromSecret(deps.secretKey));
  // An in-memory store has no key: questions are then only answerable by this process.
  return randomBytes(32);
}

/** Marks the tools whose calls the user approves, so their definitions say so. */
export function markConfirmed(entries: readonly CatalogEntry[], consent: Consent): CatalogEntry[] {
  return entries.map((e) => (needsConfirmation(consent.policy, e.name, e.op) ? { ...e, confirmed: true } : e));
}
