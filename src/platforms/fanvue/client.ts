import { OAuthSession } from '../../auth/oauth-session.js';
import { AuthRequiredError, PlatformError } from '../../http/errors.js';
import { parseJson, unreadableJson } from '../../http/json.js';
import { fillPath, retryClass, unusableAnswer, withBearer } from '../../http/request-kit.js';
import type { CallOptions, PlatformClient, PlatformDeps } from '../types.js';
import { seedFingerprint, type FanvueConfig } from './config.js';
import { LOGIN_HINT } from './errors.js';
import { fanvueRefresher } from './oauth.js';
import type { FanvueExtras, FanvueOperation, RunContext } from './operation.js';

export const STORE_PLATFORM = 'fanvue';

/**
 * Sends Fanvue operations: the bearer token of the stored login (refreshed before expiry and
 * once after a 401), the path, query and JSON body built from the row, and Fanvue's error
 * statuses turned into what to do next. The version header and the rate limiter are on the
 * HTTP client (Platform.http).
 */
export class FanvueClient implements PlatformClient<FanvueExtras> {
  readonly session: OAuthSession;
  /** Bumped by every write, so a cached AutomationContext is never older than the agent's own change. */
  writes = 0;
  private seeded: Promise<void> | undefined;
  private readonly warned = new Set<string>();
  /** The logged-in user's uuid for the rate limiter, looked up once per access token. */
  private principal: { token: string; user: string | undefined } | undefined;

  constructor(
    readonly cfg: FanvueConfig,
    private readonly deps: PlatformDeps,
  ) {
    this.session = new OAuthSession({ store: deps.store, platform: STORE_PLATFORM, account: deps.account, refresh: fanvueRefresher(cfg, deps.http, deps.log), secrets: deps.secrets, log: deps.log });
  }

  async call(op: FanvueOperation, input: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    try {
      if (op.x.run) {
        const ctx: RunContext = { request: (o, i, opts) => this.request(o, i, opts), deps: this.deps };
        return await op.x.run(ctx, input, options);
      }
      return await this.request(op, input, options);
    } finally {
      if (op.kind !== 'read') this.writes++;
    }
  }

  /** One API request; a 401 refreshes the token once (for every concurrent caller) and retries. */
  async request(op: FanvueOperation, input: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    await this.seedFromEnv();
    const { url, body } = buildRequest(this.cfg.apiBaseUrl, op, input);
    try {
      return await withBearer(this.session, async (token) => {
        const res = await this.deps.http.send({
          method: op.method,
          url,
          principal: await this.userOf(token),
          headers: {
            authorization: `Bearer ${token}`,
            accept: op.x.textAnswer ? 'text/plain' : 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body,
          retry: retryClass(op.kind),
          signal: options.signal,
        });
        this.noteDeprecation(res.headers);
        if (op.x.textAnswer) return { url: urlAnswer(res.text, res.status, op) };
        if (res.status === 204 || res.text.trim() === '') return { success: true, status: res.status };
        return parseAnswer(res.text, res.status, op);
      });
    } catch (err) {
      throw this.explain(err, op);
    }
  }

  /**
   * Fanvue's budget is per app and user: the user `login fanvue` stored. A token seeded from the
   * environment has no stored user; one process serves one login, so it spends as "me".
   */
  private async userOf(token: string): Promise<string | undefined> {
    if (this.principal?.token !== token) {
      const user = (await this.deps.store.get(STORE_PLATFORM, this.deps.account).catch(() => undefined))?.data.user_id;
      this.principal = { token, user: typeof user === 'string' && user ? user : undefined };
    }
    return this.principal.user;
  }

  /**
   * FANVUE_ACCESS_TOKEN (+ FANVUE_REFRESH_TOKEN) seeds the store. The same token seeds once:
   * its rotated successors are kept; a different one replaces the stored login.
   */
  private seedFromEnv(): Promise<void> {
    const { accessToken, refreshToken } = this.cfg;
    if (!accessToken) return Promise.resolve();
    this.seeded ??= this.deps.store
      .update(STORE_PLATFORM, this.deps.account, (current) => {
        const fingerprint = seedFingerprint(accessToken);
        if (current?.data.seed === fingerprint) return undefined;
        return { platform: STORE_PLATFORM, account: this.deps.account, data: { access_token: accessToken, refresh_token: refreshToken, seed: fingerprint, source: 'FANVUE_ACCESS_TOKEN' } };
      })
      .then(() => undefined)
      .catch((err: unknown) => {
        this.seeded = undefined;
        throw err;
      });
    return this.seeded;
  }

  private noteDeprecation(headers: Headers): void {
    const deprecation = headers.get('deprecation');
    const sunset = headers.get('sunset');
    if (!deprecation && !sunset) return;
    const next = headers.get('x-fanvue-api-next-version');
    const line = `Fanvue: API version in use is deprecated (Deprecation: ${deprecation ?? '-'}, Sunset: ${sunset ?? '-'}${next ? `, next version ${next}` : ''}); update creator-mcp before the sunset`;
    if (this.warned.has(line)) return;
    this.warned.add(line);
    this.deps.log.warn(line);
  }

  /** Adds what only the row knows: the scopes a 403 is about, and the login command after a 401. */
  private explain(err: unknown, row: FanvueOperation): unknown {
    if (!(err instanceof PlatformError)) return err;
    if (err.status === 401) return new AuthRequiredError('Fanvue', `${err.platformMessage ?? 'HTTP 401'} even after refreshing the token. ${LOGIN_HINT}`);
    if (err.status === 403 && row.auth?.length) {
      return new PlatformError({
        platform: err.platform,
        status: err.status,
        code: err.code,
        platformMessage: err.platformMessage,
        retryAfterSec: err.retryAfterSec,
        delivery: err.delivery,
        hint: `This needs the scope${row.auth.length > 1 ? 's' : ''} ${row.auth.join(', ')}: enable ${row.auth.length > 1 ? 'them' : 'it'} for your app in the Fanvue developer area and run \`creator-mcp login fanvue\` again (FANVUE_SCOPES overrides the scopes asked for). Creator-only features and agency routes also need the right account.`,
        cause: err,
      });
    }
    return err;
  }
}

export function createFanvueClient(cfg: FanvueConfig, deps: PlatformDeps): FanvueClient {
  return new FanvueClient(cfg, deps);
}

function parseAnswer(text: string, status: number, op: FanvueOperation): unknown {
  try {
    return parseJson(text, false);
  } catch (err) {
    throw unusableAnswer({ platform: 'Fanvue', status, message: unreadableJson(status, text, err), retry: retryClass(op.kind), hint: PROXY_HINT });
  }
}

/** A text/plain answer that must be a URL; a proxy's HTML error page must not pass as one. */
function urlAnswer(text: string, status: number, op: FanvueOperation): string {
  const url = text.trim();
  if (/^https?:\/\/\S+$/.test(url) && URL.canParse(url)) return url;
  throw unusableAnswer({
    platform: 'Fanvue',
    status,
    message: `answered HTTP ${status} with a body that is not a URL (${JSON.stringify(url.slice(0, 80))})`,
    retry: retryClass(op.kind),
    hint: PROXY_HINT,
  });
}

const PROXY_HINT = 'A proxy in front of Fanvue may have answered.';

/**
 * Path placeholders from the input, then the query (reads and deletes) or the JSON body (other
 * writes). Arrays in the query are comma-joined (the spec's explode:false and its
 * comma-separated string parameters) unless the row names them as repeated; booleans travel
 * as "true"/"false".
 */
export function buildRequest(baseUrl: string, op: FanvueOperation, input: Record<string, unknown>): { url: string; body?: string } {
  const { path, used } = fillPath(op.path, input);
  const rest = Object.entries(input).filter(([k, v]) => !used.has(k) && v !== undefined);
  const url = new URL(`${baseUrl}${path}`);
  if (op.method === 'GET' || op.method === 'DELETE') {
    const repeated = new Set(op.x.repeated ?? []);
    for (const [k, v] of rest) {
      if (Array.isArray(v)) {
        if (repeated.has(k)) for (const item of v) url.searchParams.append(k, String(item));
        else url.searchParams.set(k, v.map(String).join(','));
      } else {
        url.searchParams.set(k, String(v));
      }
    }
    return { url: url.href };
  }
  // An operation without body fields (pin, repost) sends no body at all.
  const takesBody = Object.keys(op.input.shape).some((k) => !used.has(k));
  return { url: url.href, body: takesBody ? JSON.stringify(Object.fromEntries(rest)) : undefined };
}
