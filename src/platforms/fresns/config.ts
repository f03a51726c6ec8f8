import { ConfigError } from '../../http/errors.js';
import { VERSION } from '../../version.js';
import type { Env } from '../types.js';
import type { ApiVersion } from './operations/versions.js';

/** How creator-mcp logs in by itself: the account, then one of its users. */
export interface FresnsLogin {
  type: 'email' | 'phone';
  account: string;
  password: string;
  countryCode?: number;
  /** uid or username; needed only when the account has several users. */
  user?: string;
  userPassword?: string;
}

/** A session made elsewhere (a browser, another client), given as the four header values. */
export interface FresnsDirectSession {
  aid: string;
  aidToken: string;
  uid?: string;
  uidToken?: string;
}

export interface FresnsConfig {
  baseUrl: string;
  appId: string;
  appSecret: string;
  platformId: number;
  clientVersion: string;
  langTag?: string;
  timezone?: string;
  /** `auto`: detected from the site at first use and kept for the process. */
  apiVersion: ApiVersion | 'auto';
  login?: FresnsLogin;
  direct?: FresnsDirectSession;
}

const need = (env: Env, name: string, why: string): string => {
  const v = env[name]?.trim();
  if (!v) throw new ConfigError(`${name} is required when FRESNS_BASE_URL is set (${why})`);
  return v;
};

/** The site root: a trailing `/api/v2` (copied from the docs) is tolerated and dropped. */
function siteRoot(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`FRESNS_BASE_URL must be the site's URL, such as https://community.example.com, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('FRESNS_BASE_URL must start with https:// or http://');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/api\/(v2|fresns\/v1)$/, '');
}

function apiVersionOf(env: Env): ApiVersion | 'auto' {
  const raw = env.FRESNS_API_VERSION?.trim().toLowerCase() || 'auto';
  if (raw === 'auto') return 'auto';
  if (raw === '2' || raw === '3') return Number(raw) as ApiVersion;
  throw new ConfigError(`FRESNS_API_VERSION must be auto, 2 (Fresns 2.x, /api/v2) or 3 (Fresns 3.x, /api/fresns/v1), not "${raw}"`);
}

/** 3.x calls the key's secret "App Key"; either name works, and two different values are a mistake. */
function appSecretOf(env: Env, keyWhere: string): string {
  const secret = env.FRESNS_APP_SECRET?.trim();
  const key = env.FRESNS_APP_KEY?.trim();
  if (secret && key && secret !== key) throw new ConfigError('FRESNS_APP_SECRET and FRESNS_APP_KEY are both set and differ: they name the same value (the key\'s secret, "App Key" in Fresns 3.x); keep one');
  const value = secret || key;
  if (!value) throw new ConfigError(`FRESNS_APP_SECRET (or FRESNS_APP_KEY, its Fresns 3.x name) is required when FRESNS_BASE_URL is set (the key's secret, from ${keyWhere})`);
  return value;
}

function loginOf(env: Env): FresnsLogin | undefined {
  const account = env.FRESNS_ACCOUNT?.trim();
  const password = env.FRESNS_PASSWORD;
  if (!account && !password) return undefined;
  if (!account || !password) throw new ConfigError('set FRESNS_ACCOUNT and FRESNS_PASSWORD together (the account email or phone and its password)');
  const typeText = env.FRESNS_ACCOUNT_TYPE?.trim().toLowerCase() || (account.includes('@') ? 'email' : 'phone');
  if (typeText !== 'email' && typeText !== 'phone') throw new ConfigError(`FRESNS_ACCOUNT_TYPE must be "email" or "phone", not "${typeText}"`);
  const cc = env.FRESNS_COUNTRY_CODE?.trim().replace(/^\+/, '');
  if (cc !== undefined && cc !== '' && !/^\d{1,4}$/.test(cc)) throw new ConfigError(`FRESNS_COUNTRY_CODE must be digits such as 86, not "${cc}"`);
  return {
    type: typeText,
    account,
    password,
    ...(cc ? { countryCode: Number(cc) } : {}),
    ...(env.FRESNS_USER?.trim() ? { user: env.FRESNS_USER.trim() } : {}),
    ...(env.FRESNS_USER_PASSWORD ? { userPassword: env.FRESNS_USER_PASSWORD } : {}),
  };
}

function directOf(env: Env): FresnsDirectSession | undefined {
  const [aid, aidToken, uid, uidToken] = ['FRESNS_AID', 'FRESNS_AID_TOKEN', 'FRESNS_UID', 'FRESNS_UID_TOKEN'].map((k) => env[k]?.trim() || undefined);
  if (!aid && !aidToken && !uid && !uidToken) return undefined;
  if (!aid || !aidToken) throw new ConfigError('a session given directly needs FRESNS_AID and FRESNS_AID_TOKEN (plus FRESNS_UID and FRESNS_UID_TOKEN for the user)');
  if (!uid !== !uidToken) throw new ConfigError('set FRESNS_UID and FRESNS_UID_TOKEN together');
  if (uid && !/^\d+$/.test(uid)) throw new ConfigError(`FRESNS_UID must be the numeric uid, not "${uid}"`);
  return { aid, aidToken, ...(uid && uidToken ? { uid, uidToken } : {}) };
}

/**
 * Fresns is self-hosted, so nothing is enabled without FRESNS_BASE_URL. Once it is set, a
 * missing key or a half-given session is a startup error rather than a tool that fails later.
 */
export function configure(env: Env): FresnsConfig | undefined {
  const rawBase = env.FRESNS_BASE_URL?.trim();
  if (!rawBase) return undefined;
  const keyWhere = 'Panel → App Center → Keys';
  const platformText = env.FRESNS_PLATFORM_ID?.trim() || '4';
  const platformId = Number(platformText);
  if (!/^\d+$/.test(platformText) || platformId < 1 || platformId > 11) {
    throw new ConfigError(`FRESNS_PLATFORM_ID must be the key's platform number, 1 to 11 (4 is Desktop Web), not "${platformText}"`);
  }
  const clientVersion = env.FRESNS_CLIENT_VERSION?.trim() || VERSION;
  return {
    baseUrl: siteRoot(rawBase),
    appId: need(env, 'FRESNS_APP_ID', `the key's App ID, from ${keyWhere}`),
    appSecret: appSecretOf(env, keyWhere),
    platformId,
    clientVersion,
    ...(env.FRESNS_LANG_TAG?.trim() ? { langTag: env.FRESNS_LANG_TAG.trim() } : {}),
    ...(env.FRESNS_TIMEZONE?.trim() ? { timezone: env.FRESNS_TIMEZONE.trim() } : {}),
    apiVersion: apiVersionOf(env),
    login: loginOf(env),
    direct: directOf(env),
  };
}

/** Everything that must never be shown: the key secret, passwords (plain and as sent), tokens. */
export function secretsOf(cfg: FresnsConfig): string[] {
  const b64 = (s: string | undefined) => (s ? Buffer.from(s, 'utf8').toString('base64') : undefined);
  return [
    cfg.appSecret,
    cfg.login?.password,
    b64(cfg.login?.password),
    cfg.login?.userPassword,
    b64(cfg.login?.userPassword),
    cfg.direct?.aidToken,
    cfg.direct?.uidToken,
  ].filter((s): s is string => typeof s === 'string' && s !== '');
}
