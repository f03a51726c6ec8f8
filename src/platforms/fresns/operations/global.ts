import * as z from 'zod';
import { unlisted } from '../../listed-schema.js';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { fid, paging } from './params.js';

const csv = (what: string) => z.string().min(1).describe(what);

/** Site configuration and dictionaries (`/api/v2/global/*`) plus the read-only common helpers. */
export const globalOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'get_configs',
    title: 'Get Fresns site configuration',
    description:
      'Returns site config values keyed by name (site_name, site_mode, languages, publishing limits, features). Ask with keys or tags; neither returns every public config (large). E.g. keys "site_mode,site_name".',
    method: 'GET',
    path: '/api/v2/global/configs',
    input: z.object({
      keys: csv('Config key names, comma-separated (e.g. "site_mode,site_name").').optional(),
      tags: csv('Config tags, comma-separated ("sites,languages").').optional(),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/configs'),
  }),
  fresnsOp({
    name: 'get_code_messages',
    title: 'Get Fresns code messages',
    description:
      'Returns the localized text of Fresns status codes (or a plugin\'s codes with fskey), as an object code → message. Use it to explain an error code to the user in the site\'s language. Give codes, or isAll true for every code.',
    method: 'GET',
    path: '/api/v2/global/code-messages',
    input: z
      .object({
        fskey: z.string().min(1).describe('Plugin fskey whose codes to return; default Fresns itself.').optional(),
        isAll: z.boolean().describe('true returns every code. Give isAll or codes.').optional(),
        codes: csv('Codes, comma-separated ("31302,36100"); or isAll.').optional(),
      })
      .superRefine((v, ctx) => {
        if (!v.isAll && !v.codes) ctx.addIssue({ code: 'custom', path: ['codes'], message: 'give codes, or isAll: true' });
      }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/code-messages'),
  }),
  fresnsOp({
    name: 'get_archives',
    title: 'Get extra profile/content fields',
    description:
      'Returns the archive fields (name, code, formElement, required, options) that profiles, groups, hashtags, posts or comments of one kind can carry; read before sending archives.',
    method: 'GET',
    path: '/api/v2/global/{type}/archives',
    input: z.object({
      type: z.enum(['user', 'group', 'hashtag', 'post', 'comment']).describe('Which object the fields belong to.'),
      fskey: z.string().min(1).describe('Only the fields of this plugin (fskey).').optional(),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'user',
    docs: doc('global/archives'),
  }),
  fresnsOp({
    name: 'get_upload_token',
    title: 'Get a storage upload token',
    description:
      'Returns a short-lived token (storageId, expireTime) to upload one file straight to the storage service with its SDK; for a local file use fresns_upload_file.',
    method: 'GET',
    path: '/api/v2/global/upload-token',
    input: z.object({
      type: z.enum(['image', 'video', 'audio', 'document']).describe('Kind of file to upload.'),
      name: z.string().min(1).max(128).describe('The file name the token is for, e.g. "cover.jpg".'),
      expireTime: z.number().int().min(1).max(600).describe('Validity in seconds, 1-600.'),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'user',
    docs: doc('global/upload-token'),
  }),
  fresnsOp({
    name: 'list_roles',
    title: 'List Fresns user roles',
    description:
      'Lists user roles (rid, name, type, nicknameColor, permissions summary), paginated. type 1 is administrators, 2 system roles, 3 user roles. Use it to explain what a user\'s role allows.',
    method: 'GET',
    path: '/api/v2/global/roles',
    input: z.object({
      ids: csv('Only these role ids (rid), comma-separated.').optional(),
      type: z.number().int().min(1).max(3).describe('1 administrators, 2 system, 3 user roles.').optional(),
      status: z.boolean().describe('true only enabled roles, false only disabled ones.').optional(),
      ...paging(50),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/roles'),
  }),
  fresnsOp({
    name: 'get_content_types',
    title: 'Get post or comment content types',
    description:
      'Returns the content types a site offers for posts or comments (All, Text, Image, Video, Audio, Document and plugin types), each with the value to pass as contentType to list and search tools.',
    method: 'GET',
    path: '/api/v2/global/{type}/content-types',
    input: z.object({ type: z.enum(['post', 'comment']).describe('"post" or "comment".') }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/content-types'),
  }),
  fresnsOp({
    name: 'list_stickers',
    title: 'List Fresns stickers',
    description:
      'Returns the sticker groups and their stickers (code, name, image). Put a sticker in content as [code], e.g. "[smile]"; the site renders it as the image.',
    method: 'GET',
    path: '/api/v2/global/stickers',
    input: z.object({}),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/stickers'),
  }),
  fresnsOp({
    name: 'list_block_words',
    title: 'List Fresns block words',
    description:
      'Lists the words the site blocks or replaces (word, replaceWord), for content, user names or conversations, paginated. Check a draft against it before publishing to avoid a 33301 banned-word refusal.',
    method: 'GET',
    path: '/api/v2/global/block-words',
    input: z.object({
      type: z.enum(['content', 'user', 'conversation']).describe('Where the words apply: content, user (names) or conversation.').optional(),
      ...paging(100),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('global/block-words'),
  }),
  fresnsOp({
    name: 'get_input_tips',
    title: 'Get input suggestions',
    description:
      'Suggests users, groups, hashtags, posts or extensions whose name starts with the text, as {fsid, name, image…}: turns "@mei" into a username or finds a hashtag slug.',
    method: 'GET',
    path: '/api/v2/common/input-tips',
    input: z.object({
      type: z.enum(['user', 'group', 'hashtag', 'post', 'extend']).describe('What to suggest.'),
      key: z.string().min(1).max(64).describe('What was typed so far, e.g. "mei".'),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('common/input-tips'),
  }),
  fresnsOp({
    name: 'get_callback',
    title: 'Get a plugin callback result',
    description:
      'Returns what a plugin page (login, payment, upload…) stored for a callback ulid, as {callbackKey, callbackType, callbackData}. Use it after sending a user to a plugin page that answered with a ulid.',
    method: 'GET',
    path: '/api/v2/common/callback',
    input: z.object({
      fskey: z.string().min(1).describe('The plugin fskey that produced the callback.'),
      ulid: z.string().min(1).describe('The callback ulid the plugin returned.'),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('common/callback'),
  }),
  fresnsOp({
    name: 'upload_log',
    title: 'Record a client log on Fresns',
    description:
      'Writes one entry to the site\'s session log (type 1-16: logins, plugin actions, errors…) with the object acted on and its result. For client developers who must report actions; most agents never need it.',
    method: 'POST',
    path: '/api/v2/common/upload-log',
    input: z.object({
      type: z.number().int().min(1).max(16).describe('Log type 1-16 (session_logs dictionary; 16 other).'),
      fskey: z.string().min(1).describe('The plugin fskey the action belongs to; default Fresns.').optional(),
      objectName: z.string().min(1).describe('What was acted on (route or feature name).'),
      objectAction: z.string().min(1).describe('What was done, in a few words.'),
      objectResult: z.number().int().min(1).max(3).describe('1 unknown, 2 success, 3 failure.'),
      objectOrderId: z.number().int().min(1).describe('Related order id, if any.').optional(),
      deviceToken: unlisted(z.string().min(1).describe('Push device token, if any.').optional()),
      moreJson: unlisted(z.record(z.string(), z.unknown()).describe('Any extra data, as an object.').optional()),
    }),
    kind: 'write',
    toolset: 'global',
    login: 'none',
    docs: doc('common/upload-log'),
  }),
  fresnsOp({
    name: 'get_file_link',
    title: 'Get a file download link',
    description:
      'Returns a download URL for a file attached to a post, comment, extension or conversation message (private storage links expire). The download is recorded: the user then appears in fresns_list_file_users.',
    method: 'GET',
    path: '/api/v2/common/file/{fid}/link',
    input: z.object({
      fid,
      type: z.enum(['post', 'comment', 'extend', 'conversation']).describe('What the file is attached to.'),
      fsid: z.string().min(1).describe('The id of that object: pid, cid, eid or the conversation message id.'),
    }),
    kind: 'read',
    toolset: 'global',
    login: 'user',
    docs: doc('common/file-link'),
  }),
  fresnsOp({
    name: 'list_file_users',
    title: 'List users who downloaded a file',
    description: 'Lists the users who downloaded a file (user info and datetime), newest first, paginated.',
    method: 'GET',
    path: '/api/v2/common/file/{fid}/users',
    input: z.object({ fid, ...paging(30) }),
    kind: 'read',
    toolset: 'global',
    login: 'none',
    docs: doc('common/file-users'),
  }),
];
