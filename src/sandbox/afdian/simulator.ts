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
  /**
   * A second creator on the same simulator (an agency's other page): its own user_id/token pair,
   * orders and sponsors. Each creator's credentials open only its own data, as on Afdian.
   */
  readonly second: { credentials: { userId: string; token: string }; state: AfdianState };
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
const SECOND = {
  userId: '9b1d5e20c3a511ee9d1052540025c388',
  token: 'sandboxAfdianToken2Rf8Yh3Nc6Tq1Jd',
  privateId: 'c0ffee00sandbox0second00private0',
  name: '沙盒创作者二号',
};

type Endpoint = (p: ParamBag, fields: ParamBag) => AfdianEnvelope;
type Creator = { credentials: { userId: string; token: string }; endpoints: Record<string, Endpoint> };

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
  readonly #creators = new Map<string, Creator>();
  readonly second: AfdianSimulator['second'];

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
    this.#creators.set(userId, { credentials: this.credentials, endpoints: this.#endpointsOf(this.state, sendMsg) });
    const second = { user_id: SECOND.userId, user_private_id: SECOND.privateId, name: SECOND.name, avatar: creator.avatar };
    // Another seed: its orders and sponsors share nothing with the first creator's.
    this.second = { credentials: { userId: SECOND.userId, token: SECOND.token }, state: seedState(second, this.#nowSec(), 1, SEED ^ 0x2c2) };
    this.#creators.set(SECOND.userId, { credentials: this.second.credentials, endpoints: this.#endpointsOf(this.second.state, new SendMsgEndpoint(this.second.state, this.#now)) });
    this.host = new SimulatorHost('afdian', (req) => this.#route(req), { latencyMs: opts.latencyMs ?? 0 });
  }

  #endpointsOf(state: AfdianState, sendMsg: SendMsgEndpoint): Record<string, Endpoint> {
    return {
      ping: (_, f) => ({
        ec: 200,
        em: 'pong',
        data: { uid: state.creator.user_id, request: { user_id: f.user_id, params: f.params, ts: f.ts, sign: f.sign } },
      }),
      'query-order': (p) => queryOrder(state, p),
      'query-sponsor': (p) => querySponsor(state, p, this.#nowSec()),
      'query-random-reply': (p) => queryRandomReply(state, p),
      'update-plan-reply': (p) => updatePlanReply(state, p, this.#nowSec()),
      'send-msg': (p) => sendMsg.handle(p),
      'query-plan': (p) => queryPlan(state, p),
    };
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

  #endpoints0(): Record<string, Endpoint> {
    return (this.#creators.get(this.credentials.userId) as Creator).endpoints;
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
    if (!Object.hasOwn(this.#endpoints0(), name)) return { ec: 404, em: `unknown endpoint: ${name}`, data: {} };
    const fields = readFields(req);
    // The token is checked against the creator the user_id names; an unknown user_id is refused as Afdian does.
    const uid = typeof fields.user_id === 'string' ? fields.user_id : undefined;
    const creator = (uid !== undefined ? this.#creators.get(uid) : undefined) ?? (this.#creators.get(this.credentials.userId) as Creator);
    const checked = verifyCall(fields, creator.credentials, this.#nowSec());
    return checked.ok ? (creator.endpoints[name] as Endpoint)(checked.params, fields) : checked.reply;
  }
}

export function createAfdianSimulator(opts: AfdianSimulatorOptions = {}): AfdianSimulator {
  return new AfdianSim(opts);
}
