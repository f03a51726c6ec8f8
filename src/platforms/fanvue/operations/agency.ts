import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { dateTime, paging, uuid, uuids } from '../params.js';

export const AGENCY_TOOLSET = 'fanvue_agency';
const toolset = AGENCY_TOOLSET;
const ADMIN = 'Needs agency admin access.';
const creatorUuids = uuids('Only these managed creators, up to 50 (sent comma-joined).', 50).optional();
const requiredRange = {
  startDate: dateTime('Start of the range (inclusive).'),
  endDate: dateTime('End of the range (exclusive).'),
};
/** The spec's `format: email`: zod's own check lets through domain labels Fanvue refuses (e.g. "a@b-.com"). */
const SPEC_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const email = z
  .email()
  .refine((v) => SPEC_EMAIL.test(v), 'an email address whose domain labels start and end with a letter or digit')
  .describe('The person’s email address.');

export const agencyOperations = [
  fanvueOperation({
    name: 'agency_list_creators',
    title: 'List the creators an agency manages',
    description: 'For agencies: lists the creators the logged-in agency user manages (uuid, handle, displayName, avatarUrl, role). Their uuid is the creatorUserUuid of every fanvue_creator_* tool. Page-based: {data, pagination {page, size, hasMore}}.',
    method: 'GET',
    path: '/creators',
    input: z.object({ ...paging }),
    kind: 'read',
    toolset,
    auth: ['read:creator'],
    operationId: 'listCreators',
  }),
  fanvueOperation({
    name: 'agency_list_team_members',
    title: 'List the agency’s team members',
    description: `For agencies: lists the team members with uuid, email, displayName, nickname, isAdmin and creatorAccess [{uuid, role ADMIN or CHATTER}]. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/team-members',
    input: z.object({}),
    kind: 'read',
    toolset,
    auth: ['read:agency'],
    operationId: 'listTeamMembers',
  }),
  fanvueOperation({
    name: 'agency_update_team_member',
    title: 'Change a team member’s creator access',
    description: `For agencies: sets which creators a team member can work for (creatorUuids replaces the current list) and their nickname. Returns the member. ${ADMIN}`,
    method: 'PUT',
    path: '/agencies/team-members/{userId}',
    input: z.object({
      userId: uuid('The team member’s user uuid.'),
      creatorUuids: uuids('Every creator the member may work for (replaces the current access).', 1000, 0),
      nickname: z.string().nullable().optional().describe('Nickname inside the agency (null removes it).'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:agency'],
    operationId: 'updateTeamMember',
  }),
  fanvueOperation({
    name: 'agency_invite_team_member',
    title: 'Invite a team member to the agency',
    description: `For agencies: emails an invitation to join the agency to an existing Fanvue user who is not a creator and not already invited. Returns {inviteUuid, message, success}. ${ADMIN}`,
    method: 'POST',
    path: '/agencies/invites',
    input: z.object({ email }),
    kind: 'write',
    toolset,
    auth: ['write:agency'],
    operationId: 'createAgencyInvite',
  }),
  fanvueOperation({
    name: 'agency_invite_creator',
    title: 'Invite a creator to the agency',
    description: `For agencies: emails an existing Fanvue creator an invitation to connect their account to the agency. Returns {message, success}. ${ADMIN}`,
    method: 'POST',
    path: '/agencies/creator-invites',
    input: z.object({ email }),
    kind: 'write',
    toolset,
    auth: ['write:agency'],
    operationId: 'createCreatorInvite',
  }),
  fanvueOperation({
    name: 'agency_list_chats',
    title: 'List chats of all managed creators',
    description: `For agencies: one stream of chats across every managed creator, most recent activity first, each row a chat plus creatorUuid. Page-based: {data, pagination {page, size, hasMore}}. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/chats',
    input: z.object({ ...paging }),
    kind: 'read',
    toolset,
    auth: ['read:agency', 'read:chat'],
    operationId: 'listAgencyChats',
  }),
  fanvueOperation({
    name: 'agency_list_earnings',
    title: 'List daily earnings of managed creators',
    description: `For agencies: paid earnings per creator per day (UTC), newest day first: creatorUuid, date, gross, net (USD cents), currency. Page-based: {data, pagination {page, size, hasMore}}. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/earnings',
    input: z.object({ ...requiredRange, ...paging, creatorUuids }),
    kind: 'read',
    toolset,
    auth: ['read:agency', 'read:creator'],
    operationId: 'listAgencyEarningsByDay',
  }),
  fanvueOperation({
    name: 'agency_list_subscribers',
    title: 'List subscribers of managed creators',
    description: `For agencies: active subscriptions across every managed creator, newest first: the fan plus creatorUuid, subscribedAt, expiresAt. Page-based: {data, pagination {page, size, hasMore}}. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/subscribers',
    input: z.object({ ...paging, creatorUuids }),
    kind: 'read',
    toolset,
    auth: ['read:agency', 'read:creator'],
    operationId: 'listAgencySubscribers',
  }),
  fanvueOperation({
    name: 'agency_list_subscriber_history',
    title: 'Daily subscriber history of managed creators',
    description: `For agencies: per creator per day, newSubscribersCount, cancelledSubscribersCount and total (net change since the start of the range, at most 365 days). Page-based: {data, pagination {page, size, hasMore}}. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/subscribers-history',
    input: z.object({ ...requiredRange, ...paging, creatorUuids }),
    kind: 'read',
    toolset,
    auth: ['read:agency', 'read:creator'],
    operationId: 'listAgencySubscribersHistory',
  }),
  fanvueOperation({
    name: 'agency_get_chatter_leaderboard',
    title: 'Get the agency chatter leaderboard',
    description: `For agencies: per-chatter results over a period, by revenue: messages, ppvsSent, ppvsUnlocked, revenue (USD cents), goldenRatio, unlockRatio, activeHours, eph (earnings per active hour), avgResponseMs. Refreshed daily. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/insights/chatter-leaderboard',
    input: z.object({
      startDate: dateTime('Start of the period (aggregated by UTC day).').optional(),
      endDate: dateTime('End of the period.').optional(),
      chatterUuids: uuids('Only these chatters, up to 100 (sent comma-joined).', 100).optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:agency'],
    operationId: 'getChatterLeaderboard',
  }),
  fanvueOperation({
    name: 'creator_list_online_subscribers',
    title: 'Agency: list a creator’s online subscribers',
    description: 'For agencies: the subscribers of a managed creator who are online now, as {count, data [{uuid, lastSeenAt}]}, optionally only among the given subscribers.',
    method: 'GET',
    path: '/creators/{creatorUserUuid}/subscribers/online',
    input: z.object({
      creatorUserUuid: uuid('The managed creator (see fanvue_agency_list_creators).'),
      limit: z.number().int().min(1).max(50).optional().describe('At most this many subscribers, 1-50.'),
      subscriberUuids: uuids('Only check these subscribers (sent comma-joined).', 100).optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:creator', 'read:fan'],
    operationId: 'getOnlineSubscribers',
  }),
];
