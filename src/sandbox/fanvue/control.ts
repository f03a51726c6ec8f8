import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { SimRequest, SimResponse } from '../sim-host.js';
import type { FanvueSimulator } from './simulator.js';
import type { Fan, Message } from './types.js';

const reply = (status: number, value: unknown): SimResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });
const body = (req: SimRequest): unknown => (req.text.trim() ? JSON.parse(req.text) : {});
const iso = (ms: number) => new Date(ms).toISOString();

/** A fan writes to the creator; the message lands in the chat and is pushed as message.received. */
export async function fanSendsMessage(sim: FanvueSimulator, fanUuid?: string, text?: string) {
  const creator = sim.creator;
  const chats = [...creator.chats.values()];
  const chat = fanUuid ? creator.chats.get(fanUuid) : chats[Math.floor(Math.random() * chats.length)];
  if (!chat) throw new Error(`no chat with ${fanUuid ?? 'any fan'}`);
  const fan = creator.fans.get(chat.fanUuid) as Fan;
  const now = sim.now();
  const message: Message = {
    uuid: randomUUID(), senderUuid: fan.uuid, recipientUuid: creator.uuid, text: text ?? 'Hey! Are you online? 👋', mediaUuids: [], price: null,
    sentAt: iso(now), type: 'SINGLE_RECIPIENT', isRead: false, purchasedAt: null, massMessageUuid: null,
  };
  chat.messages.push(message);
  chat.isRead = false;
  const push = await sim.webhooks.push({
    messageUuid: message.uuid,
    message: { uuid: message.uuid, text: message.text, hasMedia: false, mediaUuids: [], price: null, createdAt: message.sentAt },
    sender: { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: fan.avatarUrl },
    recipientUuid: creator.uuid,
    isMuted: chat.isMuted,
    timestamp: message.sentAt,
  });
  return { message, push };
}

/** Someone subscribes (payment, notification); pushed with the flat payload shape Fanvue uses for platform events. */
export async function newSubscriber(sim: FanvueSimulator) {
  const creator = sim.creator;
  const now = sim.now();
  const n = creator.fans.size + 1;
  const fan: Fan = {
    uuid: randomUUID(), handle: `newfan${n}`, displayName: `New Fan ${n}`, avatarUrl: null, registeredAt: iso(now - 86_400_000), relation: 'subscriber',
    subscribedAt: iso(now), renewsAt: iso(now + 30 * 86_400_000), autoRenew: true, freeTrial: false, online: true, lastSeenAt: iso(now), contactable: true,
  };
  creator.fans.set(fan.uuid, fan);
  creator.chats.set(fan.uuid, { fanUuid: fan.uuid, createdAt: iso(now), isMuted: false, isRead: true, nickname: null, messages: [] });
  creator.earnings.unshift({ transactionOrderId: `txn_${randomUUID().slice(0, 16)}`, date: iso(now), gross: 999, net: 799, source: 'subscription', fanUuid: fan.uuid, status: 'pendingBalance' });
  creator.notifications.unshift({ uuid: randomUUID(), createdAt: iso(now), eventType: 10, isRead: false, data: {}, originatorUuid: fan.uuid });
  const push = await sim.webhooks.push({
    subscriber: { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: null },
    recipientUuid: creator.uuid,
    price: 999,
    subscribedAt: fan.subscribedAt,
    timestamp: iso(now),
  });
  return { fan, push };
}

export async function handleControl(req: SimRequest, sim: FanvueSimulator): Promise<SimResponse> {
  const route = `${req.method} ${req.path}`;
  try {
    switch (route) {
      case 'POST /__sandbox/fan-messages': {
        const b = z.object({ fanUuid: z.string().optional(), text: z.string().min(1).optional() }).parse(body(req));
        const { message, push } = await fanSendsMessage(sim, b.fanUuid, b.text);
        return reply(200, { message, push: push && { status: push.status } });
      }
      case 'POST /__sandbox/subscribers': {
        const { fan, push } = await newSubscriber(sim);
        return reply(200, { fan, push: push && { status: push.status } });
      }
      case 'POST /__sandbox/expire-tokens':
        return reply(200, { expired: sim.oauth.expireAccessTokens() });
      case 'POST /__sandbox/api-version': {
        sim.versionState = z.object({ state: z.enum(['current', 'deprecated', 'sunset']) }).parse(body(req)).state;
        return reply(200, { state: sim.versionState });
      }
      case 'PUT /__sandbox/webhook-url': {
        sim.webhooks.url = z.object({ url: z.url().nullable() }).parse(body(req)).url ?? undefined;
        return reply(200, { webhookUrl: sim.webhooks.url ?? null });
      }
      case 'GET /__sandbox/state': {
        const c = sim.creator;
        return reply(200, {
          creator: { uuid: c.uuid, handle: c.handle },
          counts: { fans: c.fans.size, chats: c.chats.size, media: c.media.length, posts: c.posts.filter((p) => !p.deleted).length, massMessages: c.massMessages.length },
          oauth: sim.oauth.stats,
          rateLimited: sim.limits.refused,
          webhookUrl: sim.webhooks.url ?? null,
          deliveries: sim.webhooks.deliveries.slice(-20).map((d) => ({ status: d.status, at: iso(d.at) })),
        });
      }
    }
  } catch (err) {
    const message = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
    return reply(400, { error: 'bad_request', message });
  }
  return reply(404, { error: 'not_found', message: `no sandbox endpoint ${route}` });
}
