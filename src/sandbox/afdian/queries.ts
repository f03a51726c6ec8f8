import { fromCents, toCents } from './money.js';
import { clamp, intParam, listParam, page } from './open-api.js';
import type { ParamBag } from './open-api.js';
import type { AfdianEnvelope, AfdianOrder, AfdianPlan, AfdianState, AfdianUser } from './types.js';

const MONTH_S = 30 * 86_400;

function newestFirst(state: AfdianState): AfdianOrder[] {
  const at = (o: AfdianOrder) => state.paidAt.get(o.out_trade_no) ?? 0;
  return [...state.orders].reverse().sort((a, b) => at(b) - at(a));
}

export function queryOrder(state: AfdianState, p: ParamBag): AfdianEnvelope {
  const perPage = clamp(intParam(p.per_page, 50), 1, 100);
  const wanted = listParam(p.out_trade_no);
  const orders = newestFirst(state);
  if (wanted.length > 0) {
    // With out_trade_no the page is ignored: every match comes back on one page.
    const list = orders.filter((o) => wanted.includes(o.out_trade_no));
    return { ec: 200, em: 'ok', data: { list, total_count: list.length, total_page: list.length > 0 ? 1 : 0 } };
  }
  return { ec: 200, em: 'ok', data: page(orders, intParam(p.page, 1), perPage) };
}

/** The plan object as it appears inside a sponsor (SponsorPlan in the docs). */
export function sponsorPlanView(plan: AfdianPlan, creatorId: string) {
  return {
    plan_id: plan.plan_id, rank: plan.rank, user_id: creatorId, status: 1, name: plan.name, pic: plan.pic, desc: plan.desc,
    price: plan.price, update_time: plan.update_time, pay_month: plan.pay_month, show_price: plan.price,
    independent: plan.independent, permanent: plan.permanent, can_buy_hide: 0, need_address: plan.need_address,
    product_type: plan.product_type, sale_limit_count: 0, need_invite_code: false, expire_time: 0, sku_processed: [], rankType: 1,
  };
}

function sponsorView(state: AfdianState, user: AfdianUser, orders: AfdianOrder[], nowSec: number) {
  const at = (o: AfdianOrder) => state.paidAt.get(o.out_trade_no) ?? 0;
  const plans = new Map<string, AfdianPlan>();
  for (const o of [...orders].reverse()) {
    const plan = state.plans.find((p) => p.plan_id === o.plan_id);
    if (plan) plans.set(plan.plan_id, plan);
  }
  // current_plan: the plan of the newest sponsorship still running; `{name:""}` when none (documented).
  const running = orders.find((o) => o.product_type === 0 && o.plan_id !== '' && at(o) + o.month * MONTH_S > nowSec);
  const current = running && plans.get(running.plan_id);
  const times = orders.map(at);
  const first = Math.min(...times);
  return {
    sponsor_plans: [...plans.values()].map((p) => sponsorPlanView(p, state.creator.user_id)),
    current_plan: current ? sponsorPlanView(current, state.creator.user_id) : { name: '' },
    // Documented as the sum before discount (折扣前), i.e. of show_amount.
    all_sum_amount: fromCents(orders.reduce((sum, o) => sum + toCents(o.show_amount), 0)),
    create_time: first,
    first_pay_time: first,
    last_pay_time: Math.max(...times),
    user: { user_id: user.user_id, name: user.name, avatar: user.avatar },
  };
}

export function querySponsor(state: AfdianState, p: ParamBag, nowSec: number): AfdianEnvelope {
  const perPage = clamp(intParam(p.per_page, 20), 1, 100);
  const byUser = new Map<string, AfdianOrder[]>();
  for (const o of newestFirst(state)) byUser.set(o.user_id, [...(byUser.get(o.user_id) ?? []), o]);
  const all = [...byUser.entries()].flatMap(([id, orders]) => {
    const user = state.sponsors.get(id);
    return user ? [sponsorView(state, user, orders, nowSec)] : [];
  });
  const wanted = listParam(p.user_id);
  if (wanted.length > 0) {
    const list = all.filter((s) => wanted.includes(s.user.user_id));
    return { ec: 200, em: 'ok', data: { list, total_count: list.length, total_page: list.length > 0 ? 1 : 0 } };
  }
  return { ec: 200, em: 'ok', data: page(all, intParam(p.page, 1), perPage) };
}
