import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SimulatorHost } from '../sim-host.js';
import type { SimRequest, SimResponse } from '../sim-host.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { SendMsgEndpoint } from './messages.js';
import { AfdianOAuth } from './oauth.js';
import { addOrder } from './order-factory.js';
import { queryOrder, querySponsor } from './queries.js';
import { queryPlan, queryRandomReply, updatePlanReply } from './replies.js';
import { Rng } from './rng.js';
import { readFields, verifyCall } from './open-api.js';
import type { ParamBag } from './open-api.js';
import { SEED, seedState } from './seed.js';
import type { AfdianEnvelope, AfdianOrder, AfdianState } from './types.js';
import { buildWebhookBody, pushWebhook } from './webhook.js';

export interface AfdianSimulatorOptions {
  userId?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  /** ms */
  now?: () => number;
  webhookUrl?: string;
  latencyMs?: number;
  /** Multiplies the seeded sponsors and orders. */
  seedScale?: number;
  /** fixed port for `start()`; default any free port */
  port?: number;
}

export interface AfdianSimulator {
  host: SimulatorHost;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly baseUrl: string;
  readonly credentials: { userId: string; token: string; clientId: string; clientSecret: string; webhookPublicKeyPem: string };
  readonly state: AfdianState;
  /** When each accepted private message arrived (ms), for checking a client's pace. */
  readonly messageArrivals: readonly number[];
  webhookUrl: string | undefined;
  createOrder(partial?: Partial<AfdianOrder>): Promise<{ order: AfdianOrder; push?: { status: number; body: string } }>;
  webhookBody(order: AfdianOrder): string;
}

// Fixed defaults so a sandbox session can be reproduced; they are not secrets (the sandbox only binds 127.0.0.1).
const DEFAULTS = {
  userId: '7e6b3c10a2f411ee8c9052540025c377',
  token: 'sandboxAfdianToken4Kq7Zt2Wm9Xp3Lv',
  clientId: 'sandbox-afdian-client',
  clientSecret: 'sandbox-afdian-client-secret',
};

type Endpoint = (p: ParamBag, fields: ParamBag) => AfdianEnvelope;

const jsonReply = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

class AfdianSim implements AfdianSimulator {
  readonly host: SimulatorHost;
  readonly credentials: AfdianSimulator['credentials'];
  readonly state: AfdianState;
  readonly messageArrivals: readonly number[];
  webhookUrl: string | undefined;
  readonly #now: () => number;
  readonly #port: number;
  readonly #privateKey: KeyObject;
  readonly #rng = new Rng(SEED ^ 0x5eed); // separate stream: new orders never shift the seeded data
  readonly #oauth: AfdianOAuth;
  readonly #endpoints: Record<string, Endpoint>;

  constructor(opts: AfdianSimulatorOptions) {
    this.#now = opts.now ?? Date.now;
    this.#port = opts.port ?? 0;
    this.webhookUrl = opts.webhookUrl;
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#privateKey = privateKey;
    const userId = opts.userId ?? DEFAULTS.userId;
    this.credentials = {
      userId,
      token: opts.token ?? DEFAULTS.token,
      clientId: opts.clientId ?? DEFAULTS.clientId,
      clientSecret: opts.clientSecret ?? DEFAULTS.clientSecret,
      webhookPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    const creator = {
      user_id: userId,
      user_private_id: 'c0ffee00sandbox0creator0private0',
      name: '沙盒创作者',
      avatar: 'https://pic1.afdiancdn.com/default/avatar/avatar-purple.png?imageView2/1/w/120/h/120',
    };
    this.state = seedState(creator, this.#nowSec(), opts.seedScale);
    this.#oauth = new AfdianOAuth({ ...this.credentials, account: creator, now: this.#now });
    const sendMsg = new SendMsgEndpoint(this.state, this.#now);
    this.messageArrivals = sendMsg.arrivals;
    this.#endpoints = {
      ping: (_, f) => ({
        ec: 200,
        em: 'pong',
        data: { uid: this.credentials.userId, request: { user_id: f.user_id, params: f.params, ts: f.ts, sign: f.sign } },
      }),
      'query-order': (p) => queryOrder(this.state, p),
      'query-sponsor': (p) => querySponsor(this.state, p, this.#nowSec()),
      'query-random-reply': (p) => queryRandomReply(this.state, p),
      'update-plan-reply': (p) => updatePlanReply(this.state, p, this.#nowSec()),
      'send-msg': (p) => sendMsg.handle(p),
      'query-plan': (p) => queryPlan(this.state, p),
    };
    this.host = new SimulatorHost('afdian', (req) => this.#route(req), { latencyMs: opts.latencyMs ?? 0 });
  }

  get baseUrl(): string {
    return this.host.baseUrl;
  }

  async start(): Promise<void> {
    await this.host.start(this.#port);
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  #nowSec(): number {
    return Math.floor(this.#now() / 1000);
  }

  async createOrder(partial: Partial<AfdianOrder> = {}) {
    const nowSec = this.#nowSec();
    const order = addOrder(this.state, this.#rng, nowSec, partial);
    const url = this.webhookUrl;
    if (url === undefined) return { order };
    const push = await pushWebhook(url, this.webhookBody(order));
    this.state.deliveries.push({ out_trade_no: order.out_trade_no, url, ...push, at: nowSec });
    return { order, push };
  }

  webhookBody(order: AfdianOrder): string {
    const planTitle = this.state.plans.find((p) => p.plan_id === order.plan_id)?.name ?? '';
    return buildWebhookBody(order, planTitle, this.#privateKey);
  }

  #route(req: SimRequest): SimResponse | Promise<SimResponse> {
    if (req.path.startsWith('/api/open/')) return jsonReply(200, this.#openApi(req));
    if (req.path === '/oauth2/authorize' && req.method === 'GET') return this.#oauth.authorize(req);
    if (req.path === '/api/oauth2/access_token') return this.#oauth.accessToken(req);
    if (req.path.startsWith(CONTROL_PREFIX)) return handleControl(req, this);
    return jsonReply(404, { ec: 404, em: `not found: ${req.method} ${req.path}` });
  }

  #openApi(req: SimRequest): AfdianEnvelope {
    const name = req.path.slice('/api/open/'.length);
    const endpoint = Object.hasOwn(this.#endpoints, name) ? this.#endpoints[name] : undefined;
    if (!endpoint) return { ec: 404, em: `unknown endpoint: ${name}`, data: {} };
    const fields = readFields(req);
    const checked = verifyCall(fields, this.credentials, this.#nowSec());
    return checked.ok ? endpoint(checked.params, fields) : checked.reply;
  }
}

export function createAfdianSimulator(opts: AfdianSimulatorOptions = {}): AfdianSimulator {
  return new AfdianSim(opts);
}
