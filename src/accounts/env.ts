import { ConfigError } from '../http/errors.js';
import type { Env } from '../platforms/types.js';

/** The account the plain variables (no `__<ACCOUNT>` suffix) configure. */
export const DEFAULT_ACCOUNT = 'default';
export const ACCOUNT_NAME = /^[a-z0-9_-]{1,32}$/;
const SEPARATOR = '__';

/** Where the platform's variables live: `<ID>_…`, so `fanbook` owns `FANBOOK_BOT_TOKEN__shop2`. */
function prefixOf(platformId: string): string {
  return `${platformId.toUpperCase()}_`;
}

export function checkAccountName(name: string, where: string): string {
  if (!ACCOUNT_NAME.test(name)) throw new ConfigError(`${where}: account name "${name}" must be 1 to 32 of a-z, 0-9, _ and - (lower case)`);
  return name;
}

/** The accounts named by `<VAR>__<ACCOUNT>` variables of one platform; a bad name is a config error. */
export function accountsNamedInEnv(platformId: string, env: Env): string[] {
  const prefix = prefixOf(platformId);
  const names = new Set<string>();
  for (const key of Object.keys(env)) {
    if (!key.startsWith(prefix) || !env[key]) continue;
    const at = key.indexOf(SEPARATOR, prefix.length);
    if (at < 0) continue;
    names.add(checkAccountName(key.slice(at + SEPARATOR.length), key));
  }
  names.delete(DEFAULT_ACCOUNT);
  return [...names].sort();
}

/**
 * The environment as one account's configure() sees it: its own `<VAR>__<ACCOUNT>` values under
 * the plain names. Variables the platform declares per account (credentials, and what belongs to
 * one login) never fall back to the plain value, so a second bot cannot run on the first one's
 * token; everything else (base URLs, settings, an OAuth app's client) does.
 */
export function accountEnv(platformId: string, env: Env, account: string, perAccount: readonly string[]): Env {
  const prefix = prefixOf(platformId);
  const suffix = `${SEPARATOR}${account}`;
  const view: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix)) view[key] = value;
    else if (!key.includes(SEPARATOR, prefix.length)) view[key] = account === DEFAULT_ACCOUNT || !perAccount.includes(key) ? value : undefined;
  }
  if (account !== DEFAULT_ACCOUNT) {
    for (const [key, value] of Object.entries(env)) if (key.startsWith(prefix) && key.endsWith(suffix)) view[key.slice(0, -suffix.length)] = value;
  }
  return view;
}

/** Every value of `name` in any account (`NAME` and `NAME__<ACCOUNT>`): what must be masked. */
export function valuesOfEveryAccount(env: Env, name: string): Array<string | undefined> {
  return Object.keys(env)
    .filter((k) => k === name || k.startsWith(`${name}${SEPARATOR}`))
    .map((k) => env[k]);
}
