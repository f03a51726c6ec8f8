import { randomBytes, randomUUID } from 'node:crypto';
import type { SimResponse } from '../../sim-host.js';
import type { Media, MediaType } from '../types.js';
import { mediaView, paged } from '../views.js';
import { badRequest, conflict, created, iso, noContent, notFound, ok, type Ctx, type Handler } from './kit.js';

/** Presigned part URLs point at the simulator's own storage endpoint. */
export interface StorageSigner {
  partUrl(uploadId: string, partNumber: number): string;
}

const MEDIA_NOT_FOUND = 'Media not found';

function mediaOf(ctx: Ctx, uuid: string | undefined): Media | undefined {
  return ctx.creator.media.find((m) => m.uuid === uuid);
}

const variantsQuery = (ctx: Ctx) => ctx.query.list('variants') ?? [];

function folderOf(ctx: Ctx) {
  return ctx.creator.vault.find((f) => f.name === ctx.params.folderName);
}

const folderView = (f: { name: string; createdAt: string; mediaUuids: string[] }) => ({ name: f.name, createdAt: f.createdAt, mediaCount: f.mediaUuids.length });
const FOLDER_NOT_FOUND = 'Folder not found';

export function mediaHandlers(storage: StorageSigner): Record<string, Handler> {
  return {
    getUserMedia: (ctx) => {
      const q = ctx.query;
      const statuses = q.list('status');
      const folder = q.str('folderName');
      const inFolder = folder === undefined ? undefined : new Set(ctx.creator.vault.find((f) => f.name === folder)?.mediaUuids ?? []);
      const rows = ctx.creator.media.filter(
        (m) =>
          (!q.str('mediaType') || m.mediaType === q.str('mediaType')) &&
          (!statuses || statuses.includes(m.status)) &&
          (!inFolder || inFolder.has(m.uuid)) &&
          (!q.str('usage') || m.usage.includes(q.str('usage') as Media['usage'][number])) &&
          (!q.str('purchasedBy') || m.purchasedBy.includes(q.str('purchasedBy') as string)),
      );
      return ok(paged(rows.map((m) => mediaView(ctx.view, m, variantsQuery(ctx), q.str('purchasedBy'))), q.paging()));
    },
    getUserMediaByUuid: (ctx) => {
      const m = mediaOf(ctx, ctx.params.uuid);
      return m ? ok(mediaView(ctx.view, m, variantsQuery(ctx), ctx.query.str('purchasedBy'))) : notFound(MEDIA_NOT_FOUND);
    },
    getBulkMedia: (ctx) => {
      const results: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const id of ctx.query.list('mediaUuids') ?? []) {
        const m = mediaOf(ctx, id);
        if (m) results[id] = mediaView(ctx.view, m, variantsQuery(ctx));
        else errors.push({ mediaUuid: id, code: 'NOT_FOUND', message: MEDIA_NOT_FOUND });
      }
      return ok({ results, errors });
    },
    getEntitledMedia: (ctx) => {
      const m = mediaOf(ctx, ctx.params.uuid);
      const granted = ctx.creator.entitlements.some((e) => e.mediaUuid === ctx.params.uuid && e.consumerId === ctx.query.str('consumerId'));
      return m && granted ? ok(mediaView(ctx.view, m, variantsQuery(ctx))) : notFound('No entitlement for this consumer and media');
    },
    grantMedia: (ctx) => {
      const m = mediaOf(ctx, ctx.params.uuid);
      if (!m) return notFound(MEDIA_NOT_FOUND);
      const b = ctx.body as { consumerId: string; source: string; sourceRef: string };
      let grant = ctx.creator.entitlements.find((e) => e.source === b.source && e.sourceRef === b.sourceRef);
      if (!grant) ctx.creator.entitlements.push((grant = { entitlementId: randomUUID(), mediaUuid: m.uuid, consumerId: b.consumerId, source: b.source, sourceRef: b.sourceRef }));
      return ok({ entitlementId: grant.entitlementId, status: 'granted' });
    },
    getMediaLinkPurchaseStatus: (ctx) => {
      const link = ctx.creator.mediaLinks.get(ctx.params.uuid ?? '');
      return link ? ok({ purchased: link.purchasedBy.includes(ctx.world.principal) }) : notFound('Media link not found');
    },
    createUploadSession: (ctx) => {
      const b = ctx.body as { name: string; filename: string; mediaType: MediaType };
      const media: Media = {
        uuid: randomUUID(), name: b.name, caption: null, description: null, mediaType: b.mediaType, status: 'created', createdAt: iso(ctx.now),
        recommendedPrice: null, width: null, height: null, lengthMs: null, tags: [], usage: [], purchasedBy: [],
        variantUuids: Object.fromEntries(['main', 'thumbnail', 'blurred', 'thumbnail_gallery'].map((v) => [v, randomUUID()])),
      };
      ctx.creator.media.unshift(media);
      const uploadId = `${randomBytes(18).toString('base64url')}`;
      ctx.creator.uploads.set(uploadId, { uploadId, mediaUuid: media.uuid, parts: new Map(), completed: false });
      return ok({ mediaUuid: media.uuid, uploadId });
    },
    getUploadPartUrl: (ctx): SimResponse => {
      const upload = ctx.creator.uploads.get(ctx.params.uploadId ?? '');
      if (!upload || upload.completed) return notFound('Upload session not found');
      return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: storage.partUrl(upload.uploadId, Number(ctx.params.partNumber)) };
    },
    completeUploadSession: (ctx) => {
      const upload = ctx.creator.uploads.get(ctx.params.uploadId ?? '');
      if (!upload || upload.completed) return notFound('Upload session not found');
      const parts = (ctx.body.parts as Array<{ PartNumber: number; ETag?: string }> | undefined) ?? [];
      if (parts.length === 0) return badRequest('parts must list the uploaded parts');
      for (const p of parts) {
        const stored = upload.parts.get(p.PartNumber);
        if (!stored || stored.etag !== p.ETag) return badRequest(`Part ${p.PartNumber} was not uploaded or its ETag does not match`);
      }
      upload.completed = true;
      const media = mediaOf(ctx, upload.mediaUuid);
      if (media) {
        media.status = 'processing';
        media.readyAt = ctx.now + 300;
      }
      return ok({ status: 'processing' });
    },
    listVaultFolders: (ctx) => ok(paged(ctx.creator.vault.map(folderView), {}, 50)),
    createVaultFolder: (ctx) => {
      const name = String(ctx.body.name);
      if (ctx.creator.vault.some((f) => f.name === name)) return conflict('A folder with this name already exists');
      const folder = { name, createdAt: iso(ctx.now), mediaUuids: [] };
      ctx.creator.vault.push(folder);
      return created(folderView(folder));
    },
    getVaultFolder: (ctx) => {
      const f = folderOf(ctx);
      return f ? ok(folderView(f)) : notFound(FOLDER_NOT_FOUND);
    },
    renameVaultFolder: (ctx) => {
      const f = folderOf(ctx);
      if (!f) return notFound(FOLDER_NOT_FOUND);
      const name = String(ctx.body.name);
      if (ctx.creator.vault.some((x) => x !== f && x.name === name)) return conflict('A folder with this name already exists');
      f.name = name;
      return noContent();
    },
    deleteVaultFolder: (ctx) => {
      const i = ctx.creator.vault.findIndex((f) => f.name === ctx.params.folderName);
      if (i < 0) return notFound(FOLDER_NOT_FOUND);
      ctx.creator.vault.splice(i, 1);
      return noContent();
    },
    listVaultFolderMedia: (ctx) => {
      const f = folderOf(ctx);
      if (!f) return notFound(FOLDER_NOT_FOUND);
      const rows = f.mediaUuids.flatMap((id) => {
        const m = mediaOf(ctx, id);
        return m ? [{ uuid: m.uuid, name: m.name, createdAt: m.createdAt, mediaType: m.mediaType }] : [];
      });
      return ok(paged(rows, ctx.query.paging()));
    },
    attachMediaToVaultFolder: (ctx) => {
      const f = folderOf(ctx);
      if (!f) return notFound(FOLDER_NOT_FOUND);
      let addedCount = 0;
      for (const id of ctx.body.mediaUuids as string[]) {
        if (!mediaOf(ctx, id)) return badRequest(`Media ${id} does not belong to you`);
        if (!f.mediaUuids.includes(id)) {
          f.mediaUuids.push(id);
          addedCount++;
        }
      }
      return created({ addedCount });
    },
    detachMediaFromVaultFolder: (ctx) => {
      const f = folderOf(ctx);
      if (!f) return notFound(FOLDER_NOT_FOUND);
      const i = f.mediaUuids.indexOf(ctx.params.mediaUuid ?? '');
      if (i < 0) return notFound('Media is not in this folder');
      f.mediaUuids.splice(i, 1);
      return noContent();
    },
  };
}
