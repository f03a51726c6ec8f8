import { createHash } from 'node:crypto';
import { ConfigError } from '../../http/errors.js';
import { baseUrlFrom, requireTogether } from '../env-values.js';
import type { Env } from '../types.js';

/** The only published version; every request carries it (Fanvue answers 400 without it). */
export const FANVUE_API_VERSION = '2025-06-26';
export const FANVUE_DEFAULT_API_BASE_URL = 'https://api.fanvue.com';
export const FANVUE_DEFAULT_AUTH_BASE_URL = 'https://auth.fanvue.com';
/** Fanvue needs all three for a refresh token (Ory Hydra accepts both spellings of offline). */
export const BASE_SCOPES = ['openid', 'offline_access', 'offline'] as const;

export interface FanvueConfig {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  /** Seed for the token store when no login is stored (headless use, CI, the sandbox). */
  accessToken?: string;
  refreshToken?: string;
  /** Space- or comma-separated override of the scopes `login` asks for. */
  scopes?: string[];
  webhookSecret?: string;
}

export function parseScopes(value: string | undefined): string[] | undefined {
  if (!value?.trim()) return undefined;
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

/**
 * Enabled by a seeded token or by an OAuth client (whose login lives in the token store); the
 * tools of an enabled platform without a login answer with the command that fixes it.
 */
export function configure(env: Env): FanvueConfig | undefined {
  requireTogether(env, ['FANVUE_CLIENT_ID', 'FANVUE_CLIENT_SECRET'], 'the OAuth app needs both, from the Fanvue developer area');
  if (env.FANVUE_REFRESH_TOKEN && !env.FANVUE_ACCESS_TOKEN) {
    throw new ConfigError('FANVUE_REFRESH_TOKEN is set but FANVUE_ACCESS_TOKEN is missing: seed both, or run `creator-mcp login fanvue`');
  }
  if (!env.FANVUE_ACCESS_TOKEN && !env.FANVUE_CLIENT_ID) return undefined;
  return {
    apiBaseUrl: baseUrlFrom(env, 'FANVUE_API_BASE_URL', FANVUE_DEFAULT_API_BASE_URL),
    authBaseUrl: baseUrlFrom(env, 'FANVUE_AUTH_BASE_URL', FANVUE_DEFAULT_AUTH_BASE_URL),
    clientId: env.FANVUE_CLIENT_ID || undefined,
    clientSecret: env.FANVUE_CLIENT_SECRET || undefined,
    redirectUri: env.FANVUE_REDIRECT_URI || undefined,
    accessToken: env.FANVUE_ACCESS_TOKEN || undefined,
    refreshToken: env.FANVUE_REFRESH_TOKEN || undefined,
    scopes: parseScopes(env.FANVUE_SCOPES),
    webhookSecret: env.FANVUE_WEBHOOK_SECRET || undefined,
  };
}

export function secretsOf(cfg: FanvueConfig): string[] {
  return [cfg.clientSecret, cfg.accessToken, cfg.refreshToken, cfg.webhookSecret].filter((s): s is string => !!s);
}

/**
 * Which env token a stored record came from, without keeping the token itself next to it: a
 * changed FANVUE_ACCESS_TOKEN replaces the stored login, an unchanged one leaves the rotated
 * tokens alone.
 */
export function seedFingerprint(accessToken: string): string {
  return createHash('sha256').update(`fanvue-seed:${accessToken}`).digest('hex').slice(0, 32);
}
