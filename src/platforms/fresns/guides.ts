import type { Guide } from '../types.js';

/** Read on demand instead of sent in every tools/list: the editor and list tools point here. */
const content = `# Fresns content

How to write, publish and find posts and comments on a Fresns site (API 2.x names, which the tools keep).

## Content formats
\`content\` is 1-20000 characters (a site may set a lower limit: fresns_get_editor_config). Plain text, or Markdown
with \`isMarkdown: true\`. Inside the text:
- \`@nickname\` mentions a user (they are notified);
- \`#name#\` is a hashtag (or \`#name\` followed by a space, per site settings; fresns_list_hashtags);
- \`[code]\` is a sticker (fresns_list_stickers);
- \`[file:fid]\` places an uploaded file.
Posts may carry \`postTitle\` (at most 255 characters), \`postGid\` (group; some sites require one), \`postQuotePid\`,
\`postIsCommentDisabled\`, \`postIsCommentPrivate\`. A comment needs \`commentPid\` (the post) and takes \`commentCid\` to
reply to a comment. \`isAnonymous: true\` hides the author where the site allows it.

Optional attachments:
- \`map\`: \`{"mapId":1,"latitude":31.23,"longitude":121.47,"poi":"People's Square"}\` (required: mapId 1-11, latitude
  -90..90, longitude -180..180, poi; optional: scale, poiId, continent, country, city, address). mapId is the map
  provider: 1 Google, 2 Mapbox, 5 Amap, 6 Baidu…
- \`extends\`: \`[{"eid":"…","canDelete":true,"rating":1}]\`: extend contents (plugin cards); rating is the display order.
- \`archives\`: \`[{"code":"…","value":…,"isPrivate":false}]\`: archive field values (codes: fresns_get_archives).

## Quick publish
fresns_quick_publish publishes in one step, with at most one image from \`CREATOR_MCP_UPLOAD_DIR\` (\`image\`: a file
name or relative path in that directory). Give content, an image, or both.
\`{"type":"post","postTitle":"Hello","content":"First post #intro#"}\`,
\`{"type":"comment","commentPid":"Pq3Jk9aL","content":"Thanks!"}\`.
It returns \`{type, draftId, fsid}\`: fsid is the new pid or cid. When the site reviews content first, fsid is null and
draftId is the draft under review. Published content is visible to everyone at once and notifies the people mentioned
or replied to. Not idempotent: a retry publishes twice.

## Drafts
For several files, a location or a long edit: fresns_create_draft (createType 1; 2 for an editor plugin with
editorFskey) → fresns_upload_file (usageType 7 for posts, 8 for comments; tableName post_logs or comment_logs,
tableColumn "id", tableId = draftId) → fresns_update_draft → fresns_publish_draft.
States: 1 editing, 2 under review, 4 rejected (see \`reason\`). Only states 1 and 4 can be changed or deleted;
fresns_recall_draft takes a draft under review back to 1. fresns_update_draft replaces the fields given; deleteMap,
deleteFile (fid), \`deleteExtend\` (eid) and \`deleteArchive\` (code) remove attachments.
To edit published content: fresns_generate_draft with its pid or cid, update, publish; each publish adds a version to
fresns_list_post_logs / fresns_list_comment_logs.
Publishing checks required fields, length and block words first (errors 38xxx, 33301).

## File uploads (fresns_upload_file)
- \`uploadMode\`: "file" uploads \`file\` (a path inside CREATOR_MCP_UPLOAD_DIR); "fileInfo" registers files already in
  storage (\`fileInfo\`: records with name, mime, extension, size, path…).
- \`type\`: image, video, audio or document. Allowed extensions and sizes: fresns_get_editor_config.
- \`usageType\`: 1 other, 2 system, 3 operation, 4 sticker, 5 user, 6 conversation, 7 post, 8 comment, 9 extend, 10 plugin.
- \`tableName\`, \`tableColumn\` (usually "id") and \`tableId\` (a row id such as the draftId) or \`tableKey\` (a uid or pid)
  say what the file belongs to. Typical: avatar = usageType 5, tableName users (then fresns_edit_user avatarFid);
  draft image = usageType 7, tableName post_logs, tableId draftId; message file = usageType 6, tableName
  conversation_messages.
The answer carries the file's \`fid\`.

## Profiles and logins
fresns_edit_user also takes \`archives\`: \`[{"code":"…","value":…}]\`, values of the site's user archive fields
(codes: fresns_get_archives type user). Login and account tools take \`deviceToken\`, a mobile push token: leave it out.
fresns_edit_account also takes \`currentWalletPassword\` / \`newWalletPassword\` (the wallet's own password, plain
text, Base64-encoded for you), \`updateLastLoginTime\` (true only refreshes the last login time) and
\`disconnectPlatformId\` (removes that connected platform, by its connect id).
fresns_upload_log and fresns_upload_file take \`moreJson\`: any extra data, as an object.

## Lists, filters and sort orders
Pages start at 1; \`pageSize\` is 1-30 (default 15). Answers carry \`pagination\` (total, currentPage, lastPage) and \`hasMore\`.
\`whitelistKeys\` / \`blacklistKeys\` keep or drop keys of each item (comma-separated, dot paths: "pid,title,author.nickname").
Post and comment filters: \`contentType\` (All, Text, Image, Video, Audio, Document or a plugin fskey:
fresns_get_content_types), \`createdDays\` (last N days), \`createdDate\` (today, yesterday, week, lastWeek, month,
lastMonth, year, lastYear), \`createdDateGt\` / \`createdDateLt\` (Y-m-d), \`likeCountGt\` / \`likeCountLt\` and
\`commentCountGt\` / \`commentCountLt\` (counts above / below).
Search: \`followUsers\`, \`followGroups\`, \`followHashtags\` (true: only what you follow).
Users (fresns_list_users): \`roles\` (role ids, comma-separated), \`verified\` (true or false), \`gender\`
(1 unknown, 2 male, 3 female), \`createdDays\` (joined in the last N days).
Posts only: \`includeSubgroups\` (with gid: subgroups too), \`allDigest\` (featured only), \`stickyState\` (1 not sticky,
2 sticky in its group, 3 sticky site-wide), \`blockGroups\` / \`blockHashtags\` (gids / hids to skip, comma-separated).
\`mapId\` (map provider 1-11) + \`mapLng\` + \`mapLat\` (strings such as "121.4737") add distances.

\`orderType\` (\`orderDirection\` asc or desc, default desc); any other value is refused with 30000:
- posts and comments: createdTime (default), random, view, like, dislike, follow, block, comment.
- users: createdTime (join time, default), random, view, like, dislike, follow (followers), block, post, comment,
  postDigest, commentDigest, extcredits1-5.
- groups: createdTime (default), random, view, like, follow, block, post, postDigest, rating (the admin order).
- hashtags: createdTime (default), random, view, like, follow, block, post, postDigest.
`;

export const guides: readonly Guide[] = [{ topic: 'content', title: 'Fresns content: formats, drafts, uploads, sort orders', text: content }];
