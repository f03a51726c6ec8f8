import { AuthRequiredError, PlatformError } from '../../http/errors.js';
import type { CallOptions, Operation, PlatformClient, PlatformDeps } from '../types.js';
import type { FresnsConfig } from './config.js';
import { LOGIN_MISSING, PLATFORM, SESSION_REFUSED, hintFor } from './envelope.js';
import { extraOf, loginOf, type Login } from './operations/define.js';
import { buildRequest, type BuiltRequest } from './request.js';
import { FresnsSessions } from './session.js';
import { FresnsTransport, type Answer, type Session } from './transport.js';

export interface FresnsClient extends PlatformClient {
  readonly sessions: FresnsSessions;
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
  const sessions = new FresnsSessions(cfg, deps.store, transport, deps.log);

  async function send(op: Operation, req: BuiltRequest, session: Session, signal?: AbortSignal): Promise<Answer> {
    return transport.send({ method: op.method, ...req, session, retry: op.kind === 'read' ? 'read' : 'write', signal });
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
    if (extra.session === 'logout') return sessions.logout(options.signal);
    const need = loginOf(op);
    const req = await buildRequest(op, input, extra, deps.uploadDir);
    // A new login or registration must not carry the old session: the site would check (and may refuse) it.
    const fresh = extra.session === 'account-login' || extra.session === 'strip-token';
    const session = fresh ? {} : await sessions.ensure(need, tool);
    let answer: Answer;
    try {
      answer = await send(op, req, session, options.signal);
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
      answer = await send(op, req, next, options.signal);
    }
    return finish(answer, extra.session);
  }

  /** Adopts sessions made by the login tools and keeps their tokens out of the result. */
  async function finish(answer: Answer, effect: ReturnType<typeof extraOf>['session']): Promise<unknown> {
    const data = answer.data as Record<string, unknown> | null;
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
    async call(op, input, options) {
      try {
        return await call(op, input, options);
      } catch (err) {
        throw scrubError(err, sessions.seenTokens);
      }
    },
  };
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
