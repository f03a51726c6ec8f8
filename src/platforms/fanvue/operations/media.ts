import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { MEDIA_TYPES, paging, uuid, uuids, variants } from '../params.js';
import { uploadInput, uploadMedia } from './upload.js';
import { addVaultFolderMedia } from './vault.js';

const toolset = 'fanvue_media';
const media = uuid('From fanvue_list_media.');
const MEDIA_FIELDS = 'status, type, name, recommendedPrice (USD cents)';
const mediaTypeParam = z.enum(MEDIA_TYPES).describe('Media type.');
const UPLOAD_GUIDE = 'Steps: fanvue://guides/uploads.';

export const createUploadSession = fanvueOperation({
  name: 'create_upload_session',
  title: 'Start a Fanvue media upload',
  description:
    `Raw upload step 1 of 3: creates the media and an upload session, returns {mediaUuid, uploadId}. fanvue_upload_media does all steps for a local file. ${UPLOAD_GUIDE}`,
  method: 'POST',
  path: '/media/uploads',
  input: z.object({
    name: z.string().min(1).max(255).describe('Vault display name.'),
    filename: z.string().min(1).max(255).describe('With extension, e.g. beach.jpg.'),
    mediaType: mediaTypeParam,
  }),
  kind: 'write',
  toolset,
  auth: ['write:media'],
  operationId: 'createUploadSession',
});

export const getUploadPartUrl = fanvueOperation({
  name: 'get_upload_part_url',
  title: 'Get the upload URL of a part',
  description:
    `Raw upload step 2 of 3: {url} to PUT part partNumber to; keep the ETag header. Parts but the last: min 5 MiB. ${UPLOAD_GUIDE}`,
  method: 'GET',
  path: '/media/uploads/{uploadId}/parts/{partNumber}/url',
  input: z.object({
    uploadId: z.string().min(1).describe('From fanvue_create_upload_session.'),
    partNumber: z.number().int().min(1).max(10000).describe('From 1.'),
  }),
  textAnswer: true,
  // Reads nothing but hands out a credential to write into the vault: a write for read-only mode.
  kind: 'write',
  idempotent: true,
  toolset,
  auth: ['write:media'],
  operationId: 'getUploadPartUrl',
});

export const completeUploadSession = fanvueOperation({
  name: 'complete_upload_session',
  title: 'Finish a Fanvue media upload',
  description:
    `Raw upload step 3 of 3: assembles the parts and starts processing; the media is usable once fanvue_get_media says ready. ${UPLOAD_GUIDE}`,
  method: 'PATCH',
  path: '/media/uploads/{uploadId}',
  input: z.object({
    uploadId: z.string().min(1).describe('From fanvue_create_upload_session.'),
    parts: z
      .array(
        z.object({
          PartNumber: z.number().int().min(1),
          ETag: z.string().min(1).describe('Answer header of the part’s PUT.'),
        }),
      )
      .min(1)
      .describe('Every part, in order.'),
  }),
  kind: 'write',
  toolset,
  auth: ['write:media'],
  operationId: 'completeUploadSession',
});

export const mediaOperations = [
  fanvueOperation({
    name: 'list_media',
    title: 'List Fanvue vault media',
    description:
      `Vault media, newest first: ${MEDIA_FIELDS}. Ask variants (e.g. ["main"]) for signed URLs here rather than item by item.`,
    method: 'GET',
    path: '/media',
    input: z.object({
      ...paging,
      mediaType: mediaTypeParam.optional(),
      folderName: z.string().min(1).optional().describe('Only this vault folder.'),
      usage: z.enum(['subscribers', 'followers', 'ppv', 'mass_messages']).optional().describe('Only media used there.'),
      purchasedBy: uuid('Only media this fan bought.').optional(),
      status: z.array(z.enum(['created', 'processing', 'ready', 'error'])).min(1).optional().describe('Only these states.'),
      variants,
    }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getUserMedia',
  }),
  fanvueOperation({
    name: 'get_media',
    title: 'Get a Fanvue media item',
    description: `One media item: ${MEDIA_FIELDS}. variants gives signed URLs; purchasedBy adds purchasedByFan.`,
    method: 'GET',
    path: '/media/{uuid}',
    input: z.object({ uuid: media, purchasedBy: uuid('Did this fan buy it?').optional(), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getUserMediaByUuid',
  }),
  fanvueOperation({
    name: 'get_media_bulk',
    title: 'Get several Fanvue media items',
    description: 'Up to 20 media items in one call: {results {uuid: media or null}, errors}. Better than fanvue_get_media in a loop.',
    method: 'GET',
    path: '/media/bulk',
    input: z.object({ mediaUuids: uuids('The media.', 20), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getBulkMedia',
  }),
  fanvueOperation({
    name: 'get_entitled_media',
    title: 'Get media a consumer was granted',
    description: 'For apps: a media item with signed URLs for a consumer that fanvue_grant_media gave access.',
    method: 'GET',
    path: '/media/{uuid}/entitled',
    input: z.object({ uuid: media, consumerId: uuid('The granted consumer.'), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getEntitledMedia',
  }),
  fanvueOperation({
    name: 'grant_media',
    title: 'Grant a consumer access to media',
    description: 'For apps: gives a consumer access to a media item; the same (source, sourceRef) returns the same grant. Returns {entitlementId, status}.',
    method: 'POST',
    path: '/media/{uuid}/grant',
    input: z.object({
      uuid: media,
      consumerId: uuid('Who gets access.'),
      source: z.string().min(1).max(100).regex(/^[a-z0-9_]+$/).describe('Your label, e.g. shop_order.'),
      sourceRef: z.string().min(1).max(255).describe('Your reference, e.g. an order id.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset,
    auth: ['write:media'],
    operationId: 'grantMedia',
  }),
  fanvueOperation({
    name: 'get_media_link_purchased',
    title: 'Check a media link purchase',
    description: 'Whether the logged-in user paid for a media link: {purchased}; 404 for an unknown link.',
    method: 'GET',
    path: '/media/links/{uuid}/purchased',
    input: z.object({ uuid: uuid('Media link.') }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getMediaLinkPurchaseStatus',
  }),
  fanvueOperation({
    name: 'upload_media',
    title: 'Upload a local file to the Fanvue vault',
    description:
      `Uploads a file from CREATOR_MCP_UPLOAD_DIR to the vault (optionally into a folder), with progress. Returns {mediaUuid, status}; usable once fanvue_get_media says ready. ${UPLOAD_GUIDE}`,
    method: 'POST',
    path: '/media/uploads',
    input: uploadInput,
    kind: 'write',
    toolset,
    auth: ['write:media'],
    operationId: 'createUploadSession',
    run: (ctx, input, options) =>
      uploadMedia(ctx, { createUploadSession, getUploadPartUrl, completeUploadSession, attachToFolder: addVaultFolderMedia }, input, {}, options),
  }),
  createUploadSession,
  getUploadPartUrl,
  completeUploadSession,
];
