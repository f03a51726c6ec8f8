import { describeError } from '../../http/errors.js';
import type { PlatformClient, PlatformDeps, WebhookLog } from '../types.js';
import { section as settleSection } from '../../tools/invoke.js';
import { operation } from './operations/index.js';

/** Long enough to absorb an agent re-reading the context in a loop, short enough to stay current. */
export const CONTEXT_TTL_MS = 30_000;
const MEDIA = 50;
const SUBSCRIBERS = 50;
const TOP_SPENDERS = 20;
const EVENTS = 20;
const PERIOD_DAYS = 30;

type Json = Record<string, unknown>;
interface Page<T> {
  data?: T[];
  pagination?: { hasMore?: boolean };
}
interface Variant {
  variantType?: string;
  url?: string;
}
interface MediaItem {
  uuid: string;
  status?: string;
  name?: string | null;
  caption?: string | null;
  description?: string | null;
  mediaType?: string;
  createdAt?: string | null;
  recommendedPrice?: number | null;
  tags?: { description?: string | null } | null;
  variants?: Variant[];
}
interface Fan {
  uuid: string;
  displayName?: string;
  handle?: string;
  isTopSpender?: boolean;
}
interface Insights {
  status?: string;
  subscription?: { createdAt?: string | null; renewsAt?: string | null; autoRenewalEnabled?: boolean };
  spending?: { total?: { gross?: number } };
  error?: string;
}
interface Money {
  gross?: number;
  net?: number;
}

const cache = new WeakMap<PlatformClient, { at: number; writes: number; value: Promise<Json> }>();

/**
 * The seed's AutomationContext: vault media with signed URLs (variants come with the one list
 * call, never one request per item), subscribers with their subscription dates (one batch
 * insights call for the whole page), top spenders and the earnings of the last 30 days. Four
 * requests run at once and the insights batch follows the subscriber page; every page is
 * bounded. A failing section is reported in place. Cached briefly, and dropped after any write
 * through this client.
 */
export async function fanvueContext(client: PlatformClient, deps: PlatformDeps & { webhooks: WebhookLog }, now: () => number = Date.now) {
  const writes = (client as { writes?: number }).writes ?? 0;
  let entry = cache.get(client);
  if (!entry || now() - entry.at > CONTEXT_TTL_MS || entry.writes !== writes) {
    const value = assemble(client, now());
    entry = { at: now(), writes, value };
    cache.set(client, entry);
    // A context with a failed section (or none at all) is not worth keeping: the next read tries
    // again. Both branches are handled, so a failed assembly is never an unhandled rejection.
    const mine = entry;
    value.then(
      (v) => {
        if (v.failedSections && cache.get(client) === mine) cache.delete(client);
      },
      () => {
        if (cache.get(client) === mine) cache.delete(client);
      },
    );
  }
  const [base, events] = await Promise.all([entry.value, deps.webhooks.recent('fanvue', EVENTS).then(
    (list) => list.map((e) => ({ id: e.id, type: e.type, receivedAt: new Date(e.receivedAt).toISOString(), payload: e.payload })),
    (err: unknown) => ({ error: describeError(err, 'reading webhook events') }),
  )]);
  return { ...base, events };
}

async function assemble(client: PlatformClient, at: number): Promise<Json> {
  const endDate = new Date(at).toISOString();
  const startDate = new Date(at - PERIOD_DAYS * 86_400_000).toISOString();
  const call = <T>(name: string, input: Json) => client.call(operation(name), input) as Promise<T>;

  const [media, subscribers, topSpenders, earnings] = await Promise.allSettled([
    call<Page<MediaItem>>('list_media', { size: MEDIA, status: ['ready'], variants: ['main', 'thumbnail'] }),
    call<Page<Fan>>('list_subscribers', { size: SUBSCRIBERS, sortField: 'subscribedAt', sortDirection: 'desc' }).then(async (page) => {
      const ids = (page.data ?? []).map((f) => f.uuid);
      const insights = ids.length
        ? await call<Record<string, Insights>>('get_fans_insights_batch', { userUuids: ids }).then(
            (map) => ({ map }),
            (err: unknown) => ({ map: {} as Record<string, Insights>, error: describeError(err, 'fanvue_get_fans_insights_batch') }),
          )
        : { map: {} as Record<string, Insights> };
      return { page, insights };
    }),
    call<Page<{ gross?: number; net?: number; messages?: number; user?: Fan }>>('get_top_spenders', { size: TOP_SPENDERS }),
    call<{ breakdownBySource?: Record<string, Money>; totals?: Json }>('get_earnings_summary', { startDate, endDate, granularity: 'day' }),
  ]);

  const failed: string[] = [];
  // A view that throws on an odd answer fails its own section, not the whole context.
  const section = <T, R>(name: string, tool: string, r: PromiseSettledResult<T>, f: (v: T) => R) =>
    settleSection(r, f, (err) => {
      failed.push(name);
      return { error: describeError(err, tool) };
    });

  return {
    platform: 'fanvue',
    generatedAt: new Date(at).toISOString(),
    money: 'USD cents (e.g. 1999 = $19.99)',
    media: section('media', 'fanvue_list_media', media, (page) => ({
      items: (page.data ?? []).filter((m) => m.mediaType !== undefined).map(mediaView),
      hasMore: page.pagination?.hasMore ?? false,
      note: `The ${MEDIA} newest ready items; signedUrl is the main variant (thumbnailUrl the small one); URLs expire, read again for fresh ones.`,
    })),
    subscribers: section('subscribers', 'fanvue_list_subscribers', subscribers, ({ page, insights }) => ({
      items: (page.data ?? []).map((f) => subscriberView(f, insights.map[f.uuid])),
      hasMore: page.pagination?.hasMore ?? false,
      ...('error' in insights ? { insightsError: insights.error } : {}),
      note: 'Newest subscriptions first. Fanvue has no subscription tiers: tier is the renewal segment (auto_renewing or non_renewing), as in its smart lists.',
    })),
    topSpenders: section('topSpenders', 'fanvue_get_top_spenders', topSpenders, (page) =>
      (page.data ?? []).map((r) => ({
        uuid: r.user?.uuid ?? null,
        name: r.user?.displayName ?? null,
        handle: r.user?.handle ?? null,
        totalSpent: r.gross ?? 0,
        net: r.net ?? 0,
        messages: r.messages ?? 0,
      })),
    ),
    earnings: section('earnings', 'fanvue_get_earnings_summary', earnings, (summary) => earningsView(summary, startDate, endDate)),
    ...(failed.length ? { failedSections: failed } : {}),
  };
}

function mediaView(m: MediaItem) {
  const url = (type: string) => m.variants?.find((v) => v.variantType === type)?.url ?? null;
  return {
    uuid: m.uuid,
    name: m.name ?? null,
    type: m.mediaType,
    description: m.description ?? m.tags?.description ?? m.caption ?? null,
    signedUrl: url('main') ?? url('thumbnail'),
    thumbnailUrl: url('thumbnail'),
    createdAt: m.createdAt ?? null,
    recommendedPrice: m.recommendedPrice ?? null,
  };
}

function subscriberView(f: Fan, insights: Insights | undefined) {
  const sub = insights?.error ? undefined : insights?.subscription;
  return {
    uuid: f.uuid,
    name: f.displayName ?? null,
    handle: f.handle ?? null,
    subscribedAt: sub?.createdAt ?? null,
    tier: sub ? (sub.autoRenewalEnabled ? 'auto_renewing' : 'non_renewing') : null,
    renewsAt: sub?.renewsAt ?? null,
    totalSpent: insights?.spending?.total?.gross ?? null,
    isTopSpender: f.isTopSpender ?? false,
  };
}

const SOURCE_NAMES: Record<string, string> = {
  subs: 'subscriptions',
  renewals: 'renewals',
  messages: 'messages',
  posts: 'posts',
  tips: 'tips',
  referrals: 'referrals',
  other: 'other',
};

function earningsView(summary: { breakdownBySource?: Record<string, Money>; totals?: Json }, startDate: string, endDate: string) {
  const breakdown = Object.entries(summary.breakdownBySource ?? {}).map(([k, v]) => ({ type: SOURCE_NAMES[k] ?? k, amount: v.gross ?? 0, net: v.net ?? 0 }));
  return {
    period: `last ${PERIOD_DAYS} days`,
    startDate,
    endDate,
    total: breakdown.reduce((sum, b) => sum + b.amount, 0),
    net: breakdown.reduce((sum, b) => sum + b.net, 0),
    breakdown,
    totals: summary.totals ?? null,
  };
}
