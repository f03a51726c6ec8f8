import type { Creator, Earning, Fan } from '../types.js';
import { cursored, fanRef, fanUser, paged } from '../views.js';
import { inRange, iso, notFound, ok, type Ctx, type Handler } from './kit.js';

const DAY = 86_400_000;
const BY_SOURCE: Record<string, Earning['source'][]> = {
  subs: ['subscription'],
  renewals: ['renewal'],
  messages: ['message'],
  posts: ['post'],
  tips: ['tip'],
  referrals: ['referral'],
};

const money = (rows: readonly { gross: number; net: number }[]) => ({ gross: rows.reduce((s, r) => s + r.gross, 0), net: rows.reduce((s, r) => s + r.net, 0) });

function earningsIn(ctx: Ctx): Earning[] {
  const sources = ctx.query.list('source');
  return ctx.creator.earnings.filter(
    (e) => inRange(e.date, ctx.query.str('startDate'), ctx.query.str('endDate')) && (!sources || sources.includes('all') || sources.includes(e.source)),
  );
}

function summary(ctx: Ctx) {
  const start = ctx.query.str('startDate');
  const end = ctx.query.str('endDate');
  const granularity = ctx.query.str('granularity') === 'week' ? 'week' : 'day';
  const rows = ctx.creator.earnings.filter((e) => inRange(e.date, start, end));
  const known = new Set(Object.values(BY_SOURCE).flat());
  const breakdownBySource = Object.fromEntries(Object.entries(BY_SOURCE).map(([k, sources]) => [k, money(rows.filter((e) => sources.includes(e.source)))]));
  const step = granularity === 'week' ? 7 * DAY : DAY;
  const from = Date.parse(start ?? iso(ctx.now - 30 * DAY));
  const to = Date.parse(end ?? iso(ctx.now));
  const overTime = [];
  for (let t = Math.floor(from / DAY) * DAY; t < to; t += step) {
    overTime.push({ periodStart: iso(t), ...money(rows.filter((e) => Date.parse(e.date) >= t && Date.parse(e.date) < t + step)) });
  }
  const month = new Date(ctx.now);
  const thisStart = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
  const prevStart = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1);
  const between = (a: number, b: number) => money(ctx.creator.earnings.filter((e) => Date.parse(e.date) >= a && Date.parse(e.date) < b));
  const thisMonth = between(thisStart, ctx.now + 1);
  const prev = between(prevStart, thisStart);
  const change = (now: number, before: number) => (before === 0 ? null : Math.round(((now - before) / before) * 10_000) / 100);
  const days = Math.max(1, Math.round((to - from) / DAY));
  const avg = (pick: (d: Date) => number, key: number, buckets: number) =>
    Math.round(rows.filter((e) => pick(new Date(e.date)) === key).reduce((s, e) => s + e.gross, 0) / Math.max(1, buckets));
  return {
    totals: { allTime: money(ctx.creator.earnings), thisMonth: { ...thisMonth, previousMonthGross: prev.gross, previousMonthNet: prev.net, grossChangePercentage: change(thisMonth.gross, prev.gross), netChangePercentage: change(thisMonth.net, prev.net) } },
    breakdownBySource: { ...breakdownBySource, other: money(rows.filter((e) => !known.has(e.source))) },
    earningsByType: { renewals: breakdownBySource.renewals, messages: breakdownBySource.messages, tips: breakdownBySource.tips, subs: breakdownBySource.subs },
    overTime,
    averageByDayOfWeek: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), avg((x) => x.getUTCDay() || 7, d, days / 7)])),
    averageByHourOfDay: Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), avg((x) => x.getUTCHours(), h, days)])),
    period: { startDate: start ?? null, endDate: end ?? null, granularity, timezone: ctx.query.str('timezone') ?? 'UTC' },
  };
}

export function fanInsights(creator: Creator, fan: Fan) {
  const paid = creator.earnings.filter((e) => e.fanUuid === fan.uuid);
  const sources: Record<string, { gross: number; total: number }> = {};
  for (const e of paid) {
    const s = (sources[e.source] ??= { gross: 0, total: 0 });
    s.gross += e.gross;
    s.total += 1;
  }
  const max = paid.reduce((m, e) => Math.max(m, e.gross), 0);
  const subscribed = fan.relation === 'subscriber' || fan.relation === 'expired';
  return {
    status: !fan.contactable ? 'not_contactable' : fan.relation === 'none' ? 'not_contactable' : fan.relation,
    spending: {
      lastPurchaseAt: paid.map((e) => e.date).sort().at(-1) ?? null,
      total: { gross: paid.reduce((s, e) => s + e.gross, 0), total: paid.length },
      maxSinglePayment: { gross: max, total: max > 0 ? 1 : 0 },
      sources,
    },
    subscription: { createdAt: subscribed ? fan.subscribedAt : null, renewsAt: fan.renewsAt, autoRenewalEnabled: fan.autoRenew },
  };
}

function subscriberHistory(ctx: Ctx) {
  const end = Date.parse(ctx.query.str('endDate') ?? iso(ctx.now));
  const start = Date.parse(ctx.query.str('startDate') ?? iso(end - 30 * DAY));
  const fans = [...ctx.creator.fans.values()];
  const rows = [];
  let total = 0;
  for (let t = Math.floor(start / DAY) * DAY; t < end; t += DAY) {
    const within = (v: string | null) => v !== null && Date.parse(v) >= t && Date.parse(v) < t + DAY;
    const started = fans.filter((f) => within(f.subscribedAt)).length;
    // The seed's expired fans lapsed 90 days after subscribing.
    const ended = fans.filter((f) => f.relation === 'expired' && f.subscribedAt && within(iso(Date.parse(f.subscribedAt) + 90 * DAY))).length;
    total += started - ended;
    rows.push({ date: iso(t), newSubscribersCount: started, cancelledSubscribersCount: ended, total });
  }
  return rows.reverse();
}

export const insightsHandlers: Record<string, Handler> = {
  getEarnings: (ctx) => {
    const rows = earningsIn(ctx).map((e) => ({
      date: e.date, gross: e.gross, net: e.net, currency: 'USD', source: e.source, transactionOrderId: e.transactionOrderId, transactionOrderStatus: e.status,
      ...(e.messageUuid ? { messageUuid: e.messageUuid } : {}), ...(e.postUuid ? { postUuid: e.postUuid } : {}),
      user: e.fanUuid ? fanRef(ctx.view, ctx.creator.fans.get(e.fanUuid)) : null,
    }));
    return ok(cursored(rows, ctx.query.str('cursor'), ctx.query.int('size') ?? 20));
  },
  getEarningsSummary: (ctx) => ok(summary(ctx)),
  getEarningsPercentile: (ctx) => ok({ percentile: ctx.creator.percentile }),
  getSpending: (ctx) => {
    const sources = ctx.query.list('source');
    const rows = ctx.creator.reversals
      .filter((r) => inRange(r.date, ctx.query.str('startDate'), ctx.query.str('endDate')) && (!sources || sources.includes('all') || sources.includes(r.source)))
      .map((r) => ({
        date: r.date, gross: r.gross, net: r.net, currency: 'USD', source: r.source,
        ...(r.messageUuid ? { messageUuid: r.messageUuid } : {}), ...(r.postUuid ? { postUuid: r.postUuid } : {}),
        user: r.fanUuid ? fanRef(ctx.view, ctx.creator.fans.get(r.fanUuid)) : null,
      }));
    return ok(cursored(rows, ctx.query.str('cursor'), ctx.query.int('size') ?? 20));
  },
  getSubscribers: (ctx) => ok(cursored(subscriberHistory(ctx), ctx.query.str('cursor'), ctx.query.int('size') ?? 20)),
  getTopSpenders: (ctx) => {
    const totals = new Map<string, { gross: number; net: number }>();
    for (const e of ctx.creator.earnings) {
      if (!e.fanUuid || !inRange(e.date, ctx.query.str('startDate'), ctx.query.str('endDate'))) continue;
      const t = totals.get(e.fanUuid) ?? { gross: 0, net: 0 };
      t.gross += e.gross;
      t.net += e.net;
      totals.set(e.fanUuid, t);
    }
    const rows = [...totals.entries()]
      .sort((a, b) => b[1].gross - a[1].gross)
      .flatMap(([id, t]) => {
        const fan = ctx.creator.fans.get(id);
        const messages = ctx.creator.chats.get(id)?.messages.filter((m) => m.senderUuid === id).length ?? 0;
        return fan ? [{ gross: t.gross, net: t.net, messages, user: fanUser(ctx.view, fan) }] : [];
      });
    return ok(paged(rows, ctx.query.paging()));
  },
  getFanInsights: (ctx) => {
    const fan = ctx.creator.fans.get(ctx.params.userUuid ?? '');
    return fan ? ok(fanInsights(ctx.creator, fan)) : notFound('This user is not one of your fans');
  },
  getBulkFanInsights: (ctx) => {
    const results: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const id of ctx.query.list('fanUuids') ?? []) {
      const fan = ctx.creator.fans.get(id);
      if (fan) results[id] = fanInsights(ctx.creator, fan);
      else {
        results[id] = null;
        errors.push({ fanUuid: id, code: 'NOT_FOUND', message: 'This user is not one of your fans' });
      }
    }
    return ok({ results, errors });
  },
  batchFanInsights: (ctx) =>
    ok(Object.fromEntries((ctx.body.userUuids as string[]).map((id) => {
      const fan = ctx.creator.fans.get(id);
      return [id, fan ? fanInsights(ctx.creator, fan) : { error: 'not_found' }];
    }))),
};
