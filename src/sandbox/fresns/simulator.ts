import { SimulatorHost, type SimRequest, type SimResponse } from '../sim-host.js';
import { verifyHeaders } from './checks.js';
import { handleControl, CONTROL_PREFIX } from './control.js';
import { SimError, matchRoute, type Ctx, type Route } from './router.js';
import { accountRoutes } from './routes/account.js';
import { editorRoutes } from './routes/editor.js';
import { globalRoutes } from './routes/global.js';
import { groupRoutes } from './routes/groups.js';
import { messageRoutes } from './routes/messages.js';
import { postRoutes, searchRoutes } from './routes/posts.js';
import { userRoutes } from './routes/users.js';
import { scaleState } from './scale.js';
import { Ids, SANDBOX, seedState } from './seed.js';
import type { SimState } from './types.js';
import { STATUS, STATUS_PATH, v3Routes } from './v3.js';
import { issueAccountToken, issueUserToken } from './routes/account.js';

export interface FresnsSimulatorOptions {
  now?: () => number;
  latencyMs?: number;
  /** Multiplies the seeded posts, comments, notifications and messages. */
  seedScale?: number;
  port?: number;
  /** The Fresns API it speaks: 2 (Fresns 2.x, `/api/v2`, default) or 3 (Fresns 3.x, `/api/fresns/v1`). */
  apiVersion?: 2 | 3;
}

export interface FresnsSimulator {
  host: SimulatorHost;
  readonly baseUrl: string;
  readonly state: SimState;
  readonly credentials: typeof SANDBOX;
  readonly apiVersion: 2 | 3;
  /** Added to the simulator's clock (tests of timestamp skew). */
  clockOffsetMs: number;
  /** Request headers a "proxy" in front of the site drops (lower case). */
  droppedHeaders: Set<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Every session token expires now (the next request with one gets 31504 / 31603). */
  expireSessions(): void;
  /** A session made as the site's login page would (3.x clients cannot log in with a password). */
  issueSession(aid: string, uid: number): { aid: string; aidToken: string; uid: string; uidToken: string };
  /** What the 3.x account center hands a client after a login: a loginToken for POST account/auth-token. */
  issueLoginToken(aid: string, uid: number): string;
  now(): number;
}

const ROUTES: readonly Route[] = [...globalRoutes, ...accountRoutes, ...userRoutes, ...messageRoutes, ...groupRoutes, ...postRoutes, ...searchRoutes, ...editorRoutes];
const ROUTES_V3: readonly Route[] = v3Routes(ROUTES);

/** Per version: the route prefix, the routes, and the headers of an envelope answer (ApiResponseTrait). */
const API = {
  2: { prefix: '/api/v2/', routes: ROUTES, headers: { 'Fresns-Api': 'v2', 'Fresns-Version': '2.21.4' } },
  3: { prefix: '/api/fresns/v1/', routes: ROUTES_V3, headers: { 'Fresns-Api': 'v1', 'Fresns-Version': '3.6.2' } },
} as const;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

class FresnsSim implements FresnsSimulator {
  readonly host: SimulatorHost;
  readonly state: SimState;
  readonly credentials = SANDBOX;
  readonly apiVersion: 2 | 3;
  clockOffsetMs = 0;
  droppedHeaders = new Set<string>();
  readonly #clock: () => number;
  readonly #port: number;
  readonly #ids: Ids;

  constructor(opts: FresnsSimulatorOptions) {
    this.#clock = opts.now ?? Date.now;
    this.#port = opts.port ?? 0;
    this.apiVersion = opts.apiVersion ?? 2;
    this.#ids = new Ids(0xf7e5);
    this.state = seedState(this.#clock(), this.#ids);
    scaleState(this.state, this.#ids, opts.seedScale ?? 1);
    this.host = new SimulatorHost('fresns', (req) => this.#route(req), { latencyMs: opts.latencyMs ?? 0 });
  }

  get baseUrl(): string {
    return this.host.baseUrl;
  }

  now(): number {
    return this.#clock() + this.clockOffsetMs;
  }

  async start(): Promise<void> {
    await this.host.start(this.#port);
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  expireSessions(): void {
    const past = this.now() - 1;
    for (const s of this.state.accountTokens.values()) s.expiresAt = past;
    for (const s of this.state.userTokens.values()) s.expiresAt = past;
  }

  issueSession(aid: string, uid: number) {
    const at = { state: this.state, ids: this.#ids, now: this.now() };
    return { aid, aidToken: issueAccountToken(at, aid).token, uid: String(uid), uidToken: issueUserToken(at, aid, uid).token };
  }

  issueLoginToken(aid: string, uid: number): string {
    const token = this.#ids.fsid(32);
    this.state.loginTokens.set(token, { aid, uid, at: this.now(), used: false });
    return token;
  }

  async #route(req: SimRequest): Promise<SimResponse> {
    if (req.path.startsWith(CONTROL_PREFIX)) return handleControl(req, this);
    const api = API[this.apiVersion];
    const reply = (status: number, body: unknown): SimResponse => ({ status, headers: { ...JSON_TYPE, ...api.headers, 'Fresns-Author': 'Jevan Tang' }, body: JSON.stringify(body) });
    // The site's 404 for a route it does not have (the other generation's paths included).
    const notFound = (): SimResponse => reply(404, { code: 404, message: `The route ${req.path.slice(1)} could not be found.`, data: null });
    if (this.apiVersion === 3 && req.method === 'GET' && req.path === STATUS_PATH) return { status: 200, headers: JSON_TYPE, body: JSON.stringify(STATUS) };
    if (!req.path.startsWith(api.prefix)) return notFound();
    const found = matchRoute(api.routes, req.method, req.path);
    if (!found) return notFound();
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !this.droppedHeaders.has(k)));
    try {
      const who = verifyHeaders(this.state, headers, this.now(), found.route.login, found.route.write === true, this.apiVersion);
      const { body, files } = await readBody(req);
      const ctx: Ctx = {
        state: this.state,
        version: this.apiVersion,
        params: found.params,
        query: req.query,
        body,
        files,
        aid: who.aid,
        aidToken: who.aid ? String(headers['x-fresns-aid-token'] ?? '') : undefined,
        uid: who.uid,
        me: this.state.users.find((u) => u.uid === who.uid),
        now: this.now(),
        baseUrl: this.baseUrl,
        ids: this.#ids,
      };
      const out = await found.route.handle(ctx);
      return reply(200, { code: 0, message: out.message ?? 'ok', data: out.data ?? null });
    } catch (err) {
      if (err instanceof SimError) return reply(200, { code: err.code, message: err.message, data: null });
      throw err;
    }
  }
}

/** PHP turns `a[0][name]` form names into nested arrays; a plain `a` stays a string. */
function setPhpField(body: Record<string, unknown>, name: string, value: string): void {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name);
  if (!m) {
    body[name] = value;
    return;
  }
  const keys = [m[1] as string, ...[...(m[2] as string).matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] as string)];
  let at: Record<string, unknown> = body;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) at[key] = value;
    else {
      const next = at[key];
      at = (next && typeof next === 'object' ? next : (at[key] = {})) as Record<string, unknown>;
    }
  });
}

/** JSON bodies and multipart forms (parsed with the platform's own Request, as a server framework would). */
async function readBody(req: SimRequest): Promise<{ body: Record<string, unknown>; files: Map<string, File> }> {
  const type = String(req.headers['content-type'] ?? '');
  const files = new Map<string, File>();
  if (req.rawBody.length === 0) return { body: {}, files };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://sim.invalid/', { method: 'POST', headers: { 'content-type': type }, body: req.rawBody }).formData();
    const body: Record<string, unknown> = {};
    for (const [k, v] of form) {
      if (typeof v === 'string') setPhpField(body, k, v);
      else files.set(k, v);
    }
    return { body, files };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.text);
  } catch {
    throw new SimError(30004, 'The request body must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SimError(30004, 'The request body must be a JSON object');
  return { body: parsed as Record<string, unknown>, files };
}

export function createFresnsSimulator(opts: FresnsSimulatorOptions = {}): FresnsSimulator {
  return new FresnsSim(opts);
}
