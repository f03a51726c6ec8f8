import type { FresnsConfig } from '../../../src/platforms/fresns/config.js';
import { fresnsHeaders, type Session } from '../../../src/platforms/fresns/transport.js';
import type { FresnsSimulator } from '../../../src/sandbox/fresns/index.js';
import type { Json } from './helpers.js';

/**
 * Signed requests straight to the simulator, below the tools, so a test can send what a tool
 * never would (a sort order Fresns does not know, a JSON string where Fresns wants an array).
 */
export class RawFresns {
  session: Session = {};
  constructor(
    private readonly sim: FresnsSimulator,
    private readonly version: 2 | 3 = 2,
  ) {}

  private get cfg(): FresnsConfig {
    const c = this.sim.credentials;
    return { baseUrl: this.sim.baseUrl, appId: c.appId, appSecret: c.appSecret, platformId: c.platformId, clientVersion: '1.0.0', apiVersion: this.version };
  }

  async send(method: string, path: string, opts: { query?: Record<string, string>; json?: unknown; form?: FormData } = {}): Promise<Json> {
    const headers = fresnsHeaders(this.cfg, this.session, Date.now(), this.version);
    let body: string | FormData | undefined;
    if (opts.form) body = opts.form;
    else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }
    const qs = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
    const res = await fetch(`${this.sim.baseUrl}${path}${qs}`, { method, headers, body });
    return (await res.json()) as Json;
  }

  /** The sandbox creator's account and user session, made through the 2.x login routes. */
  async loginV2(): Promise<void> {
    const c = this.sim.credentials;
    const acct = await this.send('POST', '/api/v2/account/login', { json: { type: 'email', account: c.account, password: Buffer.from(c.password).toString('base64') } });
    this.session = { aid: acct.data.sessionToken.aid, aidToken: acct.data.sessionToken.token };
    const user = await this.send('POST', '/api/v2/user/auth', { json: { uidOrUsername: String(c.creatorUid) } });
    this.session = { ...this.session, uid: String(user.data.sessionToken.uid), uidToken: user.data.sessionToken.token };
  }
}
