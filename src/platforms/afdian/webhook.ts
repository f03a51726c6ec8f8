import type { WebhookReceiver, WebhookVerdict } from '../types.js';
import type { AfdianConfig } from './config.js';
import { loadPublicKey, verifyWebhookSignature } from './sign.js';

/** The only answer Afdian counts as received; anything else may be retried by Afdian. */
const ACK = JSON.stringify({ ec: 200, em: '' });

function refuse(reason: string): WebhookVerdict {
  return { status: 400, body: JSON.stringify({ ec: 400, em: reason }), contentType: 'application/json', refused: reason };
}

const SIGNED = ['out_trade_no', 'user_id', 'plan_id', 'total_amount'] as const;

/**
 * Only the four signed fields are Afdian's word; anyone who has seen one genuine push can
 * replay it with another remark, show_amount or type. Those travel under `unverified`, and
 * readers take them from query-order for the same out_trade_no (the context does).
 */
function authenticPart(signed: Record<(typeof SIGNED)[number], string>, order: Record<string, unknown>, type: unknown) {
  const unverified: Record<string, unknown> = Object.fromEntries(Object.entries(order).filter(([k]) => !(SIGNED as readonly string[]).includes(k)));
  if (type !== undefined && type !== 'order') unverified.type = type;
  return { ...Object.fromEntries(SIGNED.map((k) => [k, signed[k]])), unverified };
}

/**
 * Verifies Afdian's RSA signature before anything is stored: a push is authentic only if `sign`
 * verifies over out_trade_no + user_id + plan_id + total_amount with Afdian's public key.
 */
export function afdianWebhook(cfg: AfdianConfig, now: () => number = Date.now): WebhookReceiver {
  const key = loadPublicKey(cfg.webhookPublicKey);
  return {
    receive(rawBody) {
      let body: { data?: { type?: unknown; order?: Record<string, unknown>; sign?: unknown }; sign?: unknown };
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return refuse('body is not JSON');
      }
      const data = body?.data;
      const order = data?.order;
      // The Go SDK's signed fixture has `sign` inside data; one doc digest shows it at the top level.
      const sign = data?.sign ?? body?.sign;
      if (!order || typeof order !== 'object') return refuse('no data.order');
      if (typeof sign !== 'string' || !sign) return refuse('no signature');
      if (SIGNED.some((f) => typeof order[f] !== 'string')) return refuse('order fields missing');
      const signed = order as Record<(typeof SIGNED)[number], string>;
      if (!signed.out_trade_no) return refuse('empty out_trade_no');
      if (!verifyWebhookSignature(signed, sign, key)) return refuse('signature verification failed');
      return {
        status: 200,
        body: ACK,
        contentType: 'application/json',
        events: [{ id: signed.out_trade_no, type: 'order', receivedAt: now(), payload: authenticPart(signed, order, data?.type) }],
      };
    },
  };
}
