import { ago, arr, bool, isoOf, num, obj, objs, previewField, Sections, str, timeOf, top, unhandled, value, type ContextOptions, type Json } from '../../context/kit.js';
import { MemoryReviewLedger } from '../../ledger/review-ledger.js';
import type { PlatformClient, PlatformDeps, WebhookLog } from '../types.js';
import { operation } from './operations/index.js';

/** Long enough to absorb an agent re-reading the context in a loop, short enough to stay current. */
export const CONTEXT_TTL_MS = 30_000;
const PERIOD_DAYS = 30;
const NEW_WINDOW_DAYS = 7;
const LIMITS = {
  full: { chats: 6, payments: 6, subscribers: 6, scheduled: 4, media: 4, topSpenders: 5, events: 5 },
  summary: { chats: 3, payments: 3, subscribers: 3, scheduled: 2, media: 1, topSpenders: 3, events: 2 },
} as const;
const DAY = 86_400_000;

type Settled = PromiseSettledResult<unknown>;
interface Raw {
  at: number;
  chats: Settled;
  payments: Settled;
  subscribers: Settled;
  insights: Settled;
  topSpenders: Settled;
  summary: Settled;
  previous: Settled;
  media: Settled;
  posts: Settled;
}

const cache = new WeakMap<PlatformClient, { at: number; writes: number; value: Promise<Raw> }>();

/**
 * Decision first (fans waiting for a reply, new tips and purchases, new subscribers, scheduled
 * posts), then earnings per day against the previous period, then the seed's AutomationContext
 * fields exactly (`media[]`, `subscribers[]`, `topSpenders[]`, `earnings {period, total,
 * breakdown[]}`) with additions beside them. Platform calls are cached briefly (dropped after any
 * write through this client); the ledger is applied on every read, so marking an item handled
 * shows at once. Every call is settled where it is made: nothing can reject unobserved.
 */
export async function fanvueContext(client: PlatformClient, deps: PlatformDeps & { webhooks: WebhookLog }, opts: ContextOptions = { ledger: new MemoryReviewLedger(), detail: 'full', now: Date.now() }) {
  const writes = (client as { writes?: number }).writes ?? 0;
  let entry = cache.get(client);
  if (!entry || opts.now - entry.at > CONTEXT_TTL_MS || entry.writes !== writes) {
    entry = { at: opts.now, writes, value: fetchAll(client, opts.now) };
    cache.set(client, entry);
  }
  const [raw, events] = await Promise.all([entry.value, Sections.settle(deps.webhooks.recent('fanvue', 20))]);
  const ctx = await view(raw, events, opts);
  // A context with a failed section is not worth keeping: the next read tries again.
  if (ctx.failedSections && cache.get(client) === entry) cache.delete(client);
  return ctx;
}

async function fetchAll(client: PlatformClient, at: number): Promise<Raw> {
  const call = (name: string, input: Json) => Sections.settle(client.call(operation(name), input));
  const range = (fromDays: number, toDays: number) => ({ startDate: new Date(at - fromDays * DAY).toISOString(), endDate: new Date(at - toDays * DAY).toISOString() });
  const subscribers = call('list_subscribers', { size: LIMITS.full.subscribers, sortField: 'subscribedAt', sortDirection: 'desc' });
  const insights = subscribers.then((r) => {
    const ids = r.status === 'fulfilled' ? objs(obj(r.value).data).map((f) => str(f.uuid)).filter((x): x is string => Boolean(x)) : [];
    return ids.length ? call('get_fans_insights_batch', { userUuids: ids }) : ({ status: 'fulfilled', value: {} } as const);
  });
  const [chats, payments, sub, ins, topSpenders, summary, previous, media, posts] = await Promise.all([
    call('list_chats', { size: 20, filter: ['unread'] }),
    call('get_earnings', { ...range(NEW_WINDOW_DAYS, 0), source: ['tip', 'message', 'post'], size: 30 }),
    subscribers,
    insights,
    call('get_top_spenders', { size: LIMITS.full.topSpenders }),
    call('get_earnings_summary', { ...range(PERIOD_DAYS, 0), granularity: 'day' }),
    call('get_earnings_summary', { ...range(2 * PERIOD_DAYS, PERIOD_DAYS), granularity: 'week' }),
    call('list_media', { size: LIMITS.full.media, status: ['ready'], variants: ['main', 'thumbnail'] }),
    call('list_posts', { size: 20, includeUnpublished: true }),
  ]);
  return { at, chats, payments, subscribers: sub, insights: ins, topSpenders, summary, previous, media, posts };
}

const person = (u: unknown) => ({ uuid: str(obj(u).uuid), name: str(obj(u).displayName) ?? str(obj(u).handle) });

async function view(raw: Raw, events: Settled, opts: ContextOptions) {
  const L = LIMITS[opts.detail];
  const s = new Sections();
  const since = opts.now - NEW_WINDOW_DAYS * DAY;

  const chatsWaiting = await s.run('chatsWaiting', 'fanvue_list_chats', async () => {
    const page = obj(value(raw.chats));
    const rows = objs(page.data)
      .map((c) => {
        const user = obj(c.user);
        const last = obj(c.lastMessage);
        const at = timeOf(last.sentAt ?? c.lastMessageAt);
        return { c, user, last, at };
      })
      .filter(({ user, last }) => str(last.senderUuid) === null || str(last.senderUuid) === str(user.uuid))
      .map(({ c, user, last, at }) => ({
        id: `fanvue:chat:${str(user.uuid) ?? 'unknown'}:${at ?? 0}`,
        fan: { ...person(user), isTopSpender: bool(user.isTopSpender) },
        ...previewField('lastMessage', last.text),
        unread: num(c.unreadMessagesCount),
        waiting: ago(at, opts.now),
      }));
    const fresh = await unhandled(opts.ledger, rows);
    return { ...top(fresh.items, L.chats, 'fanvue_list_chats {filter:["unread"]} pages through all; fanvue://chats/{userUuid}/messages reads one'), handled: fresh.handled, ...(bool(obj(page.pagination).hasMore) ? { moreUnreadChats: true } : {}) };
  });

  const newPayments = await s.run('newPayments', 'fanvue_get_earnings', async () => {
    const rows = objs(obj(value(raw.payments)).data).map((e) => {
      const at = timeOf(e.date);
      return { id: `fanvue:earning:${str(e.transactionOrderId) ?? `${str(obj(e.user).uuid)}:${at}`}`, type: str(e.source), fan: person(e.user), amount: num(e.gross), at: isoOf(at), ago: ago(at, opts.now) };
    });
    const fresh = await unhandled(opts.ledger, rows);
    return { window: `last ${NEW_WINDOW_DAYS} days: tips, paid messages and posts`, ...top(fresh.items, L.payments, 'fanvue_get_earnings (startDate, endDate, source, cursor)'), handled: fresh.handled };
  });

  const subsRows = await s.run('subscribers', 'fanvue_list_subscribers', () => {
    const page = obj(value(raw.subscribers));
    const map = raw.insights.status === 'fulfilled' ? obj(raw.insights.value) : {};
    return { list: objs(page.data).map((f) => subscriberView(f, obj(map[str(f.uuid) ?? '']))), hasMore: bool(obj(page.pagination).hasMore) };
  });

  const newSubscribers = await s.run('newSubscribers', 'fanvue_list_subscribers', async () => {
    // The call's own error, so the sentence is the platform's and not re-wrapped as an unexpected one.
    if ('error' in subsRows) throw raw.subscribers.status === 'rejected' ? raw.subscribers.reason : new Error(subsRows.error);
    const rows = subsRows.list
      .filter((x) => (timeOf(x.subscribedAt) ?? 0) >= since)
      .map((x) => ({ id: `fanvue:subscriber:${x.uuid}:${timeOf(x.subscribedAt)}`, fan: { uuid: x.uuid, name: x.name }, subscribedAt: x.subscribedAt, tier: x.tier }));
    const fresh = await unhandled(opts.ledger, rows);
    return { window: `last ${NEW_WINDOW_DAYS} days`, ...top(fresh.items, L.subscribers, 'fanvue_list_subscribers (sortField subscribedAt)'), handled: fresh.handled };
  });

  const scheduled = await s.run('scheduledPosts', 'fanvue_list_posts', () => {
    const rows = objs(obj(value(raw.posts)).data)
      .filter((p) => p.publishedAt === null || p.publishedAt === undefined)
      .map((p) => ({ uuid: str(p.uuid), publishAt: str(p.publishAt), state: p.publishAt ? 'scheduled' : 'draft', ...previewField('text', p.text, 80) }));
    return top(rows, L.scheduled, 'fanvue_list_posts {includeUnpublished:true}');
  });

  const earnings = await s.run('earnings', 'fanvue_get_earnings_summary', () => earningsView(obj(value(raw.summary)), raw.previous, raw.at));

  const media = await s.run('media', 'fanvue_list_media', () => {
    const page = obj(value(raw.media));
    return { list: objs(page.data).filter((m) => m.mediaType !== undefined).slice(0, L.media).map(mediaView), hasMore: bool(obj(page.pagination).hasMore) || objs(page.data).length > L.media };
  });

  const topSpenders = await s.run('topSpenders', 'fanvue_get_top_spenders', () =>
    objs(obj(value(raw.topSpenders)).data)
      .slice(0, L.topSpenders)
      .map((r) => ({ uuid: str(obj(r.user).uuid), totalSpent: num(r.gross) ?? 0, name: str(obj(r.user).displayName), net: num(r.net) ?? 0, messages: num(r.messages) ?? 0 })),
  );

  const recentEvents = await s.run('events', 'reading webhook events', () =>
    arr(value(events))
      .slice(0, L.events)
      .map((e) => ({ id: str(obj(e).id), type: str(obj(e).type), receivedAt: isoOf(num(obj(e).receivedAt)) })),
  );

  const list = <T>(r: { list: T[] } | { error: string }) => ('error' in r ? [] : r.list);
  return {
    platform: 'fanvue',
    generatedAt: isoOf(opts.now),
    money: 'USD cents (e.g. 1999 = $19.99)',
    needsYou: { chatsWaiting, newPayments, newSubscribers, scheduledPosts: scheduled },
    trends: 'error' in earnings ? earnings : { perDay: earnings.perDay, total: earnings.total, previousPeriodTotal: earnings.previousPeriodTotal, change: earnings.change },
    // The seed's AutomationContext, field for field; additions sit beside it.
    media: list(media),
    subscribers: list(subsRows).slice(0, opts.detail === 'full' ? L.subscribers : 3),
    topSpenders: 'error' in topSpenders ? [] : topSpenders,
    earnings: 'error' in earnings ? { period: `last ${PERIOD_DAYS} days`, total: 0, breakdown: [] } : earnings.seed,
    mediaHasMore: 'error' in media ? false : media.hasMore,
    mediaNote: 'Newest ready items; signedUrl is the main variant and expires; fanvue_list_media lists the rest.',
    subscribersHasMore: 'error' in subsRows ? false : subsRows.hasMore || list(subsRows).length > (opts.detail === 'full' ? L.subscribers : 3),
    subscribersNote: 'Newest first. Fanvue has no subscription tiers: tier is the renewal segment (auto_renewing or non_renewing).',
    ...errorsOf({ media, subscribers: subsRows, topSpenders, earnings }),
    webhookEvents: recentEvents,
    handled: await opts.ledger.count('fanvue:'),
    markHandled: 'creator_mark_handled with the ids above once answered or thanked; they will not show again',
    ...(s.failed.length ? { failedSections: s.failed } : {}),
  };
}

/** Seed fields must stay arrays and objects; a failed one says so in a sibling field. */
function errorsOf(sections: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(sections)) if (v && typeof v === 'object' && 'error' in v) out[`${k}Error`] = (v as { error: unknown }).error;
  return out;
}

function mediaView(m: Json) {
  const variants = objs(m.variants);
  const url = (type: string) => str(variants.find((v) => v.variantType === type)?.url);
  return {
    uuid: str(m.uuid),
    name: str(m.name),
    type: str(m.mediaType),
    description: str(m.description) ?? str(obj(m.tags).description) ?? str(m.caption),
    signedUrl: url('main') ?? url('thumbnail'),
    createdAt: str(m.createdAt),
  };
}

function subscriberView(f: Json, insights: Json) {
  const sub = insights.error ? {} : obj(insights.subscription);
  const has = Object.keys(sub).length > 0;
  return {
    uuid: str(f.uuid),
    name: str(f.displayName) ?? str(f.handle),
    subscribedAt: str(sub.createdAt),
    tier: has ? (bool(sub.autoRenewalEnabled) ? 'auto_renewing' : 'non_renewing') : null,
    handle: str(f.handle),
    totalSpent: num(obj(obj(insights.spending).total).gross),
  };
}

const SOURCE_NAMES: Record<string, string> = { subs: 'subscriptions', renewals: 'renewals', messages: 'messages', posts: 'posts', tips: 'tips', referrals: 'referrals', other: 'other' };

function earningsView(summary: Json, previous: Settled, at: number) {
  const breakdown = Object.entries(obj(summary.breakdownBySource)).map(([k, v]) => ({ type: SOURCE_NAMES[k] ?? k, amount: num(obj(v).gross) ?? 0, net: num(obj(v).net) ?? 0 }));
  const total = breakdown.reduce((sum, b) => sum + b.amount, 0);
  const prevTotal =
    previous.status === 'fulfilled' ? Object.values(obj(obj(previous.value).breakdownBySource)).reduce<number>((sum, v) => sum + (num(obj(v).gross) ?? 0), 0) : null;
  return {
    seed: {
      period: `last ${PERIOD_DAYS} days`,
      total,
      breakdown,
      net: breakdown.reduce((sum, b) => sum + b.net, 0),
      startDate: new Date(at - PERIOD_DAYS * DAY).toISOString(),
      endDate: new Date(at).toISOString(),
    },
    perDay: objs(summary.overTime).map((p) => num(p.gross) ?? 0),
    total,
    previousPeriodTotal: prevTotal,
    change: prevTotal ? `${total >= prevTotal ? '+' : ''}${Math.round(((total - prevTotal) / prevTotal) * 100)}%` : null,
  };
}
