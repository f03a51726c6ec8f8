import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { MEDIA_TYPES, paging, uuid, uuids, variants } from '../params.js';
import { uploadInput, uploadMedia } from './upload.js';
import { addVaultFolderMedia } from './vault.js';

const toolset = 'fanvue_media';
const media = uuid('The media item’s uuid (see fanvue_list_media).');
const MEDIA_FIELDS =
  'uuid, status (created, processing, ready, error), mediaType, name, caption, description, createdAt, recommendedPrice (USD cents), tags (AI content tags or null) and variants [{variantType, url, width, height, lengthMs}]';
const mediaTypeParam = z.enum(MEDIA_TYPES).describe('image, video, audio or document.');

export const createUploadSession = fanvueOperation({
  name: 'create_upload_session',
  title: 'Start a Fanvue media upload',
  description:
    'Step 1 of 3 of a raw multipart upload: creates the media record and an upload session, returning {mediaUuid, uploadId}. Then get a URL per part with fanvue_get_upload_part_url, PUT the bytes there, and finish with fanvue_complete_upload_session. fanvue_upload_media does all three from a local file.',
  method: 'POST',
  path: '/media/uploads',
  input: z.object({
    name: z.string().min(1).max(255).describe('Display name in the vault.'),
    filename: z.string().min(1).max(255).describe('The file name, with extension (e.g. beach.jpg).'),
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
    'Step 2 of 3 of a raw multipart upload: returns the presigned URL (Fanvue answers it as plain text, here {url}) to PUT part partNumber of the upload to; keep the ETag header of that PUT for fanvue_complete_upload_session. Parts are numbered from 1; every part but the last must be at least 5 MiB.',
  method: 'GET',
  path: '/media/uploads/{uploadId}/parts/{partNumber}/url',
  input: z.object({
    uploadId: z.string().min(1).describe('The uploadId from fanvue_create_upload_session.'),
    partNumber: z.number().int().min(1).max(10000).describe('The part number, from 1.'),
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
    'Step 3 of 3 of a raw multipart upload: assembles the uploaded parts ({PartNumber, ETag} of every PUT) and starts processing. Returns {status} (processing); the media is usable once fanvue_get_media shows status ready.',
  method: 'PATCH',
  path: '/media/uploads/{uploadId}',
  input: z.object({
    uploadId: z.string().min(1).describe('The uploadId from fanvue_create_upload_session.'),
    parts: z
      .array(
        z.object({
          PartNumber: z.number().int().min(1).describe('The part number.'),
          ETag: z.string().min(1).describe('The ETag header the part’s PUT answered with.'),
        }),
      )
      .min(1)
      .describe('Every uploaded part, in order.'),
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
      `Lists the creator’s vault media, newest first: ${MEDIA_FIELDS}. Signed URLs come only with variants (e.g. ["main","thumbnail"]); they are returned in this one call, so never fetch items one by one for their URLs. Media not yet ready has only uuid and status. Page-based: {data, pagination {page, size, hasMore}}.`,
    method: 'GET',
    path: '/media',
    input: z.object({
      ...paging,
      mediaType: mediaTypeParam.optional(),
      folderName: z.string().min(1).optional().describe('Only media in this vault folder.'),
      usage: z.enum(['subscribers', 'followers', 'ppv', 'mass_messages']).optional().describe('Only media used in this kind of content.'),
      purchasedBy: uuid('Only media this fan bought.').optional(),
      status: z.array(z.enum(['created', 'processing', 'ready', 'error'])).min(1).optional().describe('Only media in these states (sent comma-joined).'),
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
    description: `Returns one media item: ${MEDIA_FIELDS}. Ask for variants (e.g. ["main","thumbnail","blurred"]) to get signed URLs; without them there is no URL. With purchasedBy it also says whether that fan bought it (purchasedByFan).`,
    method: 'GET',
    path: '/media/{uuid}',
    input: z.object({ uuid: media, purchasedBy: uuid('Also report whether this fan bought it.').optional(), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getUserMediaByUuid',
  }),
  fanvueOperation({
    name: 'get_media_bulk',
    title: 'Get several Fanvue media items',
    description: 'Returns up to 20 media items in one request: {results {uuid: media or null}, errors [{mediaUuid, code, message}]}. Use it instead of calling fanvue_get_media in a loop.',
    method: 'GET',
    path: '/media/bulk',
    input: z.object({ mediaUuids: uuids('The media to fetch, 1-20 (sent comma-joined).', 20), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getBulkMedia',
  }),
  fanvueOperation({
    name: 'get_entitled_media',
    title: 'Get media a consumer was granted',
    description: 'Returns a media item with signed variant URLs for a consumer, only if fanvue_grant_media gave that consumer access (for apps that deliver creator media to their own users).',
    method: 'GET',
    path: '/media/{uuid}/entitled',
    input: z.object({ uuid: media, consumerId: uuid('The consumer the grant was made for.'), variants }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getEntitledMedia',
  }),
  fanvueOperation({
    name: 'grant_media',
    title: 'Grant a consumer access to media',
    description: 'Gives a consumer access to one of the creator’s media items (for apps that sell or deliver media). Idempotent on (source, sourceRef): repeating returns the same grant. Returns {entitlementId, status: granted}.',
    method: 'POST',
    path: '/media/{uuid}/grant',
    input: z.object({
      uuid: media,
      consumerId: uuid('Who gets access.'),
      source: z.string().min(1).max(100).regex(/^[a-z0-9_]+$/).describe('Your label for why (lowercase letters, digits, _), e.g. shop_order.'),
      sourceRef: z.string().min(1).max(255).describe('Your reference for the grant, e.g. an order id.'),
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
    description: 'Says whether the logged-in user has paid for the given media link: {purchased}. 404 when no such link exists.',
    method: 'GET',
    path: '/media/links/{uuid}/purchased',
    input: z.object({ uuid: uuid('The media link’s uuid.') }),
    kind: 'read',
    toolset,
    auth: ['read:media'],
    operationId: 'getMediaLinkPurchaseStatus',
  }),
  fanvueOperation({
    name: 'upload_media',
    title: 'Upload a local file to the Fanvue vault',
    description:
      'Uploads one file from the upload directory (CREATOR_MCP_UPLOAD_DIR; any other path is refused) to the creator’s vault in three steps (session, presigned part PUTs, completion), reporting progress per part. Returns {mediaUuid, uploadId, status, size, parts}; the media is usable in posts and messages once fanvue_get_media shows status ready. Optionally files it in a vault folder.',
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
