import * as oidc from 'openid-client';
import { recordFromGrant } from '../../auth/oauth-session.js';
import { loopbackLogin } from '../../auth/loopback.js';
import { loadConfig } from '../../config.js';
import { ConfigError } from '../../http/errors.js';
import type { Env, LoginDeps, Platform } from '../types.js';
import { STORE_PLATFORM } from './client.js';
import { FANVUE_API_VERSION, configure, seedFingerprint } from './config.js';
import { fanvueOidc, grantOf, oauthFailure, scopesFor, scopesOfTools } from './oauth.js';
import { BASE_SCOPES } from './config.js';
import { operations } from './operations/index.js';
import { toolsets } from './toolsets.js';

const REQUIRED = ['FANVUE_CLIENT_ID', 'FANVUE_CLIENT_SECRET', 'FANVUE_REDIRECT_URI'];

/**
 * `creator-mcp login fanvue`: authorization code with PKCE (S256) and state through the browser
 * and a loopback callback, client_secret_basic at the token endpoint (as Fanvue's own starter
 * does), scopes for the tools this configuration exposes. The tokens go to the token store.
 */
export async function loginFanvue(env: Env, deps: LoginDeps): Promise<string> {
  const missing = REQUIRED.filter((k) => !env[k]);
  const cfg = missing.length ? undefined : configure(env);
  if (missing.length || !cfg?.redirectUri) {
    throw new ConfigError(
      `login fanvue needs ${missing.join(', ')}: create an app in the Fanvue developer area and register a loopback redirect URI such as http://127.0.0.1:8788/callback`,
    );
  }
  const platform = { id: 'fanvue', title: 'Fanvue', toolsets, operations } as unknown as Platform;
  const requested = scopesFor(platform, cfg);
  const scope = requested.join(' ');
  const redirectUri = cfg.redirectUri;

  const config = await fanvueOidc(cfg, deps.http);
  const verifier = oidc.randomPKCECodeVerifier();
  const challenge = await oidc.calculatePKCECodeChallenge(verifier);
  let state = '';
  const { params } = await loopbackLogin({
    redirectUri,
    openBrowser: deps.openBrowser,
    print: deps.print,
    authorizeUrl: (s) => {
      state = s;
      return oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope, code_challenge: challenge, code_challenge_method: 'S256', state }).href;
    },
  }).catch((err: unknown) => {
    if (err instanceof Error && /invalid_scope/.test(err.message)) {
      const app = requested.filter((s) => !(BASE_SCOPES as readonly string[]).includes(s));
      throw new ConfigError(
        `Fanvue refused the requested scopes (invalid_scope): they must match exactly the scopes ticked for your app in the Fanvue developer area; tick ${app.join(' ')} there, or set FANVUE_SCOPES to the ones you ticked`,
      );
    }
    throw err;
  });

  const callback = new URL(redirectUri);
  for (const [k, v] of params) callback.searchParams.set(k, v);
  let grant;
  try {
    grant = grantOf(await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }));
  } catch (err) {
    const failure = oauthFailure(err);
    if (failure.name === 'InvalidGrantError') {
      throw new ConfigError(`Fanvue refused the authorization code (invalid_grant: ${failure.message}); run \`creator-mcp login fanvue\` again`);
    }
    throw failure;
  }

  const me = await deps.http
    .sendJson({
      method: 'GET',
      url: `${cfg.apiBaseUrl}/users/me`,
      headers: { authorization: `Bearer ${grant.access_token}`, 'x-fanvue-api-version': FANVUE_API_VERSION, accept: 'application/json' },
      retry: 'read',
    })
    .then((r) => r.data as { uuid?: string; handle?: string; displayName?: string })
    .catch(() => undefined);

  const record = recordFromGrant(STORE_PLATFORM, deps.account, grant);
  await deps.store.put({
    ...record,
    data: {
      ...record.data,
      source: 'login',
      ...(me?.displayName ? { name: `${me.displayName}${me.handle ? ` (@${me.handle})` : ''}` } : {}),
      ...(me?.uuid ? { user_id: me.uuid } : {}),
      // An env token present now was seen by this login: it must not replace it on the next start.
      ...(cfg.accessToken ? { seed: seedFingerprint(cfg.accessToken) } : {}),
    },
  });
  const who = me?.displayName ? `${me.displayName}${me.handle ? ` (@${me.handle})` : ''}` : 'the authorized account';
  const granted = new Set((grant.scope ?? scope).split(' '));
  const lacking = scopesOfTools(platform, loadConfig(env).filters).filter((s) => !granted.has(s));
  const note = lacking.length ? ` Tools of this configuration that need ${lacking.join(', ')} will answer 403: add those scopes to the app and FANVUE_SCOPES, then log in again.` : '';
  return `Logged in to Fanvue as ${who}; scopes: ${grant.scope ?? scope}.${note}`;
}
