import type { Model } from './model.js';
import type { BotMethod, MethodTable } from './method.js';
import { post } from './method.js';
import { BadParam, plain, type Params } from './wire.js';

function guildOf(p: Params, m: Model): string {
  const chatId = p.int('chat_id', true);
  const guildId = p.str('guild_id', true) ?? (chatId ? m.channel(chatId).guild_id : undefined);
  if (!guildId) throw new BadParam('chat_id 和 guild_id 至少传一个');
  return m.managedGuild(guildId).guild_id;
}

function cardId(p: Params): string {
  const id = p.str('card_id');
  if (Buffer.byteLength(id) < 10) throw new BadParam('card_id 至少 10 个字节');
  return id;
}

/** PUT sets (creates or replaces) one card; DELETE removes it. */
const credit: BotMethod = {
  http: ['PUT', 'DELETE'],
  handle(p, m, req) {
    const key = `${guildOf(p, m)}:${p.str('user_id')}`;
    const id = cardId(p);
    const cards = m.state.credits.get(key) ?? new Map();
    if (req.method === 'DELETE') {
      cards.delete(id);
    } else {
      const guildCredit = p.object('guild_credit', true);
      const gameCredit = p.object('game_credit', true);
      if (!guildCredit && !gameCredit) throw new BadParam('缺少参数 guild_credit');
      if (guildCredit && !Array.isArray(guildCredit.slots)) throw new BadParam('guild_credit.slots 必须是二维数组');
      cards.set(id, { card_id: id, ...(guildCredit ? { guild_credit: plain(guildCredit) } : { game_credit: plain(gameCredit) }), updated_at: m.now() });
    }
    m.state.credits.set(key, cards);
    return true;
  },
};

export const creditMethods: MethodTable = {
  getGuildCredit: post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const userId = p.int('user_id');
    m.member(g, userId);
    const cards = [...(m.state.credits.get(`${g.guild_id}:${userId}`)?.values() ?? [])];
    return { guild_id: g.guild_id, user_id: userId, credits: cards.map(({ updated_at: _u, ...c }) => c) };
  }),
  'v2/guild/credit': credit,
  'guild/credit': credit,
};
