import { fileInfo, live, userInfo } from '../present.js';
import { SimError, bool, datetime, int, need, ok, paginate, str, type Ctx, type Route } from '../router.js';
import type { SimUser } from '../types.js';

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

function sendVerifyCode(ctx: Ctx) {
  const type = str(ctx, 'type', { required: true, in: ['email', 'sms'] }) as 'email' | 'sms';
  const useType = int(ctx, 'useType', { required: true, min: 1, max: 5 }) as number;
  int(ctx, 'templateId', { required: true, min: 1, max: 8 });
  let account = str(ctx, 'account');
  const me = ctx.state.accounts.find((a) => a.aid === ctx.aid);
  if (useType === 3 || useType === 4) {
    if (!me) throw new SimError(31501, 'Account not logged in');
    if (useType === 4) account = type === 'email' ? me.email : me.phone;
  }
  if (!account) throw new SimError(30000, 'The account field is required.');
  const exists = ctx.state.accounts.some((a) => (type === 'email' ? a.email === account : a.phone === account));
  if (useType === 1 && exists) throw new SimError(34204, 'The account already exists');
  if (useType === 2 && !exists) throw new SimError(34300, 'The account does not exist');
  const recent = ctx.state.verifyCodes.filter((c) => c.account === account && c.at > ctx.now - 60_000);
  if (recent.length) throw new SimError(33202, 'Verification codes can be sent once a minute');
  ctx.state.verifyCodes.push({ type, account, useType, code: ctx.ids.code(), at: ctx.now });
  return ok();
}

/**
 * Laravel's `array` rule: the field must arrive as a PHP array (`name[key]=…` in a form, an array
 * or object in JSON). A JSON text in a single field is a string and is refused with 30000.
 */
function phpArray(ctx: Ctx, name: string): Record<string, unknown> | undefined {
  const v = ctx.body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'object') throw new SimError(30000, `The ${name} must be an array.`);
  return v as Record<string, unknown>;
}

async function uploadFile(ctx: Ctx) {
  const usageType = int(ctx, 'usageType', { required: true, min: 1, max: 10 }) as number;
  const tableName = str(ctx, 'tableName', { required: true }) as string;
  str(ctx, 'tableColumn', { required: true });
  const tableId = int(ctx, 'tableId');
  const tableKey = str(ctx, 'tableKey');
  if (tableId === undefined && !tableKey) throw new SimError(30000, 'The tableId field is required when tableKey is not present.');
  const type = str(ctx, 'type', { required: true, in: ['image', 'video', 'audio', 'document'] }) as 'image' | 'video' | 'audio' | 'document';
  const mode = str(ctx, 'uploadMode', { required: true, in: ['file', 'fileInfo'] });
  phpArray(ctx, 'moreJson');
  const uid = ctx.uid as number;
  const draft = tableName === 'post_logs' || tableName === 'comment_logs' ? ctx.state.drafts.find((d) => d.id === tableId && d.uid === uid) : undefined;
  if ((tableName === 'post_logs' || tableName === 'comment_logs') && !draft) throw new SimError(38100, 'Draft does not exist');
  const made: ReturnType<typeof fileInfo>[] = [];
  const add = (name: string, mime: string, size: number) => {
    const f = { fid: ctx.ids.fsid(), type, name, mime, size, uploaderUid: uid, usageType, tableName, tableKey: tableKey ?? String(tableId), createdAt: ctx.now, downloads: [] };
    ctx.state.files.push(f);
    draft?.fids.push(f.fid);
    made.push(fileInfo(ctx, f));
  };
  if (mode === 'file') {
    const file = ctx.files.get('file');
    if (!file) throw new SimError(30000, 'The file field is required.');
    if (file.size === 0) throw new SimError(36114, 'The file is empty');
    if (type === 'image' && !file.type.startsWith('image/')) throw new SimError(36113, 'The file type is not allowed');
    add(file.name, file.type, file.size);
    return ok(made[0]);
  }
  const infos = phpArray(ctx, 'fileInfo');
  if (!infos || Object.keys(infos).length === 0) throw new SimError(30000, 'The file info field is required when upload mode is fileInfo.');
  for (const i of Object.values(infos)) {
    if (!i || typeof i !== 'object') throw new SimError(30000, 'The file info must be an array of file records.');
    const r = i as Record<string, unknown>;
    add(String(r.name ?? 'file'), String(r.mime ?? 'application/octet-stream'), Number(r.size ?? 0));
  }
  return ok(made);
}

function inputTips(ctx: Ctx) {
  const type = str(ctx, 'type', { required: true, in: ['user', 'group', 'hashtag', 'post', 'extend'] });
  const key = (str(ctx, 'key', { required: true }) as string).toLowerCase();
  const starts = (s: string | null) => !!s && s.toLowerCase().startsWith(key);
  const st = ctx.state;
  const list =
    type === 'user'
      ? st.users.filter((u) => starts(u.username) || starts(u.nickname)).map((u: SimUser) => ({ fsid: String(u.uid), name: u.nickname, username: u.username, image: u.avatar }))
      : type === 'group'
        ? st.groups.filter((g) => g.type === 2 && starts(g.gname)).map((g) => ({ fsid: g.gid, name: g.gname, image: null }))
        : type === 'hashtag'
          ? st.hashtags.filter((h) => starts(h.hname) || starts(h.hid)).map((h) => ({ fsid: h.hid, name: h.hname, image: null }))
          : type === 'post'
            ? live.posts(ctx).filter((p) => starts(p.title)).map((p) => ({ fsid: p.pid, name: p.title, image: null }))
            : [];
  return ok(list.slice(0, 10));
}

export const globalRoutes: Route[] = [
  {
    method: 'GET', path: '/api/v2/global/configs', name: 'global.configs', login: 'none',
    handle: (ctx) => {
      const keys = csv(str(ctx, 'keys'));
      const tags = csv(str(ctx, 'tags'));
      const entries = Object.entries(ctx.state.configs).filter(([k, v]) => (!keys.length && !tags.length) || keys.includes(k) || tags.includes(v.tag));
      return ok(Object.fromEntries(entries.map(([k, v]) => [k, v.value])));
    },
  },
  {
    method: 'GET', path: '/api/v2/global/code-messages', name: 'global.code.messages', login: 'none',
    handle: (ctx) => {
      const all = bool(ctx, 'isAll');
      const codes = csv(str(ctx, 'codes'));
      if (!all && !codes.length) throw new SimError(30000, 'The codes field is required when is all is not present.');
      const messages = ctx.state.codeMessages;
      return ok(all ? messages : Object.fromEntries(codes.filter((c) => c in messages).map((c) => [c, messages[c]])));
    },
  },
  {
    method: 'GET', path: '/api/v2/global/{type}/archives', name: 'global.archives', login: 'uid',
    handle: (ctx) => {
      const type = ctx.params.type as string;
      if (!['user', 'group', 'hashtag', 'post', 'comment'].includes(type)) throw new SimError(30000, 'The type must be one of: user, group, hashtag, post, comment');
      const fskey = str(ctx, 'fskey');
      return ok(ctx.state.archives.filter((a) => a.usageType === type && (!fskey || a.fskey === fskey)).map(({ usageType: _u, ...a }) => a));
    },
  },
  {
    method: 'GET', path: '/api/v2/global/upload-token', name: 'global.upload.token', login: 'uid',
    handle: (ctx) => {
      str(ctx, 'type', { required: true, in: ['image', 'video', 'audio', 'document'] });
      str(ctx, 'name', { required: true });
      const expire = int(ctx, 'expireTime', { required: true, min: 1, max: 600 }) as number;
      return ok({ storageId: 17, token: `sbx-upload-${ctx.ids.fsid(24)}`, expireTime: datetime(ctx.now + expire * 1000) });
    },
  },
  {
    method: 'GET', path: '/api/v2/global/roles', name: 'global.roles', login: 'none',
    handle: (ctx) => {
      const ids = csv(str(ctx, 'ids')).map(Number);
      const type = int(ctx, 'type', { min: 1, max: 3 });
      const status = bool(ctx, 'status');
      const roles = ctx.state.roles.filter((r) => (!ids.length || ids.includes(r.rid)) && (type === undefined || r.type === type) && (status === undefined || r.status === status));
      return ok(paginate(ctx, roles, 50));
    },
  },
  {
    method: 'GET', path: '/api/v2/global/{type}/content-types', name: 'global.content.types', login: 'none',
    handle: (ctx) => ok(need(ctx.state.contentTypes[ctx.params.type as 'post' | 'comment'], 30000, 'The type must be post or comment')),
  },
  { method: 'GET', path: '/api/v2/global/stickers', name: 'global.stickers', login: 'none', handle: (ctx) => ok(ctx.state.stickers) },
  {
    method: 'GET', path: '/api/v2/global/block-words', name: 'global.block.words', login: 'none',
    handle: (ctx) => {
      const type = str(ctx, 'type', { in: ['content', 'user', 'conversation'] });
      const mode = type === 'user' ? 'userMode' : type === 'conversation' ? 'conversationMode' : 'contentMode';
      const words = ctx.state.blockWords.filter((w) => !type || w[mode] > 1).map((w) => ({ word: w.word, replaceWord: w.replaceWord }));
      return ok(paginate(ctx, words, 100));
    },
  },
  { method: 'GET', path: '/api/v2/common/input-tips', name: 'common.input.tips', login: 'none', handle: inputTips },
  {
    method: 'GET', path: '/api/v2/common/callback', name: 'common.callback', login: 'none',
    handle: (ctx) => {
      const fskey = str(ctx, 'fskey', { required: true });
      const ulid = str(ctx, 'ulid', { required: true });
      const cb = need(ctx.state.callbacks.find((c) => c.fskey === fskey && c.ulid === ulid), 32201, 'Callback record does not exist or has expired');
      return ok({ callbackKey: cb.callbackKey, callbackType: cb.callbackType, callbackData: cb.callbackData });
    },
  },
  { method: 'POST', path: '/api/v2/common/send-verify-code', name: 'common.send.verifyCode', login: 'none', write: true, handle: sendVerifyCode },
  {
    method: 'POST', path: '/api/v2/common/upload-log', name: 'common.upload.log', login: 'none', write: true,
    handle: (ctx) => {
      int(ctx, 'type', { required: true, min: 1, max: 16 });
      str(ctx, 'objectName', { required: true });
      str(ctx, 'objectAction', { required: true });
      int(ctx, 'objectResult', { required: true, min: 1, max: 3 });
      ctx.state.uploadLogs.push({ ...ctx.body, aid: ctx.aid ?? null, uid: ctx.uid ?? null, at: ctx.now });
      return ok();
    },
  },
  { method: 'POST', path: '/api/v2/common/upload-file', name: 'common.upload.file', login: 'uid', write: true, handle: uploadFile },
  {
    method: 'GET', path: '/api/v2/common/file/{fid}/link', name: 'common.file.link', login: 'uid',
    handle: (ctx) => {
      const f = need(ctx.state.files.find((x) => x.fid === ctx.params.fid), 37500, 'File does not exist');
      str(ctx, 'type', { required: true, in: ['post', 'comment', 'extend', 'conversation'] });
      str(ctx, 'fsid', { required: true });
      f.downloads.push({ uid: ctx.uid as number, at: ctx.now });
      return ok({ link: `${ctx.baseUrl}/storage/${f.fid}/${encodeURIComponent(f.name)}?expires=${Math.floor(ctx.now / 1000) + 1800}` });
    },
  },
  {
    method: 'GET', path: '/api/v2/common/file/{fid}/users', name: 'common.file.users', login: 'none',
    handle: (ctx) => {
      const f = need(ctx.state.files.find((x) => x.fid === ctx.params.fid), 37500, 'File does not exist');
      const rows = [...f.downloads].reverse().map((d) => ({ user: userInfo(ctx, ctx.state.users.find((u) => u.uid === d.uid) as SimUser), datetime: datetime(d.at) }));
      return ok(paginate(ctx, rows));
    },
  },
];
