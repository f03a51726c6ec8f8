import { refuse, type Model } from './model.js';
import { get, post, type MethodTable } from './method.js';
import type { FbGuild, FbMember } from './types.js';
import { BadParam, num } from './wire.js';

/** Members ordered and grouped the way Fanbook's member list shows them: under their highest role. */
function memberItems(m: Model, g: FbGuild) {
  const top = (mem: FbMember) =>
    mem.roles.map((id) => g.roles.find((r) => r.id === id)).filter((r) => r?.hoist || r?.managed).sort((a, b) => (b?.position ?? 0) - (a?.position ?? 0))[0] ??
    g.roles.find((r) => r.id === g.guild_id);
  const groups = new Map<string, FbMember[]>();
  for (const mem of g.members.values()) {
    const r = top(mem);
    const key = r?.id ?? g.guild_id;
    groups.set(key, [...(groups.get(key) ?? []), mem]);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => (g.roles.find((r) => r.id === b)?.position ?? 0) - (g.roles.find((r) => r.id === a)?.position ?? 0),
  );
  const items: unknown[] = [];
  for (const [roleId, mems] of ordered) {
    const r = g.roles.find((x) => x.id === roleId);
    items.push({ Group: { id: roleId, name: r?.name ?? '成员', count: mems.length } });
    for (const mem of mems) {
      const u = m.state.users.get(mem.user_id);
      items.push({
        User: {
          user_id: mem.user_id,
          nickname: mem.nick ?? u?.nickname ?? '',
          username: u?.username ?? '',
          avatar: u?.avatar ?? '',
          roles: mem.roles.map((id) => ({ id, name: g.roles.find((x) => x.id === id)?.name ?? '' })),
        },
      });
    }
  }
  return items;
}

function guildObj(m: Model, g: FbGuild) {
  return {
    guild_id: num(g.guild_id),
    name: g.name,
    icon: g.icon,
    owner_id: num(g.owner_id),
    description: g.description,
    member_count: g.members.size,
    role_count: g.roles.length,
    channel_count: [...m.state.channels.values()].filter((c) => c.guild_id === g.guild_id).length,
  };
}

function search(m: Model, g: FbGuild, match: (userId: string) => boolean, limit: number) {
  return [...g.members.keys()].filter(match).slice(0, limit).map((id) => m.chatMemberObj(g, id));
}

export const guildMethods: MethodTable = {
  // Documented as GET; community scripts POST it and it works, so both are served.
  getMe: { ...get((_, m) => {
    const b = m.state.bot;
    // websocket-doc: every getMe issues a new user_token; the gateway takes only the newest.
    b.user_token = m.newUserToken();
    return {
      id: num(b.id),
      is_bot: true,
      first_name: b.first_name,
      last_name: b.owner_id,
      username: b.username,
      avatar: b.avatar,
      user_token: b.user_token,
      owner_id: num(b.owner_id),
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }), http: ['GET', 'POST'] },
  getMyCommands: get((_, m) => m.state.commands),
  'robot/setGuildNick': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    if (p.str('bot_id') !== m.state.bot.id) throw new BadParam('bot_id 不是本机器人');
    m.member(g, m.state.bot.id).nick = p.str('nickname');
    return true;
  }),
  guild: post((p, m) => {
    p.str('user_id');
    return guildObj(m, m.botGuild(p.str('guild_id')));
  }),
  'v2/guild/members': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    const channelId = p.str('channel_id');
    if (channelId !== '0') m.channel(channelId);
    m.member(g, p.str('user_id'));
    const ranges = p.fields.ranges;
    if (!Array.isArray(ranges) || ranges.length === 0) throw new BadParam('缺少参数 ranges');
    const items = memberItems(m, g);
    const ops = ranges.map((r: { start?: unknown; end?: unknown }) => {
      const start = Number(String(r?.start ?? NaN));
      const end = Number(String(r?.end ?? NaN));
      if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) throw new BadParam('ranges 格式错误');
      return { range: [start, end], op: 'SYNC', items: items.slice(start, end + 1) };
    });
    const channels = [...m.state.channels.values()].filter((c) => c.guild_id === g.guild_id && c.type === 0);
    return {
      ops,
      online_count: 0,
      member_count: g.members.size,
      guild_count: g.members.size,
      item_count: items.length,
      guild_id: g.guild_id,
      channel_id: channelId,
      channel_pub_ids: channels.map((c) => c.channel_id),
      groups: g.roles
        .filter((r) => r.id === g.guild_id || r.hoist || r.managed)
        .map((r) => ({ id: r.id, name: r.name, count: r.id === g.guild_id ? g.members.size : [...g.members.values()].filter((x) => x.roles.includes(r.id)).length })),
    };
  }),
  searchGuildMember: post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const q = p.str('query');
    return search(m, g, (id) => (g.members.get(id)?.nick ?? m.state.users.get(id)?.nickname ?? '').includes(q), 50);
  }),
  searchGuildMemberByName: post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const names = new Set(p.strs('username') ?? []);
    return search(m, g, (id) => names.has(m.state.users.get(id)?.username ?? ''), 100);
  }),
  'guild/existsMember': post((p, m) => {
    const g = m.guild(p.str('guild_id'));
    return { exists: g.members.has(p.str('member_id', true) ?? m.state.bot.id) };
  }),
  getChatMember: post((p, m) => {
    const userId = p.int('user_id');
    const chatId = p.int('chat_id', true);
    const guildId = p.int('guild_id', true) ?? (chatId ? m.channel(chatId).guild_id : undefined);
    if (!guildId) throw new BadParam('chat_id 和 guild_id 至少传一个');
    return m.chatMemberObj(m.botGuild(guildId), userId);
  }),
  forbidUserSpeaking: post((p, m) => {
    const g = m.managedGuild(p.str('target_guild_id'));
    const target = m.member(g, p.str('target_uid'));
    const seconds = p.count('duration_in_second', -1);
    if (seconds < 0) throw new BadParam('缺少参数 duration_in_second');
    if (seconds > 2_592_000) throw new BadParam('禁言时长最长 30 天');
    target.muted_until = seconds === 0 ? undefined : m.nowSec() + seconds;
    return true;
  }),
  kickChatMember: post((p, m) => {
    const userId = p.int('user_id');
    const chatId = p.int('chat_id', true);
    const guildId = p.int('guild_id', true) ?? (chatId ? m.channel(chatId).guild_id : undefined);
    if (!guildId) throw new BadParam('chat_id 和 guild_id 至少传一个');
    const g = m.managedGuild(guildId);
    m.member(g, userId);
    if (g.owner_id === userId || userId === m.state.bot.id) throw refuse(1012, '没有权限');
    g.members.delete(userId);
    m.changed({ type: 'quit', guild_id: g.guild_id, user_id: userId });
    return true;
  }),
  'guild/emoji': get((p, m) => m.botGuild(p.str('guild_id')).emoji),
  'invite/guildList': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    const size = Math.max(1, Math.min(Number(p.str('size')), 100));
    const start = Number(p.str('list_id', true) ?? '0') || 0;
    const all = m.state.invites.filter((i) => i.guild_id === g.guild_id);
    const page = all.slice(start, start + size);
    return {
      lists: page.map((i) => ({ code: i.code, url: `https://fanbook.mobi/${i.code}`, inviter: i.inviter, channel_id: i.channel_id, number: i.uses, number_less: i.max_uses ? i.max_uses - i.uses : -1, expire_time: i.expire_time })),
      list_id: String(start + page.length),
      next: start + page.length < all.length ? '1' : '0',
    };
  }),
  'invite/codeInfo': post((p, m) => {
    const code = p.str('c');
    const i = m.state.invites.find((x) => x.code === code);
    if (!i) throw new BadParam('邀请码不存在');
    const g = m.guild(i.guild_id);
    return { code: i.code, guild_id: i.guild_id, guild_name: g.name, channel_id: i.channel_id, inviter: i.inviter, expire_time: i.expire_time, is_valid: i.expire_time === 0 || i.expire_time > m.nowSec() };
  }),
  'user/human_authentication': get((p, m) => {
    const u = m.state.users.get(p.str('user_id'));
    if (!u) throw new BadParam('用户不存在');
    return { authenrited: u.real_name_verified === true };
  }),
  'v2/checkUserGuilds': post((p, m) => {
    const userId = p.int('user_id');
    return (p.ints('guilds') ?? []).filter((id) => m.state.guilds.get(id)?.members.has(userId)).map((id) => num(id));
  }),
  'v2/guild/addUser': post((p, m) => {
    const g = m.managedGuild(p.str('guild_id'));
    const userId = p.str('member_id');
    const code = p.str('c');
    const invite = m.state.invites.find((i) => i.code === code && i.guild_id === g.guild_id);
    if (!invite) throw new BadParam('邀请码不存在');
    if (!m.state.users.has(userId)) throw new BadParam('用户不存在');
    if (!g.members.has(userId)) {
      g.members.set(userId, { user_id: userId, roles: [] });
      m.changed({ type: 'join', guild_id: g.guild_id, user_id: userId, code: invite.code });
    }
    invite.uses += 1;
    return { code: invite.code, guild_note_channel_id: invite.channel_id, inviter: invite.inviter, order: g.members.size };
  }),
  getPrivateChat: post((p, m) => {
    const userId = p.int('user_id');
    if (!m.state.users.has(userId) || userId === m.state.bot.id) throw new BadParam('用户不存在');
    let chatId = [...m.state.privateChats.entries()].find(([, u]) => u === userId)?.[0];
    if (!chatId) {
      chatId = m.ids.next();
      m.state.privateChats.set(chatId, userId);
    }
    return m.chatObj(chatId);
  }),
};
