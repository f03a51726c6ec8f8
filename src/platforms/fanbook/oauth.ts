import { InvalidGrantError, type TokenGrant } from '../../auth/oauth-session.js';
import type { HttpClient } from '../../http/client.js';
import { PlatformError } from '../../http/errors.js';

export interface OAuthClient {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Fanbook's token endpoints want HTTP Basic client auth and a form body (not JSON). */
function tokenRequest(c: OAuthClient, path: string, form: Record<string, string>) {
  return {
    method: 'POST' as const,
    url: `${c.baseUrl}${path}`,
    headers: {
      authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams(form),
    retry: 'write' as const,
  };
}

/** The bare OAuth answer (no ok/status wrapper); anything without an access_token is a refusal. */
function grantOf(data: unknown, what: string): TokenGrant {
  const g = data as Partial<TokenGrant> & { error?: string; error_description?: string };
  if (!g || typeof g !== 'object' || typeof g.access_token !== 'string' || !g.access_token) {
    throw new PlatformError({
      platform: 'Fanbook',
      status: 200,
      code: g?.error,
      platformMessage: g?.error_description ?? `the ${what} answer has no access_token`,
      delivery: 'not-processed',
      hint: 'Run `creator-mcp login fanbook` again.',
    });
  }
  return { ...g, expires_in: g.expires_in === undefined ? undefined : Number(g.expires_in) } as TokenGrant;
}

export async function exchangeCode(c: OAuthClient, http: HttpClient, code: string): Promise<TokenGrant> {
  const { data } = await http.sendJson(
    tokenRequest(c, '/open/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: c.redirectUri }),
  );
  return grantOf(data, 'code exchange');
}

/** Throws InvalidGrantError when Fanbook refuses the refresh token, so OAuthSession asks for a new login. */
export async function refreshGrant(c: OAuthClient, http: HttpClient, refreshToken: string): Promise<TokenGrant> {
  try {
    const { data } = await http.sendJson(
      tokenRequest(c, '/open/oauth2/refresh', { grant_type: 'refresh_token', refresh_token: refreshToken, redirect_uri: c.redirectUri }),
    );
    return grantOf(data, 'refresh');
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'invalid_grant') throw new InvalidGrantError();
    throw err;
  }
}
