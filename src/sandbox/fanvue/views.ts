import type { Chat, Creator, Fan, Media, Message, Post, TeamMember } from './types.js';

/** What views need from the simulator: signed media URLs on its own host. */
export interface ViewContext {
  creator: Creator;
  signedUrl(mediaUuid: string, variant: string): string;
}

export const VARIANT_TYPES = ['main', 'thumbnail', 'thumbnail_gallery', 'blurred'] as const;

function topSpenders(creator: Creator): Set<string> {
  const totals = new Map<string, number>();
  for (const e of creator.earnings) if (e.fanUuid) totals.set(e.fanUuid, (totals.get(e.fanUuid) ?? 0) + e.gross);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  return new Set(ranked.slice(0, Math.max(1, Math.ceil(ranked.length / 10))).map(([k]) => k));
}

export function fanUser(ctx: ViewContext, fan: Fan) {
  return {
    uuid: fan.uuid,
    handle: fan.handle,
    displayName: fan.displayName,
    nickname: ctx.creator.chats.get(fan.uuid)?.nickname ?? null,
    isTopSpender: topSpenders(ctx.creator).has(fan.uuid),
    avatarUrl: fan.avatarUrl,
    registeredAt: fan.registeredAt,
  };
}

/** The shorter user shape of comments, earnings and spending rows. */
export function fanRef(ctx: ViewContext, fan: Fan | undefined) {
  if (!fan) return null;
  const { uuid, handle, displayName, nickname, isTopSpender } = fanUser(ctx, fan);
  return { uuid, handle, displayName, nickname, isTopSpender };
}

export function listMember(fan: Fan) {
  return { uuid: fan.uuid, displayName: fan.displayName, handle: fan.handle, isCreator: false };
}

function handleOf(ctx: ViewContext, uuid: string): string {
  return uuid === ctx.creator.uuid ? ctx.creator.handle : (ctx.creator.fans.get(uuid)?.handle ?? 'unknown');
}

function mediaTypeOf(ctx: ViewContext, m: Message) {
  const first = m.mediaUuids[0];
  return first ? (ctx.creator.media.find((x) => x.uuid === first)?.mediaType ?? 'image') : null;
}

export function messageView(ctx: ViewContext, m: Message) {
  return {
    uuid: m.uuid,
    text: m.text,
    sentAt: m.sentAt,
    sender: { uuid: m.senderUuid, handle: handleOf(ctx, m.senderUuid) },
    recipient: { uuid: m.recipientUuid, handle: handleOf(ctx, m.recipientUuid) },
    hasMedia: m.mediaUuids.length > 0,
    mediaType: mediaTypeOf(ctx, m),
    mediaUuids: m.mediaUuids,
    type: m.type,
    pricing: m.price === null ? null : { USD: { price: m.price } },
    purchasedAt: m.purchasedAt,
    sentByUserId: null,
    isRead: m.isRead,
  };
}

export function chatView(ctx: ViewContext, chat: Chat) {
  const fan = ctx.creator.fans.get(chat.fanUuid) as Fan;
  const last = chat.messages.at(-1);
  return {
    createdAt: chat.createdAt,
    lastMessageAt: last?.sentAt ?? null,
    isRead: chat.isRead,
    isMuted: chat.isMuted,
    unreadMessagesCount: chat.messages.filter((m) => m.senderUuid === chat.fanUuid && !m.isRead).length,
    user: fanUser(ctx, fan),
    lastMessage: last
      ? { text: last.text, type: last.type, uuid: last.uuid, sentAt: last.sentAt, hasMedia: last.mediaUuids.length > 0, mediaType: mediaTypeOf(ctx, last), senderUuid: last.senderUuid, sentByUserId: null }
      : null,
  };
}

export function variantsOf(ctx: ViewContext, m: Media, wanted: readonly string[], withIds = true) {
  return VARIANT_TYPES.filter((v) => wanted.includes(v)).map((v, i) => ({
    ...(withIds ? { uuid: m.variantUuids[v] as string } : {}),
    variantType: v,
    displayPosition: i,
    url: ctx.signedUrl(m.uuid, v),
    width: v === 'thumbnail' ? 320 : m.width,
    height: v === 'thumbnail' ? 400 : m.height,
    lengthMs: m.lengthMs,
  }));
}

/** Non-finalised media is only {uuid, status}; URLs exist only for requested variants. */
export function mediaView(ctx: ViewContext, m: Media, wanted: readonly string[], purchasedBy?: string) {
  if (m.status !== 'ready') return { uuid: m.uuid, status: m.status };
  return {
    uuid: m.uuid,
    status: m.status,
    createdAt: m.createdAt,
    caption: m.caption,
    description: m.description,
    name: m.name,
    mediaType: m.mediaType,
    recommendedPrice: m.recommendedPrice,
    ...(purchasedBy ? { purchasedByFan: m.purchasedBy.includes(purchasedBy) } : {}),
    tags: m.mediaType === 'image' || m.mediaType === 'video' ? tagsOf(m) : null,
    variants: variantsOf(ctx, m, wanted),
  };
}

function tagsOf(m: Media) {
  return {
    description: m.description,
    tags: m.tags,
    importantTags: m.tags.slice(0, 1),
    otherTags: m.tags.slice(1),
    isNsfw: false,
    nsfwCategory: [],
    mediaType: m.mediaType as 'image' | 'video',
    setting: m.tags.filter((t) => ['outdoor', 'beach', 'studio', 'night'].includes(t)),
    people: ['1 person'],
    bodyParts: [],
    bodyType: [],
    hairColor: [],
    position: [],
    sexActs: [],
    sexObjects: [],
    skinColor: [],
  };
}

export function chatMediaView(ctx: ViewContext, m: Media, message: Message, wanted: readonly string[]) {
  return {
    uuid: m.uuid,
    messageUuid: message.uuid,
    mediaType: m.mediaType,
    created_at: m.createdAt,
    sentAt: message.sentAt,
    ownerUuid: message.senderUuid,
    name: m.name,
    variants: variantsOf(ctx, m, wanted, false),
  };
}

export function postView(ctx: ViewContext, p: Post) {
  return {
    uuid: p.uuid,
    createdAt: p.createdAt,
    text: p.text,
    price: p.price,
    mediaPreviewUuid: p.mediaPreviewUuid,
    audience: p.audience,
    publishAt: p.publishAt,
    publishedAt: p.publishedAt,
    expiresAt: p.expiresAt,
    mediaUuids: p.mediaUuids,
    isPinned: p.isPinned,
    likesCount: p.likes.length,
    commentsCount: p.comments.length,
    tips: { count: p.tips.length, totalGross: p.tips.reduce((s, t) => s + t.gross, 0), totalNet: p.tips.reduce((s, t) => s + t.net, 0) },
    collections: p.collectionUuids.flatMap((u) => {
      const c = ctx.creator.collections.find((x) => x.uuid === u);
      return c ? [{ uuid: c.uuid, label: c.label }] : [];
    }),
  };
}

export function accountView(creator: Creator) {
  const fans = [...creator.fans.values()];
  const total = creator.earnings.reduce((s, e) => s + e.net, 0);
  const available = creator.earnings.filter((e) => e.status === 'availableForPayout').reduce((s, e) => s + e.net, 0) - creator.paidOut;
  return {
    ...profileView(creator),
    account: {
      status: 'active' as const,
      earnings: { total, availableBalance: Math.max(0, available), lastPayoutAt: creator.lastPayoutAt },
      fans: { followers: fans.filter((f) => f.relation === 'follower').length, subscribers: fans.filter((f) => f.relation === 'subscriber').length },
    },
  };
}

export function profileView(creator: Creator) {
  return {
    uuid: creator.uuid,
    email: creator.email,
    handle: creator.handle,
    bio: creator.bio,
    displayName: creator.displayName,
    isCreator: true,
    createdAt: creator.createdAt,
    updatedAt: null,
    avatarUrl: creator.avatarUrl,
    bannerUrl: creator.bannerUrl,
  };
}

export function teamMemberView(m: TeamMember) {
  return { uuid: m.uuid, email: m.email, displayName: m.displayName, nickname: m.nickname, isAdmin: m.isAdmin, creatorAccess: m.creatorAccess };
}

/** Fanvue's page-based envelope: no total, only whether another page exists. */
export function paged<T>(items: readonly T[], query: { page?: number; size?: number }, defaultSize = 15) {
  const page = query.page ?? 1;
  const size = query.size ?? defaultSize;
  const slice = items.slice((page - 1) * size, page * size);
  return { data: slice, pagination: { page, size: slice.length, hasMore: page * size < items.length } };
}

/** Fanvue's cursor envelope: an opaque cursor (here the next offset, base64url) or null at the end. */
export function cursored<T>(items: readonly T[], cursor: string | undefined, size: number) {
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, '')) || 0 : 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(`o:${start + size}`).toString('base64url') : null;
  return { data: slice, nextCursor: next };
}
