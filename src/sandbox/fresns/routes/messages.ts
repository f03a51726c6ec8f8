import { checkWords } from '../publishing.js';
import { commentInfo, fileInfo, groupInfo, hashtagInfo, postInfo, userById } from '../present.js';
import { SimError, bool, datetime, int, need, ok, paginate, str, timeAgo, withKeyFilters, type Ctx, type Route } from '../router.js';
import type { SimConversation, SimMessage, SimNotification } from '../types.js';
import { findUser, objectOf } from './users.js';

const ids = (v: string | undefined) => (v ?? '').split(',').filter(Boolean).map(Number);

function notificationInfo(ctx: Ctx, n: SimNotification) {
  const o = n.actionTarget && n.actionFsid ? objectOf(ctx, n.actionTarget, n.actionFsid) : undefined;
  const info =
    !o ? null
    : n.actionTarget === 'post' ? postInfo(ctx, o as never)
    : n.actionTarget === 'comment' ? commentInfo(ctx, o as never)
    : n.actionTarget === 'group' ? groupInfo(ctx, o as never)
    : n.actionTarget === 'hashtag' ? hashtagInfo(ctx, o as never)
    : userById(ctx, Number(n.actionFsid));
  return {
    id: n.id,
    type: n.type,
    content: n.content,
    isMarkdown: false,
    isMention: n.type === 7,
    isAccessPlugin: false,
    pluginUrl: null,
    actionUser: userById(ctx, n.actionUid),
    actionObject: n.actionTarget ? ['user', 'group', 'hashtag', 'post', 'comment'].indexOf(n.actionTarget) + 1 : null,
    actionInfo: info,
    readStatus: n.read,
    datetime: datetime(n.createdAt),
    timeAgo: timeAgo(n.createdAt, ctx.now),
  };
}

/** The notifications a type-all / type-choose request selects (Fresns rejects both kinds of selector at once). */
function selectNotifications(ctx: Ctx): SimNotification[] {
  const type = str(ctx, 'type', { required: true, in: ['all', 'choose'] });
  const mine = ctx.state.notifications.filter((n) => n.uid === ctx.uid);
  if (type === 'choose') {
    const chosen = ids(str(ctx, 'notificationIds', { required: true }));
    return mine.filter((n) => chosen.includes(n.id));
  }
  const kind = int(ctx, 'notificationType', { min: 0, max: 9 }) ?? 0;
  return mine.filter((n) => kind === 0 || n.type === kind);
}

function conversationOf(ctx: Ctx, id: number | undefined): SimConversation {
  const uid = ctx.uid as number;
  return need(
    ctx.state.conversations.find((c) => c.id === id && (c.aUid === uid || c.bUid === uid) && !c.deletedBy.includes(uid)),
    36602,
    'Conversation does not exist',
  );
}

const visible = (ctx: Ctx, c: SimConversation) => ctx.state.messages.filter((m) => m.conversationId === c.id && !m.deletedBy.includes(ctx.uid as number));

function messageInfo(ctx: Ctx, m: SimMessage) {
  const f = m.fid ? ctx.state.files.find((x) => x.fid === m.fid) : undefined;
  return {
    id: m.id,
    user: userById(ctx, m.senderUid),
    isMe: m.senderUid === ctx.uid,
    type: m.type,
    content: m.content,
    file: f ? fileInfo(ctx, f) : null,
    datetime: datetime(m.createdAt),
    timeAgo: timeAgo(m.createdAt, ctx.now),
    readStatus: m.readBy.length > 1,
  };
}

function conversationInfo(ctx: Ctx, c: SimConversation) {
  const uid = ctx.uid as number;
  const msgs = visible(ctx, c);
  const last = msgs[msgs.length - 1];
  return {
    id: c.id,
    user: userById(ctx, c.aUid === uid ? c.bUid : c.aUid),
    userIsDeactivate: false,
    latestMessage: last ? { id: last.id, type: last.type, content: last.content, datetime: datetime(last.createdAt), timeAgo: timeAgo(last.createdAt, ctx.now) } : null,
    pinned: c.pinnedBy.includes(uid),
    messageCount: msgs.length,
    unreadCount: msgs.filter((m) => m.senderUid !== uid && !m.readBy.includes(uid)).length,
  };
}

function sendMessage(ctx: Ctx) {
  const uid = ctx.uid as number;
  const to = findUser(ctx, str(ctx, 'uidOrUsername', { required: true }));
  if (to.uid === uid) throw new SimError(36601, 'You cannot send a message to yourself');
  if (to.conversationLimit === 4) throw new SimError(36600, 'The user does not accept private messages');
  const text = str(ctx, 'message');
  const fid = str(ctx, 'fid');
  if (!text && !fid) throw new SimError(30000, 'The message field is required when fid is not present.');
  if (fid && !ctx.state.files.some((f) => f.fid === fid)) throw new SimError(37500, 'File does not exist');
  let c = ctx.state.conversations.find((x) => (x.aUid === uid && x.bUid === to.uid) || (x.aUid === to.uid && x.bUid === uid));
  if (!c) {
    c = { id: ++ctx.state.seq.conversation, aUid: uid, bUid: to.uid, pinnedBy: [], deletedBy: [] };
    ctx.state.conversations.push(c);
  }
  c.deletedBy = [];
  const m: SimMessage = { id: ++ctx.state.seq.message, conversationId: c.id, senderUid: uid, type: text ? 1 : 2, content: text ? checkWords(ctx.state, text, 'conversationMode') : null, fid: text ? null : (fid ?? null), createdAt: ctx.now, readBy: [uid], deletedBy: [] };
  ctx.state.messages.push(m);
  return ok(messageInfo(ctx, m));
}

export const messageRoutes: Route[] = [
  {
    method: 'GET', path: '/api/v2/notification/list', name: 'notification.list', login: 'uid',
    handle: (ctx) => {
      const types = ids(str(ctx, 'types'));
      const status = bool(ctx, 'status');
      const list = ctx.state.notifications
        .filter((n) => n.uid === ctx.uid && (!types.length || types.includes(n.type)) && (status === undefined || n.read === status))
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      return ok(withKeyFilters(ctx, paginate(ctx, list.map((n) => notificationInfo(ctx, n)))));
    },
  },
  {
    method: 'PUT', path: '/api/v2/notification/mark-as-read', name: 'notification.read', login: 'uid', write: true,
    handle: (ctx) => {
      for (const n of selectNotifications(ctx)) n.read = true;
      return ok();
    },
  },
  {
    method: 'DELETE', path: '/api/v2/notification/delete', name: 'notification.delete', login: 'uid', write: true,
    handle: (ctx) => {
      const gone = new Set(selectNotifications(ctx).filter((n) => n.type !== 1).map((n) => n.id));
      ctx.state.notifications = ctx.state.notifications.filter((n) => !gone.has(n.id));
      return ok();
    },
  },
  {
    method: 'GET', path: '/api/v2/conversation/list', name: 'conversation.list', login: 'uid',
    handle: (ctx) => {
      const uid = ctx.uid as number;
      const pinned = bool(ctx, 'pinned');
      const list = ctx.state.conversations
        .filter((c) => (c.aUid === uid || c.bUid === uid) && !c.deletedBy.includes(uid) && (pinned === undefined || c.pinnedBy.includes(uid) === pinned))
        .map((c) => ({ c, last: visible(ctx, c).at(-1)?.createdAt ?? 0 }))
        .sort((a, b) => Number(b.c.pinnedBy.includes(uid)) - Number(a.c.pinnedBy.includes(uid)) || b.last - a.last)
        .map(({ c }) => conversationInfo(ctx, c));
      return ok(withKeyFilters(ctx, paginate(ctx, list)));
    },
  },
  {
    method: 'GET', path: '/api/v2/conversation/{conversationId#}/detail', name: 'conversation.detail', login: 'uid',
    handle: (ctx) => {
      const { latestMessage: _l, pinned: _p, ...info } = conversationInfo(ctx, conversationOf(ctx, Number(ctx.params.conversationId)));
      return ok(info);
    },
  },
  {
    method: 'GET', path: '/api/v2/conversation/{conversationId#}/messages', name: 'conversation.messages', login: 'uid',
    handle: (ctx) => {
      const c = conversationOf(ctx, Number(ctx.params.conversationId));
      const asc = str(ctx, 'orderDirection', { in: ['asc', 'desc'] }) === 'asc';
      const msgs = [...visible(ctx, c)].sort((a, b) => (asc ? a.id - b.id : b.id - a.id));
      const page = paginate(ctx, msgs.map((m) => messageInfo(ctx, m)));
      if ((str(ctx, 'pageListDirection', { in: ['latest', 'oldest'] }) ?? 'latest') === 'oldest' && !asc) page.list.reverse();
      return ok(withKeyFilters(ctx, page));
    },
  },
  {
    method: 'PUT', path: '/api/v2/conversation/pin', name: 'conversation.pin', login: 'uid', write: true,
    handle: (ctx) => {
      const c = conversationOf(ctx, int(ctx, 'conversationId', { required: true }));
      const uid = ctx.uid as number;
      c.pinnedBy = c.pinnedBy.includes(uid) ? c.pinnedBy.filter((x) => x !== uid) : [...c.pinnedBy, uid];
      return ok({ pinned: c.pinnedBy.includes(uid) });
    },
  },
  {
    method: 'PUT', path: '/api/v2/conversation/mark-as-read', name: 'conversation.read', login: 'uid', write: true,
    handle: (ctx) => {
      const type = str(ctx, 'type', { required: true, in: ['conversation', 'message'] });
      const c = conversationOf(ctx, int(ctx, 'conversationId', { required: true }));
      const chosen = type === 'message' ? ids(str(ctx, 'messageIds', { required: true })) : undefined;
      for (const m of visible(ctx, c)) if (!chosen || chosen.includes(m.id)) if (!m.readBy.includes(ctx.uid as number)) m.readBy.push(ctx.uid as number);
      return ok();
    },
  },
  { method: 'POST', path: '/api/v2/conversation/send-message', name: 'conversation.send.message', login: 'uid', write: true, handle: sendMessage },
  {
    method: 'DELETE', path: '/api/v2/conversation/delete', name: 'conversation.delete', login: 'uid', write: true,
    handle: (ctx) => {
      const type = str(ctx, 'type', { required: true, in: ['conversation', 'message'] });
      const c = conversationOf(ctx, int(ctx, 'conversationId', { required: true }));
      const uid = ctx.uid as number;
      if (type === 'conversation') {
        c.deletedBy.push(uid);
        for (const m of visible(ctx, c)) m.deletedBy.push(uid);
      } else {
        const chosen = ids(str(ctx, 'messageIds', { required: true }));
        for (const m of visible(ctx, c)) if (chosen.includes(m.id)) m.deletedBy.push(uid);
      }
      return ok();
    },
  },
];
