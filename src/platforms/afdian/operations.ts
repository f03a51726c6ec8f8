import * as z from 'zod';
import { defineOperation, type Operation } from '../types.js';

const DOCS = 'https://afdian.com/p/9c65d9cc617011ed81c352540025c377';

const page = z.number().int().min(1).describe('Newest first; default 1.');
const perPage = (dflt: number) =>
  z.number().int().min(1).max(100).describe(`Default ${dflt}.`);
const commaList = (what: string) =>
  z.string().min(1).describe(`One ${what} or several separated by commas. When given, page is ignored.`);

/** Afdian pages by number; the agent gets `page` and `hasMore` instead of computing them. */
function withPaging(data: unknown, input: { page?: number; per_page?: number }, filtered: boolean) {
  const d = (data ?? {}) as { total_page?: number };
  const current = filtered ? 1 : (input.page ?? 1);
  return { ...(data as object), page: current, hasMore: !filtered && typeof d.total_page === 'number' && current < d.total_page };
}

const queryOrders = z.object({
  page: page.optional(),
  per_page: perPage(50).optional(),
  out_trade_no: commaList('order number (out_trade_no)').optional(),
});

const querySponsors = z.object({
  page: page.optional(),
  per_page: perPage(20).optional(),
  user_id: commaList('sponsor user_id').optional(),
});

const updatePlanReply = z
  .object({
    plan_id: z.string().min(1).describe('The plan to update. Give plan_id or sku_id, not both.').optional(),
    sku_id: z.string().min(1).describe('The goods SKU to update. Give plan_id or sku_id, not both.').optional(),
    auto_reply: z
      .string()
      .describe('New fixed auto-reply for every buyer; replaces the current one (omit or empty keeps it).')
      .optional(),
    auto_random_reply: z
      .string()
      .describe('Pool entries, one per line; each buyer gets one (e.g. redeem codes).')
      .optional(),
    update_random_reply_type: z
      .enum(['append', 'overwrite'])
      .describe('Required with auto_random_reply: append to or overwrite the pool.')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.plan_id === undefined) === (v.sku_id === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['plan_id'], message: 'give exactly one of plan_id or sku_id' });
    }
    if (v.auto_random_reply !== undefined && v.update_random_reply_type === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['update_random_reply_type'],
        message: 'required when auto_random_reply is given: "append" or "overwrite"',
      });
    }
  });

export const operations: readonly Operation[] = [
  defineOperation({
    name: 'ping',
    alwaysLoad: true,
    title: 'Check Afdian credentials',
    description:
      'Checks the Afdian credentials with a signed test request; returns the creator uid and the request as received. Use it first when other tools fail with a token or signature error.',
    method: 'POST',
    path: '/api/open/ping',
    input: z.object({}),
    kind: 'read',
    toolset: 'afdian_account',
    docs: DOCS,
  }),
  defineOperation({
    name: 'query_orders',
    title: 'List Afdian orders',
    description:
      'Lists sponsorship and goods orders, newest first, or looks up out_trade_no. Each: user_id, plan_id, title, month, total_amount (paid, decimal string, CNY), show_amount, remark (buyer\'s message), sku_detail, address for goods. Returns list, total_count, total_page, page, hasMore.',
    method: 'POST',
    path: '/api/open/query-order',
    input: queryOrders,
    kind: 'read',
    toolset: 'afdian_orders',
    docs: DOCS,
    shape: (data, input) => withPaging(data, input, input.out_trade_no !== undefined),
  }),
  defineOperation({
    name: 'query_sponsors',
    title: 'List Afdian sponsors',
    description:
      'Lists the creator\'s sponsors, or looks up user_id. Each: user (user_id, name, avatar), current_plan (name "" when none), sponsor_plans, all_sum_amount (lifetime, decimal string, CNY), first_pay_time, last_pay_time (Unix s). Returns list, total_count, total_page, page, hasMore.',
    method: 'POST',
    path: '/api/open/query-sponsor',
    input: querySponsors,
    kind: 'read',
    toolset: 'afdian_sponsors',
    docs: DOCS,
    shape: (data, input) => withPaging(data, input, input.user_id !== undefined),
  }),
  defineOperation({
    name: 'query_random_reply',
    title: 'Get random replies of orders',
    description:
      'Returns the random auto-reply (e.g. a redeem code) each order got from its plan\'s pool, as {out_trade_no, content}: for a sponsor who lost their code.',
    method: 'POST',
    path: '/api/open/query-random-reply',
    input: z.object({ out_trade_no: commaList('order number (out_trade_no)') }),
    kind: 'read',
    toolset: 'afdian_orders',
    docs: DOCS,
  }),
  defineOperation({
    name: 'query_plan',
    title: 'Get an Afdian plan',
    description:
      'Returns a plan: price (decimal string, CNY), name, desc, product_type (0 subscription, 1 goods, 2 bundle, 3 pick, 4 ticket), pay_month, reply_content (fixed auto-reply), replay_random_content (random-reply pool, Afdian\'s spelling), skus. Read before afdian_update_plan_reply.',
    method: 'POST',
    path: '/api/open/query-plan',
    input: z.object({ plan_id: z.string().min(1).describe('The plan_id, as found on orders and sponsors.') }),
    kind: 'read',
    toolset: 'afdian_plans',
    docs: DOCS,
  }),
  defineOperation({
    name: 'update_plan_reply',
    title: 'Change a plan\'s auto-replies',
    description:
      'Changes what buyers of a plan or SKU receive after paying: the fixed auto_reply and/or the random-reply pool (append or overwrite). Overwriting loses the old text (read afdian_query_plan first). Future orders only.',
    method: 'POST',
    path: '/api/open/update-plan-reply',
    input: updatePlanReply,
    kind: 'destructive',
    toolset: 'afdian_plans',
    docs: DOCS,
  }),
  defineOperation({
    name: 'send_message',
    title: 'Send an Afdian private message',
    description:
      'Sends a private message from the creator to a user (thanks, rewards); delivered at once, cannot be unsent. Afdian allows 10 per second, 1,000 per hour.',
    method: 'POST',
    path: '/api/open/send-msg',
    input: z.object({
      recipient: z.string().min(1).describe('The user_id of the recipient, as found on orders and sponsors.'),
      content: z.string().min(1).max(5000).describe('The message text.'),
    }),
    kind: 'write',
    toolset: 'afdian_messages',
    docs: DOCS,
  }),
];
