import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SimulatorHost, type SimRequest, type SimResponse } from '../sim-host.js';
import { RateBuckets, checkVersion, deprecationHeaders, type VersionState } from './api-gate.js';
import { handleControl } from './control.js';
import { accountHandlers } from './handlers/account.js';
import { agencyHandlers, managedCreators } from './handlers/agency.js';
import { audienceHandlers } from './handlers/audience.js';
import { chatHandlers } from './handlers/chats.js';
import { insightsHandlers } from './handlers/insights.js';
import { Query, type Ctx, type Handler } from './handlers/kit.js';
import { massHandlers } from './handlers/mass.js';
import { mediaHandlers } from './handlers/media.js';
import { postHandlers } from './handlers/posts.js';
import { FanvueAuthServer, type AccessGrant } from './oauth-server.js';
import { loadFanvueSpec, type SpecOperation } from './openapi.js';
import { seedWorld } from './seed.js';
import type { Creator, FanvueWorld } from './types.js';
import type { ViewContext } from './views.js';
import { WebhookPusher } from './webhook-push.js';

export interface FanvueSimulatorOptions {
  now?: () => number;
  latencyMs?: number;
  /** Multiplies the seeded fans, chats, media and posts. */
  seedScale?: number;
  /** Default: Fanvue's 200 requests per 60 s. */
  rateLimit?: { limit: number; windowMs: number };
  accessTtlS?: number;
  webhookUrl?: string;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

/** A 1×1 PNG: what a signed media URL serves in the sandbox. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Fanvue on 127.0.0.1: an authorization server host and an API host. The API enforces what the
 * real one does (version header, bearer token, scopes from the spec, rate limits with
 * X-RateLimit-*, request validation against Fanvue's OpenAPI document) over a seeded creator
 * whose state the writes change.
 */
export class FanvueSimulator {
  readonly api: SimulatorHost;
  readonly auth: SimulatorHost;
  readonly world: FanvueWorld;
  readonly oauth: FanvueAuthServer;
  readonly limits: RateBuckets;
  readonly webhooks: WebhookPusher;
  /** Filled by start(): the pre-issued login is signed by the running authorization server. */
  credentials: { clientId: string; clientSecret: string; webhookSecret: string; accessToken: string; refreshToken: string };
  versionState: VersionState = 'current';
  /** Test hook: awaited after authentication, before the operation runs. */
  beforeApi: ((req: SimRequest, grant: AccessGrant) => void | Promise<void>) | undefined;
  readonly #now: () => number;
  readonly #signingKey = randomBytes(32);
  readonly #handlers: Record<string, Handler>;
  readonly #mirrors = new Map<string, string>();

  constructor(opts: FanvueSimulatorOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.world = seedWorld(this.#now(), opts.seedScale);
    const clientId = 'sandbox-fanvue-client';
    const clientSecret = `fvcs_${randomBytes(18).toString('base64url')}`;
    this.auth = new SimulatorHost('fanvue-auth', (req) => this.oauth.route(req) ?? json(404, { error: 'not_found' }), { latencyMs: opts.latencyMs ?? 0 });
    this.api = new SimulatorHost('fanvue', (req) => this.#route(req), { latencyMs: opts.latencyMs ?? 0 });
    this.oauth = new FanvueAuthServer({ clientId, clientSecret, userUuid: this.world.principal, issuer: () => this.auth.baseUrl, now: this.#now, accessTtlS: opts.accessTtlS });
    this.limits = new RateBuckets(opts.rateLimit?.limit ?? 200, opts.rateLimit?.windowMs ?? 60_000);
    this.webhooks = new WebhookPusher(`fvwh_${randomBytes(18).toString('base64url')}`, this.#now, opts.webhookUrl);
    this.credentials = { clientId, clientSecret, webhookSecret: this.webhooks.secret, accessToken: '', refreshToken: '' };
    this.#handlers = {
      ...accountHandlers, ...chatHandlers, ...massHandlers, ...audienceHandlers, ...postHandlers, ...insightsHandlers, ...agencyHandlers,
      ...mediaHandlers({ partUrl: (uploadId, n) => this.storageUrl(uploadId, n) }),
    };
    // /creators/{creatorUserUuid}/… reuses the creator's own handler on that creator's state.
    const spec = loadFanvueSpec();
    for (const op of spec.operations) {
      if (!op.template.startsWith('/creators/{creatorUserUuid}/') || this.#handlers[op.operationId]) continue;
      const rest = op.template.slice('/creators/{creatorUserUuid}'.length);
      const self = spec.operations.find((o) => o.method === op.method && o.template === (rest === '/account' ? '/users/account' : rest));
      if (self) this.#mirrors.set(op.operationId, self.operationId);
    }
  }

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  get authBaseUrl(): string {
    return this.auth.baseUrl;
  }

  /** The logged-in creator (the seeded "Luna Vale"). */
  get creator(): Creator {
    return this.world.creators.get(this.world.principal) as Creator;
  }

  now(): number {
    return this.#now();
  }

  async start(): Promise<void> {
    await Promise.all([this.api.start(), this.auth.start()]);
    if (!this.credentials.accessToken) {
      const login = this.oauth.preIssue();
      this.credentials = { ...this.credentials, accessToken: login.access_token, refreshToken: login.refresh_token as string };
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.api.stop(), this.auth.stop()]);
  }

  /** Environment that points creator-mcp at this simulator, logged in already. */
  env(): Record<string, string> {
    const c = this.credentials;
    return {
      FANVUE_API_BASE_URL: this.baseUrl,
      FANVUE_AUTH_BASE_URL: this.authBaseUrl,
      FANVUE_CLIENT_ID: c.clientId,
      FANVUE_CLIENT_SECRET: c.clientSecret,
      FANVUE_ACCESS_TOKEN: c.accessToken,
      FANVUE_REFRESH_TOKEN: c.refreshToken,
      FANVUE_WEBHOOK_SECRET: c.webhookSecret,
    };
  }

  viewContext(creator: Creator): ViewContext {
    return { creator, signedUrl: (mediaUuid, variant) => this.#cdnUrl(mediaUuid, variant) };
  }

  #sign(text: string): string {
    return createHmac('sha256', this.#signingKey).update(text).digest('hex');
  }

  #verify(text: string, signature: string | null): boolean {
    const expected = Buffer.from(this.#sign(text));
    const got = Buffer.from(signature ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  }

  #cdnUrl(mediaUuid: string, variant: string): string {
    const expires = Math.floor(this.#now() / 1000) + 3600;
    return `${this.baseUrl}/__cdn/media/${mediaUuid}/${variant}?expires=${expires}&signature=${this.#sign(`${mediaUuid}/${variant}/${expires}`)}`;
  }

  /** The presigned URL of one upload part (what the part-URL endpoint answers). */
  storageUrl(uploadId: string, n: number): string {
    return `${this.baseUrl}/__storage/uploads/${uploadId}/parts/${n}?X-Amz-Expires=900&X-Amz-Signature=${this.#sign(`${uploadId}/${n}`)}`;
  }

  async #route(req: SimRequest): Promise<SimResponse> {
    if (req.path.startsWith('/__sandbox/')) return handleControl(req, this);
    if (req.path.startsWith('/__cdn/')) return this.#cdn(req);
    if (req.path.startsWith('/__storage/')) return this.#storage(req);
    return this.#apiCall(req);
  }

  #cdn(req: SimRequest): SimResponse {
    const m = /^\/__cdn\/media\/([^/]+)\/([a-z_]+)$/.exec(req.path);
    const expires = Number(req.query.get('expires'));
    if (!m || !this.#verify(`${m[1]}/${m[2]}/${expires}`, req.query.get('signature'))) return json(403, { error: 'invalid signature' });
    if (expires * 1000 < this.#now()) return json(403, { error: 'the signed URL expired' });
    return { status: 200, headers: { 'content-type': 'image/png' }, body: PIXEL };
  }

  #storage(req: SimRequest): SimResponse {
    const m = /^\/__storage\/uploads\/([^/]+)\/parts\/(\d+)$/.exec(req.path);
    if (!m || req.method !== 'PUT') return json(404, { error: 'not_found' });
    const [, uploadId = '', part = ''] = m;
    if (!this.#verify(`${uploadId}/${part}`, req.query.get('X-Amz-Signature'))) return json(403, { error: 'SignatureDoesNotMatch' });
    for (const creator of this.world.creators.values()) {
      const upload = creator.uploads.get(uploadId);
      if (!upload || upload.completed) continue;
      const etag = `"${createHash('md5').update(req.rawBody).digest('hex')}"`;
      upload.parts.set(Number(part), { etag, size: req.rawBody.length });
      return { status: 200, headers: { etag }, body: '' };
    }
    return json(404, { error: 'NoSuchUpload' });
  }

  async #apiCall(req: SimRequest): Promise<SimResponse> {
    const now = this.#now();
    const version = checkVersion(req.headers['x-fanvue-api-version'], this.versionState);
    if (version) return version;
    const grant = this.oauth.verifyBearer(String(req.headers.authorization ?? ''));
    if ('error' in grant) return json(401, { error: grant.error }, { 'www-authenticate': 'Bearer' });
    const spec = loadFanvueSpec();
    const matched = spec.match(req.method, req.path);
    if (!matched) return json(404, { message: `Cannot ${req.method} ${req.path}` });
    const { op, params } = matched;

    const creatorPath = params.creatorUserUuid;
    const limited = this.limits.take(`${grant.clientId}:${grant.userUuid}${creatorPath ? `:${creatorPath}` : ''}`, now);
    const headers = { ...limited.headers, ...deprecationHeaders(this.versionState) };
    const answer = (r: SimResponse): SimResponse => ({ ...r, headers: { ...r.headers, ...headers } });
    if (!limited.allowed) return answer(json(429, { error: 'Too many requests' }));

    const missing = op.scopes.filter((s) => !grant.scopes.has(s));
    if (missing.length) return answer(json(403, { error: `Missing required scope: ${missing.join(', ')}` }));
    const problems = spec.validateRequest(op, { params, query: req.query, body: req.text, contentType: String(req.headers['content-type'] ?? '') });
    if (problems.length) return answer(json(400, { errors: problems }));

    let creator = this.creator;
    if (creatorPath !== undefined) {
      const managed = managedCreators(this).find((c) => c.uuid === creatorPath);
      if (!managed) return answer(json(403, { error: 'You do not manage this creator' }));
      creator = managed;
    }
    this.#settleUploads(creator, now);
    await this.beforeApi?.(req, grant);
    return answer(this.#dispatch(op, { params, req, creator, now }));
  }

  #dispatch(op: SpecOperation, a: { params: Record<string, string>; req: SimRequest; creator: Creator; now: number }): SimResponse {
    const handler = this.#handlers[op.operationId] ?? this.#handlers[this.#mirrors.get(op.operationId) ?? ''];
    if (!handler) return json(501, { message: `${op.operationId} is not simulated` });
    const ctx: Ctx = {
      world: this.world,
      creator: a.creator,
      params: a.params,
      query: new Query(a.req.query),
      body: a.req.text.trim() ? (JSON.parse(a.req.text) as Record<string, unknown>) : {},
      now: a.now,
      view: this.viewContext(a.creator),
    };
    return handler(ctx);
  }

  /** Uploads finish processing a moment after completion, as Fanvue's transcoding does. */
  #settleUploads(creator: Creator, now: number): void {
    for (const m of creator.media) {
      if (m.status === 'processing' && m.readyAt !== undefined && m.readyAt <= now) {
        m.status = 'ready';
        m.width = m.mediaType === 'image' || m.mediaType === 'video' ? 1080 : null;
        m.height = m.width === null ? null : 1350;
        delete m.readyAt;
      }
    }
  }
}
