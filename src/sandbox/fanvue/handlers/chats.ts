import { randomUUID } from 'node:crypto';
import type { Chat, Message } from '../types.js';
import { chatMediaView, chatView, cursored, messageView, paged, VARIANT_TYPES } from '../views.js';
import { smartListMembers, spentBy } from './audience.js';
import { badRequest, created, noContent, notFound, ok, iso, type Ctx, type Handler } from './kit.js';

const NO_CHAT = 'No conversation found with the given user';

function chatOf(ctx: Ctx): Chat | undefined {
  return ctx.creator.chats.get(ctx.params.userUuid ?? '');
}

function newestFirst(chat: Chat): Message[] {
  return [...chat.messages].reverse();
}

const lastAt = (c: Chat) => c.messages.at(-1)?.sentAt ?? c.createdAt;

function filterChats(ctx: Ctx, chats: Chat[]): Chat[] {
  const { creator, query, now } = ctx;
  let out = chats;
  const fan = (c: Chat) => creator.fans.get(c.fanUuid);
  for (const f of query.list('filter') ?? []) {
    const keep: Record<string, (c: Chat) => boolean> = {
      unread: (c) => !c.isRead,
      online: (c) => fan(c)?.online === true,
      subscribed_to: () => false,
      not_muted: (c) => !c.isMuted,
      archived: () => false,
      subscribers: (c) => fan(c)?.relation === 'subscriber',
      followers: (c) => fan(c)?.relation === 'follower',
      recent_subscribers: (c) => fan(c)?.relation === 'subscriber' && now - Date.parse(fan(c)?.subscribedAt ?? '') < 30 * 86_400_000,
      not_answered: (c) => c.messages.at(-1)?.senderUuid === c.fanUuid,
      spent_more_than_50: (c) => spentBy(creator, c.fanUuid) > 5000,
      on_free_trial: (c) => fan(c)?.freeTrial === true,
      has_tipped: (c) => creator.earnings.some((e) => e.fanUuid === c.fanUuid && e.source === 'tip'),
      spenders: (c) => spentBy(creator, c.fanUuid) > 0,
      exclude_creators: () => true,
    };
    out = out.filter(keep[f] ?? (() => true));
  }
  const listId = query.str('customListId');
  if (listId) {
    const members = new Set(creator.customLists.find((l) => l.uuid === listId)?.members ?? []);
    out = out.filter((c) => members.has(c.fanUuid));
  }
  const smart = query.list('smartListIds');
  if (smart) {
    const members = new Set(smart.flatMap((id) => smartListMembers(creator, id).map((f) => f.uuid)));
    out = out.filter((c) => members.has(c.fanUuid));
  }
  const search = query.str('search')?.toLowerCase();
  if (search) out = out.filter((c) => `${fan(c)?.displayName} ${fan(c)?.handle}`.toLowerCase().includes(search));
  const sortBy = query.str('sortBy') ?? 'most_recent_messages';
  const unread = (c: Chat) => c.messages.filter((m) => m.senderUuid === c.fanUuid && !m.isRead).length;
  return [...out].sort((a, b) =>
    sortBy === 'online_now'
      ? Number(fan(b)?.online) - Number(fan(a)?.online) || lastAt(b).localeCompare(lastAt(a))
      : sortBy === 'most_unanswered_chats'
        ? unread(b) - unread(a) || lastAt(b).localeCompare(lastAt(a))
        : lastAt(b).localeCompare(lastAt(a)),
  );
}

function wantedVariants(ctx: Ctx): readonly string[] {
  return ctx.query.list('variants') ?? VARIANT_TYPES;
}

export const chatHandlers: Record<string, Handler> = {
  listChats: (ctx) => ok(paged(filterChats(ctx, [...ctx.creator.chats.values()]).map((c) => chatView(ctx.view, c)), ctx.query.paging())),
  createChat: (ctx) => {
    const userUuid = String(ctx.body.userUuid);
    const fan = ctx.creator.fans.get(userUuid);
    if (!fan || !fan.contactable) return badRequest('This user cannot be contacted');
    if (ctx.creator.chats.has(userUuid)) return created({ message: 'Chat already exists' });
    ctx.creator.chats.set(userUuid, { fanUuid: userUuid, createdAt: iso(ctx.now), isMuted: false, isRead: true, nickname: null, messages: [] });
    return created({ message: 'Chat created' });
  },
  getUnreadChatsCount: (ctx) => {
    const chats = [...ctx.creator.chats.values()];
    const unread = ctx.creator.notifications.filter((n) => !n.isRead);
    const count = (type: number) => unread.filter((n) => n.eventType === type).length;
    return ok({
      unreadChatsCount: chats.filter((c) => !c.isRead).length,
      unreadMessagesCount: chats.reduce((s, c) => s + c.messages.filter((m) => m.senderUuid === c.fanUuid && !m.isRead).length, 0),
      unreadNotifications: { newFollower: count(12), newPostComment: count(6), newPostLike: count(7), newPurchase: count(9), newSubscriber: count(10), newTip: count(11), newPromotion: count(14) },
    });
  },
  updateChat: (ctx) => {
    const chat = chatOf(ctx);
    if (!chat) return notFound(NO_CHAT);
    const b = ctx.body;
    if (typeof b.isRead === 'boolean') {
      chat.isRead = b.isRead;
      if (b.isRead) for (const m of chat.messages) if (m.senderUuid === chat.fanUuid) m.isRead = true;
    }
    if (typeof b.isMuted === 'boolean') chat.isMuted = b.isMuted;
    if (typeof b.nickname === 'string') chat.nickname = b.nickname || null;
    return noContent();
  },
  getBatchStatuses: (ctx) => {
    const ids = ctx.body.userUuids as string[];
    return ok(Object.fromEntries(ids.map((id) => {
      const fan = ctx.creator.fans.get(id);
      return [id, { isOnline: fan?.online ?? false, lastSeenAt: fan?.online || !fan ? null : fan.lastSeenAt }];
    })));
  },
  listMedia: (ctx) => {
    const chat = chatOf(ctx);
    if (!chat) return notFound(NO_CHAT);
    const type = ctx.query.str('mediaType');
    const rows = newestFirst(chat).flatMap((m) =>
      m.mediaUuids.flatMap((id) => {
        const media = ctx.creator.media.find((x) => x.uuid === id);
        return media && (!type || media.mediaType === type) ? [chatMediaView(ctx.view, media, m, VARIANT_TYPES)] : [];
      }),
    );
    return ok(cursored(rows, ctx.query.str('cursor'), ctx.query.int('limit') ?? 20));
  },
  messagesBatch: (ctx) => {
    const ids = ctx.body.chatUuids as string[];
    const limit = typeof ctx.body.limit === 'number' ? ctx.body.limit : 20;
    const since = typeof ctx.body.sinceMessageUuid === 'string' ? ctx.body.sinceMessageUuid : undefined;
    const byChat: Record<string, unknown> = {};
    for (const id of ids) {
      const chat = ctx.creator.chats.get(id);
      if (!chat) {
        byChat[id] = { error: 'not_found' };
        continue;
      }
      let list = newestFirst(chat);
      const cut = since ? list.findIndex((m) => m.uuid === since) : -1;
      if (cut >= 0) list = list.slice(0, cut);
      const page = list.slice(0, limit);
      byChat[id] = { messages: page.map((m) => messageView(ctx.view, m)), hasMore: list.length > limit, oldestMessageUuid: page.at(-1)?.uuid ?? null };
    }
    return ok({ byChat });
  },
  listMessages: (ctx) => {
    const chat = chatOf(ctx);
    if (!chat) return notFound(NO_CHAT);
    const answer = paged(newestFirst(chat).map((m) => messageView(ctx.view, m)), ctx.query.paging());
    if (ctx.query.bool('markAsRead', true)) {
      chat.isRead = true;
      for (const m of chat.messages) if (m.senderUuid === chat.fanUuid) m.isRead = true;
    }
    return ok(answer);
  },
  sendMessage: (ctx) => {
    const chat = chatOf(ctx);
    if (!chat) return notFound(NO_CHAT);
    const fan = ctx.creator.fans.get(chat.fanUuid);
    if (!fan?.contactable) return badRequest('This user cannot be contacted');
    const b = ctx.body;
    const template = typeof b.templateUuid === 'string' ? ctx.creator.templates.find((t) => t.uuid === b.templateUuid) : undefined;
    if (typeof b.templateUuid === 'string' && !template) return badRequest('Template not found');
    const text = typeof b.text === 'string' ? b.text : (template?.text ?? null);
    const mediaUuids = Array.isArray(b.mediaUuids) ? (b.mediaUuids as string[]) : (template?.mediaUuids ?? []);
    const price = typeof b.price === 'number' ? b.price : (template?.price ?? null);
    if (!text && mediaUuids.length === 0) return badRequest('A message needs text or media');
    const foreign = mediaUuids.find((id) => !ctx.creator.media.some((m) => m.uuid === id && m.status === 'ready'));
    if (foreign) return badRequest(`Media ${foreign} does not belong to you or is not ready`);
    if (price !== null && mediaUuids.length === 0) return badRequest('A pay-to-view price needs media');
    const message: Message = {
      uuid: randomUUID(), senderUuid: ctx.creator.uuid, recipientUuid: fan.uuid, text, mediaUuids, price, sentAt: iso(ctx.now),
      type: 'SINGLE_RECIPIENT', isRead: false, purchasedAt: null, massMessageUuid: null,
    };
    chat.messages.push(message);
    chat.isRead = true;
    return created({ messageUuid: message.uuid });
  },
  deleteMessage: (ctx) => {
    const chat = chatOf(ctx);
    if (!chat) return notFound(NO_CHAT);
    const i = chat.messages.findIndex((m) => m.uuid === ctx.params.messageUuid);
    const m = chat.messages[i];
    if (!m) return notFound('Message not found');
    if (m.senderUuid !== ctx.creator.uuid) return badRequest('Only the sender can delete a message');
    if (m.purchasedAt) return badRequest('Purchased messages cannot be deleted');
    if (m.massMessageUuid) return badRequest('Mass messages cannot be deleted here');
    chat.messages.splice(i, 1);
    return noContent();
  },
  getMessageMediaByUuids: (ctx) => {
    const chat = chatOf(ctx);
    const message = chat?.messages.find((m) => m.uuid === ctx.params.messageUuid);
    if (!chat || !message) return notFound('Message not found');
    const results: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const id of ctx.query.list('mediaUuids') ?? []) {
      const media = message.mediaUuids.includes(id) ? ctx.creator.media.find((m) => m.uuid === id) : undefined;
      if (media) results[id] = chatMediaView(ctx.view, media, message, wantedVariants(ctx));
      else errors.push({ mediaUuid: id, code: 'NOT_IN_MESSAGE', message: 'This media is not part of the message' });
    }
    return ok({ results, errors });
  },
  listTemplateMessages: (ctx) => {
    const folder = ctx.query.str('folderName')?.toLowerCase();
    const rows = ctx.creator.templates.filter((t) => !folder || (t.folderName ?? '').toLowerCase().includes(folder));
    return ok(paged(rows, ctx.query.paging()));
  },
  getTemplateMessage: (ctx) => {
    const t = ctx.creator.templates.find((x) => x.uuid === ctx.params.templateUuid);
    return t ? ok(t) : notFound('Template not found');
  },
};
