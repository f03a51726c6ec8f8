import type { Model } from './model.js';
import { post, type MethodTable } from './method.js';
import type { FbMessage } from './types.js';
import { BadParam, type Params } from './wire.js';

function card(p: Params, m: Model): FbMessage {
  const msg = m.message(p.str('channel_id'), p.str('message_id'));
  if (!msg.content.includes('"messageCard"')) throw new BadParam('该消息不是消息卡片');
  return msg;
}

export const interactionMethods: MethodTable = {
  'interaction/message_card/click': post((p, m) => {
    const msg = card(p, m);
    const key = p.str('key');
    const user = p.str('user_id', true) ?? m.state.bot.id;
    const holder = msg.slots.get(key);
    if (holder !== undefined && holder !== user) throw new BadParam(`槽位 ${key} 已被占用`);
    msg.slots.set(key, user);
    return { key, user_id: user };
  }),
  'interaction/message_card/cancel_click': post((p, m) => {
    const msg = card(p, m);
    const key = p.str('key');
    const user = p.str('user_id', true) ?? m.state.bot.id;
    if (msg.slots.get(key) === user) msg.slots.delete(key);
    return true;
  }),
  'interaction/message_card/auto': post((p, m) => {
    const msg = card(p, m);
    const max = p.count('max', 0);
    if (max < 1 || max > 50) throw new BadParam('max 取值 1~50');
    const user = p.str('user_id', true) ?? m.state.bot.id;
    for (let i = 1; i <= max; i++) {
      const key = String(i);
      if (!msg.slots.has(key)) {
        msg.slots.set(key, user);
        return { key, user_id: user };
      }
    }
    throw new BadParam('没有空闲的槽位');
  }),
  'message_card/list_users': post((p, m) => {
    const msg = card(p, m);
    const key = p.str('key', true);
    const user = p.str('user_id', true);
    return { list: [...msg.slots.entries()].filter(([k, u]) => (key ? k === key : true) && (user ? u === user : true)).map(([k, u]) => ({ key: k, user_id: u })) };
  }),
};
