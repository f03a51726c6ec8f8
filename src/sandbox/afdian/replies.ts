import { listParam, strParam } from './open-api.js';
import type { ParamBag } from './open-api.js';
import type { AfdianEnvelope, AfdianPlan, AfdianSku, AfdianState } from './types.js';

/**
 * An id that names nothing is a parameter error: Afdian documents no not-found code, so the
 * simulator answers with its documented parameter code rather than inventing one.
 */
const notFound = (what: string, id: string): AfdianEnvelope => ({ ec: 400001, em: `params invalid: ${what} not found: ${id}`, data: {} });
const incomplete = (em: string): AfdianEnvelope => ({ ec: 400001, em, data: {} });

export function queryRandomReply(state: AfdianState, p: ParamBag): AfdianEnvelope {
  const wanted = listParam(p.out_trade_no);
  if (wanted.length === 0) return incomplete('params incomplete: out_trade_no is required');
  const list = wanted
    .filter((no) => state.paidAt.has(no))
    .map((no) => ({ out_trade_no: no, content: state.randomReplies.get(no) ?? '' }));
  return { ec: 200, em: 'ok', data: { list } };
}

export function updatePlanReply(state: AfdianState, p: ParamBag, nowSec: number): AfdianEnvelope {
  const planId = strParam(p.plan_id);
  const skuId = strParam(p.sku_id);
  if ((planId === '') === (skuId === '')) return incomplete('exactly one of plan_id or sku_id is required');
  const autoReply = strParam(p.auto_reply);
  const randomReply = strParam(p.auto_random_reply);
  const mode = strParam(p.update_random_reply_type);
  if (randomReply !== '' && mode !== 'append' && mode !== 'overwrite') {
    return incomplete('update_random_reply_type must be "append" or "overwrite" when auto_random_reply is set');
  }

  let target: { plan: AfdianPlan; sku?: AfdianSku } | undefined;
  if (planId !== '') {
    const plan = state.plans.find((x) => x.plan_id === planId);
    if (!plan) return notFound('plan', planId);
    target = { plan };
  } else {
    for (const plan of state.plans) {
      const sku = plan.skus.find((s) => s.sku_id === skuId);
      if (sku) target = { plan, sku };
    }
    if (!target) return notFound('sku', skuId);
  }

  const { plan, sku } = target;
  // Empty values mean "leave unchanged" (documented: 为空不更新).
  const current = sku ? sku.reply_random_content : plan.random_reply_content;
  const merged =
    randomReply === '' ? current : mode === 'overwrite' || current === '' ? randomReply : `${current}\n${randomReply}`;
  if (sku) {
    if (autoReply !== '') sku.reply_content = autoReply;
    sku.reply_random_content = merged;
  } else {
    if (autoReply !== '') plan.reply_content = autoReply;
    plan.random_reply_content = merged;
  }
  if (autoReply !== '' || randomReply !== '') plan.update_time = nowSec;
  return { ec: 200, em: 'success', data: {} };
}

export function queryPlan(state: AfdianState, p: ParamBag): AfdianEnvelope {
  const planId = strParam(p.plan_id);
  if (planId === '') return incomplete('params incomplete: plan_id is required');
  const plan = state.plans.find((x) => x.plan_id === planId);
  if (!plan) return notFound('plan', planId);
  const skus = plan.skus.map((s) => ({
    sku_id: s.sku_id, plan_id: s.plan_id, name: s.name, desc: s.desc, stock: s.stock, price: s.price,
    reply_content: s.reply_content, reply_random_content: s.reply_random_content,
  }));
  return {
    ec: 200,
    em: '获取方案成功',
    data: {
      plan: {
        plan_id: plan.plan_id, price: plan.price, name: plan.name, product_type: plan.product_type, desc: plan.desc,
        reply_content: plan.reply_content,
        replay_random_content: plan.random_reply_content, // sic: the real API spells it "replay"
        independent: plan.independent, permanent: plan.permanent, pay_month: plan.pay_month, skus,
      },
    },
  };
}
