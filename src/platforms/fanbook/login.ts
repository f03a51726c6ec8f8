import { loopbackLogin } from '../../auth/loopback.js';
import { recordFromGrant, type TokenGrant } from '../../auth/oauth-session.js';
import { ConfigError, PlatformError } from '../../http/errors.js';
import type { Env, LoginDeps } from '../types.js';
import { baseUrlOf } from './config.js';
import { readFanbookError, unwrapOpen } from './errors.js';
import { normaliseResult } from './ids.js';
import { exchangeCode, type OAuthClient } from './oauth.js';

const REGISTER =
  'register an app in the Fanbook open platform; FANBOOK_REDIRECT_URI must be the loopback URL registered there, e.g. http://127.0.0.1:8788/callback';

/**
 * `creator-mcp login fanbook`: authorization code through the browser, code exchange with HTTP
 * Basic client auth, then the user's profile so `status` can say who is logged in.
 */
export async function loginFanbook(env: Env, deps: LoginDeps): Promise<string> {
  const missing = ['FANBOOK_CLIENT_ID', 'FANBOOK_CLIENT_SECRET', 'FANBOOK_REDIRECT_URI'].filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(`login fanbook needs ${missing.join(', ')} (${REGISTER})`);
  const c: OAuthClient = {
    baseUrl: baseUrlOf(env),
    clientId: env.FANBOOK_CLIENT_ID as string,
    clientSecret: env.FANBOOK_CLIENT_SECRET as string,
    redirectUri: env.FANBOOK_REDIRECT_URI as string,
  };

  const { code } = await loopbackLogin({
    redirectUri: c.redirectUri,
    openBrowser: deps.openBrowser,
    print: deps.print,
    authorizeUrl: (state) =>
      `${c.baseUrl}/open/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: c.clientId, redirect_uri: c.redirectUri, state })}`,
  });

  let grant: TokenGrant;
  try {
    grant = await exchangeCode(c, deps.http, code);
  } catch (err) {
    throw explained(err, 'Check FANBOOK_CLIENT_ID, FANBOOK_CLIENT_SECRET and that FANBOOK_REDIRECT_URI is exactly the registered one, then run `creator-mcp login fanbook` again.');
  }

  let user: { user_id?: string; username?: string; nickname?: string } = {};
  let profileNote = '';
  try {
    const { data } = await deps.http.sendJson(
      {
        method: 'POST',
        url: `${c.baseUrl}/open/api/user/getMe`,
        headers: { authorization: `Bearer ${grant.access_token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: '{}',
        retry: 'read',
      },
      { lossless: true },
    );
    user = normaliseResult(unwrapOpen(data, 'Fanbook')) as typeof user;
  } catch (err) {
    profileNote = ` (the profile could not be read: ${err instanceof Error ? err.message : String(err)})`;
  }

  const record = recordFromGrant('fanbook', deps.account, grant);
  await deps.store.put({
    ...record,
    data: {
      ...record.data,
      redirect_uri: c.redirectUri,
      ...(user.user_id ? { user_id: user.user_id, username: user.username, name: user.nickname } : {}),
    },
  });
  return user.user_id
    ? `Logged in to Fanbook as ${user.nickname ?? '?'} (user_id ${user.user_id}).`
    : `Logged in to Fanbook${profileNote}.`;
}

/** The login's HTTP client has no Fanbook error reader: read the OAuth error body here. */
function explained(err: unknown, hint: string): unknown {
  if (!(err instanceof PlatformError) || err.status === undefined || err.platformMessage === undefined) return err;
  const read = readFanbookError(err.status, err.platformMessage, new Headers());
  return new PlatformError({
    platform: 'Fanbook',
    status: err.status,
    code: read.code ?? err.code,
    platformMessage: read.message ?? err.platformMessage,
    delivery: err.delivery,
    hint,
  });
}
