import { describeError } from '../../http/errors.js';
import { section as settleSection } from '../../tools/invoke.js';
import type { PlatformClient, PlatformDeps, WebhookLog } from '../types.js';
import { sumAmounts } from './amounts.js';
import { operations } from './operations.js';

const RECENT = 20;

function op(name: string) {
  const found = operations.find((o) => o.name === name);
  if (!found) throw new Error(`afdian operation ${name} missing`);
  return found;
}

interface Page {
  list?: Array<Record<string, unknown>>;
  total_count?: number;
  total_page?: number;
}

/**
 * What an agent needs before acting for an Afdian creator: who paid recently, who sponsors,
 * the totals, and the orders pushed by webhook. Sections load concurrently and a failing one is
 * reported in place, so one outage does not hide the rest.
 */
export async function afdianContext(client: PlatformClient, deps: PlatformDeps & { webhooks: WebhookLog }) {
  const [orders, sponsors, pushed] = await Promise.allSettled([
    client.call(op('query_orders'), { page: 1, per_page: RECENT }) as Promise<Page>,
    client.call(op('query_sponsors'), { page: 1, per_page: RECENT }) as Promise<Page>,
    deps.webhooks.recent('afdian', RECENT),
  ]);
  // settleSection also catches what a view throws on an odd answer: that section fails in place.
  const section = <T, R>(r: PromiseSettledResult<T>, what: string, f: (v: T) => R) =>
    settleSection(r, f, (err) => ({ error: describeError(err, what) }));

  const recentOrders = orders.status === 'fulfilled' ? (orders.value.list ?? []) : [];
  return {
    platform: 'afdian',
    generatedAt: new Date().toISOString(),
    currency: 'CNY',
    recentOrders: section(orders, 'query_orders', (v) => ({ list: v.list ?? [], total_count: v.total_count ?? 0 })),
    sponsors: section(sponsors, 'query_sponsors', (v) => ({ list: v.list ?? [], total_count: v.total_count ?? 0 })),
    totals: {
      orders: orders.status === 'fulfilled' ? (orders.value.total_count ?? null) : null,
      sponsors: sponsors.status === 'fulfilled' ? (sponsors.value.total_count ?? null) : null,
      recentOrdersCount: recentOrders.length,
      recentOrdersAmount: sumAmounts(recentOrders.map((o) => o.total_amount)),
    },
    webhookOrders: section(pushed, 'reading webhook orders', (events) => events.map((e) => ({ receivedAt: new Date(e.receivedAt).toISOString(), order: e.payload }))),
  };
}
