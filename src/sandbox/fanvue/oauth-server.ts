import { createHash, createSign, generateKeyPairSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim-host.js';

/** Every scope Fanvue publishes, plus the OpenID Connect ones its login requires. */
export const FANVUE_SCOPES = [
  'openid', 'offline_access', 'offline', 'read:self', 'read:chat', 'write:chat', 'read:fan', 'read:post', 'write:post', 'read:media',
  'write:media', 'read:creator', 'write:creator', 'read:insights', 'read:tracking_links', 'write:tracking_links', 'read:agency', 'write:agency',
] as const;

/** Scopes Fanvue adds to any app: they are not ticked in the developer area. */
const SYSTEM_SCOPES = new Set(['openid', 'offline_access', 'offline']);

/**
 * The scopes the sandbox app has ticked in its developer area: what `login fanvue` asks for by
 * default (the scopes of the default toolsets), so a newcomer's login works unchanged.
 */
export const SANDBOX_APP_SCOPES = [
  'read:self', 'read:chat', 'write:chat', 'read:fan', 'read:post', 'write:post', 'read:media', 'write:media', 'read:insights',
  'read:tracking_links', 'write:tracking_links',
] as const;

const CODE_TTL_MS = 10 * 60_000;

export interface AccessGrant {
  token: string;
  userUuid: string;
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
  chain: string;
}

interface RefreshEntry {
  chain: string;
  used: boolean;
  scopes: string[];
  userUuid: string;
}

interface CodeEntry {
  redirectUri: string;
  scopes: string[];
  challenge: string;
  expiresAt: number;
}

export interface AuthServerOptions {
  clientId: string;
  clientSecret: string;
  userUuid: string;
  issuer(): string;
  now(): number;
  accessTtlS?: number;
  /** Scopes ticked for the app in the developer area (default SANDBOX_APP_SCOPES). */
  appScopes?: readonly string[];
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(value),
});
const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });
const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/**
 * Fanvue's authorization server as its docs and starter describe it (it looks like Ory Hydra):
 * authorization code with mandatory PKCE S256, client_secret_basic, consent given at once in
 * the sandbox, and rotating single-use refresh tokens with reuse detection that revokes the
 * whole chain.
 */
export class FanvueAuthServer {
  readonly accessTokens = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshEntry>();
  readonly #codes = new Map<string, CodeEntry>();
  readonly #revokedChains = new Set<string>();
  readonly #key: KeyObject;
  readonly #kid = randomBytes(8).toString('hex');
  readonly #publicJwk: Record<string, unknown>;
  /** Counters tests read: successful refreshes, refused reuses, code exchanges. */
  readonly stats = { refreshes: 0, reuseDetected: 0, codeExchanges: 0 };

  constructor(private readonly opts: AuthServerOptions) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#key = privateKey;
    this.#publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.#kid, use: 'sig', alg: 'RS256' };
  }

  /**
   * A login as if the creator had gone through the browser flow (what the sandbox env carries);
   * `userUuid` logs in someone else with the same app (tests of per-user budgets).
   */
  preIssue(scopes: readonly string[] = FANVUE_SCOPES, userUuid = this.opts.userUuid) {
    return this.#issue([...scopes], userUuid, randomBytes(8).toString('hex'));
  }

  verifyBearer(header: string | undefined): AccessGrant | { error: string } {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m) return { error: 'Missing or malformed Authorization header' };
    const grant = this.accessTokens.get(m[1] as string);
    if (!grant || this.#revokedChains.has(grant.chain)) return { error: 'Invalid access token' };
    if (grant.expiresAt <= this.opts.now()) return { error: 'Access token expired' };
    return grant;
  }

  /** Lets every access token lapse, as an hour of waiting would. */
  expireAccessTokens(): number {
    for (const g of this.accessTokens.values()) g.expiresAt = this.opts.now() - 1;
    return this.accessTokens.size;
  }

  route(req: SimRequest): SimResponse | undefined {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /.well-known/openid-configuration') return json(200, this.#discovery());
    if (route === 'GET /.well-known/jwks.json') return json(200, { keys: [this.#publicJwk] });
    if (route === 'GET /oauth2/auth') return this.#authorize(req);
    if (route === 'POST /oauth2/token') return this.#token(req);
    if (route === 'POST /oauth2/revoke') return this.#revoke(req);
    return undefined;
  }

  #discovery() {
    const issuer = this.opts.issuer();
    return {
      issuer,
      authorization_endpoint: `${issuer}/oauth2/auth`,
      token_endpoint: `${issuer}/oauth2/token`,
      revocation_endpoint: `${issuer}/oauth2/revoke`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      scopes_supported: FANVUE_SCOPES,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  #authorize(req: SimRequest): SimResponse {
    const q = req.query;
    const page = (msg: string): SimResponse => ({ status: 400, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>Fanvue</title><p>${msg.replace(/[<>&]/g, '')}</p>` });
    if (q.get('client_id') !== this.opts.clientId) return page('unknown client_id');
    let redirect: URL;
    try {
      redirect = new URL(q.get('redirect_uri') ?? '');
    } catch {
      return page('redirect_uri must be an absolute URL');
    }
    // The sandbox app registers loopback redirect URIs only.
    if (redirect.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(redirect.hostname)) return page('redirect_uri is not registered for this app');
    const state = q.get('state') ?? '';
    const back = (params: Record<string, string>): SimResponse => {
      for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
      if (state) redirect.searchParams.set('state', state);
      return { status: 302, headers: { location: redirect.href }, body: '' };
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'only response_type=code' });
    if (state.length < 8) return back({ error: 'invalid_state', error_description: 'state must be at least 8 characters' });
    const challenge = q.get('code_challenge') ?? '';
    if (!challenge || q.get('code_challenge_method') !== 'S256') {
      return back({ error: 'invalid_request', error_description: 'PKCE is required: code_challenge with code_challenge_method=S256' });
    }
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    const unknown = scopes.filter((s) => !(FANVUE_SCOPES as readonly string[]).includes(s));
    if (unknown.length) return back({ error: 'invalid_scope', error_description: `unknown scope ${unknown.join(' ')}` });
    // Fanvue: the requested scopes must match exactly those ticked for the app, no more, no fewer.
    const app = new Set(this.opts.appScopes ?? SANDBOX_APP_SCOPES);
    const asked = new Set(scopes.filter((s) => !SYSTEM_SCOPES.has(s)));
    if (asked.size !== app.size || [...asked].some((s) => !app.has(s))) {
      return back({ error: 'invalid_scope', error_description: 'the requested scopes do not match the scopes enabled for this app' });
    }
    const code = `fvac_${randomBytes(24).toString('base64url')}`;
    this.#codes.set(code, { redirectUri: redirect.href.split('?')[0] as string, scopes, challenge, expiresAt: this.opts.now() + CODE_TTL_MS });
    return back({ code, scope: scopes.join(' ') });
  }

  #token(req: SimRequest): SimResponse {
    const client = this.#clientOf(req);
    if (!client) return json(401, { error: 'invalid_client', error_description: 'client authentication failed (client_secret_basic)' }, { 'www-authenticate': 'Basic realm="fanvue"' });
    const f = new URLSearchParams(req.text);
    switch (f.get('grant_type')) {
      case 'authorization_code':
        return this.#exchange(f);
      case 'refresh_token':
        return this.#refreshGrant(f.get('refresh_token') ?? '');
      default:
        return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    }
  }

  #exchange(f: URLSearchParams): SimResponse {
    const code = f.get('code') ?? '';
    const entry = this.#codes.get(code);
    this.#codes.delete(code);
    if (!entry || entry.expiresAt <= this.opts.now()) return oauthError(400, 'invalid_grant', 'the authorization code is invalid, expired or already used');
    if ((f.get('redirect_uri') ?? '').split('?')[0] !== entry.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    const verifier = f.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || b64url(createHash('sha256').update(verifier).digest()) !== entry.challenge) {
      return oauthError(400, 'invalid_grant', 'PKCE verification failed');
    }
    this.stats.codeExchanges++;
    return json(200, this.#issue(entry.scopes, this.opts.userUuid, randomBytes(8).toString('hex')));
  }

  #refreshGrant(token: string): SimResponse {
    const entry = this.#refresh.get(token);
    if (!entry) return oauthError(400, 'invalid_grant', 'the refresh token is invalid');
    if (this.#revokedChains.has(entry.chain)) return oauthError(400, 'invalid_grant', 'the refresh token was revoked');
    if (entry.used) {
      // A spent token came back: someone holds a copy. Everything issued from this login dies.
      this.#revokedChains.add(entry.chain);
      this.stats.reuseDetected++;
      return oauthError(400, 'invalid_grant', 'refresh token reuse detected; the token chain was revoked');
    }
    entry.used = true;
    this.stats.refreshes++;
    return json(200, this.#issue(entry.scopes, entry.userUuid, entry.chain));
  }

  #revoke(req: SimRequest): SimResponse {
    if (!this.#clientOf(req)) return json(401, { error: 'invalid_client' });
    const token = new URLSearchParams(req.text).get('token') ?? '';
    const chain = this.#refresh.get(token)?.chain ?? this.accessTokens.get(token)?.chain;
    if (chain) this.#revokedChains.add(chain);
    return { status: 200, body: '' };
  }

  #clientOf(req: SimRequest): string | undefined {
    const m = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!m) return undefined;
    const [id = '', secret = ''] = Buffer.from(m[1] as string, 'base64').toString('utf8').split(':').map((p) => decodeURIComponent(p.replace(/\+/g, ' ')));
    const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    return same(id, this.opts.clientId) && same(secret, this.opts.clientSecret) ? id : undefined;
  }

  #issue(scopes: string[], userUuid: string, chain: string) {
    const ttl = this.opts.accessTtlS ?? 3600;
    const access = `fvat_${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(access, { token: access, userUuid, clientId: this.opts.clientId, scopes: new Set(scopes), expiresAt: this.opts.now() + ttl * 1000, chain });
    const offline = scopes.includes('offline_access') || scopes.includes('offline');
    let refresh: string | undefined;
    if (offline) {
      refresh = `fvrt_${randomBytes(24).toString('base64url')}`;
      this.#refresh.set(refresh, { chain, used: false, scopes, userUuid });
    }
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: ttl,
      scope: scopes.join(' '),
      ...(refresh ? { refresh_token: refresh } : {}),
      ...(scopes.includes('openid') ? { id_token: this.#idToken(userUuid) } : {}),
    };
  }

  #idToken(sub: string): string {
    const now = Math.floor(this.opts.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', kid: this.#kid, typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ iss: this.opts.issuer(), sub, aud: [this.opts.clientId], iat: now, exp: now + 3600, auth_time: now }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.#key);
    return `${header}.${payload}.${b64url(signature)}`;
  }
}
