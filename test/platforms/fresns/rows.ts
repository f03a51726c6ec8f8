import { expect } from 'vitest';
import type { FresnsSimulator } from '../../../src/sandbox/fresns/index.js';
import type { SimRequest } from '../../../src/sandbox/sim-host.js';
import type { Json } from './helpers.js';

/** One row per Fresns tool call, in an order where each row finds what the rows before it made. */
export interface Shared {
  sim: FresnsSimulator;
  [k: string]: unknown;
}
export interface Row {
  tool: string;
  args: (s: Shared) => Record<string, unknown>;
  method: string;
  path: (s: Shared) => string;
  /** What the simulator received, beyond method and path. */
  sent?: (req: SimRequest, s: Shared) => void;
  check?: (data: Json, s: Shared) => void;
  /**
   * The same call against Fresns 3.x (`/api/fresns/v1`): what differs from the 2.x row; by
   * default only the prefix changes. `false`: 3.x has no such route and the tool is not offered.
   */
  v3?: false | Partial<Omit<Row, 'tool' | 'v3' | 'v2'>>;
  /** `false`: a 3.x-only row. */
  v2?: false;
}

const V1 = '/api/fresns/v1';
/** The rows of one API version, with the 3.x differences applied. */
export function rowsFor(version: 2 | 3): Row[] {
  if (version === 2) return ROWS.filter((r) => r.v2 !== false);
  return ROWS.filter((r) => r.v3 !== false).map((r) => {
    const { v3, ...base } = r;
    const over = v3 || {};
    return { ...base, path: (s: Shared) => base.path(s).replace(/^\/api\/v2\//, `${V1}/`), ...over };
  });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const json = (req: SimRequest) => JSON.parse(req.text) as Json;
const codeFor = (s: Shared, account: string) => s.sim.state.verifyCodes.filter((c) => c.account === account).at(-1)?.code;
const post = (s: Shared, i: number) => s.sim.state.posts[i]!.pid;
const NEW_ACCOUNT = 'new-user@sandbox.fresns.test';

export const ROWS: Row[] = [
  { tool: 'get_configs', args: () => ({ keys: 'site_mode,site_name' }), method: 'GET', path: () => '/api/v2/global/configs', check: (d) => expect(d).toEqual({ site_mode: 'public', site_name: 'Fresns Sandbox' }) },
  { tool: 'get_code_messages', v3: false, args: () => ({ codes: '31302,31303' }), method: 'GET', path: () => '/api/v2/global/code-messages', check: (d) => expect(d['31303']).toBe('Signature has expired') },
  { tool: 'get_archives', args: () => ({ type: 'user' }), method: 'GET', path: () => '/api/v2/global/user/archives', check: (d) => expect(d.result[0].code).toBe('occupation') },
  { tool: 'get_upload_token', v3: false, args: () => ({ type: 'image', name: 'a.jpg', expireTime: 60 }), method: 'GET', path: () => '/api/v2/global/upload-token', sent: (r) => expect(r.query.get('expireTime')).toBe('60') },
  { tool: 'list_roles', args: () => ({ status: true, pageSize: 2 }), method: 'GET', path: () => '/api/v2/global/roles', sent: (r) => expect(r.query.get('status')).toBe('1'), check: (d) => expect(d).toMatchObject({ pagination: { total: 3, pageSize: 2, lastPage: 2 }, hasMore: true }) },
  { tool: 'get_content_types', args: () => ({ type: 'post' }), method: 'GET', path: () => '/api/v2/global/post/content-types', check: (d) => expect(d.result.map((t: Json) => t.value)).toContain('Image') },
  { tool: 'list_stickers', args: () => ({}), method: 'GET', path: () => '/api/v2/global/stickers', check: (d) => expect(d.result[0].stickers.length).toBeGreaterThan(0) },
  { tool: 'list_block_words', v3: false, args: () => ({ type: 'content', pageSize: 100 }), method: 'GET', path: () => '/api/v2/global/block-words', check: (d) => expect(d.list.map((w: Json) => w.word)).toContain('spamword') },
  { tool: 'get_input_tips', args: () => ({ type: 'user', key: 'mei' }), method: 'GET', path: () => '/api/v2/common/input-tips', check: (d) => expect(d.result[0].username).toBe('mei_chen') },
  { tool: 'get_callback', args: () => ({ fskey: 'SandboxConnect', ulid: '01JBSANDBOXCALLBACK0000001' }), method: 'GET', path: () => '/api/v2/common/callback', check: (d) => expect(d.callbackKey).toBe('connect') },
  {
    tool: 'upload_log', v3: false, args: () => ({ type: 16, objectName: 'creator-mcp', objectAction: 'test', objectResult: 2, moreJson: { a: 1 } }), method: 'POST', path: () => '/api/v2/common/upload-log',
    sent: (r) => expect(json(r)).toMatchObject({ type: 16, objectResult: 2, moreJson: { a: 1 } }), check: (d) => expect(d).toEqual({ message: 'ok' }),
  },
  { tool: 'list_file_users', v3: { path: () => `${V1}/file/Img5Un5e/users` }, args: () => ({ fid: 'Img5Un5e' }), method: 'GET', path: () => '/api/v2/common/file/Img5Un5e/users', check: (d) => expect(d.list[0].user.uid).toBe(100004) },
  { tool: 'get_file_link', v3: { path: () => `${V1}/file/Img5Un5e/link` }, args: (s) => ({ fid: 'Img5Un5e', type: 'post', fsid: post(s, 3) }), method: 'GET', path: () => '/api/v2/common/file/Img5Un5e/link', check: (d) => expect(d.link).toMatch(/\/storage\/Img5Un5e\//) },
  {
    tool: 'send_verify_code', v3: false, args: () => ({ type: 'email', useType: 1, templateId: 2, account: NEW_ACCOUNT }), method: 'POST', path: () => '/api/v2/common/send-verify-code',
    check: (_d, s) => expect(codeFor(s, NEW_ACCOUNT)).toMatch(/^\d{6}$/),
  },
  {
    tool: 'register_account', v3: false, args: (s) => ({ type: 'email', account: NEW_ACCOUNT, verifyCode: codeFor(s, NEW_ACCOUNT), password: 'brand-new-pass', nickname: 'Newcomer' }),
    method: 'POST', path: () => '/api/v2/account/register',
    sent: (r) => expect(json(r).password).toBe(b64('brand-new-pass')),
    check: (d) => {
      expect(d.sessionToken).not.toHaveProperty('token');
      expect(d.sessionToken.aid).toBeTruthy();
      expect(d.detail.users[0].nickname).toBe('Newcomer');
    },
  },
  {
    tool: 'login_account', v3: false, args: (s) => ({ type: 'email', account: s.sim.credentials.account, password: s.sim.credentials.password }), method: 'POST', path: () => '/api/v2/account/login',
    sent: (r, s) => expect(json(r)).toMatchObject({ type: 'email', password: b64(s.sim.credentials.password) }),
    check: (d) => {
      expect(d).toMatchObject({ sessionToken: { aid: 'sbxAcct1' }, detail: { aid: 'sbxAcct1' } });
      expect(d.sessionToken).not.toHaveProperty('token');
    },
  },
  {
    // 3.x logs in through the account center: its loginToken becomes the account and user session.
    tool: 'login_with_token', v2: false, args: (s) => ({ loginToken: s.sim.issueLoginToken('sbxAcct1', 100001) }), method: 'POST', path: () => `${V1}/account/auth-token`,
    check: (d) => {
      expect(d).toMatchObject({ authToken: { aid: 'sbxAcct1', uid: 100001 }, detail: { aid: 'sbxAcct1' } });
      expect(Object.keys(d.authToken).sort()).toEqual(['aid', 'expiredDateTime', 'expiredDays', 'expiredHours', 'uid']);
    },
  },
  {
    tool: 'login_user', v3: {
      path: () => `${V1}/user/auth-token`,
      check: (d) => {
        expect(d).toMatchObject({ authToken: { aid: 'sbxAcct1', uid: 100001 }, detail: { uid: 100001 } });
        expect(Object.keys(d.authToken)).not.toContain('uidToken');
        expect(Object.keys(d.authToken)).not.toContain('aidToken');
      },
    }, args: () => ({ uidOrUsername: 'sandbox_creator' }), method: 'POST', path: () => '/api/v2/user/auth',
    sent: (r) => expect(r.headers['x-fresns-aid']).toBe('sbxAcct1'),
    check: (d) => {
      expect(d).toMatchObject({ sessionToken: { uid: 100001 }, detail: { uid: 100001 } });
      expect(d.sessionToken).not.toHaveProperty('token');
    },
  },
  { tool: 'get_account', args: () => ({}), method: 'GET', path: () => '/api/v2/account/detail', check: (d) => expect(d.detail.users[0].uid).toBe(100001) },
  { tool: 'list_wallet_logs', v3: { path: () => `${V1}/account/wallet-records` }, args: () => ({ type: '1,3' }), method: 'GET', path: () => '/api/v2/account/wallet-logs', check: (d) => expect(d.list.map((l: Json) => l.type)).toEqual([3, 1]) },
  { tool: 'send_verify_code', v3: false, args: () => ({ type: 'email', useType: 4, templateId: 4 }), method: 'POST', path: () => '/api/v2/common/send-verify-code' },
  { tool: 'verify_identity', v3: false, args: (s) => ({ type: 'email', verifyCode: codeFor(s, s.sim.credentials.account) }), method: 'POST', path: () => '/api/v2/account/verify-identity' },
  { tool: 'send_verify_code', v3: false, args: () => ({ type: 'email', useType: 2, templateId: 5, account: 'ada@sandbox.fresns.test' }), method: 'POST', path: () => '/api/v2/common/send-verify-code' },
  {
    tool: 'reset_password', v3: false, args: (s) => ({ type: 'email', account: 'ada@sandbox.fresns.test', verifyCode: codeFor(s, 'ada@sandbox.fresns.test'), newPassword: 'ada-new-password' }),
    method: 'PUT', path: () => '/api/v2/account/reset-password', check: (_d, s) => expect(s.sim.state.accounts.find((a) => a.aid === 'sbxAcct6')?.password).toBe('ada-new-password'),
  },
  {
    tool: 'edit_account', v3: false, args: () => ({ newWalletPassword: 'wallet-123456' }), method: 'PUT', path: () => '/api/v2/account/edit',
    sent: (r) => expect(json(r)).toEqual({ newWalletPassword: b64('wallet-123456') }), check: (d) => expect(d.wallet.hasPassword).toBe(true),
  },
  {
    // AccountApplyDeleteDTO: codeType is email or sms (required), confirmed by password or verifyCode.
    tool: 'apply_delete_account', v3: false, args: (s) => ({ codeType: 'email', password: s.sim.credentials.password }), method: 'POST', path: () => '/api/v2/account/apply-delete',
    sent: (r, s) => expect(json(r)).toEqual({ codeType: 'email', password: b64(s.sim.credentials.password) }),
    check: (_d, s) => expect(s.sim.state.accounts[0]?.waitDelete).toBe(true),
  },
  { tool: 'recall_delete_account', v3: false, args: () => ({}), method: 'POST', path: () => '/api/v2/account/recall-delete', check: (_d, s) => expect(s.sim.state.accounts[0]?.waitDelete).toBe(false) },
  // UserListDTO knows `follow` (followers received), not `follower`/`blocker`.
  { tool: 'list_users', args: () => ({ orderType: 'follow', pageSize: 3 }), method: 'GET', path: () => '/api/v2/user/list', sent: (r) => expect(r.query.get('orderType')).toBe('follow'), check: (d) => expect(d.list[0].uid).toBe(100001) },
  { tool: 'get_user', v3: { sent: (r) => expect([r.query.get('filterType'), r.query.get('filterKeys'), r.query.get('whitelistKeys')]).toEqual(['whitelist', 'uid,nickname,stats.followMeCount', null]) }, args: () => ({ uidOrUsername: 'mei_chen', whitelistKeys: 'uid,nickname,stats.followMeCount' }), method: 'GET', path: () => '/api/v2/user/mei_chen/detail', check: (d) => expect(d.detail).toEqual({ uid: 100004, nickname: '陈梅', stats: { followMeCount: 1 } }) },
  { tool: 'list_followers_you_follow', args: () => ({ uidOrUsername: 'zhao_lei' }), method: 'GET', path: () => '/api/v2/user/zhao_lei/followers-you-follow', check: (d) => expect(d.list.map((u: Json) => u.uid)).toEqual([100004]) },
  { tool: 'list_user_interactions', args: () => ({ uidOrUsername: '100001', type: 'followers' }), method: 'GET', path: () => '/api/v2/user/100001/interaction/followers', check: (d) => expect(d.pagination.total).toBe(3) },
  { tool: 'list_user_marks', args: () => ({ uidOrUsername: '100001', markType: 'follow', listType: 'users' }), method: 'GET', path: () => '/api/v2/user/100001/mark/follow/users', check: (d) => expect(d.list.map((u: Json) => u.uid).sort()).toEqual([100004, 100005]) },
  { tool: 'get_user_panel', v3: { path: () => `${V1}/user/overview` }, args: () => ({}), method: 'GET', path: () => '/api/v2/user/panel', check: (d) => expect(d.unreadNotifications.all).toBeGreaterThan(0) },
  { tool: 'edit_user', v3: { method: 'PATCH', path: () => `${V1}/user/profile` }, args: () => ({ bio: 'Edited by an agent.' }), method: 'PUT', path: () => '/api/v2/user/edit', check: (d) => expect(d.bio).toBe('Edited by an agent.') },
  {
    tool: 'toggle_mark', v3: { sent: (r, s) => expect(json(r)).toEqual({ markType: 'like', type: 'post', fsid: post(s, 7) }) }, args: (s) => ({ interactionType: 'like', markType: 'post', fsid: post(s, 7) }), method: 'POST', path: () => '/api/v2/user/mark',
    check: (d, s) => {
      expect(d).toEqual({ markStatus: true });
      expect(s.sim.state.notifications.at(-1)).toMatchObject({ uid: 100004, type: 3, actionUid: 100001 });
    },
  },
  { tool: 'set_mark_note', v3: { method: 'PATCH', sent: (r) => expect(json(r)).toEqual({ type: 'user', fsid: '100004', note: 'theme author' }) }, args: () => ({ interactionType: 'follow', markType: 'user', fsid: '100004', note: 'theme author' }), method: 'PUT', path: () => '/api/v2/user/mark-note' },
  { tool: 'list_notifications', args: () => ({ types: '3,5', status: false }), method: 'GET', path: () => '/api/v2/notification/list', sent: (r) => expect(r.query.get('status')).toBe('0'), check: (d, s) => { s.likeIds = d.list.filter((n: Json) => n.type === 3).map((n: Json) => n.id).join(','); expect(d.list.length).toBe(3); } },
  { tool: 'mark_notifications_read', v3: { method: 'PATCH', path: () => `${V1}/notification/read-status` }, args: (s) => ({ type: 'choose', notificationIds: s.likeIds }), method: 'PUT', path: () => '/api/v2/notification/mark-as-read', sent: (r, s) => expect(json(r)).toEqual({ type: 'choose', notificationIds: s.likeIds }) },
  { tool: 'delete_notifications', args: () => ({ type: 'all', notificationType: 5 }), method: 'DELETE', path: () => '/api/v2/notification/delete', sent: (r) => expect(json(r)).toEqual({ type: 'all', notificationType: 5 }), check: (_d, s) => expect(s.sim.state.notifications.some((n) => n.uid === 100001 && n.type === 5)).toBe(false) },
  { tool: 'list_conversations', args: () => ({}), method: 'GET', path: () => '/api/v2/conversation/list', check: (d) => expect(d.list[0]).toMatchObject({ id: 2, pinned: true }) },
  { tool: 'get_conversation', v3: false, args: () => ({ conversationId: 1 }), method: 'GET', path: () => '/api/v2/conversation/1/detail', check: (d) => expect(d).toMatchObject({ id: 1, unreadCount: 2, user: { uid: 100004 } }) },
  { tool: 'list_conversation_messages', v3: false, args: () => ({ conversationId: 1, pageListDirection: 'oldest' }), method: 'GET', path: () => '/api/v2/conversation/1/messages', check: (d) => expect(d.list.map((m: Json) => m.id)).toEqual([1, 2, 3, 4]) },
  { tool: 'pin_conversation', v3: false, args: () => ({ conversationId: 1 }), method: 'PUT', path: () => '/api/v2/conversation/pin', check: (d) => expect(d).toEqual({ pinned: true }) },
  { tool: 'mark_conversation_read', v3: false, args: () => ({ type: 'conversation', conversationId: 1 }), method: 'PUT', path: () => '/api/v2/conversation/mark-as-read' },
  { tool: 'send_message', v3: { path: () => `${V1}/conversation/message` }, args: () => ({ uidOrUsername: '100005', message: 'Table test message' }), method: 'POST', path: () => '/api/v2/conversation/send-message', check: (d) => expect(d).toMatchObject({ isMe: true, type: 1, content: 'Table test message' }) },
  { tool: 'delete_conversation', v3: false, args: () => ({ type: 'message', conversationId: 1, messageIds: '1' }), method: 'DELETE', path: () => '/api/v2/conversation/delete', check: (_d, s) => expect(s.sim.state.messages[0]?.deletedBy).toEqual([100001]) },
  { tool: 'get_group_tree', args: () => ({}), method: 'GET', path: () => '/api/v2/group/tree', check: (d) => expect(d.result[0].groups.length).toBe(2) },
  { tool: 'list_group_categories', v3: false, args: () => ({}), method: 'GET', path: () => '/api/v2/group/categories', check: (d) => expect(d.pagination.total).toBe(2) },
  { tool: 'list_groups', args: () => ({ gid: 'cTech001', orderType: 'postDigest' }), method: 'GET', path: () => '/api/v2/group/list', check: (d) => expect(d.list.map((g: Json) => g.gid).sort()).toEqual(['Dxp9Lf2a', 'Fr3snsDv']) },
  { tool: 'get_group', args: () => ({ gid: 'Dxp9Lf2a' }), method: 'GET', path: () => '/api/v2/group/Dxp9Lf2a/detail', check: (d) => expect(d.detail.interaction.followStatus).toBe(true) },
  { tool: 'list_group_interactions', args: () => ({ gid: 'Ph0toGrp', type: 'followers' }), method: 'GET', path: () => '/api/v2/group/Ph0toGrp/interaction/followers', check: (d) => expect(d.list[0].uid).toBe(100002) },
  { tool: 'list_hashtags', args: () => ({ orderType: 'post' }), method: 'GET', path: () => '/api/v2/hashtag/list', check: (d) => {
    const counts = d.list.map((x: Json) => x.postCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(4);
  } },
  { tool: 'get_hashtag', args: () => ({ hid: 'mcp' }), method: 'GET', path: () => '/api/v2/hashtag/mcp/detail', check: (d) => expect(d.detail.hname).toBe('MCP') },
  { tool: 'list_hashtag_interactions', args: () => ({ hid: 'mcp', type: 'followers' }), method: 'GET', path: () => '/api/v2/hashtag/mcp/interaction/followers', check: (d) => expect(d.list[0].uid).toBe(100001) },
  { tool: 'list_posts', args: () => ({ gid: 'cTech001', includeSubgroups: true, orderType: 'comment', pageSize: 2 }), method: 'GET', path: () => '/api/v2/post/list', sent: (r) => expect(r.query.get('includeSubgroups')).toBe('1'), check: (d, s) => expect(d.list[0].pid).toBe(post(s, 0)) },
  { tool: 'list_followed_posts', v3: { path: () => `${V1}/post/timelines`, sent: (r) => expect(r.query.get('type')).toBe('group') }, args: () => ({ type: 'group' }), method: 'GET', path: () => '/api/v2/post/follow/group', check: (d) => expect(d.list.every((p: Json) => p.group.gid === 'Dxp9Lf2a')).toBe(true) },
  { tool: 'list_nearby_posts', args: () => ({ mapId: 1, mapLng: '121.4737', mapLat: '31.2304', length: 5 }), method: 'GET', path: () => '/api/v2/post/nearby', check: (d) => expect(d.list).toHaveLength(2) },
  { tool: 'get_post', args: (s) => ({ pid: post(s, 0) }), method: 'GET', path: (s) => `/api/v2/post/${post(s, 0)}/detail`, check: (d) => expect(d.detail.commentCount).toBe(3) },
  { tool: 'list_post_interactions', args: (s) => ({ pid: post(s, 0), type: 'likers' }), method: 'GET', path: (s) => `/api/v2/post/${post(s, 0)}/interaction/likers`, check: (d) => expect(d.pagination.total).toBe(2) },
  { tool: 'list_post_users', args: (s) => ({ pid: post(s, 0) }), method: 'GET', path: (s) => `/api/v2/post/${post(s, 0)}/users`, check: (d) => expect(d.list[0].uid).toBe(100004) },
  { tool: 'list_post_logs', v3: { path: (s) => `${V1}/post/${post(s, 1)}/histories` }, args: (s) => ({ pid: post(s, 1) }), method: 'GET', path: (s) => `/api/v2/post/${post(s, 1)}/logs`, check: (d) => expect(d.list.map((l: Json) => l.id)).toEqual([2, 1]) },
  { tool: 'get_post_log', v3: false, args: (s) => ({ pid: post(s, 1), logId: 1 }), method: 'GET', path: (s) => `/api/v2/post/${post(s, 1)}/log/1`, check: (d) => expect(d.detail.title).toBe('Signed headers') },
  { tool: 'list_comments', args: (s) => ({ pid: post(s, 0), orderDirection: 'asc' }), method: 'GET', path: () => '/api/v2/comment/list', check: (d) => expect(d.list.map((c: Json) => c.author.uid)).toEqual([100001, 100005, 100004]) },
  { tool: 'list_followed_comments', v3: { path: () => `${V1}/comment/timelines`, sent: (r) => expect(r.query.get('type')).toBe('user') }, args: () => ({ type: 'user' }), method: 'GET', path: () => '/api/v2/comment/follow/user', check: (d) => expect(d.list.every((c: Json) => [100004, 100005].includes(c.author.uid))).toBe(true) },
  { tool: 'list_nearby_comments', args: () => ({ mapId: 1, mapLng: '121.4737', mapLat: '31.2304' }), method: 'GET', path: () => '/api/v2/comment/nearby', check: (d) => expect(d.list).toEqual([]) },
  { tool: 'get_comment', args: (s) => ({ cid: s.sim.state.comments[0]!.cid }), method: 'GET', path: (s) => `/api/v2/comment/${s.sim.state.comments[0]!.cid}/detail`, check: (d) => expect(d.detail.commentCount).toBe(1) },
  { tool: 'list_comment_interactions', args: (s) => ({ cid: s.sim.state.comments[0]!.cid, type: 'likers' }), method: 'GET', path: (s) => `/api/v2/comment/${s.sim.state.comments[0]!.cid}/interaction/likers` },
  { tool: 'list_comment_logs', v3: { path: (s) => `${V1}/comment/${s.sim.state.comments[2]!.cid}/histories` }, args: (s) => ({ cid: s.sim.state.comments[2]!.cid }), method: 'GET', path: (s) => `/api/v2/comment/${s.sim.state.comments[2]!.cid}/logs`, check: (d) => expect(d.list.map((l: Json) => l.id)).toEqual([3]) },
  { tool: 'get_comment_log', v3: false, args: (s) => ({ cid: s.sim.state.comments[2]!.cid, logId: 3 }), method: 'GET', path: (s) => `/api/v2/comment/${s.sim.state.comments[2]!.cid}/log/3`, check: (d) => expect(d.detail.content).toMatch(/^HTTP behind a proxy/) },
  {
    tool: 'quick_publish', v3: {
      // EditorQuickPublishDTO (3.x): title instead of postTitle; no postIsCommentDisabled or map.
      args: () => ({ type: 'post', content: 'Table test post #mcp#', postTitle: 'Table title', image: 'cover.png' }),
      path: () => `${V1}/editor/post/publish`,
      sent: (r) => {
        expect(r.text).toContain('name="image"; filename="cover.png"');
        expect(r.text).toMatch(/name="title"\r\n\r\nTable title\r\n/);
        expect(r.text).not.toContain('name="postTitle"');
      },
    }, args: () => ({ type: 'post', content: 'Table test post #mcp#', postIsCommentDisabled: false, image: 'cover.png', map: { mapId: 1, latitude: 31.2, longitude: 121.4, poi: 'Somewhere' } }),
    method: 'POST', path: () => '/api/v2/editor/post/quick-publish',
    sent: (r) => {
      expect(String(r.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
      expect(r.text).toContain('name="image"; filename="cover.png"');
      expect(r.text).toContain('{"mapId":1,"latitude":31.2,"longitude":121.4,"poi":"Somewhere"}');
      expect(r.text).toMatch(/name="postIsCommentDisabled"\r\n\r\n0\r\n/);
    },
    check: (d, s) => { s.newPid = d.fsid; },
  },
  { tool: 'quick_publish', v3: { path: () => `${V1}/editor/comment/publish` }, args: (s) => ({ type: 'comment', commentPid: s.newPid, content: 'Table test comment' }), method: 'POST', path: () => '/api/v2/editor/comment/quick-publish', check: (d, s) => { s.newCid = d.fsid; } },
  {
    tool: 'upload_file', v3: false, args: () => ({ usageType: 7, tableName: 'post_logs', tableColumn: 'id', tableId: 1, type: 'image', uploadMode: 'file', file: 'cover.png' }),
    method: 'POST', path: () => '/api/v2/common/upload-file',
    check: (d, s) => { expect(d).toMatchObject({ name: 'cover.png', mime: 'image/png', size: 70 }); expect(s.sim.state.drafts[0]?.fids).toContain(d.fid); },
  },
  {
    // CommonUploadFileDTO: fileInfo and moreJson are `array` fields, so multipart carries them in PHP bracket form.
    tool: 'upload_file', v3: false,
    args: () => ({ usageType: 7, tableName: 'post_logs', tableColumn: 'id', tableId: 1, type: 'image', uploadMode: 'fileInfo', fileInfo: [{ name: 'stored.jpg', mime: 'image/jpeg', size: 1234 }], moreJson: { source: 'cdn' } }),
    method: 'POST', path: () => '/api/v2/common/upload-file',
    sent: (r) => {
      expect(r.text).toMatch(/name="fileInfo\[0\]\[name\]"\r\n\r\nstored\.jpg\r\n/);
      expect(r.text).toMatch(/name="fileInfo\[0\]\[size\]"\r\n\r\n1234\r\n/);
      expect(r.text).toMatch(/name="moreJson\[source\]"\r\n\r\ncdn\r\n/);
      expect(r.text).not.toContain('name="fileInfo"');
    },
    check: (d) => expect(d.result).toMatchObject([{ name: 'stored.jpg', mime: 'image/jpeg', size: 1234 }]),
  },
  { tool: 'get_editor_config', v3: { path: () => `${V1}/editor/post/configs` }, args: () => ({ type: 'post' }), method: 'GET', path: () => '/api/v2/editor/post/config', check: (d) => expect(d.publish.perm.publish).toBe(true) },
  { tool: 'list_drafts', args: () => ({ type: 'post', status: 2 }), method: 'GET', path: () => '/api/v2/editor/post/drafts', check: (d) => expect(d.list.map((x: Json) => x.id)).toEqual([2]) },
  { tool: 'create_draft', v3: {
      path: () => `${V1}/editor/post/draft`,
      sent: (r) => expect(json(r)).toEqual({ title: 'Draft from the table', content: 'first words', archives: [{ code: 'source_url', value: 'https://example.com' }] }),
    }, args: () => ({ type: 'post', createType: 1, postTitle: 'Draft from the table', content: 'first words', archives: [{ code: 'source_url', value: 'https://example.com' }] }), method: 'POST', path: () => '/api/v2/editor/post/create', check: (d, s) => { s.draftId = d.detail.id; expect(d.detail.state).toBe(1); } },
  { tool: 'update_draft', v3: { path: (s) => `${V1}/editor/post/draft/${s.draftId}` }, args: (s) => ({ type: 'post', draftId: s.draftId, content: 'final words' }), method: 'PUT', path: (s) => `/api/v2/editor/post/${s.draftId}`, check: (d) => expect(d.detail.content).toBe('final words') },
  { tool: 'get_draft', v3: { path: (s) => `${V1}/editor/post/draft/${s.draftId}` }, args: (s) => ({ type: 'post', draftId: s.draftId }), method: 'GET', path: (s) => `/api/v2/editor/post/${s.draftId}`, check: (d) => expect(d.detail).toMatchObject({ title: 'Draft from the table', content: 'final words' }) },
  { tool: 'publish_draft', v3: { path: (s) => `${V1}/editor/post/draft/${s.draftId}` }, args: (s) => ({ type: 'post', draftId: s.draftId }), method: 'POST', path: (s) => `/api/v2/editor/post/${s.draftId}`, check: (d, s) => { s.draftPid = d.fsid; expect(s.sim.state.posts.at(-1)?.content).toBe('final words'); } },
  { tool: 'generate_draft', v3: { path: (s) => `${V1}/editor/post/edit/${s.draftPid}` }, args: (s) => ({ type: 'post', fsid: s.draftPid }), method: 'POST', path: (s) => `/api/v2/editor/post/generate/${s.draftPid}`, check: (d, s) => { s.editId = d.detail.id; expect(d.detail.fsid).toBe(s.draftPid); } },
  { tool: 'delete_draft', v3: { path: (s) => `${V1}/editor/post/draft/${s.editId}` }, args: (s) => ({ type: 'post', draftId: s.editId }), method: 'DELETE', path: (s) => `/api/v2/editor/post/${s.editId}` },
  { tool: 'recall_draft', v3: { path: () => `${V1}/editor/post/draft/2` }, args: () => ({ type: 'post', draftId: 2 }), method: 'PATCH', path: () => '/api/v2/editor/post/2', check: (_d, s) => expect(s.sim.state.drafts.find((x) => x.id === 2)?.state).toBe(1) },
  { tool: 'search_users', args: () => ({ searchKey: 'theme' }), method: 'GET', path: () => '/api/v2/search/users', check: (d) => expect(d.list.map((u: Json) => u.uid)).toEqual([100004]) },
  // SearchUserDTO takes the user list's orders; the sort is honoured, not ignored.
  { tool: 'search_users', args: () => ({ searchKey: 'a', orderType: 'follow', orderDirection: 'asc' }), method: 'GET', path: () => '/api/v2/search/users', sent: (r) => expect(r.query.get('orderType')).toBe('follow'), check: (d) => expect(d.list.at(-1).uid).toBe(100001) },
  { tool: 'search_groups', args: () => ({ searchKey: 'photos' }), method: 'GET', path: () => '/api/v2/search/groups', check: (d) => expect(d.list[0].gid).toBe('Ph0toGrp') },
  { tool: 'search_hashtags', args: () => ({ searchKey: 'model context' }), method: 'GET', path: () => '/api/v2/search/hashtags', check: (d) => expect(d.list[0].hid).toBe('mcp') },
  { tool: 'search_posts', args: () => ({ searchKey: 'rate limits' }), method: 'GET', path: () => '/api/v2/search/posts', check: (d) => expect(d.list[0].title).toBe('Rate limits') },
  { tool: 'search_comments', args: () => ({ searchKey: 'table test' }), method: 'GET', path: () => '/api/v2/search/comments', check: (d, s) => expect(d.list[0].cid).toBe(s.newCid) },
  { tool: 'delete_comment', args: (s) => ({ cid: s.newCid }), method: 'DELETE', path: (s) => `/api/v2/comment/${s.newCid}` },
  { tool: 'delete_post', args: (s) => ({ pid: s.newPid }), method: 'DELETE', path: (s) => `/api/v2/post/${s.newPid}`, check: (_d, s) => expect(s.sim.state.posts.find((p) => p.pid === s.newPid)?.deleted).toBe(true) },
  {
    tool: 'logout', v3: { path: () => `${V1}/account/auth-token` }, args: () => ({}), method: 'DELETE', path: () => '/api/v2/account/logout',
    check: (d, s) => { expect(d).toEqual({ loggedOut: true, serverSession: 'ended' }); expect([...s.sim.state.accountTokens.values()].some((t) => t.aid === 'sbxAcct1')).toBe(false); },
  },
];
