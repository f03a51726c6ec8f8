import { AuthRequiredError, ConfigError, PlatformError } from '../../http/errors.js';
import type { CallOptions, Operation, PlatformClient, PlatformDeps } from '../types.js';
import type { FresnsConfig } from './config.js';
import { LOGIN_MISSING, PLATFORM, SESSION_REFUSED, hintFor } from './envelope.js';
import { FresnsVersion } from './detect.js';
import { extraOf, loginOf, type Login } from './operations/define.js';
import { VERSION_NAME, keyFiltersFor3, routeFor, type ApiVersion, type VersionRoute } from './operations/versions.js';
import { buildRequest, type BuiltRequest } from './request.js';
import { FresnsSessions, tokenOf } from './session.js';
import { FresnsTransport, type Answer, type Session } from './transport.js';

export interface FresnsClient extends PlatformClient {
  readonly sessions: FresnsSessions;
  readonly versions: FresnsVersion;
}

const codeOf = (err: unknown): number | undefined =>
  err instanceof PlatformError && typeof err.code === 'number' ? err.code : undefined;

const LEVEL: Record<Login, number> = { none: 0, account: 1, user: 2 };

/**
 * Fresns calls: signed headers, the session each row needs, one re-login when the site refuses
 * the session (a read is then repeated; a write, refused before the site acted, is left to the
 * caller), and results without session tokens.
 */
export function createFresnsClient(cfg: FresnsConfig, deps: PlatformDeps, now: () => number = Date.now): FresnsClient {
  const transport = new FresnsTransport(cfg, deps.http, now);
  const versions = new FresnsVersion(cfg, deps.http, deps.log);
  const sessions = new FresnsSessions(cfg, deps.store, transport, deps.log, versions, deps.account);

  async function send(op: Operation, version: ApiVersion, route: VersionRoute, req: BuiltRequest, session: Session, signal?: AbortSignal): Promise<Answer> {
    return transport.send({ version, method: route.method, ...req, session, retry: op.kind === 'read' ? 'read' : 'write', signal });
  }

  /** The session to try after a 315xx/316xx refusal, or undefined when nothing would change. */
  async function renewed(code: number, used: Session, need: Login, tool: string): Promise<Session | undefined> {
    if (SESSION_REFUSED.has(code)) return sessions.recover(used, need, tool);
    if (!LOGIN_MISSING.has(code)) return undefined;
    // A route that needs more login than its documented row (private mode, whitelist quirks).
    const want: Login = code === 31601 ? 'user' : LEVEL[need] >= 1 ? need : 'account';
    if (LEVEL[want] <= LEVEL[used.uid ? 'user' : used.aid ? 'account' : 'none']) return undefined;
    try {
      return await sessions.ensure(want, tool);
    } catch (e) {
      if (e instanceof AuthRequiredError) return undefined;
      throw e;
    }
  }

  async function call(op: Operation, input: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    const extra = extraOf(op);
    const tool = `fresns_${op.name}`;
    const version = await versions.get(options.signal);
    const route = routeFor(op, version);
    if (!route) throw absent(tool, version, cfg.apiVersion === 'auto');
    if (extra.session === 'logout') return sessions.logout(options.signal);
    const need = loginOf(op);
    const args = version === 3 ? keyFiltersFor3(renamed(tool, route, input)) : input;
    if (typeof args === 'string') throw new ConfigError(`${tool}: ${args}. Nothing was sent`);
    const req = await buildRequest({ ...op, method: route.method, path: route.path }, args, extra, deps.uploadDir);
    // A new login or registration must not carry the old session: the site would check (and may refuse) it.
    const fresh = extra.session === 'account-login' || extra.session === 'strip-token';
    const session = fresh ? {} : await sessions.ensure(need, tool);
    let answer: Answer;
    try {
      answer = await send(op, version, route, req, session, options.signal);
    } catch (err) {
      const code = codeOf(err);
      if (code === undefined || !(SESSION_REFUSED.has(code) || LOGIN_MISSING.has(code))) throw err;
      let next = await renewed(code, session, need, tool);
      // A public read should not fail over an optional session the site no longer accepts.
      if (!next && need === 'none' && op.kind === 'read' && SESSION_REFUSED.has(code)) next = {};
      if (!next) throw err;
      if (op.kind !== 'read') {
        throw new PlatformError({
          platform: PLATFORM,
          status: 200,
          code,
          platformMessage: (err as PlatformError).platformMessage,
          delivery: 'not-processed',
          hint: `The site refused the session before doing anything, and creator-mcp has now logged in again: call ${tool} again.`,
        });
      }
      deps.log.info(`${tool}: the site refused the session (code ${code}); repeating the read with the renewed session`);
      answer = await send(op, version, route, req, next, options.signal);
    }
    return finish(answer, extra.session);
  }

  /** Adopts sessions made by the login tools and keeps their tokens out of the result. */
  async function finish(answer: Answer, effect: ReturnType<typeof extraOf>['session']): Promise<unknown> {
    const data = answer.data as Record<string, unknown> | null;
    if (data && typeof data.authToken === 'object' && data.authToken !== null) {
      // 3.x: one answer carries the account and the user session.
      const t = tokenOf(data);
      if ((effect === 'token-login' || effect === 'user-login') && t.aid && t.aidToken && t.uid && t.uidToken) {
        await sessions.adoptBoth({ aid: t.aid, aidToken: t.aidToken, uid: t.uid, uidToken: t.uidToken }, (effect === 'user-login' ? data.detail : {}) as Record<string, unknown>);
      }
      for (const v of [t.aidToken, t.uidToken]) if (v) sessions.seenTokens.add(v);
      const { aidToken: _a, uidToken: _u, ...kept } = data.authToken as Record<string, unknown>;
      return scrub(present({ ...answer, data: { ...data, authToken: kept } }), sessions.seenTokens);
    }
    const token = (data?.sessionToken ?? undefined) as Record<string, unknown> | undefined;
    if (token && typeof token.token === 'string') {
      if (effect === 'account-login' && token.aid !== undefined) await sessions.adoptAccount(String(token.aid), token.token);
      if (effect === 'user-login' && token.uid !== undefined) {
        await sessions.adoptUser(String(token.uid), token.token, (data?.detail ?? {}) as Record<string, unknown>);
      }
      sessions.seenTokens.add(token.token);
      const { token: _dropped, ...kept } = token;
      answer = { ...answer, data: { ...data, sessionToken: kept } };
    }
    return scrub(present(answer), sessions.seenTokens);
  }

  return {
    sessions,
    versions,
    async call(op, input, options) {
      try {
        return await call(op, input, options);
      } catch (err) {
        throw scrubError(err, sessions.seenTokens);
      }
    },
  };
}

/** Bad input for this site's version: one clear error, nothing sent. */
function absent(tool: string, version: ApiVersion, detected: boolean): ConfigError {
  const other: ApiVersion = version === 3 ? 2 : 3;
  return new ConfigError(
    `${tool} does not exist on ${VERSION_NAME[version]}${detected ? ' (detected; FRESNS_API_VERSION=auto)' : ' (FRESNS_API_VERSION)'}, only on ${VERSION_NAME[other]}; nothing was sent. Use another tool, or point FRESNS_BASE_URL at a Fresns ${other}.x site`,
  );
}

/** The tool's arguments under the names this version uses; an argument it has no equivalent for is refused. */
function renamed(tool: string, route: VersionRoute, input: Record<string, unknown>): Record<string, unknown> {
  if (!route.rename && !route.drop && !route.refuse) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || route.drop?.includes(k)) continue;
    if (route.refuse?.includes(k)) throw new ConfigError(`${tool}: ${k} has no equivalent in Fresns 3.x (/api/fresns/v1); leave it out. Nothing was sent`);
    out[route.rename?.[k] ?? k] = v;
  }
  return out;
}

/** Pagination made explicit (hasMore), warnings surfaced, `null` data turned into the message. */
function present(answer: Answer): unknown {
  let out: unknown = answer.data;
  if (out === null || typeof out !== 'object' || Array.isArray(out)) out = out === null ? { message: answer.message } : { result: out };
  const obj = out as Record<string, unknown>;
  const p = obj.pagination as { currentPage?: unknown; lastPage?: unknown } | undefined;
  const extra: Record<string, unknown> = {};
  if (p && typeof p.currentPage === 'number' && typeof p.lastPage === 'number') extra.hasMore = p.currentPage < p.lastPage;
  if (answer.warning) extra.warning = { ...answer.warning, hint: hintFor(answer.warning.code) };
  return Object.keys(extra).length ? { ...obj, ...extra } : obj;
}

function scrubText(text: string, tokens: ReadonlySet<string>): string {
  let out = text;
  for (const t of tokens) if (t.length >= 6 && out.includes(t)) out = out.split(t).join('[REDACTED]');
  return out;
}

/**
 * Session tokens are made at run time, after the secret set was built, so they are masked here,
 * in string values (and keys) of the tree: replacing inside the serialised JSON text would cut
 * escapes apart (a token next to a backslash or quote) and break the result.
 */
function scrub(value: unknown, tokens: ReadonlySet<string>): unknown {
  if (tokens.size === 0) return value;
  if (typeof value === 'string') return scrubText(value, tokens);
  if (Array.isArray(value)) return value.map((v) => scrub(v, tokens));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubText(k, tokens), scrub(v, tokens)]));
  }
  return value;
}

function scrubError(err: unknown, tokens: ReadonlySet<string>): unknown {
  if (err instanceof PlatformError && err.platformMessage && scrubText(err.platformMessage, tokens) !== err.platformMessage) {
    return new PlatformError({ ...err, platformMessage: scrubText(err.platformMessage, tokens), cause: err });
  }
  if (err instanceof AuthRequiredError && scrubText(err.message, tokens) !== err.message) return new AuthRequiredError(err.platform, scrubText(err.message, tokens));
  return err;
}
