import { open } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { ConfigError, PlatformError } from '../../../http/errors.js';
import { resolveUpload } from '../../../uploads.js';
import type { CallOptions } from '../../types.js';
import type { FanvueOperation } from '../operation.js';
import type { RunContext } from '../operation.js';
import { MEDIA_TYPES, folderName } from '../params.js';

/** S3 multipart parts must be at least 5 MiB except the last; 8 MiB keeps memory and round trips modest. */
export const PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

const EXTENSIONS: Record<string, (typeof MEDIA_TYPES)[number]> = {
  jpg: 'image', jpeg: 'image', png: 'image', gif: 'image', webp: 'image', heic: 'image', avif: 'image',
  mp4: 'video', mov: 'video', m4v: 'video', webm: 'video', mkv: 'video', avi: 'video',
  mp3: 'audio', m4a: 'audio', wav: 'audio', aac: 'audio', ogg: 'audio', flac: 'audio',
  pdf: 'document', txt: 'document', epub: 'document',
};

export const uploadInput = z.object({
  path: z.string().min(1).describe('Relative to CREATOR_MCP_UPLOAD_DIR, e.g. shoots/beach.jpg.'),
  name: z.string().min(1).max(255).optional().describe('Vault display name (default: file name).'),
  mediaType: z.enum(MEDIA_TYPES).optional().describe('Default: from the extension.'),
  folderName: folderName.optional().describe('Existing vault folder to add it to.'),
});

export interface UploadOps {
  createUploadSession: FanvueOperation;
  getUploadPartUrl: FanvueOperation;
  completeUploadSession: FanvueOperation;
  attachToFolder: FanvueOperation;
}

/**
 * Fanvue's three-step multipart upload from a file in the allowed directory. The part bytes go
 * to the presigned URL without the bearer token; the file is read one part at a time so a long
 * video never sits in memory whole.
 */
export async function uploadMedia(
  ctx: RunContext,
  ops: UploadOps,
  input: z.output<typeof uploadInput>,
  scope: Record<string, unknown>,
  options: CallOptions,
): Promise<unknown> {
  const file = await resolveUpload(ctx.deps.uploadDir, input.path);
  const filename = path.basename(file.path);
  const mediaType = input.mediaType ?? EXTENSIONS[path.extname(filename).slice(1).toLowerCase()];
  if (!mediaType) throw new ConfigError(`cannot tell the media type of "${filename}" from its extension: pass mediaType`);
  const partCount = Math.max(1, Math.ceil(file.size / PART_SIZE));
  if (partCount > MAX_PARTS) throw new ConfigError(`"${input.path}" is too large for a multipart upload (${file.size} bytes)`);

  options.progress?.(0, file.size, `uploading ${filename}`);
  const session = (await ctx.request(
    ops.createUploadSession,
    { ...scope, name: input.name ?? filename, filename, mediaType },
    options,
  )) as { mediaUuid: string; uploadId: string };

  // From here on Fanvue holds a media item: a failure must say so, or an agent uploads it twice.
  const tools = scope.creatorUserUuid === undefined ? 'fanvue_' : 'fanvue_creator_';
  const unfinished = (err: unknown) =>
    partial(err, `Media ${session.mediaUuid} was created but its upload (${session.uploadId}) did not complete: check it with ${tools}get_media before uploading again.`);
  const parts: Array<{ PartNumber: number; ETag: string }> = [];
  const handle = await open(file.path, 'r').catch((err: unknown) => {
    throw unfinished(err);
  });
  try {
    let sent = 0;
    for (let n = 1; n <= partCount; n++) {
      const length = Math.min(PART_SIZE, file.size - sent);
      const bytes = Buffer.alloc(length);
      await handle.read(bytes, 0, length, sent);
      const { url } = (await ctx.request(ops.getUploadPartUrl, { ...scope, uploadId: session.uploadId, partNumber: n }, options)) as { url: string };
      // A part PUT is idempotent (the same number overwrites), so it may be retried like a read.
      const res = await ctx.deps.http.send({ method: 'PUT', url, body: bytes, retry: 'read', signal: options.signal });
      const etag = res.headers.get('etag');
      if (!etag) {
        throw new PlatformError({
          platform: 'Fanvue',
          status: res.status,
          platformMessage: `the storage answered part ${n} without an ETag`,
          delivery: 'unknown',
          hint: `Start the upload again; media ${session.mediaUuid} stays incomplete.`,
        });
      }
      parts.push({ PartNumber: n, ETag: etag });
      sent += length;
      options.progress?.(sent, file.size, `part ${n} of ${partCount}`);
    }
  } catch (err) {
    throw unfinished(err);
  } finally {
    await handle.close();
  }

  const done = (await ctx.request(ops.completeUploadSession, { ...scope, uploadId: session.uploadId, parts }, options).catch((err: unknown) => {
    throw unfinished(err);
  })) as { status?: string };
  if (input.folderName) {
    const folder = input.folderName;
    await ctx.request(ops.attachToFolder, { ...scope, folderName: folder, mediaUuids: [session.mediaUuid] }, options).catch((err: unknown) => {
      throw partial(err, `Media ${session.mediaUuid} is uploaded; only adding it to the vault folder "${folder}" failed: add it with ${tools}add_vault_folder_media instead of uploading again.`);
    });
  }
  return {
    mediaUuid: session.mediaUuid,
    uploadId: session.uploadId,
    status: done.status ?? null,
    filename,
    mediaType,
    size: file.size,
    parts: partCount,
    ...(input.folderName ? { folderName: input.folderName } : {}),
  };
}

/** A failure after the first step: Fanvue has acted, so the error says what exists now. */
function partial(err: unknown, done: string): PlatformError {
  const e = err instanceof PlatformError ? err : undefined;
  const what = e ? (e.platformMessage ?? e.message) : err instanceof Error ? err.message : String(err);
  return new PlatformError({
    platform: 'Fanvue',
    status: e?.status,
    code: e?.code,
    platformMessage: what,
    retryAfterSec: e?.retryAfterSec,
    delivery: 'processed',
    hint: [done, e?.hint].filter(Boolean).join(' '),
    cause: err,
  });
}
