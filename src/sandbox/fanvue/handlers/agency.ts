import { randomUUID } from 'node:crypto';
import type { Creator } from '../types.js';
import { chatView, fanUser, paged, teamMemberView } from '../views.js';
import { badRequest, forbidden, inRange, notFound, ok, type Ctx, type Handler } from './kit.js';

const DAY = 86_400_000;

/** The creators the logged-in agency member may act for. */
export function managedCreators(ctx: Pick<Ctx, 'world'>): Creator[] {
  const me = ctx.world.team.find((m) => m.uuid === ctx.world.principal);
  return (me?.creatorAccess ?? []).flatMap((a) => {
    const c = ctx.world.creators.get(a.uuid);
    return c ? [c] : [];
  });
}

function selected(ctx: Ctx): Creator[] {
  const only = ctx.query.list('creatorUuids');
  return managedCreators(ctx).filter((c) => !only || only.includes(c.uuid));
}

const day = (iso: string) => iso.slice(0, 10);

function admin(f: Handler): Handler {
  return (ctx) => (ctx.world.team.find((m) => m.uuid === ctx.world.principal)?.isAdmin ? f(ctx) : forbidden('Agency admin access required'));
}

export const agencyHandlers: Record<string, Handler> = {
  listCreators: (ctx) =>
    ok(paged(managedCreators(ctx).map((c) => ({
      uuid: c.uuid, handle: c.handle, displayName: c.displayName, nickname: null, isTopSpender: false, avatarUrl: c.avatarUrl, registeredAt: c.createdAt, role: 'creator',
    })), ctx.query.paging())),
  listTeamMembers: admin((ctx) => ok(ctx.world.team.map(teamMemberView))),
  updateTeamMember: admin((ctx) => {
    const member = ctx.world.team.find((m) => m.uuid === ctx.params.userId);
    if (!member) return notFound('Team member not found');
    const ids = ctx.body.creatorUuids as string[];
    const unknown = ids.find((id) => !managedCreators(ctx).some((c) => c.uuid === id));
    if (unknown) return badRequest(`Creator ${unknown} is not managed by your agency`);
    member.creatorAccess = ids.map((uuid) => ({ uuid, role: member.creatorAccess.find((a) => a.uuid === uuid)?.role ?? 'CHATTER' }));
    if ('nickname' in ctx.body) member.nickname = (ctx.body.nickname as string | null) ?? null;
    return ok(teamMemberView(member));
  }),
  createAgencyInvite: admin((ctx) => {
    const email = String(ctx.body.email).toLowerCase();
    if ([...ctx.world.creators.values()].some((c) => c.email === email)) return badRequest('Creators cannot be invited as team members');
    if (ctx.world.invites.some((i) => i.email === email) || ctx.world.team.some((m) => m.email === email)) return badRequest('This user is already invited or a member');
    const invite = { inviteUuid: randomUUID(), email, kind: 'team' as const };
    ctx.world.invites.push(invite);
    return ok({ inviteUuid: invite.inviteUuid, message: 'Invitation sent', success: true });
  }),
  createCreatorInvite: admin((ctx) => {
    ctx.world.invites.push({ inviteUuid: randomUUID(), email: String(ctx.body.email).toLowerCase(), kind: 'creator' });
    return ok({ message: 'Invitation sent to the creator', success: true });
  }),
  listAgencyChats: admin((ctx) => {
    const rows = managedCreators(ctx).flatMap((c) => [...c.chats.values()].map((chat) => ({ ...chatView({ ...ctx.view, creator: c }, chat), creatorUuid: c.uuid })));
    rows.sort((a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt));
    return ok(paged(rows, ctx.query.paging()));
  }),
  listAgencyEarningsByDay: admin((ctx) => {
    const rows: Array<{ creatorUuid: string; date: string; gross: number; net: number; currency: string }> = [];
    for (const c of selected(ctx)) {
      const byDay = new Map<string, { gross: number; net: number }>();
      for (const e of c.earnings.filter((x) => inRange(x.date, ctx.query.str('startDate'), ctx.query.str('endDate')))) {
        const t = byDay.get(day(e.date)) ?? { gross: 0, net: 0 };
        t.gross += e.gross;
        t.net += e.net;
        byDay.set(day(e.date), t);
      }
      for (const [date, t] of byDay) rows.push({ creatorUuid: c.uuid, date, ...t, currency: 'USD' });
    }
    rows.sort((a, b) => b.date.localeCompare(a.date));
    return ok(paged(rows, ctx.query.paging()));
  }),
  listAgencySubscribers: admin((ctx) => {
    const rows = selected(ctx).flatMap((c) =>
      [...c.fans.values()]
        .filter((f) => f.relation === 'subscriber')
        .map((f) => ({ ...fanUser({ ...ctx.view, creator: c }, f), creatorUuid: c.uuid, subscribedAt: f.subscribedAt as string, expiresAt: f.autoRenew ? null : f.renewsAt })),
    );
    rows.sort((a, b) => b.subscribedAt.localeCompare(a.subscribedAt));
    return ok(paged(rows, ctx.query.paging()));
  }),
  listAgencySubscribersHistory: admin((ctx) => {
    const start = Date.parse(ctx.query.str('startDate') ?? '');
    const end = Date.parse(ctx.query.str('endDate') ?? '');
    if (end - start > 365 * DAY) return badRequest('The range must not exceed 365 days');
    const rows = [];
    for (const c of selected(ctx)) {
      let total = 0;
      for (let t = Math.floor(start / DAY) * DAY; t < end; t += DAY) {
        const started = [...c.fans.values()].filter((f) => f.subscribedAt && Date.parse(f.subscribedAt) >= t && Date.parse(f.subscribedAt) < t + DAY).length;
        total += started;
        if (started) rows.push({ creatorUuid: c.uuid, date: day(new Date(t).toISOString()), newSubscribersCount: started, cancelledSubscribersCount: 0, total });
      }
    }
    rows.sort((a, b) => b.date.localeCompare(a.date));
    return ok(paged(rows, ctx.query.paging()));
  }),
  getChatterLeaderboard: admin((ctx) => {
    const only = ctx.query.list('chatterUuids');
    const rows = ctx.world.team
      .filter((m) => !only || only.includes(m.uuid))
      .map((m) => ({
        chatterUuid: m.uuid, chatterName: m.displayName, avatarUrl: null, messages: m.stats.messages, ppvsSent: m.stats.ppvsSent, ppvsUnlocked: m.stats.ppvsUnlocked,
        revenue: m.stats.revenue, goldenRatio: m.stats.messages ? Math.round((m.stats.revenue / m.stats.messages) * 100) / 100 : 0,
        unlockRatio: m.stats.ppvsSent ? Math.round((m.stats.ppvsUnlocked / m.stats.ppvsSent) * 1000) / 1000 : 0, activeHours: m.stats.activeHours,
        eph: m.stats.activeHours ? Math.round(m.stats.revenue / m.stats.activeHours) : 0, avgResponseMs: m.stats.avgResponseMs,
      }))
      .sort((a, b) => b.revenue - a.revenue);
    return ok({ data: rows });
  }),
  getOnlineSubscribers: (ctx) => {
    const only = ctx.query.list('subscriberUuids');
    const online = [...ctx.creator.fans.values()].filter((f) => f.relation === 'subscriber' && f.online && (!only || only.includes(f.uuid)));
    const rows = online.slice(0, ctx.query.int('limit') ?? 50).map((f) => ({ uuid: f.uuid, lastSeenAt: f.lastSeenAt }));
    return ok({ count: online.length, data: rows });
  },
};
