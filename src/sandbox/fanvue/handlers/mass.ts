import { randomUUID } from 'node:crypto';
import type { Creator, ListSelection, MassMessage } from '../types.js';
import { paged } from '../views.js';
import { smartListMembers } from './audience.js';
import { badRequest, created, iso, noContent, notFound, ok, type Ctx, type Handler } from './kit.js';

function audience(creator: Creator, lists: ListSelection | undefined): Set<string> {
  const out = new Set<string>();
  for (const id of lists?.smartListUuids ?? []) for (const f of smartListMembers(creator, id)) out.add(f.uuid);
  for (const id of lists?.customListUuids ?? []) {
    for (const f of creator.customLists.find((l) => l.uuid === id)?.members ?? []) if (creator.fans.get(f)?.contactable) out.add(f);
  }
  return out;
}

function recipientsOf(creator: Creator, included: ListSelection, excluded: ListSelection | undefined): string[] {
  const leave = audience(creator, excluded);
  return [...audience(creator, included)].filter((id) => !leave.has(id));
}

function view(m: MassMessage) {
  return {
    uuid: m.uuid, text: m.text, status: m.status, price: m.price, createdAt: m.createdAt, publishedAt: m.publishedAt, scheduledAt: m.scheduledAt,
    recipientCount: m.recipientUuids.length, viewCount: m.viewCount, purchaseCount: m.purchaseCount, totalRevenue: m.totalRevenue, mediaUuids: m.mediaUuids,
  };
}

function mediaProblem(ctx: Ctx, mediaUuids: string[], price: number | null): string | undefined {
  const foreign = mediaUuids.find((id) => !ctx.creator.media.some((m) => m.uuid === id && m.status === 'ready'));
  if (foreign) return `Media ${foreign} does not belong to you or is not ready`;
  if (price !== null && mediaUuids.length === 0) return 'A pay-to-view price needs media';
  return undefined;
}

/** A sent mass message lands in every recipient's chat, as on Fanvue. */
function deliver(ctx: Ctx, m: MassMessage): void {
  for (const fanUuid of m.recipientUuids) {
    let chat = ctx.creator.chats.get(fanUuid);
    if (!chat) ctx.creator.chats.set(fanUuid, (chat = { fanUuid, createdAt: iso(ctx.now), isMuted: false, isRead: true, nickname: null, messages: [] }));
    chat.messages.push({
      uuid: randomUUID(), senderUuid: ctx.creator.uuid, recipientUuid: fanUuid, text: m.text, mediaUuids: m.mediaUuids, price: m.price,
      sentAt: iso(ctx.now), type: 'SINGLE_RECIPIENT', isRead: false, purchasedAt: null, massMessageUuid: m.uuid,
    });
  }
}

export const massHandlers: Record<string, Handler> = {
  listMassMessages: (ctx) => {
    const all = ctx.query.bool('includeDeleted', false);
    const rows = [...ctx.creator.massMessages].reverse().filter((m) => all || m.status !== 'UNSENT').map(view);
    return ok(paged(rows, ctx.query.paging()));
  },
  sendMassMessage: (ctx) => {
    const b = ctx.body as { includedLists: ListSelection; excludedLists?: ListSelection; text?: string; mediaUuids?: string[]; price?: number | null; scheduledAt?: string };
    const mediaUuids = b.mediaUuids ?? [];
    const price = b.price ?? null;
    if (!b.text && mediaUuids.length === 0) return badRequest('A mass message needs text or media');
    const problem = mediaProblem(ctx, mediaUuids, price);
    if (problem) return badRequest(problem);
    const recipients = recipientsOf(ctx.creator, b.includedLists, b.excludedLists);
    if (recipients.length === 0) return badRequest('The selected lists contain no contactable users');
    const scheduled = b.scheduledAt !== undefined && Date.parse(b.scheduledAt) > ctx.now;
    const m: MassMessage = {
      uuid: randomUUID(), text: b.text ?? null, status: scheduled ? 'SCHEDULED' : 'SENT', price, createdAt: iso(ctx.now),
      publishedAt: scheduled ? null : iso(ctx.now), scheduledAt: scheduled ? (b.scheduledAt as string) : null, recipientUuids: recipients,
      viewCount: 0, purchaseCount: 0, totalRevenue: 0, mediaUuids, includedLists: b.includedLists, excludedLists: b.excludedLists ?? {},
    };
    ctx.creator.massMessages.push(m);
    if (!scheduled) deliver(ctx, m);
    return created({ id: m.uuid, recipientCount: recipients.length, createdAt: scheduled ? null : m.createdAt });
  },
  updateMassMessage: (ctx) => {
    const m = ctx.creator.massMessages.find((x) => x.uuid === ctx.params.messageUuid);
    if (!m) return notFound('Mass message not found');
    if (m.status !== 'SCHEDULED') return badRequest('Only scheduled mass messages can be updated');
    const b = ctx.body as Partial<{ includedLists: ListSelection; excludedLists: ListSelection; text: string; mediaUuids: string[]; price: number | null; scheduledAt: string }>;
    const mediaUuids = b.mediaUuids ?? m.mediaUuids;
    const price = b.price === undefined ? m.price : b.price;
    const problem = mediaProblem(ctx, mediaUuids, price);
    if (problem) return badRequest(problem);
    Object.assign(m, { mediaUuids, price, ...(b.text !== undefined ? { text: b.text } : {}), ...(b.scheduledAt ? { scheduledAt: b.scheduledAt } : {}) });
    if (b.includedLists || b.excludedLists) {
      m.includedLists = b.includedLists ?? m.includedLists;
      m.excludedLists = b.excludedLists ?? m.excludedLists;
    }
    m.recipientUuids = recipientsOf(ctx.creator, m.includedLists, m.excludedLists);
    return noContent();
  },
  deleteMassMessage: (ctx) => {
    const m = ctx.creator.massMessages.find((x) => x.uuid === ctx.params.messageUuid);
    if (!m || m.status === 'UNSENT') return notFound('Mass message not found');
    // Copies already bought stay with their buyers.
    for (const chat of ctx.creator.chats.values()) chat.messages = chat.messages.filter((x) => x.massMessageUuid !== m.uuid || x.purchasedAt !== null);
    m.status = 'UNSENT';
    return noContent();
  },
};
