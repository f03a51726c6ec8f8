import { sign as rsaSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { AfdianOrder } from './types.js';

const PUSH_TIMEOUT_MS = 10_000;

/** Documented signed string (since 2025-07-01): plain concatenation, no separators. */
export function webhookSignString(o: Pick<AfdianOrder, 'out_trade_no' | 'user_id' | 'plan_id' | 'total_amount'>): string {
  return o.out_trade_no + o.user_id + o.plan_id + o.total_amount;
}

/** base64 RSA-SHA256 with PKCS#1 v1.5 padding (Node's default for RSA keys). */
export function signWebhook(order: AfdianOrder, privateKey: KeyObject): string {
  return rsaSign('sha256', Buffer.from(webhookSignString(order), 'utf8'), privateKey).toString('base64');
}

/** The webhook copy of an order also carries `plan_title`, which query-order does not return. */
export function buildWebhookBody(order: AfdianOrder, planTitle: string, privateKey: KeyObject): string {
  const sign = signWebhook(order, privateKey);
  return JSON.stringify({ ec: 200, em: 'ok', data: { type: 'order', order: { ...order, plan_title: planTitle }, sign } });
}

/** Status 0 means the receiver could not be reached (refused, timed out). */
export async function pushWebhook(url: string, body: string): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
