import * as z from 'zod';
import { fanvueOperation, type FanvueOperation } from '../operation.js';
import { unlisted } from '../../listed-schema.js';
import { uuid } from '../params.js';
import { AGENCY_TOOLSET } from './agency.js';
import { uploadInput, uploadMedia } from './upload.js';

type Mirror = [operationId: string, selfName: string, auth: string[], options?: { keep?: string[]; path?: string }];

/**
 * Fanvue mirrors most creator endpoints under /creators/{creatorUserUuid} for agencies, with the
 * same bodies and answers, a few query parameters fewer and read:creator/write:creator on top.
 */
const MIRRORS: readonly Mirror[] = [
  ['getCreatorAccount', 'get_account', ['read:creator'], { path: '/account' }],
  ['listCreatorChats', 'list_chats', ['read:creator', 'read:chat'], { keep: ['page', 'size'] }],
  ['createCreatorChat', 'create_chat', ['write:chat', 'read:creator']],
  ['getCreatorCustomLists', 'list_custom_lists', ['read:creator', 'read:chat', 'read:fan'], { keep: ['page', 'size'] }],
  ['getCreatorCustomListMembers', 'list_custom_list_members', ['read:creator', 'read:chat', 'read:fan']],
  ['getCreatorSmartLists', 'list_smart_lists', ['read:creator', 'read:chat', 'read:fan']],
  ['getCreatorSmartListMembers', 'list_smart_list_members', ['read:creator', 'read:chat', 'read:fan']],
  ['listCreatorMassMessages', 'list_mass_messages', ['read:creator', 'read:chat']],
  ['sendCreatorMassMessage', 'send_mass_message', ['write:chat', 'read:creator', 'read:fan']],
  ['deleteCreatorMassMessage', 'delete_mass_message', ['write:chat', 'read:creator']],
  ['updateCreatorMassMessage', 'update_mass_message', ['write:chat', 'read:creator']],
  ['updateCreatorChat', 'update_chat', ['write:chat', 'read:creator']],
  ['listCreatorChatMedia', 'list_chat_media', ['read:creator', 'read:chat']],
  ['sendCreatorMessage', 'send_message', ['write:chat', 'read:creator']],
  ['listCreatorMessages', 'list_chat_messages', ['read:creator', 'read:chat']],
  ['getCreatorMessageMediaByUuids', 'get_message_media', ['read:creator', 'read:chat']],
  ['listCreatorFollowers', 'list_followers', ['read:creator', 'read:fan']],
  ['getCreatorEarnings', 'get_earnings', ['read:creator', 'read:insights']],
  ['getCreatorEarningsSummary', 'get_earnings_summary', ['read:creator', 'read:insights']],
  ['getCreatorSubscribers', 'get_subscriber_history', ['read:creator', 'read:insights']],
  ['getCreatorTopSpenders', 'get_top_spenders', ['read:creator', 'read:insights', 'read:fan']],
  ['getCreatorMedia', 'list_media', ['read:creator', 'read:media']],
  ['createCreatorUploadSession', 'create_upload_session', ['write:creator', 'write:media']],
  ['getCreatorUploadPartUrl', 'get_upload_part_url', ['write:creator', 'write:media']],
  ['completeCreatorUploadSession', 'complete_upload_session', ['write:creator', 'write:media']],
  ['getCreatorMediaByUuid', 'get_media', ['read:creator', 'read:media']],
  ['listCreatorNotifications', 'list_notifications', ['read:creator', 'read:self']],
  ['getCreatorPosts', 'list_posts', ['read:post', 'read:creator']],
  ['createCreatorPost', 'create_post', ['write:post', 'write:creator']],
  ['updateCreatorPost', 'update_post', ['write:post', 'write:creator']],
  ['deleteCreatorPost', 'delete_post', ['write:post', 'write:creator']],
  ['pinCreatorPost', 'pin_post', ['write:post', 'write:creator']],
  ['unpinCreatorPost', 'unpin_post', ['write:post', 'write:creator']],
  ['repostCreatorPost', 'repost_post', ['write:post', 'write:creator']],
  ['getCreatorPostComments', 'list_post_comments', ['read:post', 'read:creator']],
  ['createCreatorPostComment', 'create_post_comment', ['write:post', 'write:creator']],
  ['deleteCreatorPostComment', 'delete_post_comment', ['write:post', 'write:creator']],
  ['listCreatorSubscribers', 'list_subscribers', ['read:creator', 'read:fan'], { keep: ['page', 'size'] }],
  ['listCreatorTrackingLinks', 'list_tracking_links', ['read:tracking_links', 'read:creator']],
  ['createCreatorTrackingLink', 'create_tracking_link', ['write:tracking_links', 'write:creator']],
  ['deleteCreatorTrackingLink', 'delete_tracking_link', ['write:tracking_links', 'write:creator']],
  ['listCreatorTrackingLinkUsers', 'list_tracking_link_users', ['read:tracking_links', 'read:creator']],
  ['getCreatorUserTrackingMetadata', 'get_tracking_link_user_metadata', ['read:tracking_links', 'read:creator']],
  ['listCreatorVaultFolders', 'list_vault_folders', ['read:creator', 'read:media']],
  ['createCreatorVaultFolder', 'create_vault_folder', ['write:creator', 'write:media']],
  ['getCreatorVaultFolder', 'get_vault_folder', ['read:creator', 'read:media']],
  ['renameCreatorVaultFolder', 'rename_vault_folder', ['write:creator', 'write:media']],
  ['deleteCreatorVaultFolder', 'delete_vault_folder', ['write:creator', 'write:media']],
  ['listCreatorVaultFolderMedia', 'list_vault_folder_media', ['read:creator', 'read:media']],
  ['attachCreatorVaultMedia', 'add_vault_folder_media', ['write:creator', 'write:media']],
  ['detachCreatorVaultMedia', 'remove_vault_folder_media', ['write:creator', 'write:media']],
];

const creatorUserUuid = uuid('From fanvue_agency_list_creators.');

/** Listed on every mirror beside what a call needs: its pagination. */
const ALWAYS_LISTED = new Set(['page', 'size', 'cursor', 'limit']);

/**
 * A read mirror's input with the self row's optional filters unlisted: an agency pays for every
 * mirror in each tools/list, and the creator's own tool already lists them. zod still accepts
 * and validates each one; fanvue://guides/agency names them (agency-guide.ts). A write keeps every
 * argument listed: its text, media and price are what the call is for.
 */
function listedLikeAMirror<T extends z.ZodObject>(self: FanvueOperation, input: T): T {
  if (self.kind !== 'read') return input;
  const hidden = Object.entries(input.shape).filter(([k, s]) => !ALWAYS_LISTED.has(k) && (s as z.ZodType).safeParse(undefined).success);
  // safeExtend keeps the row's cross-field rules.
  return (hidden.length ? input.safeExtend(Object.fromEntries(hidden.map(([k, s]) => [k, unlisted(s as z.ZodType)]))) : input) as T;
}

/**
 * A read mirror names its self tool and the guide, which carries the self row's description:
 * a read changes nothing, so nothing an agent must know before calling is left out. A write keeps
 * the whole description: its side effects and "may have been sent" advice belong in tools/list.
 */
function description(self: FanvueOperation): string {
  if (self.kind === 'read') return `fanvue_${self.name} for the managed creator creatorUserUuid; answer and arguments: fanvue://guides/agency.`;
  return `For creatorUserUuid: ${self.description}`;
}

function mirror(self: FanvueOperation, [operationId, , auth, options = {}]: Mirror): FanvueOperation {
  const source = self.input as z.ZodObject;
  const input = options.keep
    ? z.object({ creatorUserUuid, ...Object.fromEntries(options.keep.map((k) => [k, source.shape[k] as z.ZodType])) })
    : listedLikeAMirror(self, source).safeExtend({ creatorUserUuid });
  return fanvueOperation({
    ...self,
    ...self.x,
    name: `creator_${self.name}`,
    title: `Agency: ${self.title}`,
    description: description(self),
    path: `/creators/{creatorUserUuid}${options.path ?? self.path}`,
    input,
    repeated: self.x.repeated?.filter((k) => k in input.shape),
    toolset: AGENCY_TOOLSET,
    auth,
    operationId,
    mirrorOf: self.name,
    run: undefined,
  });
}

/** The agency mirrors of the creator-self rows, in the order of MIRRORS. */
export function creatorMirrors(selfOperations: readonly FanvueOperation[]): FanvueOperation[] {
  const byName = new Map(selfOperations.map((op) => [op.name, op]));
  const mirrors = MIRRORS.map((m) => {
    const self = byName.get(m[1]);
    if (!self) throw new Error(`fanvue mirror ${m[0]}: no row ${m[1]}`);
    return mirror(self, m);
  });
  const byOperationId = new Map(mirrors.map((op) => [op.x.operationId, op]));
  const step = (id: string) => byOperationId.get(id) as FanvueOperation;
  const upload = byName.get('upload_media') as FanvueOperation;
  mirrors.push(
    fanvueOperation({
      ...upload,
      ...upload.x,
      name: 'creator_upload_media',
      title: `Agency: ${upload.title}`,
      description: description(upload),
      path: '/creators/{creatorUserUuid}/media/uploads',
      input: uploadInput.extend({ creatorUserUuid }),
      toolset: AGENCY_TOOLSET,
      auth: ['write:creator', 'write:media'],
      operationId: 'createCreatorUploadSession',
      mirrorOf: 'upload_media',
      run: (ctx, input, callOptions) =>
        uploadMedia(
          ctx,
          {
            createUploadSession: step('createCreatorUploadSession'),
            getUploadPartUrl: step('getCreatorUploadPartUrl'),
            completeUploadSession: step('completeCreatorUploadSession'),
            attachToFolder: step('attachCreatorVaultMedia'),
          },
          input,
          { creatorUserUuid: input.creatorUserUuid },
          callOptions,
        ),
    }),
  );
  return mirrors;
}
