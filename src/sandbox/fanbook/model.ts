import { randomBytes } from 'node:crypto';
import { IdFactory } from './ids.js';
import type { FanbookState, FbChannel, FbGuild, FbMember, FbMessage, FbRole, FbUpdate } from './types.js';
import { BadParam, fail, num, type Reply } from './wire.js';

/** A Fanbook refusal carried out of a handler (code, description, HTTP status). */
export class Refusal extends Error {
  constructor(readonly reply: Reply) {
    super(String(reply.body));
  }
}

export const refuse = (code: number, description: string, status = 200) => new Refusal(fail(code, description, status));

/** A state change the bot gateway pushes. */
export type Change =
  | { type: 'message'; message: FbMessage }
  | { type: 'join'; guild_id: string; user_id: string; code: string }
  | { type: 'quit'; guild_id: string; user_id: string };

/** The shared state and the rules every handler applies (membership, permissions, shapes). */
export class Model {
  /**
   * Sends allowed per rolling second before 10002. A bot off Fanbook's whitelist gets about one,
   * which is what the simulated bot is; FANBOOK_SENDS_PER_SECOND in the sandbox says the same.
   */
  sendLimitPerSecond = 1;
  /** Sends refused with 10002 so far, for tests. */
  sendRefusals = 0;
  readonly #sends: number[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #observers = new Set<(c: Change) => void>();

  constructor(
    readonly state: FanbookState,
    readonly ids: IdFactory,
    readonly now: () => number,
  ) {}

  /** A fresh gateway user_token (48 hex digits, like Fanbook's). */
  newUserToken(): string {
    return randomBytes(24).toString('hex');
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  guild(id: string): FbGuild {
    const g = this.state.guilds.get(id);
    if (!g) throw refuse(1011, '服务器不存在');
    return g;
  }

  /** A guild the bot has joined (1008 otherwise). */
  botGuild(id: string): FbGuild {
    const g = this.guild(id);
    if (!g.members.has(this.state.bot.id)) throw refuse(1008, '机器人没有在该服务器，请先添加');
    return g;
  }

  /** A guild where the bot may manage roles and members (1012 otherwise). */
  managedGuild(id: string): FbGuild {
    const g = this.botGuild(id);
    if (!g.bot_can_manage) throw refuse(1012, '没有权限');
    return g;
  }

  channel(id: string): FbChannel {
    const c = this.state.channels.get(id);
    if (!c) throw refuse(1021, '频道不存在');
    return c;
  }

  member(g: FbGuild, userId: string): FbMember {
    const m = g.members.get(userId);
    if (!m) throw new BadParam(`用户 ${userId} 不在该服务器`);
    return m;
  }

  role(g: FbGuild, roleId: string): FbRole {
    const r = g.roles.find((x) => x.id === roleId);
    if (!r) throw new BadParam(`角色 ${roleId} 不存在`);
    return r;
  }

  message(chatId: string, messageId: string): FbMessage {
    const m = this.state.messages.find((x) => x.message_id === messageId && x.chat_id === chatId && !x.deleted);
    if (!m) throw new BadParam('消息不存在');
    return m;
  }

  /** The 10002 limit: counted over the last second of sends. */
  spendSend(): void {
    const now = this.now();
    while (this.#sends.length && (this.#sends[0] as number) <= now - 1000) this.#sends.shift();
    if (this.#sends.length >= this.sendLimitPerSecond) {
      this.sendRefusals++;
      throw refuse(10002, 'limit for bot send per 1 second', 400);
    }
    this.#sends.push(now);
  }

  userObj(userId: string) {
    const u = this.state.users.get(userId);
    return {
      id: num(userId),
      is_bot: u?.bot ?? false,
      first_name: u?.nickname ?? '',
      username: u?.username ?? '',
      avatar: u?.avatar ?? '',
    };
  }

  roleObj(g: FbGuild, r: FbRole) {
    const count = [...g.members.values()].filter((m) => r.id === g.guild_id || m.roles.includes(r.id)).length;
    return {
      id: num(r.id),
      name: r.name,
      position: r.position,
      permissions: r.permissions,
      color: r.color,
      mentionable: r.mentionable,
      hoist: r.hoist,
      member_count: count,
      managed: r.managed,
    };
  }

  /** ChatMember (Java SDK shape): the user, status, roles, and until_date while muted. */
  chatMemberObj(g: FbGuild, userId: string) {
    const m = g.members.get(userId);
    if (!m) return { user: this.userObj(userId), status: 'left', roles: [], is_member: false };
    const muted = (m.muted_until ?? 0) > this.nowSec();
    const admin = m.roles.some((id) => ((g.roles.find((r) => r.id === id)?.permissions ?? 0) & 8) !== 0);
    let status = g.owner_id === userId ? 'creator' : admin ? 'administrator' : 'member';
    if (muted && status !== 'creator') status = 'restricted';
    return {
      user: this.userObj(userId),
      status,
      roles: m.roles.map((id) => g.roles.find((r) => r.id === id)).filter((r): r is FbRole => Boolean(r)).map((r) => this.roleObj(g, r)),
      ...(m.nick ? { custom_title: m.nick } : {}),
      ...(muted ? { until_date: m.muted_until, can_send_messages: false } : { can_send_messages: true }),
      is_member: true,
    };
  }

  chatObj(chatId: string) {
    const privateUser = this.state.privateChats.get(chatId);
    if (privateUser !== undefined) {
      const u = this.state.users.get(privateUser);
      return { id: num(chatId), guild_id: num('0'), type: 'private', channel_type: 3, first_name: u?.nickname ?? '', username: u?.username ?? '' };
    }
    const c = this.state.channels.get(chatId);
    return { id: num(chatId), guild_id: num(c?.guild_id ?? '0'), type: 'channel', channel_type: c?.type ?? 0, title: c?.name ?? '' };
  }

  /** Message as sendMessage/getMessage answer it: numeric IDs, text = what Fanbook stores. */
  messageObj(m: FbMessage) {
    return {
      message_id: num(m.message_id),
      date: m.time,
      chat: this.chatObj(m.chat_id),
      from: this.userObj(m.user_id),
      reply_to_message: null,
      ...(m.quote_l1 ? { quote_l1: num(m.quote_l1) } : {}),
      text: m.content,
      ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
      entities: [],
    };
  }

  /** Message as message/getList lists it: every ID a string. */
  listedMessage(m: FbMessage) {
    const u = this.state.users.get(m.user_id);
    const member = this.state.guilds.get(m.guild_id)?.members.get(m.user_id);
    return {
      channel_id: m.chat_id,
      message_id: m.message_id,
      content: m.content,
      user_id: m.user_id,
      quote_l1: m.quote_l1,
      quote_l2: m.quote_l2,
      guild_id: m.guild_id,
      reactions: m.reactions.map((r) => ({ emoji: r.emoji, user_id: r.user_id })),
      recall: null,
      pin: m.pinned ? '1' : '0',
      nonce: m.message_id,
      mentions: m.mentions,
      mention_roles: m.mention_roles,
      mention_everyone: null,
      reply_markup: m.reply_markup ?? null,
      time: m.time,
      recalled: 0,
      author: { nickname: u?.nickname ?? '', username: u?.username ?? '', avatar: u?.avatar ?? '', bot: u?.bot ?? false },
      member: member ? { nick: member.nick ?? null, roles: member.roles } : null,
    };
  }

  addMessage(m: Omit<FbMessage, 'message_id' | 'time' | 'pinned' | 'deleted' | 'reactions' | 'slots'>): FbMessage {
    const msg: FbMessage = { ...m, message_id: this.ids.next(), time: this.now(), pinned: false, deleted: false, reactions: [], slots: new Map() };
    this.state.messages.push(msg);
    this.changed({ type: 'message', message: msg });
    return msg;
  }

  /** Watches state changes (the gateway); returns the unsubscribe function. */
  observe(fn: (c: Change) => void): () => void {
    this.#observers.add(fn);
    return () => this.#observers.delete(fn);
  }

  changed(c: Change): void {
    for (const fn of this.#observers) fn(c);
  }

  /** Queues an update and wakes long polls. */
  pushUpdate(message: unknown): FbUpdate {
    const u = { update_id: this.ids.next(), message };
    this.state.updates.push(u);
    if (this.state.updates.length > 10_000) this.state.updates.shift();
    for (const wake of this.#waiters) wake();
    return u;
  }

  /** Resolves when an update arrives, the timeout passes or the simulator stops. */
  waitForUpdate(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}
