import type * as Oidc from 'openid-client';
import { InvalidGrantError, type TokenGrant } from '../../auth/oauth-session.js';
import type { HttpClient } from '../../http/client.js';
import { AuthRequiredError, PlatformError } from '../../http/errors.js';
import type { Logger } from '../../log.js';
import type { HttpMethod, Platform } from '../types.js';
import { selectTools, type ToolFilters } from '../../tools/catalog.js';
import { BASE_SCOPES, type FanvueConfig } from './config.js';

/**
 * openid-client (with jose) is loaded on the first refresh or login, not at import: serving
 * starts and lists tools without it, and most calls never refresh.
 */
let loaded: typeof Oidc | undefined;
async function openidClient(): Promise<typeof Oidc> {
  return (loaded ??= await import('openid-client'));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * openid-client's requests go through the project's one HTTP client (timeouts, redaction, the
 * no-blind-retry rule for the single-use refresh token). The core client throws on an HTTP
 * error, while openid-client must read the OAuth error body, so such answers are handed back as
 * responses carrying the error the core client read.
 */
export function fetchVia(http: HttpClient): Oidc.CustomFetch {
  return async (url, options) => {
    const method = options.method.toUpperCase() as HttpMethod;
    try {
      const res = await http.send({
        method,
        url,
        headers: options.headers,
        body: options.body as string | URLSearchParams | undefined,
        retry: method === 'GET' ? 'read' : 'write',
        signal: options.signal,
      });
      return new Response(NO_BODY.has(res.status) ? null : res.text, { status: res.status, headers: res.headers });
    } catch (err) {
      if (err instanceof PlatformError && err.status !== undefined && err.status >= 400 && err.status < 500) {
        return new Response(oauthErrorBody(err), { status: err.status, headers: { 'content-type': 'application/json' } });
      }
      throw err;
    }
  };
}

function oauthErrorBody(err: PlatformError): string {
  // A client without Fanvue's error reader keeps the raw body as the message.
  try {
    const raw: unknown = JSON.parse(err.platformMessage ?? '');
    if (raw && typeof raw === 'object' && 'error' in raw) return JSON.stringify(raw);
  } catch {
    // not the raw body
  }
  return JSON.stringify({ error: typeof err.code === 'string' ? err.code : 'server_error', error_description: err.platformMessage ?? `HTTP ${err.status}` });
}

/**
 * The authorization server's configuration: discovered at FANVUE_AUTH_BASE_URL when it publishes
 * a discovery document, otherwise the documented endpoints. Plain http is allowed for loopback
 * only (the sandbox).
 */
export async function fanvueOidc(
  cfg: Pick<FanvueConfig, 'authBaseUrl' | 'clientId' | 'clientSecret'>,
  http: HttpClient,
  log?: Logger,
): Promise<Oidc.Configuration> {
  if (!cfg.clientId) throw new AuthRequiredError('Fanvue', 'FANVUE_CLIENT_ID is not set');
  const oidc = await openidClient();
  const base = new URL(cfg.authBaseUrl);
  const insecure = base.protocol === 'http:' && LOOPBACK.has(base.hostname);
  const clientAuth = cfg.clientSecret ? oidc.ClientSecretBasic(cfg.clientSecret) : oidc.None();
  const customFetch = fetchVia(http);
  try {
    return await oidc.discovery(base, cfg.clientId, cfg.clientSecret, clientAuth, {
      [oidc.customFetch]: customFetch,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
  } catch (err) {
    log?.debug(`Fanvue: no usable discovery document at ${base.origin} (${describe(err)}); using the documented endpoints`);
    const root = cfg.authBaseUrl.replace(/\/+$/, '');
    const config = new oidc.Configuration(
      {
        issuer: root,
        authorization_endpoint: `${root}/oauth2/auth`,
        token_endpoint: `${root}/oauth2/token`,
        revocation_endpoint: `${root}/oauth2/revoke`,
      },
      cfg.clientId,
      cfg.clientSecret,
      clientAuth,
    );
    config[oidc.customFetch] = customFetch;
    if (insecure) oidc.allowInsecureRequests(config);
    return config;
  }
}

/** The fields worth storing; the id_token is not needed after login. */
export function grantOf(tokens: Oidc.TokenEndpointResponse): TokenGrant {
  return {
    access_token: tokens.access_token,
    ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : {}),
    ...(typeof tokens.expires_in === 'number' ? { expires_in: tokens.expires_in } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
    token_type: tokens.token_type,
  };
}

/** The refresh function an OAuthSession calls; the discovered configuration is reused. */
export function fanvueRefresher(cfg: FanvueConfig, http: HttpClient, log: Logger): (refreshToken: string) => Promise<TokenGrant> {
  let config: Promise<Oidc.Configuration> | undefined;
  return async (refreshToken) => {
    if (!cfg.clientId) {
      throw new AuthRequiredError(
        'Fanvue',
        'the access token expired and FANVUE_CLIENT_ID / FANVUE_CLIENT_SECRET are not set, so it cannot be refreshed: set them, or run `creator-mcp login fanvue`.',
      );
    }
    config ??= fanvueOidc(cfg, http, log).catch((err: unknown) => {
      config = undefined;
      throw err;
    });
    try {
      const oidc = await openidClient();
      return grantOf(await oidc.refreshTokenGrant(await config, refreshToken));
    } catch (err) {
      throw oauthFailure(err);
    }
  };
}

/** invalid_grant means only a new login helps; transport failures keep the core's delivery verdict. */
export function oauthFailure(err: unknown): Error {
  // Before the library is loaded nothing can have thrown one of its errors.
  const ResponseBodyError = loaded?.ResponseBodyError;
  if (ResponseBodyError && err instanceof ResponseBodyError && err.error === 'invalid_grant') return new InvalidGrantError(err.error_description ?? 'invalid_grant');
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PlatformError || e instanceof AuthRequiredError) return e;
  }
  if (ResponseBodyError && err instanceof ResponseBodyError) {
    return new PlatformError({
      platform: 'Fanvue',
      status: err.status,
      code: err.error,
      platformMessage: err.error_description ?? err.error,
      delivery: 'not-processed',
      hint: 'Check FANVUE_CLIENT_ID and FANVUE_CLIENT_SECRET, then run `creator-mcp login fanvue`.',
    });
  }
  return err instanceof Error ? err : new Error(String(err));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What `login fanvue` asks for. Fanvue refuses an authorization request whose scopes differ from
 * those ticked for the app, so this is what the user configured (FANVUE_SCOPES) or, by default,
 * the scopes of Fanvue's default toolsets, whatever this run's filters are: a fixed list that the
 * README tells the user to tick. openid, offline_access and offline are always added (Fanvue
 * needs all three for a refresh token).
 */
export function scopesFor(platform: Platform, cfg: Pick<FanvueConfig, 'scopes'>): string[] {
  return [...new Set<string>([...BASE_SCOPES, ...(cfg.scopes ?? defaultAppScopes(platform))])];
}

/** The scopes of every tool in Fanvue's default toolsets. */
export function defaultAppScopes(platform: Platform): string[] {
  return scopesOfTools(platform, {});
}

/** Scopes the tools this configuration exposes need. */
export function scopesOfTools(platform: Platform, filters: ToolFilters): string[] {
  const needed = new Set<string>();
  for (const { op } of selectTools([platform], new Set([platform.id]), filters)) for (const s of op.auth ?? []) needed.add(s);
  return [...needed];
}
