import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { cursor, dateTime, uuid } from '../params.js';

const toolset = 'fanvue_tracking';
const link = uuid('The tracking link’s uuid (see fanvue_list_tracking_links).');
const limit = z.number().int().min(1).max(100).optional().describe('Items per page (default 20).');
const LINK_FIELDS =
  'uuid, name, linkUrl, externalSocialPlatform, createdAt, clicks, engagement {acquiredSubscribers, acquiredFollowers, totalSubscribers, totalFollowers}, earnings {totalGross, totalNet} (USD cents)';

export const trackingOperations = [
  fanvueOperation({
    name: 'list_tracking_links',
    title: 'List Fanvue tracking links',
    description: `Lists the creator’s campaign tracking links with their results: ${LINK_FIELDS}. Cursor-based: {data, nextCursor}; pass nextCursor back as cursor until it is null.`,
    method: 'GET',
    path: '/tracking-links',
    input: z.object({
      limit,
      cursor,
      createdAfter: dateTime('Only links created after this time:').optional(),
      createdBefore: dateTime('Only links created before this time:').optional(),
    }),
    kind: 'read',
    toolset,
    auth: ['read:tracking_links'],
    operationId: 'listTrackingLinks',
  }),
  fanvueOperation({
    name: 'create_tracking_link',
    title: 'Create a Fanvue tracking link',
    description: `Creates a tracking link for a campaign on another platform, to see which posts bring fans and money. Returns the link (${LINK_FIELDS}); share its linkUrl.`,
    method: 'POST',
    path: '/tracking-links',
    input: z.object({
      name: z.string().min(1).describe('A name for the campaign, e.g. "Instagram bio May".'),
      externalSocialPlatform: z
        .enum(['facebook', 'instagram', 'other', 'reddit', 'snapchat', 'tiktok', 'twitter', 'youtube'])
        .describe('Where the link will be posted.'),
    }),
    kind: 'write',
    toolset,
    auth: ['write:tracking_links'],
    operationId: 'createTrackingLink',
  }),
  fanvueOperation({
    name: 'delete_tracking_link',
    title: 'Delete a Fanvue tracking link',
    description: 'Deletes a tracking link; visitors of its URL are no longer attributed. Returns nothing (HTTP 204).',
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
    description: 'Lists the users a tracking link brought in, with their current status (subscriber, follower, expired, deleted or null) and uuid, handle, displayName. Cursor-based: {data, nextCursor}.',
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
    description: 'Returns {metadata}: the custom key/value strings of the user’s most recent visit through the tracking link (e.g. utm values), or null.',
    method: 'GET',
    path: '/tracking-links/{uuid}/users/{userUuid}/metadata',
    input: z.object({ uuid: link, userUuid: uuid('The user brought in by the link.') }),
    kind: 'read',
    toolset,
    auth: ['read:tracking_links'],
    operationId: 'getUserTrackingMetadata',
  }),
];
