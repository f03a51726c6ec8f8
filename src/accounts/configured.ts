import { ConfigError } from '../http/errors.js';
import type { TokenStore } from '../auth/token-store.js';
import type { Env, Platform } from '../platforms/types.js';
import { accountEnv, accountsNamedInEnv, ACCOUNT_NAME, DEFAULT_ACCOUNT } from './env.js';

export interface ConfiguredAccount {
  name: string;
  cfg: unknown;
  /** The environment as this account sees it (its own values under the plain names). */
  env: Env;
  /** `store` when only a stored login names it (`login <platform> --account NAME`). */
  source: 'env' | 'store';
}

/** Accounts the token store holds logins for, by platform (`login <platform> --account NAME`). */
export async function storedAccounts(store: TokenStore): Promise<Map<string, string[]>> {
  // A store that cannot be listed fails on its first use, with its own message, as before.
  const records = await store.list().catch(() => []);
  const byPlatform = new Map<string, string[]>();
  for (const r of records) {
    if (!ACCOUNT_NAME.test(r.account)) continue;
    byPlatform.set(r.platform, [...(byPlatform.get(r.platform) ?? []), r.account]);
  }
  return byPlatform;
}

/**
 * A platform's accounts: `default` (the plain variables), every `<VAR>__<ACCOUNT>` name and every
 * stored login, each kept when the platform's configure() accepts its view of the environment.
 * `default` comes first, the others in name order, so the first account is stable.
 */
export function configuredAccounts(platform: Platform, env: Env, stored: readonly string[] = []): ConfiguredAccount[] {
  const fromEnv = [DEFAULT_ACCOUNT, ...accountsNamedInEnv(platform.id, env)];
  const names = [...new Set([...fromEnv, ...[...stored].sort()])];
  const out: ConfiguredAccount[] = [];
  for (const name of names) {
    const view = accountEnv(platform.id, env, name, platform.accountVariables ?? []);
    let cfg: unknown;
    try {
      cfg = platform.configure(view);
    } catch (err) {
      // The platform words its errors with the plain names; say which account's variables they are.
      if (err instanceof ConfigError && name !== DEFAULT_ACCOUNT) throw new ConfigError(`account "${name}" of ${platform.title} (the variables ending in __${name}): ${err.message}`);
      throw err;
    }
    if (cfg !== undefined) out.push({ name, cfg, env: view, source: fromEnv.includes(name) ? 'env' : 'store' });
  }
  return out;
}
