import { loopbackLogin } from '../../auth/loopback.js';
import { ConfigError, PlatformError } from '../../http/errors.js';
import type { Env, LoginDeps } from '../types.js';
import { baseUrlOf } from './config.js';

/**
 * Afdian's OAuth identifies the creator: the token endpoint answers with the user itself, not an
 * access token (there is no refresh and no userinfo endpoint). The user is what gets stored.
 */
export async function loginAfdian(env: Env, deps: LoginDeps): Promise<string> {
  const missing = ['AFDIAN_CLIENT_ID', 'AFDIAN_CLIENT_SECRET', 'AFDIAN_REDIRECT_URI'].filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(`login afdian needs ${missing.join(', ')} (apply for an OAuth client with Afdian support)`);
  const base = baseUrlOf(env);
  const clientId = env.AFDIAN_CLIENT_ID as string;
  const redirectUri = env.AFDIAN_REDIRECT_URI as string;

  const { code } = await loopbackLogin({
    redirectUri,
    openBrowser: deps.openBrowser,
    print: deps.print,
    authorizeUrl: (state) =>
      `${base}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', scope: 'basic', client_id: clientId, redirect_uri: redirectUri, state })}`,
  });

  const { data } = await deps.http.sendJson({
    method: 'POST',
    url: `${base}/api/oauth2/access_token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: env.AFDIAN_CLIENT_SECRET as string,
      code,
      redirect_uri: redirectUri,
    }),
    retry: 'write',
  });
  const reply = data as { ec?: number; em?: string; data?: { error?: string; user_id?: string; name?: string; user_private_id?: string; avatar?: string } };
  if (reply.ec !== 200 || !reply.data?.user_id) {
    throw new PlatformError({
      platform: 'Afdian',
      status: 200,
      code: reply.ec,
      platformMessage: reply.data?.error || reply.em || 'the code exchange was refused',
      delivery: 'not-processed',
      hint: 'Check AFDIAN_CLIENT_ID, AFDIAN_CLIENT_SECRET and that AFDIAN_REDIRECT_URI is exactly the registered one, then run `creator-mcp login afdian` again.',
    });
  }
  const user = reply.data;
  await deps.store.put({
    platform: 'afdian',
    account: deps.account,
    data: { user_id: user.user_id, user_private_id: user.user_private_id, name: user.name, avatar: user.avatar },
  });
  return `Logged in to Afdian as ${user.name ?? '?'} (user_id ${user.user_id}).`;
}
