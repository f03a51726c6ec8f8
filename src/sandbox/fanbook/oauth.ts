import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim-host.js';
import type { FanbookState } from './types.js';

const CODE_TTL_MS = 10 * 60 * 1000;

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The logged-in user (the operator who owns the seeded guilds). */
  userId: string;
  accessTtlSec: number;
  now: () => number;
  /** Redirect URIs registered for the app in the open platform. */
  redirectUris: readonly string[];
}

const json = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

/** RFC 6749-style error bodies; the token endpoints answer bare OAuth JSON, without ok/status. */
const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

const html = (status: number, text: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!DOCTYPE html><html><head><title>Fanbook 授权</title></head><body><p>${text.replace(/[<>&"]/g, '')}</p></body></html>`,
});

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Fanbook's OAuth 2.0 and open API: authorization code (consent is automatic here), code and
 * refresh exchanges with HTTP Basic client auth and form bodies, rotating refresh tokens,
 * access tokens that expire, and the `{status, data, message}` open API.
 */
export class FanbookOAuth {
  readonly #codes = new Map<string, { redirectUri: string; expiresAt: number }>();
  /** Refresh tokens already exchanged (single use). */
  readonly #spent = new Set<string>();
  /** Access tokens of another epoch count as expired; fixed until the first expiry, so logins carry over. */
  #epoch = '0';
  /** Refresh and code exchanges seen, for tests. */
  exchanges = 0;
  /**
   * Compared exactly, as OAuth servers compare a redirect URI with the registered one (RFC 6749
   * §3.1.2.3): another port, path or trailing slash is another URI. Tests register theirs here.
   */
  readonly redirectUris: Set<string>;

  constructor(
    private readonly o: OAuthOptions,
    private readonly state: FanbookState,
  ) {
    this.redirectUris = new Set(o.redirectUris);
  }

  route(req: SimRequest): SimResponse | undefined {
    if (req.path === '/open/oauth2/authorize' && req.method === 'GET') return this.#authorize(req);
    if (req.path === '/open/oauth2/token') return this.#token(req, 'authorization_code');
    if (req.path === '/open/oauth2/refresh') return this.#token(req, 'refresh_token');
    if (req.path === '/open/api/user/getMe') return this.#api(req, () => this.#user());
    if (req.path === '/open/api/guild/getGuilds') return this.#api(req, () => this.#guilds());
    return undefined;
  }

  /** Makes every access token issued so far expired (to exercise refresh). */
  expireAccessTokens(): void {
    this.#epoch = randomBytes(4).toString('hex');
  }

  /**
   * Tokens are signed rather than remembered, so a login made with `creator-mcp login fanbook
   * --sandbox` stays valid in the simulator of a later `creator-mcp sandbox` run.
   */
  #issue(kind: 'a' | 'r', ttlSec: number): string {
    const claims = Buffer.from(JSON.stringify({ k: kind, e: this.#epoch, u: this.o.userId, exp: this.o.now() + ttlSec * 1000, n: randomBytes(6).toString('hex') })).toString('base64url');
    return `${claims}.${this.#sign(claims)}`;
  }

  #verify(token: string, kind: 'a' | 'r'): boolean {
    const [claims = '', sig = ''] = token.split('.');
    if (!claims || !same(sig, this.#sign(claims))) return false;
    try {
      const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { k?: string; e?: string; exp?: number };
      return c.k === kind && (c.exp ?? 0) > this.o.now() && (kind === 'r' || c.e === this.#epoch);
    } catch {
      return false;
    }
  }

  #sign(claims: string): string {
    return createHmac('sha256', `fanbook-sandbox:${this.o.clientSecret}`).update(claims).digest('base64url');
  }

  #authorize(req: SimRequest): SimResponse {
    const q = req.query;
    if (q.get('response_type') !== 'code') return html(400, 'response_type 必须为 code');
    if (q.get('client_id') !== this.o.clientId) return html(400, `未知的 client_id: ${q.get('client_id') ?? ''}`);
    const redirect = q.get('redirect_uri') ?? '';
    // Refused on the page itself, never redirected: an unregistered URI must not receive a code.
    if (!this.redirectUris.has(redirect)) return html(400, 'redirect_uri 与应用登记的不一致');
    const target = new URL(redirect);
    const code = randomBytes(16).toString('hex');
    this.#codes.set(code, { redirectUri: redirect, expiresAt: this.o.now() + CODE_TTL_MS });
    target.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString(), 'content-type': 'text/html; charset=utf-8' }, body: '' };
  }

  #token(req: SimRequest, grantType: 'authorization_code' | 'refresh_token'): SimResponse {
    if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'method must be POST');
    if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'content-type must be application/x-www-form-urlencoded');
    }
    const auth = String(req.headers.authorization ?? '');
    const expected = `Basic ${Buffer.from(`${this.o.clientId}:${this.o.clientSecret}`).toString('base64')}`;
    if (!same(auth, expected)) return oauthError(401, 'invalid_client', 'client authentication failed');
    const f = new URLSearchParams(req.text);
    if (f.get('grant_type') !== grantType) return oauthError(400, 'unsupported_grant_type', `grant_type must be ${grantType}`);
    if (!f.get('redirect_uri')) return oauthError(400, 'invalid_request', 'redirect_uri is required');
    if (!this.redirectUris.has(f.get('redirect_uri') ?? '')) return oauthError(400, 'invalid_grant', 'redirect_uri is not registered for this client');
    this.exchanges += 1;
    if (grantType === 'authorization_code') {
      const code = f.get('code') ?? '';
      const grant = this.#codes.get(code);
      this.#codes.delete(code);
      if (!grant || grant.expiresAt <= this.o.now()) return oauthError(400, 'invalid_grant', 'code is invalid, expired or used');
      if (grant.redirectUri !== f.get('redirect_uri')) return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
    } else {
      const token = f.get('refresh_token') ?? '';
      if (this.#spent.has(token) || !this.#verify(token, 'r')) return oauthError(400, 'invalid_grant', 'refresh_token is invalid or already used');
      this.#spent.add(token);
    }
    const access = this.#issue('a', this.o.accessTtlSec);
    const refresh = this.#issue('r', 30 * 86_400);
    return json(200, { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: this.o.accessTtlSec, scope: 'user.info user.link' });
  }

  #api(req: SimRequest, data: () => unknown): SimResponse {
    if (req.method !== 'POST') return json(405, { status: false, message: 'method not allowed', err: 'method not allowed' });
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    if (!this.#verify(token, 'a')) return json(401, { status: false, message: 'token 无效或已过期', err: 'unauthorized' });
    // The open API answers IDs as strings, big integers included.
    return json(200, { status: true, data: data(), message: 'success', err: null });
  }

  #user() {
    const u = this.state.users.get(this.o.userId);
    return { user_id: this.o.userId, nickname: u?.nickname ?? '', username: u?.username ?? '', avatar: u?.avatar ?? '' };
  }

  #guilds() {
    return [...this.state.guilds.values()]
      .filter((g) => g.members.has(this.o.userId))
      .map((g) => ({ guild_id: g.guild_id, name: g.name, icon: g.icon, owner_id: g.owner_id }));
  }
}
