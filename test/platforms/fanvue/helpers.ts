import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FanvueOperation } from '../../../src/platforms/fanvue/operation.js';
import { operations } from '../../../src/platforms/fanvue/operations/index.js';
import type { Harness } from '../../helpers/harness.js';
import type { FanvueSimulator } from '../../../src/sandbox/fanvue/simulator.js';
import type { Creator } from '../../../src/sandbox/fanvue/types.js';

export function fanvueOf(h: Harness): FanvueSimulator {
  const p = h.sandbox.platforms.find((x) => x.platform === 'fanvue');
  if (!p) throw new Error('the sandbox has no Fanvue simulator');
  return p.simulator as FanvueSimulator;
}

/** An upload directory with one small image in it. */
export async function uploadDir(): Promise<{ dir: string; file: string; bytes: Buffer }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-upload-'));
  const bytes = Buffer.from('\x89PNG\r\n\x1a\nsandbox image bytes '.repeat(64));
  await writeFile(path.join(dir, 'photo.jpg'), bytes);
  return { dir, file: 'photo.jpg', bytes };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

type Args = Record<string, unknown>;
export type Fixture = () => Args | Promise<Args>;

/**
 * Arguments for every creator tool against one simulated creator, computed when the tool is
 * called (a delete finds what the create before it made). The order is the call order:
 * creates come before the deletes that remove them.
 */
export function fixtures(sim: FanvueSimulator, c: Creator): Array<[string, Fixture]> {
  const now = sim.now();
  const fans = [...c.fans.values()];
  const chat = () => [...c.chats.values()].find((x) => x.messages.length > 0) ?? [...c.chats.values()][0]!;
  const withMedia = () => [...c.chats.values()].flatMap((ch) => ch.messages.filter((m) => m.mediaUuids.length > 0).map((m) => ({ ch, m })))[0];
  const ready = () => c.media.filter((m) => m.status === 'ready');
  const post = () => c.posts.find((p) => !p.deleted && p.publishedAt !== null)!;
  const lastPost = () => c.posts.filter((p) => !p.deleted).at(-1)!;
  const list = () => c.customLists[0]!;
  const link = () => c.trackingLinks.find((l) => l.users.length > 0)!;
  const app = [...sim.world.apps.keys()][0]!;
  const noChatFan = fans.find((f) => f.contactable && !c.chats.has(f.uuid)) ?? fans[0]!;
  const upload = () => [...c.uploads.values()].at(-1)!;
  const range = { startDate: iso(now - 90 * DAY), endDate: iso(now + DAY) };

  return [
    ['get_current_user', () => ({})],
    ['get_account', () => ({})],
    ['list_notifications', () => ({ page: 1, size: 5, eventType: 10 })],
    ['get_app_subscription', () => ({ appUuid: app })],
    ['get_app_subscription_status', () => ({ appUuid: app })],
    ['list_chats', () => ({ page: 1, size: 10, filter: ['not_muted', 'subscribers'], smartListIds: ['subscribers', 'auto_renewing'], sortBy: 'online_now', search: 'a' })],
    ['create_chat', () => ({ userUuid: noChatFan.uuid })],
    ['get_unread_counts', () => ({})],
    ['update_chat', () => ({ userUuid: chat().fanUuid, isRead: true, isMuted: false, nickname: 'Bestie' })],
    ['get_online_statuses', () => ({ userUuids: fans.slice(0, 3).map((f) => f.uuid) })],
    ['list_chat_media', () => ({ userUuid: withMedia()?.ch.fanUuid ?? chat().fanUuid, limit: 5, mediaType: 'image' })],
    ['get_messages_batch', () => ({ chatUuids: [...c.chats.keys()].slice(0, 3), limit: 5 })],
    ['list_templates', () => ({ page: 1, size: 5, folderName: 'welcome' })],
    ['get_template', () => ({ templateUuid: c.templates[0]!.uuid })],
    ['list_chat_messages', () => ({ userUuid: chat().fanUuid, page: 1, size: 5 })],
    ['send_message', () => ({ userUuid: chat().fanUuid, text: 'Spec check 💌', mediaUuids: [ready()[0]!.uuid], price: 500 })],
    ['delete_message', () => ({ userUuid: chat().fanUuid, messageUuid: chat().messages.filter((m) => m.senderUuid === c.uuid && !m.purchasedAt && !m.massMessageUuid).at(-1)!.uuid })],
    ['get_message_media', () => {
      const { ch, m } = withMedia() ?? { ch: chat(), m: chat().messages[0]! };
      return { userUuid: ch.fanUuid, messageUuid: m.uuid, mediaUuids: m.mediaUuids.length ? m.mediaUuids : [ready()[0]!.uuid], variants: ['main', 'thumbnail'] };
    }],
    ['list_mass_messages', () => ({ page: 1, size: 5, includeDeleted: true })],
    ['send_mass_message', () => ({
      includedLists: { smartListUuids: ['subscribers'], customListUuids: [list().uuid] },
      excludedLists: { smartListUuids: ['muted'] },
      text: 'Spec check mass 📣',
      mediaUuids: [ready()[0]!.uuid],
      price: 999,
    })],
    ['update_mass_message', () => ({ messageUuid: c.massMessages.find((m) => m.status === 'SCHEDULED')!.uuid, text: 'Rescheduled', scheduledAt: iso(now + 5 * DAY), price: 400, mediaUuids: [ready()[1]!.uuid] })],
    ['delete_mass_message', () => ({ messageUuid: c.massMessages.filter((m) => m.status !== 'UNSENT').at(-1)!.uuid })],
    ['list_subscribers', () => ({ page: 1, size: 5, sortField: 'name', sortDirection: 'asc' })],
    ['list_followers', () => ({ page: 1, size: 5 })],
    ['list_smart_lists', () => ({})],
    ['list_smart_list_members', () => ({ uuid: 'subscribers', page: 1, size: 5 })],
    ['list_custom_lists', () => ({ page: 1, size: 5, search: 'vip' })],
    ['create_custom_list', () => ({ name: `Spec list ${c.handle}` })],
    ['list_custom_list_members', () => ({ uuid: list().uuid, page: 1, size: 5 })],
    ['rename_custom_list', () => ({ uuid: list().uuid, name: 'VIP (renamed)' })],
    ['add_custom_list_members', () => ({ uuid: list().uuid, userUuids: fans.slice(0, 2).map((f) => f.uuid) })],
    ['remove_custom_list_member', () => ({ uuid: list().uuid, userUuid: list().members[0]! })],
    ['delete_custom_list', () => ({ uuid: c.customLists.at(-1)!.uuid })],
    ['list_posts', () => ({ page: 1, size: 5, includeUnpublished: false })],
    ['create_post', () => ({
      audience: 'followers-and-subscribers', text: 'Spec check post', mediaUuids: ready().slice(0, 2).map((m) => m.uuid), mediaPreviewUuid: ready()[0]!.uuid,
      price: 1500, publishAt: iso(now + 3 * DAY), expiresAt: iso(now + 30 * DAY), collectionUuids: [c.collections[0]!.uuid],
    })],
    ['get_post', () => ({ uuid: post().uuid })],
    ['update_post', () => ({ uuid: lastPost().uuid, text: 'Edited', price: null, mediaPreviewUuid: null, publishAt: null, expiresAt: null, collectionUuids: [], audience: 'subscribers' })],
    ['pin_post', () => ({ uuid: post().uuid })],
    ['unpin_post', () => ({ uuid: post().uuid })],
    ['repost_post', () => ({ uuid: post().uuid })],
    ['list_post_comments', () => ({ uuid: post().uuid, page: 1, size: 5 })],
    ['create_post_comment', () => ({ uuid: post().uuid, text: 'Thanks everyone!' })],
    ['delete_post_comment', () => ({ uuid: post().uuid, commentUuid: post().comments.at(-1)!.uuid })],
    ['list_post_likes', () => ({ uuid: post().uuid, page: 1, size: 5 })],
    ['list_post_tips', () => ({ uuid: post().uuid, page: 1, size: 5 })],
    ['list_collections', () => ({})],
    ['create_collection', () => ({ label: `Spec ${c.handle}` })],
    ['rename_collection', () => ({ uuid: c.collections.at(-1)!.uuid, label: `Spec ${c.handle} 2` })],
    ['delete_collection', () => ({ uuid: c.collections.at(-1)!.uuid })],
    ['delete_post', () => ({ uuid: lastPost().uuid })],
    ['list_media', () => ({ page: 1, size: 5, mediaType: 'image', status: ['ready', 'processing'], variants: ['main', 'thumbnail'], usage: 'subscribers' })],
    ['get_media', () => ({ uuid: ready()[0]!.uuid, purchasedBy: fans[0]!.uuid, variants: ['main', 'thumbnail', 'blurred'] })],
    ['get_media_bulk', () => ({ mediaUuids: ready().slice(0, 3).map((m) => m.uuid), variants: ['main'] })],
    ['grant_media', () => ({ uuid: ready()[0]!.uuid, consumerId: fans[1]!.uuid, source: 'shop_order', sourceRef: 'order-42' })],
    ['get_entitled_media', () => ({ uuid: ready()[0]!.uuid, consumerId: fans[1]!.uuid, variants: ['main'] })],
    ['get_media_link_purchased', () => ({ uuid: [...c.mediaLinks.keys()][0]! })],
    ['create_upload_session', () => ({ name: 'Spec upload', filename: 'spec.jpg', mediaType: 'image' })],
    ['get_upload_part_url', () => ({ uploadId: upload().uploadId, partNumber: 1 })],
    ['complete_upload_session', async () => {
      // The part itself goes to storage, as an agent using the raw steps would send it.
      const u = upload();
      const res = await fetch(sim.storageUrl(u.uploadId, 1), { method: 'PUT', body: 'raw part bytes' });
      return { uploadId: u.uploadId, parts: [{ PartNumber: 1, ETag: res.headers.get('etag') ?? '"none"' }] };
    }],
    ['upload_media', () => ({ path: 'photo.jpg', folderName: 'Beach' })],
    ['list_vault_folders', () => ({})],
    ['create_vault_folder', () => ({ name: 'Spec folder' })],
    ['get_vault_folder', () => ({ folderName: 'Beach' })],
    ['rename_vault_folder', () => ({ folderName: 'Spec folder', name: 'Spec folder 2' })],
    ['list_vault_folder_media', () => ({ folderName: 'Beach', page: 1, size: 5 })],
    ['add_vault_folder_media', () => ({ folderName: 'Beach', mediaUuids: ready().slice(0, 2).map((m) => m.uuid) })],
    ['remove_vault_folder_media', () => ({ folderName: 'Beach', mediaUuid: c.vault.find((f) => f.name === 'Beach')!.mediaUuids[0]! })],
    ['delete_vault_folder', () => ({ folderName: 'Spec folder 2' })],
    ['get_earnings', () => ({ ...range, source: ['tip', 'post', 'subscription'], size: 10 })],
    ['get_earnings_summary', () => ({ ...range, granularity: 'week', timezone: 'Europe/London' })],
    ['get_earnings_percentile', () => ({})],
    ['get_spending', () => ({ ...range, source: ['refund', 'chargeback'], size: 5 })],
    ['get_subscriber_history', () => ({ startDate: iso(now - 10 * DAY), endDate: iso(now), size: 5 })],
    ['get_top_spenders', () => ({ ...range, page: 1, size: 5 })],
    ['get_fan_insights', () => ({ userUuid: fans[0]!.uuid })],
    ['get_fans_insights', () => ({ fanUuids: fans.slice(0, 3).map((f) => f.uuid) })],
    ['get_fans_insights_batch', () => ({ userUuids: fans.slice(0, 5).map((f) => f.uuid) })],
    ['list_tracking_links', () => ({ limit: 2, createdAfter: iso(now - 365 * DAY), createdBefore: iso(now + DAY) })],
    ['create_tracking_link', () => ({ name: 'Spec campaign', externalSocialPlatform: 'tiktok' })],
    ['list_tracking_link_users', () => ({ uuid: link().uuid, limit: 5 })],
    ['get_tracking_link_user_metadata', () => ({ uuid: link().uuid, userUuid: link().users[0]!.fanUuid })],
    ['delete_tracking_link', () => ({ uuid: c.trackingLinks.at(-1)!.uuid })],
  ];
}

/** The agency tools that mirror nothing. */
export function agencyFixtures(sim: FanvueSimulator): Array<[string, Fixture]> {
  const now = sim.now();
  const creators = [...sim.world.creators.values()];
  const chatter = sim.world.team.find((m) => !m.isAdmin)!;
  const range = { startDate: iso(now - 60 * DAY), endDate: iso(now) };
  return [
    ['agency_list_creators', () => ({ page: 1, size: 10 })],
    ['agency_list_team_members', () => ({})],
    ['agency_update_team_member', () => ({ userId: chatter.uuid, creatorUuids: creators.slice(0, 2).map((c) => c.uuid), nickname: 'Night shift' })],
    ['agency_invite_team_member', () => ({ email: 'new.member@example.com' })],
    ['agency_invite_creator', () => ({ email: 'creator.candidate@example.com' })],
    ['agency_list_chats', () => ({ page: 1, size: 5 })],
    ['agency_list_earnings', () => ({ ...range, page: 1, size: 5, creatorUuids: creators.map((c) => c.uuid) })],
    ['agency_list_subscribers', () => ({ page: 1, size: 5, creatorUuids: [creators[1]!.uuid] })],
    ['agency_list_subscriber_history', () => ({ ...range, page: 1, size: 5 })],
    ['agency_get_chatter_leaderboard', () => ({ ...range, chatterUuids: sim.world.team.map((m) => m.uuid) })],
    ['creator_list_online_subscribers', () => ({ creatorUserUuid: creators[1]!.uuid, limit: 10 })],
  ];
}

/**
 * Every Fanvue tool in call order with its arguments: the creator's own tools, the agency
 * tools, then the /creators/{uuid} mirrors against the second managed creator.
 */
export function plan(sim: FanvueSimulator): Array<[string, Fixture]> {
  const rows = new Map(operations.map((op) => [`fanvue_${op.name}`, op]));
  const [self, other] = [...sim.world.creators.values()] as [Creator, Creator];
  const mine = fixtures(sim, self).map(([name, f]): [string, Fixture] => [`fanvue_${name}`, f]);
  const mirrored = fixtures(sim, other).flatMap(([name, f]): Array<[string, Fixture]> => {
    const row = rows.get(`fanvue_creator_${name}`);
    if (!row) return [];
    const keys = Object.keys(row.input.shape);
    return [[`fanvue_creator_${name}`, async () => ({ ...Object.fromEntries(Object.entries(await f()).filter(([k]) => keys.includes(k))), creatorUserUuid: other.uuid })]];
  });
  return [...mine, ...agencyFixtures(sim).map(([name, f]): [string, Fixture] => [`fanvue_${name}`, f]), ...mirrored];
}

/** The spec operations a tool may send: its own, or for the upload every step of it. */
export function allowed(row: FanvueOperation): Set<string> {
  if (!row.x.run) return new Set([row.x.operationId]);
  const creator = row.x.operationId.startsWith('createCreator');
  return new Set(
    creator
      ? ['createCreatorUploadSession', 'getCreatorUploadPartUrl', 'completeCreatorUploadSession', 'attachCreatorVaultMedia']
      : ['createUploadSession', 'getUploadPartUrl', 'completeUploadSession', 'attachMediaToVaultFolder'],
  );
}
