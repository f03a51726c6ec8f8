import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEvent, WebhookReceiver, WebhookVerdict } from '../types.js';
import type { FanvueConfig } from './config.js';

/** Fanvue's guidance: refuse signatures older than about five minutes (replays). */
export const SIGNATURE_TOLERANCE_S = 300;

function refuse(status: number, reason: string): WebhookVerdict {
  return { status, body: JSON.stringify({ error: reason }), contentType: 'application/json', refused: reason };
}

/**
 * `t=<unix seconds>,v0=<hex>`. While a signing secret rotates Fanvue sends several signatures,
 * either as repeated `v0=` pairs or as bare values after the first (`v0=<old>,<new>`); a match
 * on any of them is genuine.
 */
export function parseSignature(header: string): { t?: string; v0: string[] } {
  const out: { t?: string; v0: string[] } = { v0: [] };
  let key: string | undefined;
  for (const part of header.split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    if (eq > 0) {
      key = item.slice(0, eq);
      const v = item.slice(eq + 1);
      if (key === 't' && v) out.t = v;
      else if (key === 'v0' && v) out.v0.push(v);
    } else if (key === 'v0' && item) {
      out.v0.push(item);
    }
  }
  return out;
}

/**
 * What happened, whichever generation named it: Fanvue renamed its flat legacy events
 * (`purchase.new`, `tip.new`, ...) to `creator.*` names in an `{id, type, timestamp, data}`
 * envelope. Readers of the inbox ask this instead of matching either spelling themselves.
 */
export function fanvueEventKind(type: string): string {
  const name = type.replace(/^creator\./, '');
  if (/^message\.(received|new)/.test(name)) return 'message';
  if (/^message\.read/.test(name)) return 'message_read';
  if (/^follow/.test(name)) return 'follower';
  if (/^subscri/.test(name)) return 'subscriber';
  if (/^(purchase|payment)/.test(name)) return 'purchase';
  if (/^tip/.test(name)) return 'tip';
  return name;
}

export function signPayload(secret: string, t: number | string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/**
 * Verifies `X-Fanvue-Signature` (HMAC-SHA256 over "<t>.<raw body>" with the app's signing
 * secret, compared in constant time, stale timestamps refused) before anything is stored.
 */
export function fanvueWebhook(cfg: Pick<FanvueConfig, 'webhookSecret'>, now: () => number = Date.now): WebhookReceiver {
  return {
    receive(rawBody, headers) {
      if (!cfg.webhookSecret) return refuse(503, 'FANVUE_WEBHOOK_SECRET is not set; set it to the app’s signing secret');
      const raw = headers['x-fanvue-signature'];
      const header = Array.isArray(raw) ? raw.join(',') : raw;
      if (!header) return refuse(401, 'no X-Fanvue-Signature header');
      const { t, v0 } = parseSignature(header);
      if (!t || !/^\d{1,12}$/.test(t) || v0.length === 0) return refuse(401, 'malformed X-Fanvue-Signature header');
      if (Math.abs(now() / 1000 - Number(t)) > SIGNATURE_TOLERANCE_S) return refuse(401, 'stale signature timestamp');
      const expected = Buffer.from(signPayload(cfg.webhookSecret, t, rawBody), 'hex');
      const genuine = v0.some((v) => /^[0-9a-f]{64}$/i.test(v) && timingSafeEqual(Buffer.from(v, 'hex'), expected));
      if (!genuine) return refuse(401, 'signature verification failed');
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return refuse(400, 'body is not JSON');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'body is not a JSON object');
      return { status: 200, body: JSON.stringify({ received: true }), contentType: 'application/json', events: [toEvent(body as Record<string, unknown>, rawBody, now())] };
    },
  };
}

/**
 * Platform events are flat, event-specific payloads without an id; a redelivery carries the same
 * bytes (only the signature header changes), so the body's hash is the stable id. Checkout
 * events come in a Standard Webhooks envelope with their own id.
 */
export function toEvent(body: Record<string, unknown>, rawBody: Buffer, receivedAt: number): WebhookEvent {
  const envelopeId = typeof body.id === 'string' && typeof body.type === 'string' ? body.id : undefined;
  const type = eventType(body);
  return {
    id: envelopeId ?? `sha256-${createHash('sha256').update(rawBody).digest('hex').slice(0, 40)}`,
    type,
    kind: fanvueEventKind(type),
    receivedAt,
    payload: body,
  };
}

function eventType(body: Record<string, unknown>): string {
  for (const key of ['type', 'event', 'eventType']) if (typeof body[key] === 'string') return body[key] as string;
  if (typeof body.messageUuid === 'string' && body.message) return 'message.received';
  if (body.subscriber) return 'subscription.new';
  if (body.follower) return 'follow.new';
  if (body.tip) return 'tip.new';
  if (body.purchase) return 'purchase.new';
  return 'unknown';
}
