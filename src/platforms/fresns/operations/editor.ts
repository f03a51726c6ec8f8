import * as z from 'zod';
import type { FresnsOperation } from './define.js';
import { listedAs, unlisted } from '../../listed-schema.js';
import { doc, fresnsOp } from './define.js';
import { draftId, editorType, paging } from './params.js';

/** Nested attachments are listed as their shape in one line; fresns://guides/content has every field. */
const map = listedAs(
  z.object({
    mapId: z.number().int().min(1).max(11),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    scale: z.string().optional(),
    poi: z.string(),
    poiId: z.string().optional(),
    continent: z.string().optional(),
    country: z.string().optional(),
    city: z.string().optional(),
    address: z.string().optional(),
  }),
  { type: 'object', required: ['mapId', 'latitude', 'longitude', 'poi'] },
  'Location {"mapId":1,"latitude":31.23,"longitude":121.47,"poi":"People\'s Square"}; more fields: fresns://guides/content.',
);
const extendsList = listedAs(
  z.array(z.object({ eid: z.string(), canDelete: z.boolean().optional(), rating: z.number().int().optional() })),
  { type: 'array', items: { type: 'object', required: ['eid'] } },
  'Extend contents (plugin cards): [{"eid","canDelete","rating"}].',
);
const archives = listedAs(
  z.array(z.object({ code: z.string(), value: z.unknown(), isPrivate: z.boolean().optional() })),
  { type: 'array', items: { type: 'object', required: ['code', 'value'] } },
  'Archive values: [{"code" (fresns_get_archives),"value","isPrivate"}].',
);

/** Fields shared by quick publish, draft create and draft update, with Fresns' names. */
const contentFields = {
  postQuotePid: z.string().min(1).describe('Post: pid it quotes.').optional(),
  postGid: z.string().min(1).describe('Post: group gid (some sites require one).').optional(),
  postTitle: z.string().min(1).max(255).describe('Post: title (some sites require one).').optional(),
  postIsCommentDisabled: z.boolean().describe('Post: turns comments off.').optional(),
  postIsCommentPrivate: z.boolean().describe('Post: comments visible to their and the post author only.').optional(),
  commentPid: z.string().min(1).describe('Comment (required): the post pid.').optional(),
  commentCid: z.string().min(1).describe('Comment: cid replied to.').optional(),
  content: z.string().min(1).max(20000).describe('@nickname, #hashtag#, [sticker], [file:fid]: fresns://guides/content.').optional(),
  isMarkdown: z.boolean().describe('content is Markdown.').optional(),
  isAnonymous: z.boolean().describe('Hide the author (if the site allows).').optional(),
  map: unlisted(map.optional()),
  // Plugin cards and archive fields: rare, and explained in fresns://guides/content.
  extends: unlisted(extendsList.optional()),
  archives: unlisted(archives.optional()),
};

const commentNeedsPid = (v: { type: string; commentPid?: string }, ctx: z.core.$RefinementCtx) => {
  if (v.type === 'comment' && !v.commentPid) ctx.addIssue({ code: 'custom', path: ['commentPid'], message: 'required when type is comment (the pid of the post)' });
};

/** Publishing: quick publish, file upload and the draft life cycle (create, edit, submit, recall). */
export const editorOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'quick_publish',
    title: 'Publish a Fresns post or comment',
    description:
      'Publishes a post, or a comment (commentPid; commentCid replies to a comment), in one step, visible to all and notifying those mentioned. Returns {type, draftId, fsid}: fsid is the new pid/cid, or null with draftId when the site reviews first. Not idempotent. Formats: fresns://guides/content.',
    method: 'POST',
    path: '/api/v2/editor/{type}/quick-publish',
    input: z
      .object({
        type: editorType,
        ...contentFields,
        image: z.string().min(1).describe('Image path inside CREATOR_MCP_UPLOAD_DIR, e.g. "cover.jpg".').optional(),
      })
      .superRefine((v, ctx) => {
        commentNeedsPid(v, ctx);
        if (!v.content && !v.image) ctx.addIssue({ code: 'custom', path: ['content'], message: 'give content, an image, or both' });
      }),
    kind: 'write',
    toolset: 'editor',
    login: 'user',
    body: 'multipart',
    jsonStrings: ['map', 'extends', 'archives'],
    files: ['image'],
    docs: doc('editor/quick-publish'),
  }),
  fresnsOp({
    name: 'upload_file',
    title: 'Upload a file to Fresns',
    description:
      'Uploads a file from CREATOR_MCP_UPLOAD_DIR (uploadMode file) or registers stored files (fileInfo), attached to tableName/tableColumn/tableId; returns its fid. Avatar: usageType 5, users. Draft image: usageType 7, post_logs, tableId draftId. More: fresns://guides/content.',
    method: 'POST',
    path: '/api/v2/common/upload-file',
    input: z
      .object({
        usageType: z.number().int().min(1).max(10).describe('1 other, 2 system, 3 operation, 4 sticker, 5 user, 6 conversation, 7 post, 8 comment, 9 extend, 10 plugin.'),
        tableName: z.enum(['users', 'posts', 'comments', 'conversation_messages', 'post_logs', 'comment_logs']).describe('What it belongs to.'),
        tableColumn: z.string().min(1).describe('Usually "id".'),
        tableId: z.number().int().min(1).describe('Row id (e.g. draftId); or tableKey.').optional(),
        tableKey: z.string().min(1).describe('Row key (uid, pid…) instead of tableId.').optional(),
        type: z.enum(['image', 'video', 'audio', 'document']).describe('Kind of file.'),
        uploadMode: z.enum(['file', 'fileInfo']).describe('file: upload file; fileInfo: register stored files.'),
        file: z.string().min(1).describe('uploadMode file: path inside CREATOR_MCP_UPLOAD_DIR.').optional(),
        fileInfo: z.array(z.record(z.string(), z.unknown())).describe('uploadMode fileInfo: records (name, mime, extension, size, path…).').optional(),
        moreJson: unlisted(z.record(z.string(), z.unknown()).describe('uploadMode file: extra info stored with it.').optional()),
      })
      .superRefine((v, ctx) => {
        if (v.uploadMode === 'file' && !v.file) ctx.addIssue({ code: 'custom', path: ['file'], message: 'required when uploadMode is file' });
        if (v.uploadMode === 'fileInfo' && !v.fileInfo) ctx.addIssue({ code: 'custom', path: ['fileInfo'], message: 'required when uploadMode is fileInfo' });
        if (v.tableId === undefined && v.tableKey === undefined) ctx.addIssue({ code: 'custom', path: ['tableId'], message: 'give tableId or tableKey' });
      }),
    kind: 'write',
    toolset: 'editor',
    login: 'user',
    body: 'multipart',
    arrays: ['fileInfo', 'moreJson'],
    files: ['file'],
    docs: doc('common/upload-file'),
  }),
  fresnsOp({
    name: 'get_editor_config',
    title: 'Get the post or comment editor rules',
    description: 'Returns what the user may publish: permissions, review, required fields (title, group), limits (content length, file kinds, extensions, sizes) and plugins. Read before publishing.',
    method: 'GET',
    path: '/api/v2/editor/{type}/config',
    input: z.object({ type: editorType }),
    kind: 'read',
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/config'),
  }),
  fresnsOp({
    name: 'list_drafts',
    title: 'List Fresns drafts',
    description: 'Lists the logged-in user\'s post or comment drafts, newest first, paginated: id (draftId), title, content excerpt, state (1 editing, 2 under review, 4 rejected) and reason when rejected.',
    method: 'GET',
    path: '/api/v2/editor/{type}/drafts',
    input: z.object({
      type: editorType,
      status: z.number().int().min(1).max(2).describe('1 editing or rejected, 2 under review.').optional(),
      ...paging(30),
    }),
    kind: 'read',
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/drafts'),
  }),
  fresnsOp({
    name: 'create_draft',
    title: 'Create a Fresns draft',
    description:
      'Creates a private post or comment draft, optionally with content; returns it with its id. Then fresns_upload_file, fresns_update_draft, fresns_publish_draft (fresns://guides/content).',
    method: 'POST',
    path: '/api/v2/editor/{type}/create',
    input: z
      .object({
        type: editorType,
        createType: z.number().int().min(1).max(2).describe('1 normal, 2 for an editor plugin.'),
        editorFskey: z.string().min(1).describe('createType 2: the editor plugin fskey.').optional(),
        ...contentFields,
      })
      .superRefine(commentNeedsPid),
    kind: 'write',
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/create'),
  }),
  fresnsOp({
    name: 'generate_draft',
    title: 'Open a published post or comment for editing',
    description: 'Makes an editing draft from a published post or comment of the logged-in user (fsid = its pid or cid), or returns the one already open. Publishing that draft updates the content and adds a version to its logs.',
    method: 'POST',
    path: '/api/v2/editor/{type}/generate/{fsid}',
    input: z.object({ type: editorType, fsid: z.string().min(1).describe('The pid (type post) or cid (type comment) to edit.') }),
    kind: 'write',
    idempotent: true,
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/generate'),
  }),
  fresnsOp({
    name: 'get_draft',
    title: 'Get a Fresns draft',
    description: 'Returns one draft of the logged-in user in full: content, title, group, files, location, extends, archives, state and the editor config that applies.',
    method: 'GET',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({ type: editorType, draftId }),
    kind: 'read',
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/detail'),
  }),
  fresnsOp({
    name: 'update_draft',
    title: 'Update a Fresns draft',
    description:
      'Changes a draft in state 1 or 4 (under review: recall first): given fields replace old values; delete* fields remove attachments.',
    method: 'PUT',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({
      type: editorType,
      draftId,
      ...contentFields,
      deleteMap: z.boolean().describe('Remove the location.').optional(),
      deleteFile: z.string().min(1).describe('fid to remove.').optional(),
      deleteExtend: unlisted(z.string().min(1).describe('eid to remove.').optional()),
      deleteArchive: unlisted(z.string().min(1).describe('Archive code to remove.').optional()),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/update'),
  }),
  fresnsOp({
    name: 'publish_draft',
    title: 'Publish a Fresns draft',
    description: 'Submits a draft: published at once (fsid = pid/cid) or, when the site reviews, state 2 until approved. Checked first: required fields, length, block words (38xxx, 33301).',
    method: 'POST',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({ type: editorType, draftId }),
    kind: 'write',
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/publish'),
  }),
  fresnsOp({
    name: 'recall_draft',
    title: 'Withdraw a draft from review',
    description: 'Takes a draft that is under review (state 2) back to editing (state 1), so it can be changed or deleted.',
    method: 'PATCH',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({ type: editorType, draftId }),
    kind: 'write',
    idempotent: true,
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/recall'),
  }),
  fresnsOp({
    name: 'delete_draft',
    title: 'Delete a Fresns draft',
    description: 'Deletes a draft being edited and its files. Published content is not affected; drafts under review must be recalled first.',
    method: 'DELETE',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({ type: editorType, draftId }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'editor',
    login: 'user',
    docs: doc('editor/delete'),
  }),
];
