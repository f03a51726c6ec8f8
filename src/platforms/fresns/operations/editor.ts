import * as z from 'zod';
import type { Operation } from '../../types.js';
import { doc, fresnsOp } from './define.js';
import { draftId, editorType } from './params.js';

const map = z
  .object({
    mapId: z.number().int().min(1).max(11).describe('Map service provider id.'),
    latitude: z.number().min(-90).max(90).describe('Latitude.'),
    longitude: z.number().min(-180).max(180).describe('Longitude.'),
    scale: z.string().describe('Map zoom, as text.').optional(),
    poi: z.string().describe('Place name.'),
    poiId: z.string().describe('Provider place id.').optional(),
    continent: z.string().describe('Continent.').optional(),
    country: z.string().describe('Country.').optional(),
    city: z.string().describe('City.').optional(),
    address: z.string().describe('Street address.').optional(),
  })
  .describe('Location to attach, e.g. {"mapId":1,"latitude":31.23,"longitude":121.47,"poi":"People\'s Square"}.');
const extendsList = z
  .array(z.object({ eid: z.string().describe('Extend content id.'), canDelete: z.boolean().describe('Whether the author may remove it.').optional(), rating: z.number().int().describe('Display order.').optional() }))
  .describe('Extend contents (plugin cards) to attach, by eid.');
const archives = z
  .array(z.object({ code: z.string().describe('Archive field code (fresns_get_archives).'), value: z.unknown().describe('Its value.'), isPrivate: z.boolean().describe('Visible to the author only.').optional() }))
  .describe('Archive field values.');

/** Fields shared by quick publish, draft create and draft update, with Fresns' names. */
const contentFields = {
  postQuotePid: z.string().min(1).describe('Post only: pid of a post this post quotes.').optional(),
  postGid: z.string().min(1).describe('Post only: gid of the group to publish in (some sites require one; see fresns_get_editor_config).').optional(),
  postTitle: z.string().min(1).max(255).describe('Post only: the title (some sites require one).').optional(),
  postIsCommentDisabled: z.boolean().describe('Post only: true turns comments off.').optional(),
  postIsCommentPrivate: z.boolean().describe('Post only: true makes comments visible to their author and the post author only.').optional(),
  commentPid: z.string().min(1).describe('Comment only, required for a comment: pid of the post commented on.').optional(),
  commentCid: z.string().min(1).describe('Comment only: cid of the comment replied to; leave out to comment on the post itself.').optional(),
  content: z.string().min(1).max(20000).describe('The text (Markdown when isMarkdown). Mention users as @nickname, hashtags as #name#, stickers as [code], uploaded files as [file:fid].').optional(),
  isMarkdown: z.boolean().describe('true when content is Markdown.').optional(),
  isAnonymous: z.boolean().describe('true publishes without showing the author (if the site allows).').optional(),
  map: map.optional(),
  extends: extendsList.optional(),
  archives: archives.optional(),
};

const commentNeedsPid = (v: { type: string; commentPid?: string }, ctx: z.core.$RefinementCtx) => {
  if (v.type === 'comment' && !v.commentPid) ctx.addIssue({ code: 'custom', path: ['commentPid'], message: 'required when type is comment (the pid of the post)' });
};

/** Publishing: quick publish, file upload and the draft life cycle (create, edit, submit, recall). */
export const editorOperations: readonly Operation[] = [
  fresnsOp({
    name: 'quick_publish',
    title: 'Publish a Fresns post or comment',
    description:
      'Publishes a post (type post) or a comment (type comment with commentPid, plus commentCid to reply to a comment) in one step, with an optional image from CREATOR_MCP_UPLOAD_DIR. Returns {type, draftId, fsid}: fsid is the new pid/cid; when the site reviews content first, fsid is null and draftId is the draft under review. Visible to everyone at once and notifies the people mentioned or replied to. Example: {"type":"comment","commentPid":"Pq3Jk9aL","content":"Thanks!"}.',
    method: 'POST',
    path: '/api/v2/editor/{type}/quick-publish',
    input: z
      .object({
        type: editorType,
        ...contentFields,
        image: z.string().min(1).describe('Optional image to attach: a file name or relative path inside CREATOR_MCP_UPLOAD_DIR, e.g. "cover.jpg".').optional(),
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
      'Uploads a local file from CREATOR_MCP_UPLOAD_DIR (uploadMode file) or registers files already in storage (uploadMode fileInfo), attached to what tableName/tableColumn/tableId say. Returns the file info with its fid. Typical uses: usageType 5 tableName users for an avatar (then fresns_edit_user avatarFid); usageType 7 tableName post_logs tableId draftId for a draft image; usageType 6 tableName conversation_messages for a message file.',
    method: 'POST',
    path: '/api/v2/common/upload-file',
    input: z
      .object({
        usageType: z.number().int().min(1).max(10).describe('File usage: 1 other, 2 system, 3 operation, 4 sticker, 5 user, 6 conversation, 7 post, 8 comment, 9 extend, 10 plugin.'),
        tableName: z.enum(['users', 'posts', 'comments', 'conversation_messages', 'post_logs', 'comment_logs']).describe('The table the file belongs to.'),
        tableColumn: z.string().min(1).describe('The column it belongs to; usually "id".'),
        tableId: z.number().int().min(1).describe('The row id (e.g. the draftId for post_logs). Give tableId or tableKey.').optional(),
        tableKey: z.string().min(1).describe('The row key (e.g. a uid or pid), instead of tableId.').optional(),
        type: z.enum(['image', 'video', 'audio', 'document']).describe('Kind of file.'),
        uploadMode: z.enum(['file', 'fileInfo']).describe('"file" uploads the local file; "fileInfo" registers files already in storage.'),
        file: z.string().min(1).describe('uploadMode file: a file name or relative path inside CREATOR_MCP_UPLOAD_DIR.').optional(),
        fileInfo: z.array(z.record(z.string(), z.unknown())).describe('uploadMode fileInfo: file records (name, mime, extension, size, path, …).').optional(),
        moreJson: z.record(z.string(), z.unknown()).describe('uploadMode file: extra information stored with the file.').optional(),
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
    description: 'Returns what the logged-in user may publish: permissions (publish, review required), required fields (title, group), limits (content length, files per kind with extensions and sizes), toolbar features and plugins. Read it before publishing to avoid a refusal.',
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
      status: z.number().int().min(1).max(2).describe('1 drafts being edited or rejected, 2 drafts under review.').optional(),
      page: z.number().int().min(1).describe('Page number, from 1. Default 1.').optional(),
      pageSize: z.number().int().min(1).max(30).describe('Items per page, 1-30. Default 15.').optional(),
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
      'Creates a post or comment draft (not visible to others) with optional first content; returns the draft detail with its id. Fill it with fresns_update_draft and files via fresns_upload_file, then publish with fresns_publish_draft. createType 1 is a plain draft, 2 a draft opened by an editor plugin (editorFskey).',
    method: 'POST',
    path: '/api/v2/editor/{type}/create',
    input: z
      .object({
        type: editorType,
        createType: z.number().int().min(1).max(2).describe('1 normal draft, 2 draft for an editor plugin.'),
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
      'Changes a draft that is being edited (state 1 or 4): the fields given replace the old values; deleteMap, deleteFile, deleteExtend and deleteArchive remove attachments. Drafts under review cannot be changed (recall them first).',
    method: 'PUT',
    path: '/api/v2/editor/{type}/{draftId}',
    input: z.object({
      type: editorType,
      draftId,
      ...contentFields,
      deleteMap: z.boolean().describe('true removes the location.').optional(),
      deleteFile: z.string().min(1).describe('fid of a file to remove from the draft.').optional(),
      deleteExtend: z.string().min(1).describe('eid of an extend content to remove.').optional(),
      deleteArchive: z.string().min(1).describe('code of an archive field to remove.').optional(),
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
    description: 'Submits a draft: it is published at once (returns the pid/cid as fsid) or, when the site reviews content, goes to review (state 2) and is published after approval. Fresns checks required fields, length and block words first (38xxx, 33301).',
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
