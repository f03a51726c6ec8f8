import { SimulatorHost, type SimRequest, type SimResponse } from '../sim-host.js';
import { BOT_PREFIX, botApi } from './bot-api.js';
import { IdFactory } from './ids.js';
import { Model } from './model.js';
import { FanbookOAuth } from './oauth.js';
import { scaleState } from './scale.js';
import { seedState, type SeedIds } from './seed.js';
import type { FanbookState, FbMessage } from './types.js';
import { BadParam, plain, readFields } from './wire.js';

export interface FanbookSimulatorOptions {
  botToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** ms */
  now?: () => number;
  latencyMs?: number;
  /** Multiplies each guild's seeded members. */
  seedScale?: number;
  port?: number;
  accessTtlSec?: number;
  /** Redirect URIs registered for the app (default: SANDBOX_REDIRECT_URI); authorize refuses others. */
  redirectUris?: string[];
}

export interface FanbookSimulator {
  host: SimulatorHost;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly baseUrl: string;
  readonly credentials: { botToken: string; clientId: string; clientSecret: string };
  readonly state: FanbookState;
  readonly seed: SeedIds;
  readonly model: Model;
  readonly oauth: FanbookOAuth;
  /** A member posts in a channel or private chat; queued as an update when it @mentions the bot or is private. */
  userMessage(chatId: string, userId: string, text: string): FbMessage;
}

// Fixed so a sandbox session can be reproduced; not secrets (the sandbox binds 127.0.0.1 only).
const DEFAULTS = {
  botToken: '5f2b9c1e7a4d40f8b3c6e1a9d2f7b0c4e8a1d3f6b9c2e5a7d0f3b6c9e2a5d8f1',
  clientId: '735240118624',
  clientSecret: 'sandbox-fanbook-client-secret-7Qw2',
};

/** The redirect URI the sandbox app is registered with (what FANBOOK_REDIRECT_URI says in the sandbox). */
export const SANDBOX_REDIRECT_URI = 'http://127.0.0.1:8788/callback';

export const CONTROL_MESSAGES = '/__sandbox/messages';
export const CONTROL_EXPIRE = '/__sandbox/expire-tokens';

class FanbookSim implements FanbookSimulator {
  readonly host: SimulatorHost;
  readonly credentials: FanbookSimulator['credentials'];
  readonly state: FanbookState;
  readonly seed: SeedIds;
  readonly model: Model;
  readonly oauth: FanbookOAuth;
  readonly #port: number;

  constructor(o: FanbookSimulatorOptions) {
    const now = o.now ?? Date.now;
    this.#port = o.port ?? 0;
    this.credentials = { botToken: o.botToken ?? DEFAULTS.botToken, clientId: o.clientId ?? DEFAULTS.clientId, clientSecret: o.clientSecret ?? DEFAULTS.clientSecret };
    const ids = new IdFactory(463992311181737985n);
    const seeded = seedState(ids, now(), this.credentials.botToken);
    this.state = seeded.state;
    scaleState(this.state, ids, o.seedScale ?? 1);
    this.seed = seeded.seed;
    this.model = new Model(this.state, ids, now);
    this.oauth = new FanbookOAuth(
      { clientId: this.credentials.clientId, clientSecret: this.credentials.clientSecret, userId: this.seed.operator, accessTtlSec: o.accessTtlSec ?? 3600, now, redirectUris: o.redirectUris ?? [SANDBOX_REDIRECT_URI] },
      this.state,
    );
    this.host = new SimulatorHost('fanbook', (req) => this.#route(req), { latencyMs: o.latencyMs ?? 0 });
  }

  get baseUrl(): string {
    return this.host.baseUrl;
  }

  async start(): Promise<void> {
    await this.host.start(this.#port);
  }

  stop(): Promise<void> {
    this.model.wakeAll();
    return this.host.stop();
  }

  userMessage(chatId: string, userId: string, text: string): FbMessage {
    const m = this.model;
    const dm = this.state.privateChats.get(chatId);
    const guildId = dm !== undefined ? '0' : m.channel(chatId).guild_id;
    if (dm === undefined && !m.guild(guildId).members.has(userId)) throw new BadParam('用户不在该服务器');
    const msg = m.addMessage({
      chat_id: chatId,
      guild_id: guildId,
      user_id: userId,
      content: JSON.stringify({ type: 'text', text, contentType: 0 }),
      quote_l1: null,
      quote_l2: null,
      mentions: text.includes(`\${@!${this.state.bot.id}}`) ? [this.state.bot.id] : null,
      mention_roles: null,
      reply_markup: null,
    });
    // By default bots only receive messages that @mention them and private messages.
    if (dm !== undefined || msg.mentions) m.pushUpdate(m.messageObj(msg));
    return msg;
  }

  async #route(req: SimRequest): Promise<SimResponse> {
    if (req.path.startsWith(BOT_PREFIX)) return botApi(req, this.model, this.credentials.botToken);
    const open = this.oauth.route(req);
    if (open) return open;
    if (req.path === CONTROL_MESSAGES && req.method === 'POST') return this.#control(req);
    if (req.path === CONTROL_EXPIRE && req.method === 'POST') {
      this.oauth.expireAccessTokens();
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"expired":true}' };
    }
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found' };
  }

  #control(req: SimRequest): SimResponse {
    try {
      const f = plain(readFields(req)) as { chat_id?: unknown; user_id?: unknown; text?: unknown };
      const userId = typeof f.user_id === 'string' ? f.user_id : (this.seed.users[1] as string);
      const msg = this.userMessage(String(f.chat_id ?? ''), userId, String(f.text ?? ''));
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message_id: msg.message_id, chat_id: msg.chat_id }) };
    } catch (err) {
      return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: err instanceof Error ? err.message : String(err) }) };
    }
  }
}

export function createFanbookSimulator(opts: FanbookSimulatorOptions = {}): FanbookSimulator {
  return new FanbookSim(opts);
}
