import { fromCents, toCents } from './money.js';
import type { Rng } from './rng.js';
import type { AfdianOrder, AfdianPlan, AfdianState, AfdianUser } from './types.js';

const NICKNAMES = [
  '星河漫游者', '柠檬不酸', '夜猫子阿七', '今天也要加油', '小熊软糖', '山海', '橘子汽水', '追光的人',
  '一只咸鱼', '南风知我意', '阿树', '芒果布丁', '听雨', 'momo', 'Kiki', '白日梦想家', '大橘为重', '青柠',
];
const AVATAR_COLORS = ['purple', 'orange', 'blue', 'green', 'pink'];
const REMARKS = ['加油！', '一直支持你～', '期待新作品', '第一次赞助，冲！', '辛苦啦', '新年快乐'];
const CUSTOM_AMOUNTS = ['6.66', '10.00', '20.00', '52.00', '100.00'];
const RECIPIENTS = ['张三', '李四', '王小明', '陈晓'];
const ADDRESSES = ['上海市浦东新区世纪大道 100 号', '北京市海淀区中关村大街 1 号', '广州市天河区体育西路 2 号'];
const DAY = 86_400;

export function makeSponsor(rng: Rng, userId?: string): AfdianUser {
  const name = rng.chance(0.6) ? rng.pick(NICKNAMES) : `爱发电用户_${rng.hex(5)}`;
  return {
    user_id: userId ?? rng.afdianId(),
    user_private_id: rng.hex(32),
    name,
    avatar: `https://pic1.afdiancdn.com/default/avatar/avatar-${rng.pick(AVATAR_COLORS)}.png?imageView2/1/w/120/h/120`,
  };
}

/** Real order numbers start with the Beijing-time payment timestamp (e.g. 20210623213837 + 13 digits). */
function tradeNo(rng: Rng, paidAt: number, taken: Map<string, number>): string {
  const stamp = new Date((paidAt + 8 * 3600) * 1000).toISOString().replace(/\D/g, '').slice(0, 14);
  for (;;) {
    const no = stamp + rng.digits(13);
    if (!taken.has(no)) return no;
  }
}

function pickPlan(rng: Rng, plans: readonly AfdianPlan[]): AfdianPlan | undefined {
  // Cheaper tiers sell more; a few sponsors choose their own amount (no plan).
  const r = rng.next();
  const subs = plans.filter((p) => p.product_type === 0);
  const goods = plans.filter((p) => p.product_type === 1);
  if (r < 0.08 || plans.length === 0) return undefined;
  if (r < 0.2 && goods.length > 0) return rng.pick(goods);
  const weights = subs.map((_, i) => 1 / (i + 1) ** 1.3);
  let x = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x <= 0) return subs[i];
  }
  return subs.at(-1) ?? rng.pick(plans);
}

type Pricing = Pick<
  AfdianOrder,
  'title' | 'month' | 'total_amount' | 'show_amount' | 'discount' | 'redeem_id' | 'product_type' | 'sku_detail'
>;

function priced(title: string, month: number, show: number, paid: number, extra: Partial<Pricing> = {}): Pricing {
  const discount = paid === 0 ? 0 : show - paid; // a redeem code pays nothing but is not a discount
  return {
    title, month, total_amount: fromCents(paid), show_amount: fromCents(show), discount: fromCents(discount),
    redeem_id: '', product_type: 0, sku_detail: [], ...extra,
  };
}

function price(rng: Rng, plan: AfdianPlan | undefined): Pricing {
  if (!plan) {
    const amount = toCents(rng.pick(CUSTOM_AMOUNTS));
    return priced('', 1, amount, amount);
  }
  if (plan.product_type === 1) {
    const skus = rng.chance(0.25) ? plan.skus : [rng.pick(plan.skus)];
    const sku_detail = skus.map((s) => ({ sku_id: s.sku_id, count: rng.int(1, 2), name: s.name, album_id: '', pic: s.pic }));
    const cents = sku_detail.reduce((sum, d, i) => sum + toCents(skus[i]?.price ?? '0') * d.count, 0);
    return priced(plan.name, 1, cents, cents, { product_type: 1, sku_detail });
  }
  const month = rng.chance(0.8) ? 1 : rng.pick([3, 12]);
  const show = toCents(plan.price) * month;
  // Redeem-code orders: nothing was paid (documented: total_amount 0.00 with a redeem code).
  if (rng.chance(0.04)) return priced(plan.name, month, show, 0, { redeem_id: rng.afdianId() });
  return priced(plan.name, month, show, month === 12 ? show - Math.round(show / 10) : show);
}

function drawRandomReply(rng: Rng, plan: AfdianPlan | undefined, order: AfdianOrder): string | undefined {
  const skuId = order.sku_detail[0]?.sku_id;
  const sku = plan?.skus.find((s) => s.sku_id === skuId);
  const pool = (sku ? sku.reply_random_content : plan?.random_reply_content ?? '').split('\n').filter((l) => l.trim() !== '');
  return pool.length > 0 ? rng.pick(pool) : undefined;
}

/** Build a paid order (status 2) at `paidAt` (seconds), with `partial` overriding any field, and record it in state. */
export function addOrder(state: AfdianState, rng: Rng, paidAt: number, partial: Partial<AfdianOrder> = {}): AfdianOrder {
  let plan: AfdianPlan | undefined;
  if (partial.plan_id !== undefined && partial.plan_id !== '') {
    plan = state.plans.find((p) => p.plan_id === partial.plan_id);
    if (!plan) throw new Error(`unknown plan_id: ${partial.plan_id}`);
  } else if (partial.plan_id === undefined) {
    plan = pickPlan(rng, state.plans);
  }
  if (partial.out_trade_no !== undefined && state.paidAt.has(partial.out_trade_no)) {
    throw new Error(`duplicate out_trade_no: ${partial.out_trade_no}`);
  }

  let sponsor = partial.user_id !== undefined ? state.sponsors.get(partial.user_id) : undefined;
  if (!sponsor) {
    const existing = [...state.sponsors.values()];
    sponsor = partial.user_id === undefined && existing.length > 0 && rng.chance(0.7) ? rng.pick(existing) : makeSponsor(rng, partial.user_id);
    state.sponsors.set(sponsor.user_id, sponsor);
  }

  const goods = plan?.product_type === 1;
  const built: AfdianOrder = {
    out_trade_no: tradeNo(rng, paidAt, state.paidAt),
    custom_order_id: rng.chance(0.1) ? `cid-${rng.hex(8)}` : '',
    user_id: sponsor.user_id,
    user_private_id: sponsor.user_private_id,
    plan_id: plan?.plan_id ?? '',
    ...price(rng, plan),
    status: 2,
    remark: rng.chance(0.25) ? rng.pick(REMARKS) : '',
    address_person: goods ? rng.pick(RECIPIENTS) : '',
    address_phone: goods ? `1${rng.digits(10)}` : '',
    address_address: goods ? rng.pick(ADDRESSES) : '',
  };
  const order: AfdianOrder = { ...built, ...stripUndefined(partial) };
  for (const field of ['total_amount', 'show_amount', 'discount'] as const) toCents(order[field]);

  state.orders.push(order);
  state.paidAt.set(order.out_trade_no, paidAt);
  const reply = drawRandomReply(rng, plan, order);
  if (reply !== undefined) state.randomReplies.set(order.out_trade_no, reply);
  return order;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Seed timestamps spread over the last half year. */
export function seedTimes(rng: Rng, nowSec: number, count: number): number[] {
  return Array.from({ length: count }, () => nowSec - rng.int(60, 180 * DAY)).sort((a, b) => a - b);
}
