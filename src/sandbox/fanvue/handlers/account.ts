import { randomUUID } from 'node:crypto';
import type { TrackingLink } from '../types.js';
import { accountView, cursored, fanUser, paged, profileView } from '../views.js';
import { created, iso, noContent, notFound, ok, type Ctx, type Handler } from './kit.js';

function linkView(l: TrackingLink) {
  const count = (s: string) => l.users.filter((u) => u.status === s).length;
  return {
    uuid: l.uuid, name: l.name, linkUrl: l.linkUrl, externalSocialPlatform: l.externalSocialPlatform, createdAt: l.createdAt, clicks: l.clicks,
    engagement: { acquiredSubscribers: count('subscriber'), acquiredFollowers: count('follower'), totalSubscribers: count('subscriber') + count('expired'), totalFollowers: l.users.length },
    earnings: l.earnings,
  };
}

const linkOf = (ctx: Ctx) => ctx.creator.trackingLinks.find((l) => l.uuid === ctx.params.uuid);
const LINK_NOT_FOUND = 'Tracking link not found';

export const accountHandlers: Record<string, Handler> = {
  getCurrentUser: (ctx) => {
    const c = ctx.creator;
    const fans = [...c.fans.values()];
    const posts = c.posts.filter((p) => !p.deleted);
    return ok({
      ...profileView(c),
      likesCount: posts.reduce((s, p) => s + p.likes.length, 0),
      fanCounts: { followersCount: fans.filter((f) => f.relation === 'follower').length, subscribersCount: fans.filter((f) => f.relation === 'subscriber').length },
      contentCounts: {
        imageCount: c.media.filter((m) => m.mediaType === 'image').length,
        videoCount: c.media.filter((m) => m.mediaType === 'video').length,
        audioCount: c.media.filter((m) => m.mediaType === 'audio').length,
        postCount: posts.length,
        payToViewPostCount: posts.filter((p) => p.price !== null).length,
      },
    });
  },
  getAccount: (ctx) => ok(accountView(ctx.creator)),
  listNotifications: (ctx) => {
    const type = ctx.query.int('eventType');
    const rows = ctx.creator.notifications
      .filter((n) => type === undefined || n.eventType === type)
      .map((n) => {
        const fan = n.originatorUuid ? ctx.creator.fans.get(n.originatorUuid) : undefined;
        return {
          uuid: n.uuid, createdAt: n.createdAt, eventType: n.eventType, isRead: n.isRead, data: n.data, receiverUuid: ctx.creator.uuid,
          originator: fan ? { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: fan.avatarUrl, isCreator: false } : null,
        };
      });
    return ok(paged(rows, ctx.query.paging()));
  },
  getAppCurrentUserSubscription: (ctx) => {
    if (!ctx.world.apps.has(ctx.params.appUuid ?? '')) return notFound('App not found');
    return ok({
      appUuid: ctx.params.appUuid, userUuid: ctx.world.principal, status: 'none', hasActiveSubscription: false, planUuid: null, planName: null,
      currentPeriodEnd: null, cancelAtPeriodEnd: false,
      managedCreators: [...ctx.world.creators.keys()].filter((id) => id !== ctx.world.principal).map((userUuid) => ({
        userUuid, status: 'active', hasActiveSubscription: true, planUuid: null, planName: 'Pro', currentPeriodEnd: iso(ctx.now + 20 * 86_400_000), cancelAtPeriodEnd: false,
      })),
    });
  },
  getAppSubscriptionStatus: (ctx) => {
    const app = ctx.world.apps.get(ctx.params.appUuid ?? '');
    if (!app) return notFound('App not found');
    return ok({
      appUuid: ctx.params.appUuid, appName: app.name, overallStatus: 'active', availability: 'complete',
      pricingPlans: app.plans.map((p) => ({ uuid: p.uuid, name: p.name, price: p.price, currencyCode: 'USD', billingType: 'recurring', interval: 'monthly', status: 'active' })),
    });
  },
  listTrackingLinks: (ctx) => {
    const after = ctx.query.str('createdAfter');
    const before = ctx.query.str('createdBefore');
    const rows = [...ctx.creator.trackingLinks]
      .reverse()
      .filter((l) => (!after || l.createdAt > new Date(after).toISOString()) && (!before || l.createdAt < new Date(before).toISOString()))
      .map(linkView);
    return ok(cursored(rows, ctx.query.str('cursor'), ctx.query.int('limit') || 20));
  },
  createTrackingLink: (ctx) => {
    const link: TrackingLink = {
      uuid: randomUUID(), name: String(ctx.body.name), linkUrl: `fv-${Math.floor(100000 + Math.random() * 900000)}`, externalSocialPlatform: String(ctx.body.externalSocialPlatform),
      createdAt: iso(ctx.now), clicks: 0, users: [], earnings: null,
    };
    ctx.creator.trackingLinks.push(link);
    return created(linkView(link));
  },
  deleteTrackingLink: (ctx) => {
    const i = ctx.creator.trackingLinks.findIndex((l) => l.uuid === ctx.params.uuid);
    if (i < 0) return notFound(LINK_NOT_FOUND);
    ctx.creator.trackingLinks.splice(i, 1);
    return noContent();
  },
  listTrackingLinkUsers: (ctx) => {
    const link = linkOf(ctx);
    if (!link) return notFound(LINK_NOT_FOUND);
    const rows = link.users.flatMap((u) => {
      const fan = ctx.creator.fans.get(u.fanUuid);
      return fan ? [{ ...fanUser(ctx.view, fan), status: u.status }] : [];
    });
    return ok(cursored(rows, ctx.query.str('cursor'), ctx.query.int('limit') || 20));
  },
  getUserTrackingMetadata: (ctx) => {
    const link = linkOf(ctx);
    if (!link) return notFound(LINK_NOT_FOUND);
    const user = link.users.find((u) => u.fanUuid === ctx.params.userUuid);
    return user ? ok({ metadata: user.metadata }) : notFound('This user did not come through the link');
  },
};
