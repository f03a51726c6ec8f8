import { OAuthSession } from '../../auth/oauth-session.js';
import type { HttpRequest } from '../../http/client.js';
import { AuthRequiredError, PlatformError } from '../../http/errors.js';
import { stringifyLossless } from '../../http/json.js';
import type { CallOptions, Operation, PlatformClient, PlatformDeps } from '../types.js';
import type { FanbookConfig } from './config.js';
import { unwrapBot, unwrapOpen } from './errors.js';
import { encodeFields, normaliseResult } from './ids.js';
import { refreshGrant } from './oauth.js';
import { extrasOf, type FanbookExtras } from './operation.js';
import { getMe } from './operations/guild.js';
import { SendPacer } from './send-pacer.js';

export interface FanbookClient extends PlatformClient {
  /** The bot's own user id (from getMe, fetched once). */
  botId(options?: CallOptions): Promise<string>;
  /**
   * A fresh getMe for the gateway: the bot id and its `user_token`, which tool results mask. The
   * token is registered as a secret before it is returned, so no log line or error can show it.
   */
  gatewayLogin(signal?: AbortSignal): Promise<{ botId: string; userToken: string }>;
}

const NO_BOT_TOKEN =
  'FANBOOK_BOT_TOKEN is not set: create a bot in the Fanbook open platform (your app → bot), copy its token into FANBOOK_BOT_TOKEN and restart creator-mcp.';
const NO_OAUTH_CLIENT =
  'FANBOOK_CLIENT_ID and FANBOOK_CLIENT_SECRET are not set: register an app in the Fanbook open platform, set them (and FANBOOK_REDIRECT_URI), then run `creator-mcp login fanbook`.';

export function createFanbookClient(cfg: FanbookConfig, deps: PlatformDeps): FanbookClient {
  const { http } = deps;
  let botIdPromise: Promise<string> | undefined;
  // One bot token per configuration, so one pacer is the bot's whole send budget in this process.
  const pacer = new SendPacer(cfg.sendsPerSecond);

  const session =
    cfg.clientId && cfg.clientSecret
      ? new OAuthSession({
          store: deps.store,
          platform: 'fanbook',
          account: deps.account,
          secrets: deps.secrets,
          log: deps.log,
          refresh: async (refreshToken) => {
            // The redirect URI this grant was issued for (stored at login) is the one Fanbook checks.
            const stored = (await deps.store.get('fanbook', deps.account))?.data.redirect_uri;
            const redirectUri = typeof stored === 'string' ? stored : (cfg.redirectUri ?? '');
            return refreshGrant({ baseUrl: cfg.baseUrl, clientId: cfg.clientId as string, clientSecret: cfg.clientSecret as string, redirectUri }, http, refreshToken);
          },
        })
      : undefined;

  async function callBot(op: Operation, extras: FanbookExtras, input: Record<string, unknown>, options: CallOptions): Promise<unknown> {
    const token = cfg.botToken;
    if (!token) throw new AuthRequiredError('Fanbook', NO_BOT_TOKEN);
    let values: Record<string, unknown> = { ...extras.defaults };
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    for (const key of extras.botIdDefaults ?? []) values[key] ??= await client.botId(options);
    values = extras.prepare?.(values) ?? values;
    const fields = encodeFields(op.input.shape as Record<string, never>, values);

    const url = `${cfg.baseUrl}${op.path.replace('<token>', encodeURIComponent(token))}`;
    const req: HttpRequest = { method: op.method, url, retry: op.kind === 'read' ? 'read' : 'write', signal: options.signal, headers: { accept: 'application/json' } };
    const asText = () => new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
    if (extras.encoding === 'query') {
      const query = asText().toString();
      if (query) req.url = `${url}?${query}`;
    } else if (extras.encoding === 'form') {
      req.headers = { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' };
      req.body = asText();
    } else {
      req.headers = { ...req.headers, 'content-type': 'application/json' };
      req.body = stringifyLossless(fields);
    }
    // Fanbook may label JSON as text/plain; sendJson parses whatever the content type says.
    const once = async () => unwrapBot((await http.sendJson(req, { lossless: true })).data, http.platform);
    const result = extras.paced ? await pacer.send(once, options.signal) : await once();
    return normaliseResult(result, extras.resultKey);
  }

  async function callOpen(op: Operation, input: Record<string, unknown>, options: CallOptions): Promise<unknown> {
    if (!session) throw new AuthRequiredError('Fanbook', NO_OAUTH_CLIENT);
    const send = (accessToken: string) =>
      http.sendJson(
        {
          method: op.method,
          url: `${cfg.baseUrl}${op.path}`,
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
          body: stringifyLossless(encodeFields(op.input.shape as Record<string, never>, input)),
          retry: op.kind === 'read' ? 'read' : 'write',
          signal: options.signal,
        },
        { lossless: true },
      );
    const accessToken = await session.accessToken();
    let res;
    try {
      res = await send(accessToken);
    } catch (err) {
      // Revoked or expired early: refresh once (shared with every concurrent caller) and retry.
      if (!(err instanceof PlatformError && err.status === 401)) throw err;
      res = await send(await session.refresh(accessToken));
    }
    return normaliseResult(unwrapOpen(res.data, http.platform));
  }

  const client: FanbookClient = {
    call(op, input, options = {}) {
      const extras = extrasOf(op);
      return extras.api === 'open' ? callOpen(op, input, options) : callBot(op, extras, input, options);
    },
    botId(options = {}) {
      // Shared by the concurrent calls of every client, so it runs under none of their signals:
      // one client cancelling must not fail another's call. Each caller still stops waiting when cancelled.
      botIdPromise ??= (async () => {
        const me = (await callBot(getMe, extrasOf(getMe), {}, {})) as { id?: unknown };
        if (typeof me?.id !== 'string') throw new PlatformError({ platform: 'Fanbook', platformMessage: 'getMe returned no bot id', delivery: 'processed' });
        return me.id;
      })().catch((err: unknown) => {
        botIdPromise = undefined;
        throw err;
      });
      return untilAborted(botIdPromise, options.signal);
    },
    async gatewayLogin(signal) {
      const token = cfg.botToken;
      if (!token) throw new AuthRequiredError('Fanbook', NO_BOT_TOKEN);
      // Not through callBot: its answer masks user_token, which is exactly what the gateway needs.
      const { data } = await http.sendJson(
        { method: 'GET', url: `${cfg.baseUrl}/api/bot/${encodeURIComponent(token)}/getMe`, retry: 'read', signal, headers: { accept: 'application/json' } },
        { lossless: true },
      );
      const me = unwrapBot(data, http.platform) as { id?: unknown; user_token?: unknown };
      const userToken = typeof me?.user_token === 'string' ? me.user_token : '';
      deps.secrets.add(userToken);
      const id = typeof me?.id === 'string' || typeof me?.id === 'number' ? String(me.id) : '';
      if (!userToken || !/^\d{1,20}$/.test(id)) throw new PlatformError({ platform: 'Fanbook', platformMessage: 'getMe returned no user_token or bot id for the gateway', delivery: 'processed' });
      return { botId: id, userToken };
    },
  };
  return client;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
