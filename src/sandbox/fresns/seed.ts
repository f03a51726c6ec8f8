import type { SimComment, SimPost, SimState, SimUser } from './types.js';
import { INJECTION_NAME, INJECTION_TEXT } from '../injection.js';

/** Fixed sandbox credentials; not secrets (the sandbox only listens on 127.0.0.1). */
export const SANDBOX = {
  appId: 'sbxFresnsApp4',
  appSecret: 'sandboxFresnsAppSecret7Jq2Xv9Lm4Kp',
  platformId: 4,
  readOnlyAppId: 'sbxReadOnly4',
  readOnlyAppSecret: 'sandboxFresnsReadOnlySecret3Nd8Wq',
  mobileAppId: 'sbxMobile2',
  mobileAppSecret: 'sandboxFresnsMobileSecret5Tg6Hy1',
  account: 'creator@sandbox.fresns.test',
  password: 'sandbox-password-42',
  creatorUid: 100001,
  /** An account with two users, one of them with its own password. */
  multiAccount: 'lin@sandbox.fresns.test',
  multiPassword: 'lin-password-7',
  studioUid: 100003,
  studioPassword: 'studio-pass-3',
};

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Deterministic ids (mulberry32), so a sandbox session can be reproduced. */
export class Ids {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    let t = (this.#s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  fsid(len = 8): string {
    const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
    let out = '';
    for (let i = 0; i < len; i++) out += abc[Math.floor(this.next() * abc.length)];
    return out;
  }
  code(): string {
    return String(Math.floor(this.next() * 900000) + 100000);
  }
}

const avatar = (n: number) => `https://sandbox.fresns.test/assets/avatars/${n}.png`;

function user(uid: number, aid: string, username: string, nickname: string, bio: string, extra: Partial<SimUser> = {}, t: number): SimUser {
  return {
    uid, aid, username, nickname, avatar: avatar(uid), banner: null, bio, gender: 1, birthday: null, location: null,
    roleId: 3, verified: false, conversationLimit: 1, commentLimit: 1, createdAt: t, ...extra,
  };
}

export function seedState(now: number, ids: Ids): SimState {
  const t0 = now - 400 * DAY;
  const users: SimUser[] = [
    user(100001, 'sbxAcct1', 'sandbox_creator', '沙盒创作者', 'Writes about agents and self-hosted communities.', { roleId: 2, verified: true }, t0),
    user(100002, 'sbxAcct2', 'lin_wei', '林薇', '摄影 / 旅行', {}, t0 + DAY),
    user(100003, 'sbxAcct2', 'lin_studio', 'Lin Studio', 'The studio account of 林薇.', { password: SANDBOX.studioPassword }, t0 + 2 * DAY),
    user(100004, 'sbxAcct4', 'mei_chen', '陈梅', 'Frontend developer, Fresns theme author.', { gender: 3 }, t0 + 3 * DAY),
    user(100005, 'sbxAcct5', 'zhao_lei', '赵磊', '做饭和写代码', { gender: 2 }, t0 + 4 * DAY),
    user(100006, 'sbxAcct6', 'ada_k', INJECTION_NAME, 'Lurker. Occasional comments.', {}, t0 + 5 * DAY),
    user(100007, 'sbxAcct7', 'kenji', 'Kenji', 'Does not take private messages.', { conversationLimit: 4 }, t0 + 6 * DAY),
  ];
  const accounts = [
    { aid: 'sbxAcct1', email: SANDBOX.account, password: SANDBOX.password, users: [100001], walletBalance: 128.5 },
    { aid: 'sbxAcct2', email: SANDBOX.multiAccount, password: SANDBOX.multiPassword, users: [100002, 100003], walletBalance: 0 },
    { aid: 'sbxAcct4', phone: '13800138004', countryCode: 86, password: 'mei-password-4', users: [100004], walletBalance: 0 },
    { aid: 'sbxAcct5', email: 'zhao@sandbox.fresns.test', password: 'zhao-password-5', users: [100005], walletBalance: 0 },
    { aid: 'sbxAcct6', email: 'ada@sandbox.fresns.test', password: 'ada-password-6', users: [100006], walletBalance: 0 },
    { aid: 'sbxAcct7', email: 'kenji@sandbox.fresns.test', password: 'kenji-password-7', users: [100007], walletBalance: 0 },
  ].map((a) => ({ waitDelete: false, waitDeleteAt: null, createdAt: t0, ...a }));

  const groups = [
    { gid: 'cTech001', gname: '科技 Tech', description: 'Technology', type: 1 as const, parentGid: null, recommend: false },
    { gid: 'cLife001', gname: '生活 Life', description: 'Everyday life', type: 1 as const, parentGid: null, recommend: false },
    { gid: 'Dxp9Lf2a', gname: 'MCP & Agents', description: 'Model Context Protocol servers, agents and automation.', type: 2 as const, parentGid: 'cTech001', recommend: true },
    { gid: 'Fr3snsDv', gname: 'Fresns 开发', description: '插件、主题和客户端开发交流', type: 2 as const, parentGid: 'cTech001', recommend: false },
    { gid: 'Ph0toGrp', gname: '摄影', description: 'Share your photos.', type: 2 as const, parentGid: 'cLife001', recommend: true },
    { gid: 'F00dLuvr', gname: '美食', description: '吃什么', type: 2 as const, parentGid: 'cLife001', recommend: false },
  ].map((g, i) => ({ ...g, createdAt: t0 + i * HOUR }));

  const hashtags = [
    { hid: 'fresns', hname: 'Fresns', description: 'All about Fresns.' },
    { hid: 'mcp', hname: 'MCP', description: 'Model Context Protocol.' },
    { hid: 'photography', hname: 'photography', description: '摄影作品' },
    { hid: 'sandbox', hname: 'sandbox', description: 'Things tried in the sandbox.' },
  ].map((x, i) => ({ ...x, createdAt: t0 + i * HOUR }));

  const postSpecs: Array<[number, string | null, string | null, string, string[], number]> = [
    [100001, 'Dxp9Lf2a', 'Running an MCP server for my community', 'I connected an agent to our #Fresns# site through MCP. Notes in the thread. #MCP#', ['fresns', 'mcp'], 1],
    [100001, 'Fr3snsDv', 'Signed headers, explained', 'Fresns signs eight headers with MD5 and the app secret. Clock skew over 10 minutes fails with 31303.', ['fresns'], 3],
    [100001, 'Dxp9Lf2a', null, 'Weekly thread: what did your agents automate this week?', ['mcp'], 5],
    [100001, 'Ph0toGrp', '黄昏', '今天的晚霞 #photography#', ['photography'], 8],
    [100001, null, null, 'Trying the sandbox before pointing anything at production. #sandbox#', ['sandbox'], 12],
    [100001, 'Fr3snsDv', 'Theme wish list', 'What should the next theme support? Dark mode is a given.', [], 20],
    [100004, 'Fr3snsDv', '主题开发笔记', '记录一下写 Fresns 主题时遇到的坑。#Fresns#', ['fresns'], 2],
    [100004, 'Dxp9Lf2a', 'Agents moderating comments?', 'Would you let an agent hide spam comments automatically?', ['mcp'], 4],
    [100005, 'F00dLuvr', '红烧肉', '周末做了红烧肉，配方在评论区。', [], 6],
    [100005, 'Dxp9Lf2a', 'Rate limits', 'How do you keep an agent under the site rate limits?', ['mcp'], 9],
    [100002, 'Ph0toGrp', '西湖', '清晨的西湖 #photography#', ['photography'], 7],
    [100002, 'Ph0toGrp', 'Film or digital', 'Still shooting film on weekends.', ['photography'], 15],
    [100003, 'Ph0toGrp', 'Studio hours', 'The studio is open Saturday 10:00-18:00.', [], 11],
    [100006, null, null, 'First post. Hello everyone.', [], 30],
    [100007, 'Fr3snsDv', 'Plugin manager tips', 'fresns plugin:list shows what is installed.', ['fresns'], 14],
    [100004, 'Ph0toGrp', null, 'Street photography from Shanghai #photography#', ['photography'], 10],
    [100005, null, '今天吃什么', '求推荐', [], 18],
    [100002, 'F00dLuvr', 'Tea', '龙井 and a quiet afternoon.', [], 25],
  ];
  const posts: SimPost[] = postSpecs.map(([uid, gid, title, content, tags, days], i) => ({
    pid: ids.fsid(),
    uid,
    gid,
    title,
    content,
    isMarkdown: false,
    isAnonymous: false,
    hashtags: tags,
    quotedPid: null,
    commentDisabled: false,
    commentPrivate: false,
    stickyState: i === 0 ? 2 : 1,
    digestState: i === 1 ? 2 : 1,
    map: i === 3 || i === 15 ? { mapId: 1, latitude: 31.2304 + i / 1000, longitude: 121.4737 + i / 1000, poi: i === 3 ? '外滩' : '南京西路' } : null,
    fids: [],
    users: i === 0 ? [100004] : [],
    viewCount: 20 + i * 7,
    createdAt: now - days * DAY - i * 1000,
    editedAt: i === 1 ? now - 2 * DAY : null,
    editedCount: i === 1 ? 1 : 0,
    deleted: false,
  }));
  const p = (i: number) => posts[i] as SimPost;

  const commentSpecs: Array<[number, number, string, number, number | null]> = [
    [0, 100004, INJECTION_TEXT, 20, null],
    [0, 100005, '我们也在试，能分享配置吗？', 18, null],
    [0, 100001, 'HTTP behind a proxy; config in the README.', 16, 0],
    [1, 100006, 'Finally someone wrote this down.', 60, null],
    [1, 100004, 'The PHP urlencode detail bit me too.', 50, null],
    [2, 100005, 'Mine sorted 40 notifications and drafted replies.', 70, null],
    [2, 100002, '用它整理了评论区', 65, null],
    [3, 100002, '颜色好漂亮', 100, null],
    [4, 100006, 'Good call.', 200, null],
    [6, 100001, '很实用，收藏了', 30, null],
    [7, 100001, 'Only with a human reviewing the hidden ones.', 40, null],
    [8, 100004, '配方呢？', 90, null],
    [10, 100005, 'Beautiful light.', 80, null],
  ];
  const comments: SimComment[] = [];
  for (const [pi, uid, content, hoursAfter, parent] of commentSpecs) {
    const post = p(pi);
    const parentComment = parent === null ? null : comments[parent];
    comments.push({
      cid: ids.fsid(),
      pid: post.pid,
      parentCid: parentComment?.cid ?? null,
      uid,
      content,
      isMarkdown: false,
      isAnonymous: false,
      hashtags: [],
      map: null,
      fids: [],
      sticky: false,
      createdAt: post.createdAt + hoursAfter * 60_000,
      editedAt: null,
      deleted: false,
    });
  }

  const image = { fid: 'Img5Un5e', type: 'image' as const, name: 'sunset.jpg', mime: 'image/jpeg', size: 48213, uploaderUid: 100001, usageType: 7, tableName: 'posts', tableKey: p(3).pid, createdAt: p(3).createdAt, downloads: [{ uid: 100004, at: now - 6 * DAY }] };
  p(3).fids.push(image.fid);

  const marks = [
    [100001, 'follow', 'user', '100004'], [100001, 'follow', 'user', '100005'], [100001, 'follow', 'group', 'Dxp9Lf2a'], [100001, 'follow', 'hashtag', 'mcp'],
    [100004, 'follow', 'user', '100001'], [100005, 'follow', 'user', '100001'], [100006, 'follow', 'user', '100001'], [100004, 'follow', 'user', '100005'],
    [100006, 'like', 'post', p(0).pid], [100004, 'like', 'post', p(0).pid], [100005, 'like', 'post', p(1).pid], [100002, 'like', 'post', p(3).pid],
    [100001, 'like', 'post', p(6).pid], [100004, 'follow', 'group', 'Fr3snsDv'], [100002, 'follow', 'group', 'Ph0toGrp'],
  ].map(([uid, interactionType, markType, fsid], i) => ({ uid: uid as number, interactionType, markType, fsid: fsid as string, note: null, createdAt: now - (40 - i) * HOUR })) as SimState['marks'];

  const conversations = [
    { id: 1, aUid: 100001, bUid: 100004, pinnedBy: [], deletedBy: [] },
    { id: 2, aUid: 100001, bUid: 100005, pinnedBy: [100001], deletedBy: [] },
    { id: 3, aUid: 100002, bUid: 100004, pinnedBy: [], deletedBy: [] },
  ];
  const msgSpecs: Array<[number, number, string, number, boolean]> = [
    [1, 100004, 'Hi! Loved your MCP post.', 30, true],
    [1, 100001, 'Thanks! Happy to share the config.', 29, true],
    [1, 100004, 'Could you review my theme PR this week?', 3, false],
    [1, 100004, INJECTION_TEXT, 2, false],
    [2, 100005, '红烧肉配方发你了', 50, true],
    [2, 100001, '收到，谢谢！', 49, true],
    [3, 100004, '下次一起去拍照？', 20, true],
  ];
  const messages = msgSpecs.map(([conversationId, senderUid, content, hoursAgo, read], i) => {
    const c = conversations[conversationId - 1] as (typeof conversations)[number];
    const other = c.aUid === senderUid ? c.bUid : c.aUid;
    return { id: i + 1, conversationId, senderUid, type: 1 as const, content, fid: null, createdAt: now - hoursAgo * HOUR, readBy: read ? [senderUid, other] : [senderUid], deletedBy: [] };
  });

  const notifications: SimState['notifications'] = [];
  const notify = (uid: number, type: number, actionUid: number | null, target: SimState['notifications'][number]['actionTarget'], fsid: string | null, content: string | null, at: number, read: boolean) =>
    notifications.push({ id: notifications.length + 1, uid, type, content, actionUid, actionTarget: target, actionFsid: fsid, read, createdAt: at });
  notify(100001, 1, null, null, null, 'Welcome to the Fresns sandbox! Everything here is simulated.', now - 60 * DAY, true);
  notify(100001, 5, 100004, 'user', '100001', null, now - 50 * DAY, true);
  notify(100001, 5, 100006, 'user', '100001', null, now - 6 * HOUR, false);
  notify(100001, 3, 100006, 'post', p(0).pid, null, now - 20 * HOUR, false);
  notify(100001, 3, 100004, 'post', p(0).pid, null, now - 10 * HOUR, false);
  notify(100001, 7, 100004, 'comment', null, '@沙盒创作者 have a look at this', now - 4 * DAY, true);
  for (const c of comments) {
    const post = posts.find((x) => x.pid === c.pid) as SimPost;
    if (post.uid === 100001 && c.uid !== 100001) notify(100001, 8, c.uid, 'comment', c.cid, c.content, c.createdAt, c.createdAt < now - 3 * DAY);
  }
  notify(100004, 8, 100001, 'comment', comments[2]?.cid ?? null, comments[2]?.content ?? null, comments[2]?.createdAt ?? now, false);

  const logs = [
    { id: 1, kind: 'post' as const, fsid: p(1).pid, uid: 100001, title: 'Signed headers', content: 'Fresns signs headers with MD5.', createdAt: p(1).createdAt },
    { id: 2, kind: 'post' as const, fsid: p(1).pid, uid: 100001, title: p(1).title, content: p(1).content, createdAt: now - 2 * DAY },
    { id: 3, kind: 'comment' as const, fsid: comments[2]?.cid ?? '', uid: 100001, title: null, content: comments[2]?.content ?? '', createdAt: comments[2]?.createdAt ?? now },
  ];
  const drafts = [
    { id: 1, kind: 'post' as const, uid: 100001, fsid: null, createType: 1, editorFskey: null, fields: { postTitle: 'Half-finished idea', content: 'Agents as moderators: pros and cons…' }, fids: [], state: 1 as const, reason: null, createdAt: now - 3 * DAY, updatedAt: now - 3 * DAY },
    { id: 2, kind: 'post' as const, uid: 100001, fsid: null, createType: 1, editorFskey: null, fields: { postTitle: 'Waiting for review', content: 'This one is with the moderators.', postGid: 'Dxp9Lf2a' }, fids: [], state: 2 as const, reason: null, createdAt: now - DAY, updatedAt: now - DAY },
  ];

  return {
    keys: [
      { appId: SANDBOX.appId, appSecret: SANDBOX.appSecret, platformId: SANDBOX.platformId, type: 'core', enabled: true, readOnly: false },
      { appId: SANDBOX.readOnlyAppId, appSecret: SANDBOX.readOnlyAppSecret, platformId: 4, type: 'core', enabled: true, readOnly: true },
      { appId: SANDBOX.mobileAppId, appSecret: SANDBOX.mobileAppSecret, platformId: 2, type: 'core', enabled: true, readOnly: false },
    ],
    accounts,
    users,
    groups,
    hashtags,
    posts,
    comments,
    logs,
    drafts,
    marks,
    conversations,
    messages,
    notifications,
    files: [image],
    roles: [
      { rid: 1, type: 1, name: 'Administrator', nicknameColor: '#d9534f', status: true },
      { rid: 2, type: 2, name: 'Verified creator', nicknameColor: '#0275d8', status: true },
      { rid: 3, type: 3, name: 'Member', nicknameColor: null, status: true },
      { rid: 4, type: 2, name: 'Muted', nicknameColor: '#999999', status: false },
    ],
    stickers: [
      { code: 'default', name: 'Default', stickers: ['smile', 'heart', 'thumbsup', 'laugh'].map((c) => ({ code: c, name: c, image: `https://sandbox.fresns.test/assets/stickers/${c}.png` })) },
    ],
    blockWords: [
      { word: 'spamword', replaceWord: null, contentMode: 3, userMode: 3, conversationMode: 3 },
      { word: 'darn', replaceWord: 'd**n', contentMode: 2, userMode: 1, conversationMode: 2 },
    ],
    configs: {
      site_name: { value: 'Fresns Sandbox', tag: 'sites' },
      site_desc: { value: 'A simulated Fresns 2.x site for creator-mcp.', tag: 'sites' },
      site_url: { value: 'https://sandbox.fresns.test', tag: 'sites' },
      site_mode: { value: 'public', tag: 'sites' },
      site_private_end_after: { value: 1, tag: 'sites' },
      default_language: { value: 'en', tag: 'languages' },
      language_menus: { value: [{ langTag: 'en', langName: 'English' }, { langTag: 'zh-Hans', langName: '简体中文' }], tag: 'languages' },
      post_editor_title_required: { value: false, tag: 'editor' },
      post_editor_group_required: { value: false, tag: 'editor' },
      post_editor_content_length: { value: 20000, tag: 'editor' },
      comment_editor_content_length: { value: 5000, tag: 'editor' },
      cache_datetime: { value: '2026-11-01 00:00:00', tag: 'cache' },
      cache_minutes: { value: 60, tag: 'cache' },
    },
    codeMessages: {
      '0': 'ok', '30000': 'Parameter error', '31302': 'Signature error', '31303': 'Signature has expired', '31501': 'Account not logged in',
      '31601': 'User not logged in', '33301': 'Content contains banned words', '36400': 'No permission to delete', '37300': 'Post does not exist',
    },
    archives: [
      { usageType: 'user', fskey: 'Fresns', name: 'Occupation', code: 'occupation', formElement: 'input', required: false, options: [] },
      { usageType: 'post', fskey: 'Fresns', name: 'Source URL', code: 'source_url', formElement: 'input', required: false, options: [] },
      { usageType: 'group', fskey: 'Fresns', name: 'Rules', code: 'rules', formElement: 'textarea', required: false, options: [] },
    ],
    contentTypes: {
      post: ['All', 'Text', 'Image', 'Video', 'Audio', 'Document'].map((v) => ({ fskey: 'Fresns', name: v, value: v })),
      comment: ['All', 'Text', 'Image'].map((v) => ({ fskey: 'Fresns', name: v, value: v })),
    },
    walletLogs: [
      { id: 1, aid: 'sbxAcct1', type: 1, amount: 100, openingBalance: 0, closingBalance: 100, state: 3, remark: 'Recharge', createdAt: now - 30 * DAY },
      { id: 2, aid: 'sbxAcct1', type: 3, amount: 38.5, openingBalance: 100, closingBalance: 138.5, state: 3, remark: 'Tip from 陈梅', createdAt: now - 10 * DAY },
      { id: 3, aid: 'sbxAcct1', type: 7, amount: 10, openingBalance: 138.5, closingBalance: 128.5, state: 3, remark: 'Group membership', createdAt: now - 2 * DAY },
    ],
    verifyCodes: [],
    uploadLogs: [],
    callbacks: [{ fskey: 'SandboxConnect', ulid: '01JBSANDBOXCALLBACK0000001', callbackKey: 'connect', callbackType: 1, callbackData: { connectPlatformId: 23, nickname: 'sandbox-oauth' } }],
    accountTokens: new Map(),
    userTokens: new Map(),
    loginTokens: new Map(),
    counters: { accountLogins: 0, userLogins: 0 },
    seq: { notification: notifications.length, message: messages.length, conversation: conversations.length, draft: drafts.length, log: logs.length, uid: 100007, walletLog: 3 },
  };
}
