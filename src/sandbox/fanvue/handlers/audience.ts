import { randomUUID } from 'node:crypto';
import type { Creator, Fan } from '../types.js';
import { fanUser, listMember, paged } from '../views.js';
import { conflict, created, iso, noContent, notFound, ok, type Handler } from './kit.js';

export const SMART_LIST_NAMES: Record<string, string> = {
  subscribers: 'Subscribers',
  auto_renewing: 'Auto-renewing',
  non_renewing: 'Non-renewing',
  followers: 'Followers',
  free_trial_subscribers: 'Free trial subscribers',
  expired_subscribers: 'Expired subscribers',
  spent_more_than_50: 'Spent more than $50',
  muted: 'Muted',
};

export function spentBy(creator: Creator, fanUuid: string): number {
  return creator.earnings.filter((e) => e.fanUuid === fanUuid).reduce((s, e) => s + e.gross, 0);
}

/** Fanvue computes these segments from relationship and payment state; only contactable fans count. */
export function smartListMembers(creator: Creator, id: string): Fan[] {
  const fans = [...creator.fans.values()].filter((f) => f.contactable);
  const sub = (f: Fan) => f.relation === 'subscriber';
  const rules: Record<string, (f: Fan) => boolean> = {
    subscribers: sub,
    auto_renewing: (f) => sub(f) && f.autoRenew,
    non_renewing: (f) => sub(f) && !f.autoRenew,
    followers: (f) => f.relation === 'follower',
    free_trial_subscribers: (f) => sub(f) && f.freeTrial,
    expired_subscribers: (f) => f.relation === 'expired',
    spent_more_than_50: (f) => spentBy(creator, f.uuid) > 5000,
    muted: (f) => creator.chats.get(f.uuid)?.isMuted === true,
  };
  const rule = rules[id];
  return rule ? fans.filter(rule) : [];
}

const listOf = (creator: Creator, uuid: string | undefined) => creator.customLists.find((l) => l.uuid === uuid);
const LIST_NOT_FOUND = 'Custom list not found';

export const audienceHandlers: Record<string, Handler> = {
  listSubscribers: (ctx) => {
    const field = ctx.query.str('sortField');
    const dir = ctx.query.str('sortDirection') === 'asc' ? 1 : -1;
    const subs = [...ctx.creator.fans.values()].filter((f) => f.relation === 'subscriber');
    // Fanvue's default order is newest subscription first.
    subs.sort((a, b) =>
      field === 'name' ? dir * a.displayName.localeCompare(b.displayName) : (field ? dir : -1) * (a.subscribedAt ?? '').localeCompare(b.subscribedAt ?? ''),
    );
    return ok(paged(subs.map((f) => fanUser(ctx.view, f)), ctx.query.paging()));
  },
  listFollowers: (ctx) =>
    ok(paged([...ctx.creator.fans.values()].filter((f) => f.relation === 'follower').map((f) => fanUser(ctx.view, f)), ctx.query.paging())),
  getSmartLists: (ctx) => ok(Object.entries(SMART_LIST_NAMES).map(([uuid, name]) => ({ uuid, name, count: smartListMembers(ctx.creator, uuid).length }))),
  getSmartListMembers: (ctx) => ok(paged(smartListMembers(ctx.creator, ctx.params.uuid ?? '').map(listMember), ctx.query.paging())),
  getCustomLists: (ctx) => {
    const search = ctx.query.str('search')?.toLowerCase();
    const rows = ctx.creator.customLists
      .filter((l) => !search || l.name.toLowerCase().includes(search))
      .map((l) => ({ uuid: l.uuid, name: l.name, membersCount: l.members.length, createdAt: l.createdAt }));
    return ok(paged(rows, ctx.query.paging()));
  },
  createCustomList: (ctx) => {
    const name = String(ctx.body.name);
    if (ctx.creator.customLists.some((l) => l.name.toLowerCase() === name.toLowerCase())) return conflict('A custom list with this name already exists');
    const list = { uuid: randomUUID(), name, createdAt: iso(ctx.now), members: [] };
    ctx.creator.customLists.push(list);
    return created({ uuid: list.uuid, name: list.name, createdAt: list.createdAt });
  },
  getCustomListMembers: (ctx) => {
    const list = listOf(ctx.creator, ctx.params.uuid);
    if (!list) return notFound(LIST_NOT_FOUND);
    const members = list.members.flatMap((id) => {
      const fan = ctx.creator.fans.get(id);
      return fan ? [listMember(fan)] : [];
    });
    return ok(paged(members, ctx.query.paging()));
  },
  updateCustomList: (ctx) => {
    const list = listOf(ctx.creator, ctx.params.uuid);
    if (!list) return notFound(LIST_NOT_FOUND);
    const name = String(ctx.body.name);
    if (ctx.creator.customLists.some((l) => l !== list && l.name.toLowerCase() === name.toLowerCase())) return conflict('A custom list with this name already exists');
    list.name = name;
    return noContent();
  },
  deleteCustomList: (ctx) => {
    const i = ctx.creator.customLists.findIndex((l) => l.uuid === ctx.params.uuid);
    if (i < 0) return notFound(LIST_NOT_FOUND);
    ctx.creator.customLists.splice(i, 1);
    return noContent();
  },
  addMembersToCustomList: (ctx) => {
    const list = listOf(ctx.creator, ctx.params.uuid);
    if (!list) return notFound(LIST_NOT_FOUND);
    let added = 0;
    let skipped = 0;
    for (const id of ctx.body.userUuids as string[]) {
      if (list.members.includes(id) || !ctx.creator.fans.has(id)) skipped++;
      else {
        list.members.push(id);
        added++;
      }
    }
    return created({ added, skipped });
  },
  removeMemberFromCustomList: (ctx) => {
    const list = listOf(ctx.creator, ctx.params.uuid);
    if (!list) return notFound(LIST_NOT_FOUND);
    const i = list.members.indexOf(ctx.params.userUuid ?? '');
    if (i < 0) return notFound('User is not a member of this list');
    list.members.splice(i, 1);
    return noContent();
  },
};
