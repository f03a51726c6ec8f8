import { INJECTION_NAME, INJECTION_TEXT } from '../injection.js';
import { addOrder, makeSponsor, seedTimes } from './order-factory.js';
import { Rng } from './rng.js';
import type { AfdianPlan, AfdianState, AfdianUser } from './types.js';

export const SEED = 0xafd1a4;
const SPONSORS = 40;
const ORDERS = 120;

interface TierSpec {
  name: string;
  price: string;
  desc: string;
  reply: string;
  randomReplies: string[];
}

const TIERS: TierSpec[] = [
  { name: '小小心意', price: '5.00', desc: '请我喝杯奶茶', reply: '谢谢你的支持！', randomReplies: ['今日幸运色：薄荷绿', '今日幸运数字：7', '今日宜：早睡'] },
  { name: '铁杆粉丝', price: '30.00', desc: '每月一张高清壁纸', reply: '壁纸下载链接会在每月 1 日私信发送。', randomReplies: ['壁纸提取码：moon', '壁纸提取码：star', '壁纸提取码：sun'] },
  { name: '核心支持者', price: '68.00', desc: '壁纸 + 幕后花絮', reply: '欢迎加入核心支持者群，群号见私信。', randomReplies: ['花絮密码：2580', '花絮密码：1314'] },
  { name: '超级赞助人', price: '198.00', desc: '全部福利 + 每月一次点图', reply: '请私信我你想点的图！', randomReplies: [] },
];

function tierPlan(rng: Rng, creatorId: string, t: TierSpec, rank: number, nowSec: number): AfdianPlan {
  return {
    plan_id: rng.afdianId(), rank, name: t.name, desc: t.desc, price: t.price,
    pic: `https://pic1.afdiancdn.com/user/${creatorId}/common/${rng.hex(32)}.png`,
    pay_month: 1, independent: 0, permanent: 0, need_address: 0, product_type: 0,
    reply_content: t.reply, random_reply_content: t.randomReplies.join('\n'), update_time: nowSec - 200 * 86_400, skus: [],
  };
}

function goodsPlan(rng: Rng, creatorId: string, rank: number, nowSec: number): AfdianPlan {
  const planId = rng.afdianId();
  const pic = () => `https://pic1.afdiancdn.com/user/${creatorId}/common/${rng.hex(32)}.png`;
  return {
    plan_id: planId, rank, name: '周边：亚克力立牌', desc: '原创角色亚克力立牌，包邮', price: '39.00', pic: pic(),
    pay_month: 1, independent: 1, permanent: 1, need_address: 1, product_type: 1,
    reply_content: '立牌将在 7 个工作日内发货。', random_reply_content: '', update_time: nowSec - 150 * 86_400,
    skus: [
      { sku_id: rng.afdianId(), plan_id: planId, name: '立牌 A 款', desc: '10 cm', pic: pic(), stock: 200, price: '39.00', reply_content: '', reply_random_content: '编号 A-001\n编号 A-002' },
      { sku_id: rng.afdianId(), plan_id: planId, name: '立牌 B 款', desc: '15 cm', pic: pic(), stock: 80, price: '59.00', reply_content: '', reply_random_content: '' },
    ],
  };
}

/** Deterministic sandbox data: the same creator and clock always yield the same plans, sponsors and orders. */
export function seedState(creator: AfdianUser, nowSec: number, scale = 1, seed = SEED): AfdianState {
  const SPONSOR_COUNT = SPONSORS * scale;
  const ORDER_COUNT = ORDERS * scale;
  const rng = new Rng(seed);
  const plans = TIERS.map((t, i) => tierPlan(rng, creator.user_id, t, i + 1, nowSec));
  plans.push(goodsPlan(rng, creator.user_id, plans.length + 1, nowSec));
  const state: AfdianState = {
    creator, plans, sponsors: new Map(), orders: [], paidAt: new Map(), randomReplies: new Map(), messages: [], deliveries: [],
  };
  const sponsors = Array.from({ length: SPONSOR_COUNT }, () => makeSponsor(rng));
  for (const s of sponsors) state.sponsors.set(s.user_id, s);
  // Every sponsor pays at least once; the rest of the orders go to repeat sponsors.
  const buyers = rng.shuffle([...sponsors, ...Array.from({ length: ORDER_COUNT - SPONSOR_COUNT }, () => rng.pick(sponsors))]);
  for (const [i, at] of seedTimes(rng, nowSec, ORDER_COUNT).entries()) {
    addOrder(state, rng, at, { user_id: buyers[i]?.user_id });
  }
  // After every seeded draw, so the rest of the seed is unchanged: the newest order's remark and
  // its sponsor's name carry the injection fixtures.
  const newest = state.orders.at(-1);
  if (newest) {
    newest.remark = INJECTION_TEXT;
    const sponsor = state.sponsors.get(newest.user_id);
    if (sponsor) sponsor.name = INJECTION_NAME;
  }
  return state;
}
