import { isoOf, num, obj, objs, previewField, Sections, str, top, unhandled, value, type ContextOptions, type Json } from '../../context/kit.js';
import { MemoryReviewLedger } from '../../ledger/review-ledger.js';
import type { PlatformClient, PlatformDeps, PlatformResourceTemplate } from '../types.js';
import type { FresnsClient } from './client.js';
import { operation } from './operations/index.js';

const LIMITS = { full: { notifications: 8, conversations: 5, comments: 6, posts: 5, drafts: 3 }, summary: { notifications: 4, conversations: 3, comments: 3, posts: 0, drafts: 2 } } as const;
const NOTIFICATION_TYPES: Record<number, string> = { 1: 'system', 2: 'recommend', 3: 'like', 4: 'dislike', 5: 'follow', 6: 'block', 7: 'mention', 8: 'comment', 9: 'quote' };
const THREADS = 5;

const who = (u: unknown) => ({ uid: num(obj(u).uid), name: str(obj(u).nickname) ?? str(obj(u).username) });

/**
 * Decision first for a Fresns user: unread mentions, comments and other notifications, conversations
 * with unread messages, new comments on the user's posts not marked handled; then activity; then the
 * site and the user's panel. Sections load concurrently; a failing one is reported in place.
 */
export async function fresnsContext(client: PlatformClient, _deps: PlatformDeps, opts: ContextOptions = { ledger: new MemoryReviewLedger(), detail: 'full', now: Date.now() }) {
  const L = LIMITS[opts.detail];
  const s = new Sections();
  const fresns = client as FresnsClient;
  const call = (name: string, args: Json) => client.call(operation(name), args);
  const me = Sections.settle(fresns.sessions.ensure('user', 'fresns://automation-context'));
  const after = <T>(f: (session: { uid?: unknown }) => Promise<T>) => me.then((r) => Sections.settle(r.status === 'fulfilled' ? f(r.value as { uid?: unknown }) : Promise.reject(r.reason)));
  const [site, panel, notifications, conversations, posts, drafts] = await Promise.all([
    Sections.settle(call('get_configs', { keys: 'site_name,site_mode,site_url' })),
    after(() => call('get_user_panel', {})),
    after(() => call('list_notifications', { status: false, pageSize: 20 })),
    after(() => call('list_conversations', { pageSize: 20 })),
    after((session) => call('list_posts', { uidOrUsername: session.uid, pageSize: 10 })),
    after(() => call('list_drafts', { type: 'post', pageSize: 10 })),
  ]);
  const myPosts = posts.status === 'fulfilled' ? objs(obj(posts.value).list) : [];
  const threads = myPosts.filter((p) => typeof p.pid === 'string' && (num(p.commentCount) ?? 0) > 0).slice(0, THREADS);
  const comments = await Promise.all(threads.map((p) => Sections.settle(call('list_comments', { pid: p.pid, pageSize: THREADS }))));

  const unreadNotifications = await s.run('unreadNotifications', 'fresns_list_notifications', async () => {
    const page = obj(value(notifications));
    const rows = objs(page.list).map((n) => ({
      id: `fresns:notification:${str(n.id) ?? '?'}`,
      type: NOTIFICATION_TYPES[num(n.type) ?? 0] ?? str(n.type),
      from: who(n.actionUser),
      ...previewField('content', n.content),
      at: str(n.datetime),
    }));
    const fresh = await unhandled(opts.ledger, rows);
    return { ...top(fresh.items, L.notifications, 'fresns_list_notifications {status:false}; fresns_mark_notifications_read clears them', num(obj(page.pagination).total) ?? rows.length), handled: fresh.handled };
  });

  const conversationsWaiting = await s.run('conversationsWaiting', 'fresns_list_conversations', async () => {
    const rows = objs(obj(value(conversations)).list)
      .filter((c) => (num(c.unreadCount) ?? 0) > 0)
      .map((c) => ({
        id: `fresns:conversation:${str(c.id) ?? '?'}:${str(obj(c.latestMessage).id) ?? '?'}`,
        with: who(c.user),
        unread: num(c.unreadCount),
        ...previewField('lastMessage', obj(c.latestMessage).content),
        waiting: str(obj(c.latestMessage).timeAgo),
        at: str(obj(c.latestMessage).datetime),
      }));
    const fresh = await unhandled(opts.ledger, rows);
    return { ...top(fresh.items, L.conversations, 'fresns_list_conversations, then fresns_list_conversation_messages'), handled: fresh.handled };
  });

  const newComments = await s.run('newComments', 'fresns_list_comments', async () => {
    if (threads.length && comments.every((r) => r.status === 'rejected')) value(comments[0] as PromiseSettledResult<unknown>);
    const rows = comments
      .flatMap((r, i) => (r.status === 'fulfilled' ? objs(obj(r.value).list).map((c) => ({ c, pid: str(threads[i]?.pid) })) : []))
      .sort((a, b) => String(b.c.createdTime ?? '').localeCompare(String(a.c.createdTime ?? '')))
      .map(({ c, pid }) => ({ id: `fresns:comment:${str(c.cid) ?? '?'}`, onPost: pid, author: who(c.author), ...previewField('content', c.content), at: str(c.createdTime) }));
    const fresh = await unhandled(opts.ledger, rows);
    return { ...top(fresh.items, L.comments, 'fresns://posts/{pid} reads a post with its comments'), handled: fresh.handled };
  });

  const pendingDrafts = await s.run('pendingDrafts', 'fresns_list_drafts', () => {
    const page = obj(value(drafts));
    const rows = objs(page.list).map((d) => ({ id: num(d.id), ...previewField('title', d.title ?? d.content, 60), state: num(d.state), reason: str(d.reason), updated: str(d.updatedTime) }));
    return top(rows, L.drafts, 'fresns_list_drafts {type:"post"}; fresns_publish_draft publishes one', num(obj(page.pagination).total) ?? rows.length);
  });

  const activity = await s.run('activity', 'fresns_list_posts', () => {
    const page = obj(value(posts));
    return {
      myPosts: num(obj(page.pagination).total),
      ...(L.posts ? { latestPosts: top(myPosts.map((p) => ({ pid: str(p.pid), ...previewField('title', p.title ?? p.content, 60), comments: num(p.commentCount), likes: num(p.likeCount), at: str(p.createdTime) })), L.posts, 'fresns_list_posts') } : {}),
    };
  });

  const reference = await s.run('reference', 'fresns site and panel', () => {
    const p = panel.status === 'fulfilled' ? obj(panel.value) : {};
    return {
      site: site.status === 'fulfilled' ? obj(site.value) : null,
      unreadCounts: { notifications: obj(p.unreadNotifications).all ?? null, messages: obj(p.conversations).unreadMessages ?? null },
    };
  });

  return {
    platform: 'fresns',
    generatedAt: isoOf(opts.now),
    needsYou: { unreadNotifications, conversationsWaiting, newComments, pendingDrafts },
    trends: activity,
    reference,
    handled: await opts.ledger.count('fresns:'),
    markHandled: 'creator_mark_handled with the ids above once answered; they will not show again',
    ...(s.failed.length ? { failedSections: s.failed } : {}),
  };
}

export const resourceTemplates: readonly PlatformResourceTemplate[] = [
  {
    name: 'fresns-post',
    uriTemplate: 'fresns://posts/{pid}',
    title: 'Fresns post with its comments',
    description: 'One Fresns post in full (fresns_get_post) with the first 30 of its comments, oldest first, as JSON. Example: fresns://posts/Pq3Jk9aL.',
    async read(client, variables) {
      const pid = variables.pid ?? '';
      const [post, comments] = await Promise.all([
        client.call(operation('get_post'), { pid }),
        client.call(operation('list_comments'), { pid, pageSize: 30, orderDirection: 'asc' }),
      ]);
      return { post, comments };
    },
  },
];
