import { AuthRequiredError } from '../http/errors.js';
import type { SecretSink } from '../http/request-kit.js';
import type { TokenRecord, TokenRecordInput, TokenStore } from './token-store.js';

/** What a token endpoint answered, in the shape every platform's refresh is mapped to. */
export interface TokenGrant {
  access_token: string;
  refresh_token?: string;
  /** Seconds, as OAuth sends it. */
  expires_in?: number;
  scope?: string;
  [extra: string]: unknown;
}

export interface OAuthSessionOptions {
  store: TokenStore;
  platform: string;
  account?: string;
  /** Exchanges a refresh token. Throw `InvalidGrantError` when the platform says invalid_grant. */
  refresh(refreshToken: string): Promise<TokenGrant>;
  /** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
  skewMs?: number;
  now?: () => number;
  /** Tokens read or minted here are registered for redaction (they rotate, so no config lists them). */
  secrets?: SecretSink;
  /** Where a token store that cannot be written is reported (never with a token). */
  log?: { warn(message: string): void; info(message: string): void };
}

/** The refresh token was refused: only a new login helps. */
export class InvalidGrantError extends Error {
  constructor(message = 'invalid_grant') {
    super(message);
    this.name = 'InvalidGrantError';
  }
}

export function recordFromGrant(platform: string, account: string, grant: TokenGrant, previous?: TokenRecordInput, now = Date.now()) {
  return {
    platform,
    account,
    data: {
      ...previous?.data,
      ...grant,
      // A platform that does not rotate omits refresh_token: keep the one we have.
      refresh_token: grant.refresh_token ?? previous?.data.refresh_token,
    },
    expiresAt: grant.expires_in !== undefined ? now + grant.expires_in * 1000 : undefined,
  };
}

/**
 * Access tokens for one platform account, refreshed proactively and once after a 401.
 * Refresh tokens rotate and are single-use, so: every concurrent caller in this process shares
 * one in-flight refresh, and processes sharing the store refresh inside its lock after
 * re-reading it. Whoever finds a token newer than the one it saw fail simply uses it, so a
 * spent refresh token is never sent twice, and the rotated one is stored before it is used.
 */
export class OAuthSession {
  private inflight: Promise<string> | undefined;
  /**
   * A rotated login the store refused to write (full disk, read-only mount). The refresh token
   * it replaced is spent, so this copy is the only valid one: it is used from memory and
   * written again on every call until the store takes it.
   */
  private unsaved: TokenRecordInput | undefined;
  private readonly account: string;
  private readonly skewMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: OAuthSessionOptions) {
    this.account = opts.account ?? 'default';
    this.skewMs = opts.skewMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** A token valid for at least the skew; refreshes first when it is not. */
  async accessToken(): Promise<string> {
    if (this.unsaved) await this.saveAgain(this.unsaved);
    const record = this.unsaved ?? (await this.opts.store.get(this.opts.platform, this.account));
    const token = record?.data.access_token;
    if (typeof token !== 'string') throw this.loginRequired('no stored login');
    this.opts.secrets?.add(token, record?.data.refresh_token as string | undefined);
    if (!this.expiring(record)) return token;
    return this.refresh(token);
  }

  /** After a 401 with `staleToken`: a fresh token, refreshing at most once for all callers. */
  refresh(staleToken: string): Promise<string> {
    this.inflight ??= this.refreshLocked(staleToken).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refreshLocked(staleToken: string): Promise<string> {
    let fresh: string | undefined;
    let rotated: TokenRecordInput | undefined;
    try {
      await this.opts.store.update(this.opts.platform, this.account, async (stored) => {
        // A login kept in memory is newer than whatever the store still holds.
        const current = this.unsaved ?? stored;
        const token = current?.data.access_token;
        // Another process refreshed while we waited for the lock: use its token.
        if (typeof token === 'string' && token !== staleToken && !this.expiring(current)) {
          fresh = token;
          return this.unsaved;
        }
        const refreshToken = current?.data.refresh_token;
        if (typeof refreshToken !== 'string' || !refreshToken) throw this.loginRequired('the stored login has no refresh token');
        let grant: TokenGrant;
        try {
          grant = await this.opts.refresh(refreshToken);
        } catch (err) {
          if (err instanceof InvalidGrantError) throw this.loginRequired('the refresh token was refused (invalid_grant)');
          throw err;
        }
        fresh = grant.access_token;
        this.opts.secrets?.add(grant.access_token, grant.refresh_token);
        rotated = recordFromGrant(this.opts.platform, this.account, grant, current, this.now());
        return rotated;
      });
      this.unsaved = undefined;
    } catch (err) {
      const kept = rotated ?? (fresh !== undefined ? this.unsaved : undefined);
      if (!kept) throw err;
      // The platform already rotated the login: losing it now would force a new login.
      if (!this.unsaved) this.opts.log?.warn(`${this.opts.platform}: the refreshed login could not be saved (${errorCode(err)}); it is kept in memory and saved again on the next call`);
      this.unsaved = kept;
    }
    if (!fresh) throw this.loginRequired('no stored login');
    return fresh;
  }

  private async saveAgain(record: TokenRecordInput): Promise<void> {
    try {
      await this.opts.store.update(this.opts.platform, this.account, () => Promise.resolve(record));
      this.unsaved = undefined;
      this.opts.log?.info(`${this.opts.platform}: the refreshed login is saved to the token store again`);
    } catch {
      // Still unwritable: keep using the copy in memory; the warning was given once.
    }
  }

  private expiring(record: Pick<TokenRecord, 'expiresAt'> | undefined): boolean {
    return record?.expiresAt !== undefined && record.expiresAt - this.skewMs <= this.now();
  }

  private loginRequired(why: string): AuthRequiredError {
    return new AuthRequiredError(this.opts.platform, `${why}: run \`creator-mcp login ${this.opts.platform}\` to log in again.`);
  }
}

/** The error's code or a short name, never its message (a store error may quote a path or a value). */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'write failed';
}
