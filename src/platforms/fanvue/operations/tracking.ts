import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { cursor, dateTime, uuid } from '../params.js';

const toolset = 'fanvue_tracking';
const link = uuid('From fanvue_list_tracking_links.');
const limit = z.number().int().min(1).max(100).optional().meta({ default: 20 });
const LINK_FIELDS = 'uuid, name, linkUrl, clicks, engagement (subscribers, followers), earnings (USD cents)';

export const trackingOperations = [
  fanvueOperation({
    name: 'list_tracking_links',
    title: 'List Fanvue tracking links',
    description: `Campaign tracking links with results: ${LINK_FIELDS}.`,
    method: 'GET',
    path: '/tracking-links',
    input: z.object({
      limit,
      cursor,
      createdAfter: dateTime('Created after.').optional(),
      createdBefore: dateTime('Created before.').optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:tracking_links'],
    operationId: 'listTrackingLinks',
  }),
  fanvueOperation({
    name: 'create_tracking_link',
    title: 'Create a Fanvue tracking link',
    description: 'Creates a tracking link for a campaign elsewhere, to see what brings fans and money. Share the returned linkUrl.',
    method: 'POST',
    path: '/tracking-links',
    input: z.object({
      name: z.string().min(1).describe('e.g. "Instagram bio May".'),
      externalSocialPlatform: z
        .enum(['facebook', 'instagram', 'other', 'reddit', 'snapchat', 'tiktok', 'twitter', 'youtube'])
        .describe('Where it is posted.'),
    }),
    kind: 'write',
    toolset,
    auth: ['write:tracking_links'],
    operationId: 'createTrackingLink',
  }),
  fanvueOperation({
    name: 'delete_tracking_link',
    title: 'Delete a Fanvue tracking link',
    description: 'Deletes a tracking link; its visitors are no longer attributed.',
    method: 'DELETE',
    path: '/tracking-links/{uuid}',
    input: z.object({ uuid: link }),
    kind: 'destructive',
    idempotent: true,
    toolset,
    auth: ['write:tracking_links'],
    operationId: 'deleteTrackingLink',
  }),
  fanvueOperation({
    name: 'list_tracking_link_users',
    title: 'List fans who came via a link',
    description: 'Users a tracking link brought in: uuid, handle, displayName, status (subscriber, follower, expired, deleted).',
    method: 'GET',
    path: '/tracking-links/{uuid}/users',
    input: z.object({ uuid: link, limit, cursor }),
    kind: 'read',
    toolset,
    auth: ['read:tracking_links'],
    operationId: 'listTrackingLinkUsers',
  }),
  fanvueOperation({
    name: 'get_tracking_link_user_metadata',
    title: 'Get a fan’s tracking metadata',
    description: '{metadata}: key/value strings (e.g. utm) of the user’s last visit through the link, or null.',
    method: 'GET',
    path: '/tracking-links/{uuid}/users/{userUuid}/metadata',
    input: z.object({ uuid: link, userUuid: uuid('A user the link brought.') }),
    kind: 'read',
    toolset,
    auth: ['read:tracking_links'],
    operationId: 'getUserTrackingMetadata',
  }),
];
