import { INJECTION_NAME, INJECTION_TEXT } from '../injection.js';
import { Rng } from './rng.js';
import type { Chat, Creator, Earning, Fan, FanvueWorld, Media, MediaType, Message, Post, TeamMember } from './types.js';

export const SEED = 0xfa17e;
const DAY = 86_400_000;

const FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Chris', 'Jamie', 'Robin', 'Casey', 'Morgan', 'Riley', 'Drew', 'Quinn', 'Avery', 'Blake', 'Cameron', 'Dakota', 'Emerson', 'Finley', 'Harper', 'Jesse', 'Kai', 'Logan', 'Max', 'Noah', 'Oli', 'Parker', 'Reese', 'Sky', 'Tom', 'Val'];
const LAST = ['Miller', 'Brooks', 'Carter', 'Diaz', 'Evans', 'Fox', 'Gray', 'Hayes', 'Ivers', 'James', 'King', 'Lane', 'Moss', 'Nash', 'Owens', 'Price', 'Reed', 'Stone', 'Tate', 'Vance'];
const FAN_LINES = ['Loved the new set 😍', 'When is the next drop?', 'You looked amazing today', 'Any chance of a custom video?', 'Good morning!', 'Thanks for the reply ❤️', 'Just renewed, keep it up', 'What camera do you use?'];
const CREATOR_LINES = ['Thank you so much! 💕', 'New set coming Friday', 'Glad you liked it!', 'Sent you something special', 'Have a great day!', 'Custom requests are open this week'];
const MEDIA_NAMES: Record<MediaType, string[]> = {
  image: ['Beach sunset', 'Golden hour', 'Studio portrait', 'Poolside', 'City lights', 'Morning coffee', 'Red dress', 'Garden walk'],
  video: ['Behind the scenes', 'Q&A video', 'Workout clip', 'Travel vlog', 'Dance teaser'],
  audio: ['Voice note', 'Bedtime story'],
  document: ['Fan guide'],
};
const POST_LINES = ['New set is up! 📸', 'Thank you for 1k subscribers!', 'Exclusive behind the scenes 🎬', 'Which outfit do you prefer?', 'Weekend vibes ☀️', 'Surprise for my subscribers', 'Sneak peek of Friday’s drop'];

export const iso = (ms: number) => new Date(ms).toISOString();

export interface CreatorProfile {
  handle: string;
  displayName: string;
  fans: number;
  chats: number;
  media: number;
  posts: number;
}

export const PROFILES: readonly CreatorProfile[] = [
  { handle: 'lunavale', displayName: 'Luna Vale', fans: 40, chats: 25, media: 30, posts: 12 },
  { handle: 'miastone', displayName: 'Mia Stone', fans: 12, chats: 6, media: 8, posts: 4 },
  { handle: 'avareyes', displayName: 'Ava Reyes', fans: 10, chats: 4, media: 6, posts: 3 },
];

function makeFan(rng: Rng, i: number, now: number): Fan {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const relation = i < 0.55 ? 'subscriber' : i < 0.8 ? 'follower' : i < 0.93 ? 'expired' : 'none';
  const subscribedAt = relation === 'subscriber' || relation === 'expired' ? now - rng.int(2, 300) * DAY : null;
  const autoRenew = relation === 'subscriber' && rng.chance(0.7);
  return {
    uuid: rng.uuid(),
    handle: `${first}${last}${rng.int(1, 99)}`.toLowerCase(),
    displayName: `${first} ${last[0]}.`,
    avatarUrl: rng.chance(0.8) ? `https://media.fanvue.com/avatars/${rng.hex(12)}.jpg` : null,
    registeredAt: iso(now - rng.int(310, 900) * DAY),
    relation,
    subscribedAt: subscribedAt === null ? null : iso(subscribedAt),
    renewsAt: relation === 'subscriber' ? iso(now + rng.int(1, 29) * DAY) : null,
    autoRenew,
    freeTrial: relation === 'subscriber' && rng.chance(0.1),
    online: rng.chance(0.25),
    lastSeenAt: iso(now - rng.int(1, 5000) * 60_000),
    contactable: relation !== 'none',
  };
}

function makeMedia(rng: Rng, now: number, type: MediaType, n: number): Media {
  const video = type === 'video';
  return {
    uuid: rng.uuid(),
    name: `${rng.pick(MEDIA_NAMES[type])} ${String(n).padStart(2, '0')}`,
    caption: rng.chance(0.5) ? rng.pick(POST_LINES) : null,
    description: type === 'image' ? `A photo: ${rng.pick(['sunset on a beach', 'portrait in a studio', 'street at night', 'coffee on a balcony'])}` : null,
    mediaType: type,
    status: 'ready',
    createdAt: iso(now - rng.int(1, 200) * DAY),
    recommendedPrice: rng.chance(0.4) ? rng.pick([500, 999, 1499, 1999]) : null,
    width: type === 'image' || video ? 1080 : null,
    height: type === 'image' || video ? 1350 : null,
    lengthMs: video ? rng.int(15, 600) * 1000 : type === 'audio' ? rng.int(10, 120) * 1000 : null,
    tags: rng.sample(['outdoor', 'beach', 'portrait', 'studio', 'night', 'summer', 'fitness'], 3),
    usage: rng.sample(['subscribers', 'followers', 'ppv', 'mass_messages'] as const, rng.int(0, 2)),
    purchasedBy: [],
    variantUuids: Object.fromEntries(['main', 'thumbnail', 'blurred', 'thumbnail_gallery'].map((v) => [v, rng.uuid()])),
  };
}

function makeChat(rng: Rng, creator: Creator, fan: Fan, now: number): Chat {
  const messages: Message[] = [];
  let at = now - rng.int(1, 40) * DAY;
  const count = rng.int(2, 8);
  for (let i = 0; i < count; i++) {
    const fromFan = i % 2 === 0;
    at += rng.int(5, 600) * 60_000;
    const ppv = !fromFan && rng.chance(0.2) && creator.media.length > 0;
    messages.push({
      uuid: rng.uuid(),
      senderUuid: fromFan ? fan.uuid : creator.uuid,
      recipientUuid: fromFan ? creator.uuid : fan.uuid,
      text: fromFan ? rng.pick(FAN_LINES) : rng.pick(CREATOR_LINES),
      mediaUuids: ppv ? [rng.pick(creator.media).uuid] : [],
      price: ppv ? rng.pick([500, 999, 1500]) : null,
      sentAt: iso(Math.min(at, now - 60_000)),
      type: fromFan ? 'SINGLE_RECIPIENT' : rng.pick(['SINGLE_RECIPIENT', 'CHAT_TEXT_REPLY']),
      isRead: true,
      purchasedAt: ppv && rng.chance(0.5) ? iso(Math.min(at + 3_600_000, now)) : null,
      massMessageUuid: null,
    });
  }
  const last = messages.at(-1);
  const unread = last !== undefined && last.senderUuid === fan.uuid && rng.chance(0.6);
  if (unread && last) last.isRead = false;
  return { fanUuid: fan.uuid, createdAt: messages[0]?.sentAt ?? iso(now), isMuted: rng.chance(0.1), isRead: !unread, nickname: rng.chance(0.15) ? 'VIP' : null, messages };
}

function makePost(rng: Rng, creator: Creator, now: number, i: number): Post {
  const fans = [...creator.fans.values()];
  const published = now - rng.int(1, 120) * DAY;
  const scheduled = i === 0;
  const media = rng.sample(creator.media, rng.int(0, 3)).map((m) => m.uuid);
  const ppv = media.length > 0 && rng.chance(0.25);
  return {
    uuid: rng.uuid(),
    createdAt: iso(published - 3_600_000),
    text: rng.pick(POST_LINES),
    price: ppv ? rng.pick([500, 999, 1999]) : null,
    mediaUuids: media,
    mediaPreviewUuid: ppv ? (media[0] ?? null) : null,
    audience: rng.chance(0.7) ? 'subscribers' : 'followers-and-subscribers',
    publishAt: scheduled ? iso(now + 2 * DAY) : null,
    publishedAt: scheduled ? null : iso(published),
    expiresAt: null,
    isPinned: i === 1,
    collectionUuids: [],
    deleted: false,
    comments: rng.sample(fans, rng.int(0, 4)).map((f) => ({ uuid: rng.uuid(), text: rng.pick(FAN_LINES), userUuid: f.uuid, createdAt: iso(published + rng.int(1, 48) * 3_600_000), updatedAt: null })),
    likes: rng.sample(fans, rng.int(0, 10)).map((f) => ({ userUuid: f.uuid, createdAt: iso(published + rng.int(1, 72) * 3_600_000) })),
    tips: rng.sample(fans, rng.int(0, 2)).map((f) => {
      const gross = rng.pick([300, 500, 1000, 2500]);
      return { userUuid: f.uuid, createdAt: iso(published + rng.int(1, 72) * 3_600_000), gross, net: Math.round(gross * 0.8) };
    }),
  };
}

function earning(rng: Rng, date: number, gross: number, source: Earning['source'], fanUuid: string | null, now: number, extra: Partial<Earning> = {}): Earning {
  return {
    transactionOrderId: `txn_${rng.hex(16)}`,
    date: iso(date),
    gross,
    net: Math.round(gross * 0.8),
    source,
    fanUuid,
    status: now - date > 7 * DAY ? 'availableForPayout' : 'pendingBalance',
    ...extra,
  };
}

export function seedCreator(rng: Rng, profile: CreatorProfile, now: number): Creator {
  const c: Creator = {
    uuid: rng.uuid(),
    handle: profile.handle,
    displayName: profile.displayName,
    email: `${profile.handle}@example.com`,
    bio: `${profile.displayName}: photos, videos and chats for my subscribers.`,
    avatarUrl: `https://media.fanvue.com/avatars/${profile.handle}.jpg`,
    bannerUrl: `https://media.fanvue.com/banners/${profile.handle}.jpg`,
    createdAt: iso(now - 800 * DAY),
    lastPayoutAt: iso(now - 12 * DAY),
    paidOut: 0,
    percentile: rng.pick([0.5, 2.5, 7.5, 12]),
    fans: new Map(),
    chats: new Map(),
    media: [],
    vault: [],
    posts: [],
    collections: [],
    customLists: [],
    templates: [],
    massMessages: [],
    earnings: [],
    reversals: [],
    trackingLinks: [],
    notifications: [],
    uploads: new Map(),
    entitlements: [],
    mediaLinks: new Map(),
  };
  for (let i = 0; i < profile.fans; i++) {
    const fan = makeFan(rng, i / profile.fans, now);
    c.fans.set(fan.uuid, fan);
  }
  const fans = [...c.fans.values()];
  const types: MediaType[] = ['image', 'image', 'image', 'video', 'image', 'video', 'audio', 'image'];
  for (let i = 0; i < profile.media; i++) c.media.push(makeMedia(rng, now, types[i % types.length] as MediaType, i + 1));
  c.media.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const pending = c.media.at(-1);
  if (pending && profile.media > 10) pending.status = 'processing';
  for (const fan of fans.filter((f) => f.contactable).slice(0, profile.chats)) c.chats.set(fan.uuid, makeChat(rng, c, fan, now));
  c.vault = ['Beach', 'Behind the scenes', 'PPV'].map((name, i) => ({ name, createdAt: iso(now - (100 - i) * DAY), mediaUuids: rng.sample(c.media, 4).map((m) => m.uuid) }));
  c.collections = ['Summer 2026', 'Best of'].map((label, i) => ({ uuid: rng.uuid(), label, createdAt: iso(now - (60 - i) * DAY) }));
  for (let i = 0; i < profile.posts; i++) c.posts.push(makePost(rng, c, now, i));
  const firstPost = c.posts[2];
  if (firstPost && c.collections[0]) firstPost.collectionUuids = [c.collections[0].uuid];
  c.customLists = [
    { uuid: rng.uuid(), name: 'VIP', createdAt: iso(now - 50 * DAY), members: rng.sample(fans.filter((f) => f.relation === 'subscriber'), 5).map((f) => f.uuid) },
    { uuid: rng.uuid(), name: 'Birthday this month', createdAt: iso(now - 20 * DAY), members: rng.sample(fans, 3).map((f) => f.uuid) },
  ];
  c.templates = [
    { uuid: rng.uuid(), text: 'Thank you for subscribing! 💕 Here is a welcome gift.', price: null, mediaUuids: [c.media[0]?.uuid ?? rng.uuid()].slice(0, 1), folderName: 'Welcome' },
    { uuid: rng.uuid(), text: 'Exclusive set, just for you', price: 999, mediaUuids: c.media.slice(1, 3).map((m) => m.uuid), folderName: 'PPV offers' },
    { uuid: rng.uuid(), text: 'Happy birthday! 🎂', price: null, mediaUuids: [], folderName: 'Greetings' },
  ];
  seedMoney(rng, c, fans, now);
  seedExtras(rng, c, fans, now);
  return c;
}

function seedMoney(rng: Rng, c: Creator, fans: Fan[], now: number): void {
  for (const fan of fans) {
    if (!fan.subscribedAt) continue;
    const start = Date.parse(fan.subscribedAt);
    c.earnings.push(earning(rng, start, 999, 'subscription', fan.uuid, now));
    for (let t = start + 30 * DAY; t < now && (fan.relation === 'subscriber' || t < start + 90 * DAY); t += 30 * DAY) {
      c.earnings.push(earning(rng, t, 999, 'renewal', fan.uuid, now));
    }
  }
  for (let i = 0; i < fans.length * 2; i++) {
    const fan = rng.pick(fans);
    const source = rng.pick(['tip', 'message', 'post', 'tip', 'message'] as const);
    const date = now - rng.int(1, 90 * 24) * 3_600_000;
    const post = source === 'post' ? rng.pick(c.posts) : undefined;
    c.earnings.push(earning(rng, date, rng.pick([300, 500, 999, 1500, 2500, 5000]), source, fan.uuid, now, post ? { postUuid: post.uuid } : {}));
  }
  for (const chat of c.chats.values()) {
    for (const m of chat.messages) {
      if (m.purchasedAt && m.price) c.earnings.push(earning(rng, Date.parse(m.purchasedAt), m.price, 'message', chat.fanUuid, now, { messageUuid: m.uuid }));
    }
  }
  c.earnings.push(earning(rng, now - 3 * DAY, 2000, 'referral', null, now));
  c.earnings.sort((a, b) => b.date.localeCompare(a.date));
  c.reversals = c.earnings.filter((e) => e.fanUuid && e.source !== 'subscription').slice(3, 5).map((e, i) => ({
    date: iso(Date.parse(e.date) + DAY), gross: -e.gross, net: -e.net, source: i === 0 ? 'refund' : 'chargeback', fanUuid: e.fanUuid,
    ...(e.messageUuid ? { messageUuid: e.messageUuid } : {}), ...(e.postUuid ? { postUuid: e.postUuid } : {}),
  }));
  c.paidOut = Math.round(c.earnings.filter((e) => e.status === 'availableForPayout').reduce((s, e) => s + e.net, 0) * 0.6);
}

function seedExtras(rng: Rng, c: Creator, fans: Fan[], now: number): void {
  const subscribers = fans.filter((f) => f.relation === 'subscriber');
  c.massMessages = [0, 1, 2].map((i) => {
    const scheduled = i === 2;
    const recipients = scheduled ? [] : subscribers.map((f) => f.uuid);
    return {
      uuid: rng.uuid(), text: scheduled ? 'Big drop this weekend!' : rng.pick(POST_LINES), status: scheduled ? 'SCHEDULED' : 'SENT',
      price: i === 1 ? 999 : null, createdAt: iso(now - (20 - i * 8) * DAY), publishedAt: scheduled ? null : iso(now - (20 - i * 8) * DAY),
      scheduledAt: scheduled ? iso(now + 3 * DAY) : null, recipientUuids: recipients, viewCount: Math.round(recipients.length * 0.7),
      purchaseCount: i === 1 ? 3 : 0, totalRevenue: i === 1 ? 2997 : 0, mediaUuids: i === 1 ? [c.media[0]?.uuid ?? rng.uuid()] : [],
      includedLists: { smartListUuids: ['subscribers'] }, excludedLists: {},
    };
  });
  c.trackingLinks = (['instagram', 'tiktok', 'reddit'] as const).map((platform, i) => {
    const users = rng.sample(fans, rng.int(1, 5)).map((f) => ({
      fanUuid: f.uuid,
      status: f.relation === 'none' ? null : f.relation,
      metadata: rng.chance(0.5) ? { utm_source: platform, utm_campaign: `spring-${i}` } : null,
    }));
    return {
      uuid: rng.uuid(), name: `${platform[0]?.toUpperCase()}${platform.slice(1)} bio`, linkUrl: `fv-${rng.int(100000, 999999)}`, externalSocialPlatform: platform,
      createdAt: iso(now - (90 - i * 20) * DAY), clicks: rng.int(50, 2000), users,
      earnings: { totalGross: users.length * 999, totalNet: Math.round(users.length * 999 * 0.8) },
    };
  });
  const eventTypes = [10, 12, 11, 9, 6, 7];
  for (let i = 0; i < 20; i++) {
    const fan = rng.pick(fans);
    const eventType = rng.pick(eventTypes);
    c.notifications.push({ uuid: rng.uuid(), createdAt: iso(now - rng.int(1, 30 * 24) * 3_600_000), eventType, isRead: rng.chance(0.6), data: eventType === 11 ? { amount: 500 } : {}, originatorUuid: fan.uuid });
  }
  c.notifications.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  c.mediaLinks.set(rng.uuid(), { purchasedBy: [] });
}

/**
 * After the seeded draws, so every other seeded value stays the same: an unread chat's last fan
 * message and its fan's name, and a post comment, carry the injection fixtures.
 */
function plantInjection(c: Creator): void {
  const waiting = [...c.chats.values()].find((chat) => !chat.isRead);
  const last = waiting?.messages.at(-1);
  if (waiting && last) {
    last.text = INJECTION_TEXT;
    const fan = c.fans.get(waiting.fanUuid);
    if (fan) fan.displayName = INJECTION_NAME;
  }
  const comment = c.posts.find((p) => p.comments.length > 0)?.comments[0];
  if (comment) comment.text = INJECTION_TEXT;
}

export function seedWorld(now: number, scale = 1): FanvueWorld {
  const rng = new Rng(SEED);
  const x = (p: CreatorProfile): CreatorProfile => ({ ...p, fans: p.fans * scale, chats: p.chats * scale, media: p.media * scale, posts: p.posts * scale });
  const creators = PROFILES.map((p) => seedCreator(rng, x(p), now));
  const [luna] = creators as [Creator, ...Creator[]];
  plantInjection(luna);
  const team: TeamMember[] = [
    { uuid: luna.uuid, email: luna.email, displayName: luna.displayName, nickname: null, isAdmin: true, creatorAccess: creators.map((c) => ({ uuid: c.uuid, role: 'ADMIN' as const })), stats: { messages: 420, ppvsSent: 40, ppvsUnlocked: 18, revenue: 35_000, activeHours: 60, avgResponseMs: 240_000 } },
    { uuid: rng.uuid(), email: 'chatter.one@example.com', displayName: 'Chatter One', nickname: 'C1', isAdmin: false, creatorAccess: creators.slice(0, 2).map((c) => ({ uuid: c.uuid, role: 'CHATTER' as const })), stats: { messages: 910, ppvsSent: 120, ppvsUnlocked: 41, revenue: 61_500, activeHours: 120, avgResponseMs: 95_000 } },
    { uuid: rng.uuid(), email: 'chatter.two@example.com', displayName: 'Chatter Two', nickname: null, isAdmin: false, creatorAccess: [{ uuid: luna.uuid, role: 'CHATTER' }], stats: { messages: 300, ppvsSent: 25, ppvsUnlocked: 6, revenue: 9_000, activeHours: 30, avgResponseMs: null } },
  ];
  const apps = new Map([[rng.uuid(), { name: 'Sandbox Scheduler', plans: [{ uuid: rng.uuid(), name: 'Pro', price: 1999 }] }]]);
  return { principal: luna.uuid, creators: new Map(creators.map((c) => [c.uuid, c])), team, invites: [], apps };
}
