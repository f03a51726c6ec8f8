import { createComment, createPost, type ContentFields } from '../publishing.js';
import { draftInfo, live } from '../present.js';
import { SimError, int, need, ok, paginate, str, type Ctx, type Route } from '../router.js';
import type { SimDraft } from '../types.js';

const FIELDS = ['postQuotePid', 'postGid', 'postTitle', 'postIsCommentDisabled', 'postIsCommentPrivate', 'commentPid', 'commentCid', 'content', 'isMarkdown', 'isAnonymous', 'map', 'extends', 'archives'];

function typeOf(ctx: Ctx): 'post' | 'comment' {
  const t = ctx.params.type;
  if (t !== 'post' && t !== 'comment') throw new SimError(30000, 'The type must be post or comment');
  return t;
}

function draftOf(ctx: Ctx): SimDraft {
  const kind = typeOf(ctx);
  return need(ctx.state.drafts.find((d) => d.id === Number(ctx.params.draftId) && d.kind === kind && d.uid === ctx.uid), 38100, 'Draft does not exist');
}

function pickFields(ctx: Ctx): Record<string, unknown> {
  return Object.fromEntries(FIELDS.filter((f) => Object.hasOwn(ctx.body, f)).map((f) => [f, ctx.body[f]]));
}

async function quickPublish(ctx: Ctx) {
  const kind = typeOf(ctx);
  const fields = pickFields(ctx) as ContentFields;
  const fids: string[] = [];
  const image = ctx.files.get('image');
  if (image) {
    if (!image.type.startsWith('image/')) throw new SimError(36113, 'The file type is not allowed');
    const f = { fid: ctx.ids.fsid(), type: 'image' as const, name: image.name, mime: image.type, size: image.size, uploaderUid: ctx.uid as number, usageType: kind === 'post' ? 7 : 8, tableName: `${kind}s`, tableKey: '', createdAt: ctx.now, downloads: [] };
    ctx.state.files.push(f);
    fids.push(f.fid);
  }
  const made = kind === 'post' ? createPost(ctx, ctx.ids, ctx.uid as number, fields, fids) : createComment(ctx, ctx.ids, ctx.uid as number, fields, fids);
  const fsid = 'pid' in made && kind === 'post' ? made.pid : (made as { cid: string }).cid;
  for (const fid of fids) {
    const f = ctx.state.files.find((x) => x.fid === fid);
    if (f) f.tableKey = fsid;
  }
  return ok({ type: kind, draftId: null, fsid });
}

function publish(ctx: Ctx) {
  const d = draftOf(ctx);
  if (d.state === 2) throw new SimError(38101, 'The draft is under review');
  if (d.state === 3) throw new SimError(38102, 'The draft has already been published');
  const fields = d.fields as ContentFields;
  const uid = ctx.uid as number;
  let fsid: string;
  if (d.fsid) {
    // An edit of published content: the content changes and a new version joins its logs.
    const target = need(d.kind === 'post' ? live.posts(ctx).find((p) => p.pid === d.fsid) : live.comments(ctx).find((c) => c.cid === d.fsid), d.kind === 'post' ? 37300 : 37400, 'The content no longer exists');
    const content = typeof fields.content === 'string' ? fields.content : target.content;
    if (!content.trim()) throw new SimError(38200, 'Content cannot be empty');
    target.content = content;
    target.editedAt = ctx.now;
    if ('title' in target) {
      target.title = typeof fields.postTitle === 'string' ? fields.postTitle : target.title;
      target.editedCount += 1;
    }
    fsid = d.fsid;
  } else {
    fsid = d.kind === 'post' ? createPost(ctx, ctx.ids, uid, fields, d.fids).pid : createComment(ctx, ctx.ids, uid, fields, d.fids).cid;
  }
  const title = d.kind === 'post' ? (typeof fields.postTitle === 'string' ? fields.postTitle : null) : null;
  const content = d.kind === 'post' ? live.posts(ctx).find((p) => p.pid === fsid)?.content : live.comments(ctx).find((c) => c.cid === fsid)?.content;
  ctx.state.logs.push({ id: ++ctx.state.seq.log, kind: d.kind, fsid, uid, title, content: content ?? '', createdAt: ctx.now });
  d.state = 3;
  d.fsid = fsid;
  d.updatedAt = ctx.now;
  return ok({ type: d.kind, draftId: d.id, fsid });
}

export const editorRoutes: Route[] = [
  { method: 'POST', path: '/api/v2/editor/{type}/quick-publish', name: 'editor.quick.publish', login: 'uid', write: true, handle: quickPublish },
  {
    method: 'GET', path: '/api/v2/editor/{type}/config', name: 'editor.config', login: 'uid',
    handle: (ctx) => {
      const kind = typeOf(ctx);
      const cfg = ctx.state.configs;
      return ok({
        editor: { toolbar: { sticker: true, image: true, video: false, audio: false, document: false, title: kind === 'post', mention: true, hashtag: true, extend: false, location: true, anonymous: true }, features: { contentLength: Number(cfg[`${kind}_editor_content_length`]?.value ?? 20000), isMarkdown: true } },
        publish: { perm: { draft: true, publish: true, review: false }, limit: { status: false } },
        edit: { status: true, timeLimit: 30, sticky: false, digest: false },
        required: { title: kind === 'post' && cfg.post_editor_title_required?.value === true, group: kind === 'post' && cfg.post_editor_group_required?.value === true },
        files: { image: { status: true, extensions: 'png,gif,jpg,jpeg,webp', maxSize: 5, uploadNumber: 9 } },
      });
    },
  },
  {
    method: 'GET', path: '/api/v2/editor/{type}/drafts', name: 'editor.drafts', login: 'uid',
    handle: (ctx) => {
      const kind = typeOf(ctx);
      const status = int(ctx, 'status', { min: 1, max: 2 });
      const list = ctx.state.drafts
        .filter((d) => d.kind === kind && d.uid === ctx.uid && d.state !== 3 && (status === undefined || (status === 2 ? d.state === 2 : d.state !== 2)))
        .sort((a, b) => b.updatedAt - a.updatedAt);
      return ok(paginate(ctx, list.map((d) => draftInfo(ctx, d))));
    },
  },
  {
    method: 'POST', path: '/api/v2/editor/{type}/create', name: 'editor.create', login: 'uid', write: true,
    handle: (ctx) => {
      const kind = typeOf(ctx);
      const createType = int(ctx, 'createType', { required: true, min: 1, max: 2 }) as number;
      const fields = pickFields(ctx);
      if (kind === 'comment' && !fields.commentPid) throw new SimError(30000, 'The commentPid field is required.');
      if (kind === 'comment' && !live.posts(ctx).some((p) => p.pid === fields.commentPid)) throw new SimError(37300, 'Post does not exist');
      const d: SimDraft = { id: ++ctx.state.seq.draft, kind, uid: ctx.uid as number, fsid: null, createType, editorFskey: str(ctx, 'editorFskey') ?? null, fields, fids: [], state: 1, reason: null, createdAt: ctx.now, updatedAt: ctx.now };
      ctx.state.drafts.push(d);
      return ok({ detail: draftInfo(ctx, d) });
    },
  },
  {
    method: 'POST', path: '/api/v2/editor/{type}/generate/{fsid}', name: 'editor.generate', login: 'uid', write: true,
    handle: (ctx) => {
      const kind = typeOf(ctx);
      const fsid = ctx.params.fsid as string;
      const target = kind === 'post' ? live.posts(ctx).find((p) => p.pid === fsid) : live.comments(ctx).find((c) => c.cid === fsid);
      if (!target) throw new SimError(kind === 'post' ? 37300 : 37400, `${kind === 'post' ? 'Post' : 'Comment'} does not exist`);
      if (target.uid !== ctx.uid) throw new SimError(36500, 'Only the author can edit this content');
      let d = ctx.state.drafts.find((x) => x.kind === kind && x.fsid === fsid && x.state !== 3);
      if (!d) {
        const fields = 'title' in target ? { postTitle: target.title, postGid: target.gid, content: target.content } : { commentPid: target.pid, content: target.content };
        d = { id: ++ctx.state.seq.draft, kind, uid: ctx.uid as number, fsid, createType: 1, editorFskey: null, fields, fids: [...target.fids], state: 1, reason: null, createdAt: ctx.now, updatedAt: ctx.now };
        ctx.state.drafts.push(d);
      }
      return ok({ detail: draftInfo(ctx, d) });
    },
  },
  { method: 'GET', path: '/api/v2/editor/{type}/{draftId#}', name: 'editor.detail', login: 'uid', handle: (ctx) => ok({ detail: draftInfo(ctx, draftOf(ctx)), edit: { isEdit: !!draftOf(ctx).fsid, editableStatus: true } }) },
  {
    method: 'PUT', path: '/api/v2/editor/{type}/{draftId#}', name: 'editor.update', login: 'uid', write: true,
    handle: (ctx) => {
      const d = draftOf(ctx);
      if (d.state === 2) throw new SimError(38101, 'The draft is under review and cannot be edited');
      if (d.state === 3) throw new SimError(38102, 'The draft has already been published');
      Object.assign(d.fields, pickFields(ctx));
      if (ctx.body.deleteMap === true) delete d.fields.map;
      if (typeof ctx.body.deleteFile === 'string') d.fids = d.fids.filter((f) => f !== ctx.body.deleteFile);
      if (typeof ctx.body.deleteArchive === 'string') d.fields.archives = ((d.fields.archives as Array<{ code: string }> | undefined) ?? []).filter((a) => a.code !== ctx.body.deleteArchive);
      d.state = 1;
      d.updatedAt = ctx.now;
      return ok({ detail: draftInfo(ctx, d) });
    },
  },
  { method: 'POST', path: '/api/v2/editor/{type}/{draftId#}', name: 'editor.publish', login: 'uid', write: true, handle: publish },
  {
    method: 'PATCH', path: '/api/v2/editor/{type}/{draftId#}', name: 'editor.recall', login: 'uid', write: true,
    handle: (ctx) => {
      const d = draftOf(ctx);
      if (d.state !== 2) throw new SimError(38103, 'Only a draft under review can be recalled');
      d.state = 1;
      d.updatedAt = ctx.now;
      return ok();
    },
  },
  {
    method: 'DELETE', path: '/api/v2/editor/{type}/{draftId#}', name: 'editor.delete', login: 'uid', write: true,
    handle: (ctx) => {
      const d = draftOf(ctx);
      if (d.state === 2) throw new SimError(38101, 'The draft is under review; recall it first');
      if (d.state === 3) throw new SimError(38102, 'The draft has already been published');
      ctx.state.drafts = ctx.state.drafts.filter((x) => x !== d);
      return ok();
    },
  },
];
