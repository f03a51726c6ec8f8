import { arr, ago, dailyTrend, isoOf, num, obj, objs, previewField, Sections, str, top, unhandled, value, type ContextOptions, type Json } from '../../context/kit.js';
import { describeError } from '../../http/errors.js';
import type { PlatformClient, PlatformDeps, WebhookLog } from '../types.js';
import { sumAmounts } from './amounts.js';
import { operations } from './operations.js';

/** Orders not yet handled within this window count as new. */
const NEW_WINDOW_DAYS = 7;
const TREND_DAYS = 14;
/** Pages of 100 orders read for the trend: bounded requests, honest about what they cover. */
const TREND_PAGES = 3;
const LIMITS = { full: { orders: 10, sponsors: 5 }, summary: { orders: 5, sponsors: 0 } } as const;

function op(name: string) {
  const found = operations.find((o) => o.name === name);
  if (!found) throw new Error(`afdian operation ${name} missing`);
  return found;
}

/** Afdian order numbers start with the Beijing-time (UTC+8) payment time, e.g. 20210623213837…. */
export function orderTime(outTradeNo: unknown): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d*$/.exec(str(outTradeNo) ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = Date.UTC(y as number, (mo as number) - 1, d, (h as number) - 8, mi, s);
  return Number.isNaN(t) ? null : t;
}

const orderId = (no: string) => `afdian:order:${no}`;

/**
 * Decision first: the new orders nobody has thanked yet (buyer, amount, time, remark), then
 * earnings per day against the previous period, then totals and the newest sponsors. Orders
 * from webhook pushes and from query-order are merged by out_trade_no.
 */
export async function afdianContext(client: PlatformClient, deps: PlatformDeps & { webhooks: WebhookLog }, opts: ContextOptions) {
  const limits = LIMITS[opts.detail];
  const s = new Sections();
  const call = (name: string, input: Json) => Sections.settle(client.call(op(name), input));
  const pages = Promise.all(Array.from({ length: TREND_PAGES }, (_, i) => call('query_orders', { page: i + 1, per_page: 100 })));
  const [sponsors, pushed] = await Promise.all([call('query_sponsors', { page: 1, per_page: 20 }), Sections.settle(deps.webhooks.recent('afdian', 50))]);
  const orderPages = await pages;

  const byNo = new Map<string, Json>();
  for (const r of orderPages) if (r.status === 'fulfilled') for (const o of objs(obj(r.value).list)) byNo.set(str(o.out_trade_no) ?? '', o);
  if (pushed.status === 'fulfilled') {
    for (const e of arr(pushed.value)) {
      const o = obj(obj(e).payload);
      const no = str(o.out_trade_no);
      if (no && !byNo.has(no)) byNo.set(no, { ...o, viaWebhook: true });
    }
  }
  byNo.delete('');
  const orders = [...byNo.values()].map((o) => ({ o, at: orderTime(o.out_trade_no) })).sort((a, b) => (b.at ?? 0) - (a.at ?? 0));

  const names = new Map<string, string>();
  const wantNames = [...new Set(orders.slice(0, 60).map(({ o }) => str(o.user_id)).filter((x): x is string => Boolean(x)))];
  if (sponsors.status === 'fulfilled') for (const sp of objs(obj(sponsors.value).list)) names.set(str(obj(sp.user).user_id) ?? '', str(obj(sp.user).name) ?? '');
  const missing = wantNames.filter((id) => !names.has(id)).slice(0, 100);
  if (missing.length) {
    const r = await call('query_sponsors', { user_id: missing.join(','), per_page: 100 });
    if (r.status === 'fulfilled') for (const sp of objs(obj(r.value).list)) names.set(str(obj(sp.user).user_id) ?? '', str(obj(sp.user).name) ?? '');
  }

  const firstPage = orderPages[0];
  const needsYou = await s.run('newOrders', 'afdian new orders', async () => {
    const viaWebhook = orders.some(({ o }) => o.viaWebhook);
    if (firstPage?.status === 'rejected' && !viaWebhook) value(firstPage);
    const since = opts.now - NEW_WINDOW_DAYS * 86_400_000;
    const recent = orders
      .filter(({ at }) => at !== null && at >= since)
      .map(({ o, at }) => {
        const no = str(o.out_trade_no) as string;
        const userId = str(o.user_id);
        return {
          id: orderId(no),
          buyer: { user_id: userId, name: (userId && names.get(userId)) || null },
          amount: str(o.total_amount),
          plan: str(o.title) ?? null,
          paidAt: isoOf(at),
          ago: ago(at, opts.now),
          ...previewField('remark', o.remark),
          // Not in query-order (yet): buyer, plan and amount are signed, the pushed remark is not.
          ...(o.viaWebhook ? { via: 'webhook', ...previewField('unverifiedRemark', obj(o.unverified).remark) } : {}),
        };
      });
    const fresh = await unhandled(opts.ledger, recent);
    return {
      window: `last ${NEW_WINDOW_DAYS} days, not marked handled`,
      ...top(fresh.items, limits.orders, 'afdian_query_orders (page, per_page) lists every order'),
      amount: sumAmounts(fresh.items.map((i) => i.amount)),
      handledInWindow: fresh.handled,
      ...(firstPage?.status === 'rejected' ? { ordersError: `${describeError(firstPage.reason, 'afdian_query_orders')} (only webhook orders are shown)` } : {}),
    };
  });

  const trends = await s.run('trends', 'afdian earnings trend', () => {
    value(firstPage as PromiseSettledResult<unknown>);
    const fetched = orderPages.filter((r) => r.status === 'fulfilled').length;
    const complete = orderPages.some((r) => r.status === 'fulfilled' && arr(obj(r.value).list).length < 100);
    const oldest = orders.at(-1)?.at ?? null;
    const t = dailyTrend(
      orders.filter((x) => x.at !== null).map(({ o, at }) => ({ at: at as number, amount: num(o.total_amount) ?? 0 })),
      TREND_DAYS,
      opts.now,
      complete && fetched === TREND_PAGES ? null : oldest,
    );
    return { currency: 'CNY', ...t };
  });

  const reference = await s.run('reference', 'afdian totals', () => {
    const first = value(firstPage as PromiseSettledResult<unknown>);
    const sp = sponsors.status === 'fulfilled' ? obj(sponsors.value) : {};
    return {
      totalOrders: num(obj(first).total_count),
      totalSponsors: sponsors.status === 'fulfilled' ? num(sp.total_count) : null,
      ...(limits.sponsors
        ? {
            newestSponsors: top(
              objs(sp.list).map((x) => ({
                user_id: str(obj(x.user).user_id),
                name: str(obj(x.user).name),
                allSum: str(x.all_sum_amount),
                currentPlan: str(obj(x.current_plan).name) || null,
                lastPaidAt: isoOf(num(x.last_pay_time) === null ? null : (num(x.last_pay_time) as number) * 1000),
              })),
              limits.sponsors,
              'afdian_query_sponsors (page, per_page)',
              num(sp.total_count) ?? undefined,
            ),
          }
        : {}),
    };
  });

  return {
    platform: 'afdian',
    generatedAt: isoOf(opts.now),
    currency: 'CNY',
    needsYou,
    trends,
    reference,
    handled: await opts.ledger.count('afdian:'),
    markHandled: 'creator_mark_handled with the ids above once thanked or dealt with; they will not show again',
    ...(s.failed.length ? { failedSections: s.failed } : {}),
  };
}
