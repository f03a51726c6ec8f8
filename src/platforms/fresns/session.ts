import { createHash } from 'node:crypto';
import type { TokenRecord, TokenStore } from '../../auth/token-store.js';
import { AuthRequiredError, PlatformError } from '../../http/errors.js';
import type { Logger } from '../../log.js';
import type { FresnsConfig } from './config.js';
import { PLATFORM, SESSION_REFUSED } from './envelope.js';
import type { FresnsVersion } from './detect.js';
import type { Login } from './operations/define.js';
import type { ApiVersion } from './operations/versions.js';
import type { FresnsTransport, Session } from './transport.js';

/** The session routes of each API generation (3.x logs in with a loginToken and "auth-token" routes). */
const PATHS: Record<ApiVersion, { logout: string; accountLogin?: string; userLogin: string; detail: string }> = {
  2: { logout: '/api/v2/account/logout', accountLogin: '/api/v2/account/login', userLogin: '/api/v2/user/auth', detail: '/api/v2/account/detail' },
  3: { logout: '/api/fresns/v1/account/auth-token', userLogin: '/api/fresns/v1/user/auth-token', detail: '/api/fresns/v1/account/detail' },
};

const STORE_PLATFORM = 'fresns';

/** What the token store keeps for one site. Tokens live only here (the store is encrypted). */
interface Stored extends Session {
  site: string;
  /** env: FRESNS_AID…; login: creator-mcp logged in with FRESNS_ACCOUNT; tool: an agent logged in. */
  source: 'env' | 'login' | 'tool';
  /** Fingerprint of the FRESNS_AID… values last adopted, so a changed environment wins once. */
  envSeed?: string;
  loggedOut?: boolean;
  nickname?: string;
  username?: string;
}

interface UserSummary {
  uid?: unknown;
  username?: unknown;
  nickname?: unknown;
  hasPassword?: unknown;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const pick = (d: Stored | undefined): Session =>
  d && !d.loggedOut ? { aid: d.aid, aidToken: d.aidToken, uid: d.uid, uidToken: d.uidToken } : {};
const satisfies = (s: Session, need: Login) => need === 'none' || (need === 'account' ? !!s.aid : !!(s.aid && s.uid));
const sameTokens = (a: Session, b: Session) => a.aidToken === b.aidToken && a.uidToken === b.uidToken;

/**
 * The account/user session of one Fresns site: taken from the environment or made by logging
 * in (account, then user), kept in the token store, and made again once when the site refuses
 * it. Logins are single-flight in this process and run inside the store lock, so processes
 * sharing the store log in once and reuse each other's session.
 */
export class FresnsSessions {
  private readonly inflight = new Map<string, Promise<Session>>();
  private readonly site: string;
  private readonly envSeed: string | undefined;
  /** Every token this process has held, so the client can scrub them from anything it returns. */
  readonly seenTokens = new Set<string>();

  constructor(
    private readonly cfg: FresnsConfig,
    private readonly store: TokenStore,
    private readonly transport: FresnsTransport,
    private readonly log: Logger,
    private readonly versions: FresnsVersion,
    private readonly account: string,
  ) {
    this.site = `${cfg.baseUrl} ${cfg.appId}`;
    const d = cfg.direct;
    this.envSeed = d ? createHash('sha256').update([d.aid, d.aidToken, d.uid ?? '', d.uidToken ?? ''].join('\n')).digest('hex') : undefined;
  }

  /** The session to send now (possibly none); adopts FRESNS_AID… the first time they change. */
  async current(): Promise<Session> {
    let data = this.ours(await this.store.get(STORE_PLATFORM, this.account));
    if (this.cfg.direct && data?.envSeed !== this.envSeed) {
      const direct = this.cfg.direct;
      data = this.ours(
        await this.store.update(STORE_PLATFORM, this.account, (rec) => {
          const now = this.ours(rec);
          if (now?.envSeed === this.envSeed) return undefined;
          return this.record({ ...direct, source: 'env' });
        }),
      );
    }
    return this.remember(pick(data));
  }

  /** A session good enough for `need`, logging in when creator-mcp may; otherwise says what is missing. */
  async ensure(need: Login, tool: string): Promise<Session> {
    const now = await this.current();
    if (satisfies(now, need)) return now;
    return this.once(`${need}`, () => this.loginLocked(need, now, false, tool));
  }

  /**
   * After the site refused `stale` (315xx/316xx): the session another caller already renewed, or
   * a fresh login. Undefined when creator-mcp cannot log in by itself.
   */
  async recover(stale: Session, need: Login, tool: string): Promise<Session | undefined> {
    try {
      const want: Login = stale.uid || need === 'user' ? 'user' : 'account';
      return await this.once(`${want} again`, () => this.loginLocked(want, stale, true, tool));
    } catch (err) {
      if (err instanceof AuthRequiredError) return undefined;
      throw err;
    }
  }

  /** fresns_login_account succeeded: its account becomes the session (without a user yet). */
  async adoptAccount(aid: string, aidToken: string): Promise<void> {
    usable({ aid, aidToken });
    this.remember({ aid, aidToken });
    await this.store.put(this.record({ aid, aidToken, source: 'tool' }));
  }

  /** A 3.x login answer (`authToken`) carries the account and the user session at once. */
  async adoptBoth(s: Required<Session>, profile: UserSummary): Promise<void> {
    this.remember(usable(s));
    await this.store.put(this.record({ ...s, source: 'tool', nickname: str(profile.nickname), username: str(profile.username) }));
  }

  /** fresns_login_user succeeded: its user joins the account of the current session. */
  async adoptUser(uid: string, uidToken: string, profile: UserSummary): Promise<void> {
    usable({ uid, uidToken });
    this.remember({ uid, uidToken });
    await this.store.update(STORE_PLATFORM, this.account, (rec) => {
      const d = this.ours(rec);
      if (!d?.aid) return undefined;
      return this.record({ ...d, uid, uidToken, nickname: str(profile.nickname), username: str(profile.username) });
    });
  }

  /**
   * Ends the session on the site (a refused or expired session counts as ended) and forgets it.
   * With FRESNS_AID… set, a tombstone keeps those values from being adopted again.
   */
  async logout(signal?: AbortSignal): Promise<{ loggedOut: true; serverSession: 'ended' | 'none' | 'already-invalid' }> {
    const s = await this.current();
    let serverSession: 'ended' | 'none' | 'already-invalid' = 'none';
    if (s.aid) {
      try {
        const version = await this.versions.get(signal);
        await this.transport.send({ version, method: 'DELETE', path: PATHS[version].logout, session: s, retry: 'write', signal });
        serverSession = 'ended';
      } catch (err) {
        if (!(err instanceof PlatformError && typeof err.code === 'number' && (SESSION_REFUSED.has(err.code) || err.code === 31501))) throw err;
        serverSession = 'already-invalid';
      }
    }
    if (this.cfg.direct) await this.store.put(this.record({ source: 'env', loggedOut: true }));
    else await this.store.delete(STORE_PLATFORM, this.account);
    return { loggedOut: true, serverSession };
  }

  /** Concurrent calls that need the same login share one attempt. */
  private once(key: string, run: () => Promise<Session>): Promise<Session> {
    let p = this.inflight.get(key);
    if (!p) {
      p = run().finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async loginLocked(need: Login, seen: Session, refused: boolean, tool: string): Promise<Session> {
    const version = await this.versions.get();
    const paths = PATHS[version];
    let result: Session = {};
    await this.store.update(STORE_PLATFORM, this.account, async (rec) => {
      const d = this.ours(rec);
      const stored = pick(d);
      // Someone else (another call, another process) already has a usable session.
      if (satisfies(stored, need) && !(refused && sameTokens(stored, seen))) {
        result = stored;
        return undefined;
      }
      const byEnv = this.cfg.login && d?.source !== 'tool' ? this.cfg.login : undefined;
      let base: Session = refused || !stored.aid ? {} : stored;
      let users: UserSummary[] | undefined;
      if (!base.aid) {
        if (!byEnv || !paths.accountLogin) throw this.missing(need, tool, d?.source === 'tool', version);
        this.log.info(`Fresns: logging in to account ${byEnv.account}${refused ? ' again (the site refused the session)' : ''}`);
        const login = await this.transport.send({
          version,
          method: 'POST',
          path: paths.accountLogin,
          json: { type: byEnv.type, account: byEnv.account, countryCode: byEnv.countryCode, password: b64(byEnv.password) },
          session: {},
          retry: 'write',
        });
        const token = tokenOf(login.data);
        base = this.remember(usable({ aid: str(token.aid), aidToken: str(token.token) }));
        users = usersOf(login.data);
      }
      let profile: UserSummary = {};
      if (need === 'user') {
        const chosen = await this.chooseUser(version, base, users, byEnv);
        // 2.x takes the user's password Base64-encoded; 3.x calls it a pin and takes it as typed.
        const secret = chosen.password ? (version === 3 ? { pin: chosen.password } : { password: b64(chosen.password) }) : {};
        const auth = await this.transport.send({
          version,
          method: 'POST',
          path: paths.userLogin,
          json: { uidOrUsername: chosen.user, ...secret },
          session: base,
          retry: 'write',
        });
        const token = tokenOf(auth.data);
        profile = ((auth.data as { detail?: UserSummary } | null)?.detail ?? {}) as UserSummary;
        base = this.remember({ ...base, ...usable({ ...(token.aidToken ? { aid: token.aid ?? base.aid, aidToken: token.aidToken } : {}), uid: str(token.uid) ?? str(profile.uid), uidToken: token.uidToken ?? token.token }) });
      }
      if (!base.aid || !base.aidToken || (need === 'user' && (!base.uid || !base.uidToken))) {
        throw new PlatformError({ platform: PLATFORM, status: 200, platformMessage: 'the login answer had no sessionToken', delivery: 'processed', hint: 'Check that FRESNS_BASE_URL is the root of a Fresns site and FRESNS_API_VERSION matches it.' });
      }
      result = base;
      return this.record({
        ...base,
        source: byEnv ? 'login' : (d?.source ?? 'login'),
        nickname: str(profile.nickname) ?? d?.nickname,
        username: str(profile.username) ?? d?.username,
      });
    });
    return result;
  }

  /** FRESNS_USER, else the account's only user; its password when it has one. */
  private async chooseUser(version: ApiVersion, base: Session, users: UserSummary[] | undefined, byEnv: FresnsConfig['login']): Promise<{ user: string; password?: string }> {
    if (byEnv?.user) return { user: byEnv.user, password: byEnv.userPassword };
    const list =
      users ??
      usersOf((await this.transport.send({ version, method: 'GET', path: PATHS[version].detail, session: base, retry: 'read' })).data);
    if (list.length !== 1) {
      const names = list.map((u) => `${String(u.uid)} (${String(u.username ?? u.nickname ?? '?')})`).join(', ');
      throw new AuthRequiredError(
        PLATFORM,
        `needs a user, and the account has ${list.length === 0 ? 'no user' : `several: ${names}`}. Set FRESNS_USER to the uid or username (and FRESNS_USER_PASSWORD if it has a password), or call fresns_login_user.`,
      );
    }
    const only = list[0] as UserSummary;
    if (only.hasPassword === true && !byEnv?.userPassword) {
      throw new AuthRequiredError(PLATFORM, `needs the user ${String(only.uid)}, which has its own password: set FRESNS_USER_PASSWORD, or call fresns_login_user with it.`);
    }
    return { user: String(only.uid), password: byEnv?.userPassword };
  }

  private missing(need: Login, tool: string, agentSession: boolean, version: ApiVersion): AuthRequiredError {
    const what = need === 'user' ? 'a logged-in Fresns user (account and user session)' : 'a logged-in Fresns account';
    const how = version === 3
      ? "Fresns 3.x logs in through the site's account center, not with a password over the API: set FRESNS_AID, FRESNS_AID_TOKEN, FRESNS_UID and FRESNS_UID_TOKEN, or call fresns_login_with_token with the loginToken the account center gives"
      : agentSession
      ? 'the session made with fresns_login_account has expired or lacks it: call fresns_login_account (and fresns_login_user) again'
      : 'set FRESNS_ACCOUNT and FRESNS_PASSWORD (creator-mcp then logs in by itself; FRESNS_USER picks the user of an account with several), or FRESNS_AID, FRESNS_AID_TOKEN, FRESNS_UID and FRESNS_UID_TOKEN, or call fresns_login_account then fresns_login_user';
    return new AuthRequiredError(PLATFORM, `needs ${what}; none is available${tool.startsWith('fresns_') ? '' : ` for ${tool}`}. To fix: ${how}. Nothing was sent.`);
  }

  private ours(rec: TokenRecord | undefined): Stored | undefined {
    const d = rec?.data as Partial<Stored> | undefined;
    return d && d.site === this.site ? (d as Stored) : undefined;
  }

  private record(data: Omit<Stored, 'site' | 'envSeed'>) {
    const clean = Object.fromEntries(Object.entries({ ...data, site: this.site, envSeed: this.envSeed }).filter(([, v]) => v !== undefined));
    return { platform: STORE_PLATFORM, account: this.account, data: clean };
  }

  private remember(s: Session): Session {
    for (const t of [s.aidToken, s.uidToken]) if (t) this.seenTokens.add(t);
    return s;
  }
}

/**
 * Session values travel as request headers, which take visible ASCII only. A login answer with
 * anything else (a proxy's rewrite, a broken site) is refused here: kept, it would make every
 * later call fail with an unexplained "Cannot convert argument to a ByteString".
 */
const HEADER_SAFE = /^[\x21-\x7e]{1,1024}$/;

function usable<S extends Session>(s: S): S {
  for (const [k, v] of Object.entries(s)) {
    if (v !== undefined && !HEADER_SAFE.test(v)) {
      throw new PlatformError({
        platform: PLATFORM,
        status: 200,
        platformMessage: `the login answer's ${k} is not usable as a request header (it must be visible ASCII text)`,
        delivery: 'processed',
        hint: 'The session was not kept. Check that FRESNS_BASE_URL is the root of a Fresns site and that no proxy rewrites its answers, then log in again.',
      });
    }
  }
  return s;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** 2.x answers `sessionToken {aid | uid, token}`; 3.x answers `authToken {aid, aidToken, uid, uidToken}`. */
export function tokenOf(data: unknown): { aid?: string; uid?: string; token?: string; aidToken?: string; uidToken?: string } {
  const d = data as { sessionToken?: Record<string, unknown>; authToken?: Record<string, unknown> } | null;
  const t = d?.authToken ?? d?.sessionToken ?? {};
  return { aid: str(t.aid), uid: str(t.uid), token: str(t.token), aidToken: str(t.aidToken), uidToken: str(t.uidToken) };
}

function usersOf(data: unknown): UserSummary[] {
  const users = (data as { detail?: { users?: unknown } } | null)?.detail?.users;
  return Array.isArray(users) ? (users as UserSummary[]) : [];
}
