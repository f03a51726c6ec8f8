import type { HttpMethod, Operation } from '../../types.js';

/** Fresns API generations: 2 = Fresns 2.x (`/api/v2`), 3 = Fresns 3.x (`/api/fresns/v1`). */
export type ApiVersion = 2 | 3;

/** Where one operation lives in one API version, and how its arguments are named there. */
export interface VersionRoute {
  method: HttpMethod;
  /** `{name}` placeholders are filled from the (renamed) arguments; the others go in the query or body. */
  path: string;
  /** Tool argument → the name this version uses for it. */
  rename?: Readonly<Record<string, string>>;
  /** Arguments this version has no field for and does not need (left out of the request). */
  drop?: readonly string[];
  /** Arguments this version has no equivalent for: given, the call is refused before sending. */
  refuse?: readonly string[];
}

const V1 = '/api/fresns/v1';
const get = (path: string, more: Omit<VersionRoute, 'method' | 'path'> = {}): VersionRoute => ({ method: 'GET', path: `${V1}${path}`, ...more });
const at = (method: HttpMethod, path: string, more: Omit<VersionRoute, 'method' | 'path'> = {}): VersionRoute => ({ method, path: `${V1}${path}`, ...more });

/** 2.x post fields that 3.x renamed (EditorQuickPublishDTO / EditorDraftCreateDTO, v3.6.2). */
const POST_FIELDS = { postQuotePid: 'quotePid', postGid: 'gid', postTitle: 'title', postIsCommentPrivate: 'commentPrivate' } as const;

/**
 * Each operation in Fresns 3.x, from `app/Fresns/Api/Routes/api.php` and the DTOs at v3.6.2; the
 * 2.x route is the row's own method and path. `null`: 3.x has no such route in its core API (it
 * moved to the account-center plugin or changed its keys), so the tool is not offered for 3.x.
 * Kept beside the rows, not in them, so the description lines of the rows stay untouched.
 */
export const V3_ROUTES: Readonly<Record<string, VersionRoute | null>> = {
  // global: code messages, upload token and block words left the 3.x core API
  get_configs: get('/global/configs'),
  get_code_messages: null,
  get_archives: get('/global/{type}/archives'),
  get_upload_token: null,
  list_roles: get('/global/roles'),
  get_content_types: get('/global/{type}/content-types'),
  list_stickers: get('/global/stickers'),
  list_block_words: null,
  get_input_tips: get('/common/input-tips'),
  get_callback: get('/common/callback'),
  upload_log: null,
  get_file_link: get('/file/{fid}/link'),
  list_file_users: get('/file/{fid}/users'),
  // account: 3.x logs in through the account center (a loginToken), not with a password
  send_verify_code: null,
  register_account: null,
  login_account: null,
  login_with_token: at('POST', '/account/auth-token'),
  reset_password: null,
  get_account: get('/account/detail'),
  list_wallet_logs: get('/account/wallet-records'),
  verify_identity: null,
  edit_account: null,
  logout: at('DELETE', '/account/auth-token'),
  apply_delete_account: null,
  recall_delete_account: null,
  // users
  list_users: get('/user/list'),
  get_user: get('/user/{uidOrUsername}/detail'),
  list_followers_you_follow: get('/user/{uidOrUsername}/followers-you-follow'),
  list_user_interactions: get('/user/{uidOrUsername}/interaction/{type}'),
  list_user_marks: get('/user/{uidOrUsername}/mark/{markType}/{listType}'),
  login_user: at('POST', '/user/auth-token', { rename: { password: 'pin' } }),
  get_user_panel: get('/user/overview'),
  edit_user: at('PATCH', '/user/profile'),
  toggle_mark: at('POST', '/user/mark', { rename: { interactionType: 'markType', markType: 'type' } }),
  set_mark_note: at('PATCH', '/user/mark-note', { rename: { markType: 'type' }, drop: ['interactionType'] }),
  // messages: 3.x keys a conversation by the other user and messages by cmid (not modelled yet)
  list_notifications: get('/notification/list'),
  mark_notifications_read: at('PATCH', '/notification/read-status'),
  delete_notifications: at('DELETE', '/notification/delete'),
  list_conversations: get('/conversation/list'),
  get_conversation: null,
  list_conversation_messages: null,
  pin_conversation: null,
  mark_conversation_read: null,
  send_message: at('POST', '/conversation/message'),
  delete_conversation: null,
  // groups and hashtags (3.x has no group categories route)
  get_group_tree: get('/group/tree'),
  list_group_categories: null,
  list_groups: get('/group/list'),
  get_group: get('/group/{gid}/detail'),
  list_group_interactions: get('/group/{gid}/interaction/{type}'),
  list_hashtags: get('/hashtag/list'),
  get_hashtag: get('/hashtag/{hid}/detail'),
  list_hashtag_interactions: get('/hashtag/{hid}/interaction/{type}'),
  // posts and comments: "follow/{type}" became "timelines?type=", logs became histories keyed by hpid/hcid strings
  list_posts: get('/post/list'),
  list_followed_posts: get('/post/timelines'),
  list_nearby_posts: get('/post/nearby'),
  get_post: get('/post/{pid}/detail'),
  list_post_interactions: get('/post/{pid}/interaction/{type}'),
  list_post_users: get('/post/{pid}/users'),
  list_post_logs: get('/post/{pid}/histories'),
  get_post_log: null,
  delete_post: at('DELETE', '/post/{pid}'),
  list_comments: get('/comment/list'),
  list_followed_comments: get('/comment/timelines'),
  list_nearby_comments: get('/comment/nearby'),
  get_comment: get('/comment/{cid}/detail'),
  list_comment_interactions: get('/comment/{cid}/interaction/{type}'),
  list_comment_logs: get('/comment/{cid}/histories'),
  get_comment_log: null,
  delete_comment: at('DELETE', '/comment/{cid}'),
  // editor: the 3.x upload routes take other fields (not modelled yet)
  quick_publish: at('POST', '/editor/{type}/publish', { rename: POST_FIELDS, refuse: ['postIsCommentDisabled', 'map'] }),
  upload_file: null,
  get_editor_config: get('/editor/{type}/configs'),
  list_drafts: get('/editor/{type}/drafts'),
  create_draft: at('POST', '/editor/{type}/draft', { rename: POST_FIELDS, drop: ['createType'], refuse: ['editorFskey', 'postIsCommentDisabled', 'map'] }),
  generate_draft: at('POST', '/editor/{type}/edit/{fsid}'),
  get_draft: get('/editor/{type}/draft/{draftId}'),
  update_draft: at('PUT', '/editor/{type}/draft/{draftId}', { rename: { ...POST_FIELDS, deleteMap: 'deleteLocation' }, refuse: ['postIsCommentDisabled', 'map', 'deleteArchive'] }),
  publish_draft: at('POST', '/editor/{type}/draft/{draftId}'),
  recall_draft: at('PATCH', '/editor/{type}/draft/{draftId}'),
  delete_draft: at('DELETE', '/editor/{type}/draft/{draftId}'),
  // search
  search_users: get('/search/users'),
  search_groups: get('/search/groups'),
  search_hashtags: get('/search/hashtags'),
  search_posts: get('/search/posts'),
  search_comments: get('/search/comments'),
};

/** Operations that exist only in Fresns 3.x: their row's own path is the 3.x one. */
export const V3_ONLY: ReadonlySet<string> = new Set(['login_with_token']);

/** The route of `op` in `version`, or undefined when that version has no such operation. */
export function routeFor(op: Operation, version: ApiVersion): VersionRoute | undefined {
  if (version === 2) return V3_ONLY.has(op.name) ? undefined : { method: op.method, path: op.path };
  return V3_ROUTES[op.name] ?? undefined;
}

/**
 * 2.x filters items with `whitelistKeys` or `blacklistKeys`; 3.x with `filterType`
 * (whitelist/blacklist) and `filterKeys` (DetailDTO, PostListDTO… v3.6.2). The tools keep the 2.x
 * names; one of them at a time, as 3.x takes one filter.
 */
export function keyFiltersFor3(input: Record<string, unknown>): Record<string, unknown> | string {
  const { whitelistKeys, blacklistKeys, ...rest } = input;
  if (whitelistKeys !== undefined && blacklistKeys !== undefined) return 'Fresns 3.x takes one key filter: give whitelistKeys or blacklistKeys, not both';
  if (whitelistKeys !== undefined) return { ...rest, filterType: 'whitelist', filterKeys: whitelistKeys };
  if (blacklistKeys !== undefined) return { ...rest, filterType: 'blacklist', filterKeys: blacklistKeys };
  return input;
}

export const VERSION_NAME: Record<ApiVersion, string> = { 2: 'Fresns 2.x (/api/v2)', 3: 'Fresns 3.x (/api/fresns/v1)' };
