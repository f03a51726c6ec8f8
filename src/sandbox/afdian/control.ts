import * as z from 'zod';
import type { SimRequest, SimResponse } from '../sim-host.js';
import { isAmount } from './money.js';
import type { AfdianOrder, AfdianState } from './types.js';

/** Where the sandbox's own endpoints live; the real Afdian has nothing under this prefix. */
export const CONTROL_PREFIX = '/__sandbox/';

const amount = z.string().refine(isAmount, 'a decimal string such as "5.00"');
const PartialOrder = z
  .strictObject({
    out_trade_no: z.string().regex(/^\d{1,64}$/),
    custom_order_id: z.string(),
    user_id: z.string().min(1),
    user_private_id: z.string(),
    plan_id: z.string(),
    title: z.string(),
    month: z.number().int().min(1),
    total_amount: amount,
    show_amount: amount,
    status: z.number().int(),
    remark: z.string(),
    redeem_id: z.string(),
    product_type: z.number().int(),
    discount: amount,
    sku_detail: z.array(
      z.strictObject({ sku_id: z.string(), count: z.number().int(), name: z.string(), album_id: z.string(), pic: z.string() }),
    ),
    address_person: z.string(),
    address_phone: z.string(),
    address_address: z.string(),
  })
  .partial();

export interface ControlTarget {
  state: AfdianState;
  webhookUrl: string | undefined;
  createOrder(partial?: Partial<AfdianOrder>): Promise<{ order: AfdianOrder; push?: { status: number; body: string } }>;
}

const reply = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

function jsonBody(req: SimRequest): unknown {
  return req.text.trim() === '' ? {} : JSON.parse(req.text);
}

export async function handleControl(req: SimRequest, sim: ControlTarget): Promise<SimResponse> {
  const route = `${req.method} ${req.path}`;
  try {
    if (route === 'POST /__sandbox/orders') {
      const partial = PartialOrder.parse(jsonBody(req));
      return reply(200, await sim.createOrder(partial));
    }
    if (route === 'PUT /__sandbox/webhook-url') {
      const { url } = z.object({ url: z.url().nullable() }).parse(jsonBody(req));
      sim.webhookUrl = url ?? undefined;
      return reply(200, { webhookUrl: sim.webhookUrl ?? null });
    }
    if (route === 'GET /__sandbox/state') return reply(200, summary(sim));
  } catch (err) {
    const message = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
    return reply(400, { error: 'bad_request', message });
  }
  return reply(404, { error: 'not_found', message: `no sandbox endpoint ${route}` });
}

function summary(sim: ControlTarget) {
  const s = sim.state;
  return {
    webhookUrl: sim.webhookUrl ?? null,
    counts: {
      orders: s.orders.length,
      sponsors: new Set(s.orders.map((o) => o.user_id)).size,
      plans: s.plans.length,
      messages: s.messages.length,
      webhookDeliveries: s.deliveries.length,
    },
    plans: s.plans.map((p) => ({ plan_id: p.plan_id, name: p.name, price: p.price, product_type: p.product_type })),
    lastMessages: s.messages.slice(-20),
    lastDeliveries: s.deliveries.slice(-20),
  };
}
