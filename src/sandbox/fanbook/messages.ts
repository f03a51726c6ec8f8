import type { Model } from './model.js';
import { refuse } from './model.js';
import { post, Raw, type MethodTable } from './method.js';
import type { FbMessage } from './types.js';
import { BadParam, num, plain, rawJson, type Params } from './wire.js';

const MAX_POLL_MS = 60_000;

/** Where a message goes: a channel the bot can see, or a private chat whose user accepts DMs. */
function target(m: Model, chatId: string): { guild_id: string } {
  const dmUser = m.state.privateChats.get(chatId);
  if (dmUser !== undefined) {
    const u = m.state.users.get(dmUser);
    if (u?.blocked_bot) throw refuse(1038, '机器人已被用户屏蔽');
    if (u?.dm_closed) throw refuse(1037, '用户已关闭私信');
    return { guild_id: '0' };
  }
  const c = m.channel(chatId);
  m.botGuild(c.guild_id);
  return { guild_id: c.guild_id };
}

/** Fanbook stores plain text wrapped; rich text and cards must be valid JSON with parse_mode "Fanbook". */
function content(p: Params): string {
  const text = p.str('text');
  if (p.str('parse_mode', true) !== 'Fanbook') return JSON.stringify({ type: 'text', text, contentType: 0 });
  let parsed: { type?: unknown; document?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new BadParam('parse_mode 为 Fanbook 时 text 必须是 JSON');
  }
  if (parsed.type === 'richText') {
    if (typeof parsed.document !== 'string') throw new BadParam('richText 的 document 必须是 JSON 字符串');
    try {
      if (!Array.isArray(JSON.parse(parsed.document))) throw new Error();
    } catch {
      throw new BadParam('richText 的 document 必须是 insert 节点数组的 JSON 字符串');
    }
  } else if (parsed.type === 'messageCard') {
    if (typeof parsed.data !== 'string') throw new BadParam('messageCard 的 data 必须是 JSON 字符串');
  } else if (typeof parsed.type !== 'string') {
    throw new BadParam('缺少消息类型 type');
  }
  return text;
}

function deliver(m: Model, msg: FbMessage): unknown {
  return m.messageObj(msg);
}

function ownOrManaged(m: Model, msg: FbMessage): void {
  if (msg.user_id === m.state.bot.id || msg.guild_id === '0') return;
  if (!m.botGuild(msg.guild_id).bot_can_manage) throw refuse(1012, '没有权限');
}

function updates(p: Params, m: Model): unknown[] {
  const offset = p.int('offset', true);
  if (offset !== undefined) {
    const from = BigInt(offset);
    m.state.updates = m.state.updates.filter((u) => BigInt(u.update_id) >= from);
  }
  const limit = Math.min(Math.max(p.count('limit', 100) || 10, 1), 100);
  return m.state.updates.slice(0, limit).map((u) => ({ update_id: num(u.update_id), message: u.message }));
}

export const messageMethods: MethodTable = {
  sendMessage: post((p, m) => {
    const chatId = p.int('chat_id');
    const where = target(m, chatId);
    const text = content(p);
    // The seed's parameter table marks desc (the chat-list preview) required, unlike editMessageText's.
    p.str('desc');
    const ephemeral = p.bool('ephemeral');
    const users = p.strs('users', true);
    if (ephemeral && !users) throw new BadParam('临时消息需要 users');
    // Every parameter is checked before anything is stored, as a refusal must change nothing.
    const quote = { quote_l1: p.int('reply_to_message_id', true) ?? null, quote_l2: p.int('reply_to_message_id_level_2', true) ?? null };
    const mentions = { mentions: p.strs('mentions', true) ?? null, mention_roles: p.strs('mention_roles', true) ?? null };
    const notifyGuild = p.int('guild_id', true);
    if (notifyGuild !== undefined) m.botGuild(notifyGuild);
    m.spendSend();
    const msg = m.addMessage({
      chat_id: chatId,
      guild_id: where.guild_id,
      user_id: m.state.bot.id,
      content: text,
      ...quote,
      ...mentions,
      reply_markup: plain(p.fields.reply_markup) ?? null,
      ...(ephemeral && users ? { ephemeral_users: users } : {}),
    });
    // Ephemeral messages are not stored by Fanbook: they never show in message lists.
    if (ephemeral) msg.deleted = true;
    return deliver(m, msg);
  }),
  sendPhoto: post((p, m) => {
    const chatId = p.int('chat_id');
    const where = target(m, chatId);
    const photo = p.object('photo') as { Url?: unknown };
    if (typeof photo?.Url !== 'string') throw new BadParam('photo.Url 必须是图片地址');
    m.spendSend();
    const w = p.count('width', 1600);
    const h = p.count('height', 900);
    const msg = m.addMessage({
      chat_id: chatId,
      guild_id: where.guild_id,
      user_id: m.state.bot.id,
      content: JSON.stringify({ type: 'image', url: photo.Url, fileType: 'image/jpeg', width: w, height: h }),
      quote_l1: p.int('reply_to_message_id', true) ?? null,
      quote_l2: null,
      mentions: null,
      mention_roles: null,
      reply_markup: plain(p.fields.reply_markup) ?? null,
    });
    return deliver(m, msg);
  }),
  getMessage: post((p, m) => {
    const chatId = p.int('chat_id');
    const c = m.channel(chatId);
    m.botGuild(c.guild_id);
    return m.messageObj(m.message(chatId, p.int('message_id')));
  }),
  editMessageText: post((p, m) => {
    const msg = m.message(p.int('chat_id'), p.int('message_id'));
    if (msg.user_id !== m.state.bot.id) throw refuse(1012, '只能编辑机器人自己发送的消息');
    msg.content = content(p);
    if (p.has('reply_markup')) msg.reply_markup = plain(p.fields.reply_markup);
    return m.messageObj(msg);
  }),
  editMessageReplyMarkup: post((p, m) => {
    const msg = m.message(p.int('chat_id'), p.int('message_id'));
    if (msg.user_id !== m.state.bot.id) throw refuse(1012, '只能编辑机器人自己发送的消息');
    msg.reply_markup = plain(p.object('reply_markup'));
    return m.messageObj(msg);
  }),
  deleteMessage: post((p, m) => {
    const msg = m.message(p.int('chat_id'), p.int('message_id'));
    ownOrManaged(m, msg);
    msg.deleted = true;
    return true;
  }),
  pinChatMessage: post((p, m) => {
    const msg = m.message(p.int('chat_id'), p.int('message_id'));
    p.int('channel_id', true);
    ownOrManaged(m, msg);
    msg.pinned = true;
    return true;
  }),
  unpinChatMessage: post((p, m) => {
    const msg = m.message(p.int('chat_id'), p.int('message_id'));
    ownOrManaged(m, msg);
    msg.pinned = false;
    return true;
  }),
  sendNotication: post((p, m) => {
    const channelType = p.str('channel_type');
    if (channelType !== '1' && channelType !== '2') throw new BadParam('channel_type 只能是 "1" 或 "2"');
    const to = p.str('to_user_id');
    if (!m.state.users.has(to)) throw new BadParam('用户不存在');
    const nonce = p.str('nonce');
    if (!m.state.notifications.some((n) => n.nonce === nonce)) {
      m.state.notifications.push({ to_user_id: to, channel_type: channelType, content: p.str('content'), nonce });
    }
    return true;
  }),
  sendReaction: post((p, m) => {
    const channelId = p.str('channel_id');
    const msg = m.message(channelId, p.str('message_id'));
    const userId = p.str('user_id');
    let emoji = p.str('emoji', true) ?? p.str('avatar', true) ?? '';
    if (p.has('emoji') && !/^[A-Za-z0-9%._~!*'()-]+$/.test(emoji)) throw new BadParam('emoji 需要进行 url encode');
    try {
      emoji = decodeURIComponent(emoji);
    } catch {
      throw new BadParam('emoji 需要 url encode');
    }
    if (!emoji) throw new BadParam('缺少参数 emoji');
    if (!msg.reactions.some((r) => r.emoji === emoji && r.user_id === userId)) msg.reactions.push({ emoji, user_id: userId });
    return true;
  }),
  'v2/quotes': post((p, m) => {
    const channelId = p.str('channel_id');
    const quoteId = p.str('quote_id');
    const before = p.str('message_id', true);
    return m.state.messages
      .filter((x) => x.chat_id === channelId && x.quote_l1 === quoteId && !x.deleted && (before === undefined || BigInt(x.message_id) < BigInt(before)))
      .reverse()
      .slice(0, 100)
      .map((x) => ({ message_id: x.message_id, user_id: x.user_id, guild_id: x.guild_id, content: x.content, quote_l1: x.quote_l1, quote_l2: x.quote_l2, time: x.time }));
  }),
  'guild/notification/send': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    const users = p.strs('users') ?? [];
    const text = p.str('text');
    m.spendSend();
    const msg = m.addMessage({
      chat_id: g.guild_id,
      guild_id: g.guild_id,
      user_id: m.state.bot.id,
      content: JSON.stringify({ type: 'text', text, contentType: 0 }),
      quote_l1: null,
      quote_l2: null,
      mentions: users,
      mention_roles: null,
      reply_markup: null,
    });
    return { ...m.messageObj(msg), chat: { id: num(g.guild_id), guild_id: num(g.guild_id), type: 'channel', channel_type: 24 } };
  }),
  'guild/notification/recall': post((p, m) => {
    m.botGuild(p.str('guild_id'));
    const msg = m.message(p.str('chat_id'), p.str('message_id'));
    msg.deleted = true;
    return null;
  }),
  getUpdates: {
    http: ['POST', 'GET'],
    plain: true,
    async handle(p, m) {
      const first = updates(p, m);
      const timeout = Math.min(p.count('timeout', 60), MAX_POLL_MS / 1000);
      if (first.length || timeout <= 0) return first;
      await m.waitForUpdate(timeout * 1000);
      return updates(p, m);
    },
  },
  'v2/getUpdates': post((p, m) => updates(p, m), true),
  // Answered in the open-API envelope {status, code, data}, form-encoded request, newest first.
  'message/getList': post((p, m) => {
    const channelId = p.str('channel_id');
    const c = m.channel(channelId);
    m.botGuild(c.guild_id);
    const size = Math.min(p.count('size', 50), 100);
    const anchor = p.str('message_id', true);
    const after = p.str('behavior', true) === 'after';
    let list = m.state.messages.filter((x) => x.chat_id === channelId && !x.deleted);
    if (anchor) list = list.filter((x) => (after ? BigInt(x.message_id) > BigInt(anchor) : BigInt(x.message_id) < BigInt(anchor)));
    const page = after ? list.slice(0, size) : list.slice(-size);
    return new Raw(
      rawJson(200, { status: true, code: 1000, message: '1000', desc: '成功', request_id: `${m.now().toString(16)}.sandbox`, data: page.reverse().map((x) => m.listedMessage(x)) }, true),
    );
  }),
};

