import { ConfigError } from '../http/errors.js';
import type { Env } from './types.js';

/**
 * A base URL from the environment, checked at start: a typo would otherwise surface as three
 * retried connection failures on the first tool call.
 */
export function baseUrlFrom(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${fallback}, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must start with https:// or http://, not "${raw}"`);
  if (url.username || url.password) throw new ConfigError(`${name} must not carry credentials; use the platform's own variables for them`);
  if (url.search || url.hash) throw new ConfigError(`${name} must be a base URL without ?query or #fragment, not "${raw}"`);
  return url.href.replace(/\/+$/, '');
}

/**
 * Variables that only work together: setting some of them is a half-done configuration, and
 * the user is told exactly which one is missing instead of seeing the platform silently absent.
 */
export function requireTogether(env: Env, names: readonly string[], purpose: string): void {
  const set = names.filter((n) => Boolean(env[n]?.trim()));
  if (set.length === 0 || set.length === names.length) return;
  const missing = names.filter((n) => !set.includes(n));
  throw new ConfigError(`${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: ${purpose}`);
}
