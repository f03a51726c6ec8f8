import { PART_SIZE } from './operations/upload.js';

const MIB = 1024 * 1024;

/**
 * Longer how-to text that tool descriptions point to (`fanvue://guides/<topic>`) instead of
 * repeating it in every tools/list.
 */
export const guides = [
  {
    topic: 'uploads',
    title: 'Uploading media to the Fanvue vault',
    text: `# Uploading media to the Fanvue vault

## The easy way: one tool
\`fanvue_upload_media\` (agencies: \`fanvue_creator_upload_media\` with \`creatorUserUuid\`) uploads one local file.

- The file must be inside the directory the user set as \`CREATOR_MCP_UPLOAD_DIR\`; \`path\` is relative to it
  (e.g. \`shoots/beach.jpg\`). Any other path is refused, and without the variable no local file can be uploaded.
- \`mediaType\` (image, video, audio, document) comes from the extension when left out; \`name\` defaults to the file name.
- \`folderName\` also files the media in an existing vault folder.
- Progress is reported per part (${PART_SIZE / MIB} MiB each). The answer is \`{mediaUuid, uploadId, status, filename, mediaType, size, parts}\`.
- The media is usable in posts and messages once \`fanvue_get_media\` shows \`status: ready\` (it goes created → processing → ready, or error).
- If a step fails after the first one, the error says so: the media item already exists. Check it with
  \`fanvue_get_media\` before uploading again instead of creating a second copy.

## The raw way: three steps
For bytes that are not a local file (the agent or another tool holds them), Fanvue's multipart upload:

1. \`fanvue_create_upload_session\` with \`name\` (vault display name), \`filename\` (with extension) and \`mediaType\`:
   returns \`{mediaUuid, uploadId}\`.
2. For each part, numbered from 1: \`fanvue_get_upload_part_url\` with \`uploadId\` and \`partNumber\` returns \`{url}\`
   (Fanvue answers it as plain text). \`PUT\` the part's bytes to that URL without any Authorization header and keep the
   \`ETag\` response header. Every part except the last must be at least 5 MiB; at most 10,000 parts. Re-sending
   a part with the same number replaces it.
3. \`fanvue_complete_upload_session\` with \`uploadId\` and \`parts: [{PartNumber, ETag}, ...]\` for every part, in order:
   returns \`{status}\` (processing). Wait for \`status: ready\` in \`fanvue_get_media\`.

To file the media in a folder afterwards: \`fanvue_add_vault_folder_media\` with \`folderName\` and \`mediaUuids\`.

## Then use it
- Posts: \`mediaUuids\` of \`fanvue_create_post\`; a \`price\` (USD cents, at least 300) makes it pay-to-view.
- Messages: \`mediaUuids\` of \`fanvue_send_message\` or \`fanvue_send_mass_message\`, optionally with a \`price\`.
- Signed URLs to look at it: \`fanvue_get_media\` or \`fanvue_list_media\` with \`variants\` (e.g. \`["main", "thumbnail"]\`).
`,
  },
] as const;
