import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { dateTime, paging, uuid, uuids } from '../params.js';

export const AGENCY_TOOLSET = 'fanvue_agency';
const toolset = AGENCY_TOOLSET;
const ADMIN = 'Agency admins.';
const creatorUuids = uuids('Only these creators.', 50).optional();
const requiredRange = {
  startDate: dateTime('Inclusive.'),
  endDate: dateTime('Exclusive.'),
};
/** The spec's `format: email`: zod's own check lets through domain labels Fanvue refuses (e.g. "a@b-.com"). */
const SPEC_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const email = z
  .email()
  .refine((v) => SPEC_EMAIL.test(v), 'an email address whose domain labels start and end with a letter or digit')
  .describe('Email.');

export const agencyOperations = [
  fanvueOperation({
    name: 'agency_list_creators',
    title: 'List the creators an agency manages',
    description: 'Agencies: the creators this user manages (uuid, handle, displayName, role); uuid is the creatorUserUuid of fanvue_creator_* tools.',
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
    description: `Agency team members: uuid, email, displayName, isAdmin, creatorAccess [{uuid, role ADMIN|CHATTER}]. ${ADMIN}`,
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
    description: `Sets which creators an agency team member works for, and their nickname. Returns the member. ${ADMIN}`,
    method: 'PUT',
    path: '/agencies/team-members/{userId}',
    input: z.object({
      userId: uuid('Team member.'),
      creatorUuids: uuids('Replaces their access.', 1000, 0),
      nickname: z.string().nullable().optional().describe('null removes it.'),
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
    description: `Emails an agency invitation to a Fanvue user (not a creator, not yet invited). ${ADMIN}`,
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
    description: `Emails a Fanvue creator an invitation to connect to the agency. ${ADMIN}`,
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
    description: `Chats of every managed creator, latest first, each with creatorUuid. ${ADMIN}`,
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
    description: `Paid earnings per managed creator per UTC day, newest first: creatorUuid, date, gross, net (USD cents). ${ADMIN}`,
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
    description: `Active subscriptions of every managed creator, newest first: fan, creatorUuid, subscribedAt, expiresAt. ${ADMIN}`,
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
    description: `Per managed creator per day: new, cancelled and net change since startDate (range up to 365 days). ${ADMIN}`,
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
    description: `Chatters by revenue (USD cents): messages, ppvsSent, ppvsUnlocked, unlockRatio, activeHours, eph, avgResponseMs. Daily. ${ADMIN}`,
    method: 'GET',
    path: '/agencies/insights/chatter-leaderboard',
    input: z.object({
      startDate: dateTime('By UTC day.').optional(),
      endDate: dateTime('End.').optional(),
      chatterUuids: uuids('Only these chatters.', 100).optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:agency'],
    operationId: 'getChatterLeaderboard',
  }),
  fanvueOperation({
    name: 'creator_list_online_subscribers',
    title: 'Agency: list a creator’s online subscribers',
    description: 'A managed creator’s subscribers online now: {count, data [{uuid, lastSeenAt}]}, optionally among given ones.',
    method: 'GET',
    path: '/creators/{creatorUserUuid}/subscribers/online',
    input: z.object({
      creatorUserUuid: uuid('From fanvue_agency_list_creators.'),
      limit: z.number().int().min(1).max(50).optional().describe('At most.'),
      subscriberUuids: uuids('Only these.', 100).optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:creator', 'read:fan'],
    operationId: 'getOnlineSubscribers',
  }),
];
