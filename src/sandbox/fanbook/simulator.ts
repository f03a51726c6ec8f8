import { SimulatorHost, type SimRequest, type SimResponse } from '../sim-host.js';
import { BOT_PREFIX, botApi } from './bot-api.js';
import { GATEWAY_PATH, SimGateway } from './gateway.js';
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
  /** ms without a ping before the gateway closes a connection (70 s, as documented). */
  gatewayIdleMs?: number;
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
  readonly gateway: SimGateway;
  /**
   * A second bot on the same simulator (an agency's other bot): its own token, bot user, guilds,
   * members, messages and gateway connection. Each token opens only its own bot's world, as on Fanbook.
   */
  readonly second: { credentials: { botToken: string }; state: FanbookState; seed: SeedIds; model: Model; gateway: SimGateway };
  /** ws://127.0.0.1:<port>/websocket: the bot gateway (FANBOOK_GATEWAY_URL). */
  readonly gatewayUrl: string;
  /** A new user joins a guild (as through an invite); the gateway pushes the join. */
  memberJoins(guildId: string, nickname?: string): string;
  /** The private chat between the bot and a user (opened when there is none). */
  dmChatOf(userId: string): string;
  /** A member posts in a channel or private chat; queued as an update when it @mentions the bot or is private. */
  userMessage(chatId: string, userId: string, text: string): FbMessage;
}

// Fixed so a sandbox session can be reproduced; not secrets (the sandbox binds 127.0.0.1 only).
const DEFAULTS = {
  botToken: '5f2b9c1e7a4d40f8b3c6e1a9d2f7b0c4e8a1d3f6b9c2e5a7d0f3b6c9e2a5d8f1',
  clientId: '735240118624',
  clientSecret: 'sandbox-fanbook-client-secret-7Qw2',
};
const SECOND_BOT_TOKEN = '9c4e1a7f3b2d48e6a0f5c8b1d4e7a2f9c3b6d0e8a5f1c4b7e2d9a6f3c0b8e5d1';

/** The redirect URI the sandbox app is registered with (what FANBOOK_REDIRECT_URI says in the sandbox). */
export const SANDBOX_REDIRECT_URI = 'http://127.0.0.1:8788/callback';

export const CONTROL_MESSAGES = '/__sandbox/messages';
export const CONTROL_EXPIRE = '/__sandbox/expire-tokens';
export const CONTROL_JOIN = '/__sandbox/members/join';
export const CONTROL_DROP = '/__sandbox/gateway/drop';

class FanbookSim implements FanbookSimulator {
  readonly host: SimulatorHost;
  readonly credentials: FanbookSimulator['credentials'];
  readonly state: FanbookState;
  readonly seed: SeedIds;
  readonly model: Model;
  readonly oauth: FanbookOAuth;
  readonly gateway: SimGateway;
  readonly second: FanbookSimulator['second'];
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
    this.gateway = new SimGateway(this.model, { idleMs: o.gatewayIdleMs });
    // Ids from another range, so nothing of the second bot's world shares an id with the first's.
    const secondIds = new IdFactory(563992311181737985n);
    const other = seedState(secondIds, now(), SECOND_BOT_TOKEN);
    other.state.bot.first_name = 'bot-creator-mcp-sandbox-2';
    const botUser = other.state.users.get(other.state.bot.id);
    if (botUser) botUser.nickname = '沙盒机器人二号';
    const secondModel = new Model(other.state, secondIds, now);
    this.second = { credentials: { botToken: SECOND_BOT_TOKEN }, state: other.state, seed: other.seed, model: secondModel, gateway: new SimGateway(secondModel, { idleMs: o.gatewayIdleMs }) };
    this.host = new SimulatorHost('fanbook', (req) => this.#route(req), { latencyMs: o.latencyMs ?? 0, upgrade: (req, socket, head) => this.#gatewayOf(req.url).handleUpgrade(req, socket, head) });
  }

  /** One gateway address for every bot, as on Fanbook: the user_token in the query says whose. */
  #gatewayOf(url: string | undefined): SimGateway {
    const id = new URL(url ?? '/', 'http://127.0.0.1').searchParams.get('id');
    return id !== null && id === this.second.state.bot.user_token ? this.second.gateway : this.gateway;
  }

  get gatewayUrl(): string {
    return `${this.host.baseUrl.replace(/^http/, 'ws')}${GATEWAY_PATH}`;
  }

  get baseUrl(): string {
    return this.host.baseUrl;
  }

  async start(): Promise<void> {
    await this.host.start(this.#port);
  }

  stop(): Promise<void> {
    this.model.wakeAll();
    this.second.model.wakeAll();
    this.gateway.close();
    this.second.gateway.close();
    return this.host.stop();
  }

  memberJoins(guildId: string, nickname = '新成员'): string {
    const g = this.model.guild(guildId);
    const userId = this.model.ids.next();
    this.state.users.set(userId, { user_id: userId, username: String(2000000 + this.state.users.size), nickname, avatar: '', bot: false });
    g.members.set(userId, { user_id: userId, roles: [] });
    this.model.changed({ type: 'join', guild_id: guildId, user_id: userId, code: this.state.invites.find((i) => i.guild_id === guildId)?.code ?? '' });
    return userId;
  }

  /** The private chat between the bot and a user, opened as getPrivateChat would. */
  dmChatOf(userId: string): string {
    let chatId = [...this.state.privateChats.entries()].find(([, u]) => u === userId)?.[0];
    if (!chatId) {
      if (!this.state.users.has(userId)) throw new BadParam('用户不存在');
      chatId = this.model.ids.next();
      this.state.privateChats.set(chatId, userId);
    }
    return chatId;
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
    if (req.path.startsWith(BOT_PREFIX)) {
      // The token in the path picks the bot; any other token is refused by the first bot's check.
      const second = req.path.startsWith(`${BOT_PREFIX}${SECOND_BOT_TOKEN}/`);
      return second ? botApi(req, this.second.model, SECOND_BOT_TOKEN) : botApi(req, this.model, this.credentials.botToken);
    }
    const open = this.oauth.route(req);
    if (open) return open;
    if (req.path === CONTROL_MESSAGES && req.method === 'POST') return this.#control(req);
    if (req.path === CONTROL_JOIN && req.method === 'POST') return this.#controlJoin(req);
    if (req.path === CONTROL_DROP && req.method === 'POST') {
      const f = plain(readFields(req)) as { redeliver?: unknown };
      const dropped = this.gateway.drop(typeof f.redeliver === 'number' ? f.redeliver : 0);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropped }) };
    }
    if (req.path === CONTROL_EXPIRE && req.method === 'POST') {
      this.oauth.expireAccessTokens();
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"expired":true}' };
    }
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found' };
  }

  #controlJoin(req: SimRequest): SimResponse {
    try {
      const f = plain(readFields(req)) as { guild_id?: unknown; nickname?: unknown };
      const guildId = typeof f.guild_id === 'string' ? f.guild_id : this.seed.main;
      const userId = this.memberJoins(guildId, typeof f.nickname === 'string' ? f.nickname : undefined);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: userId, guild_id: guildId }) };
    } catch (err) {
      return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: err instanceof Error ? err.message : String(err) }) };
    }
  }

  #control(req: SimRequest): SimResponse {
    try {
      const f = plain(readFields(req)) as { chat_id?: unknown; user_id?: unknown; text?: unknown; dm?: unknown };
      const userId = typeof f.user_id === 'string' ? f.user_id : (this.seed.users[1] as string);
      // `dm: true` writes to the bot privately (the chat is opened when there is none yet).
      const chatId = f.dm === true ? this.dmChatOf(userId) : String(f.chat_id ?? '');
      const msg = this.userMessage(chatId, userId, String(f.text ?? ''));
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message_id: msg.message_id, chat_id: msg.chat_id }) };
    } catch (err) {
      return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: err instanceof Error ? err.message : String(err) }) };
    }
  }
}

export function createFanbookSimulator(opts: FanbookSimulatorOptions = {}): FanbookSimulator {
  return new FanbookSim(opts);
}
