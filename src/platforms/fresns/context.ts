import { describeError } from '../../http/errors.js';
import { section as settleSection } from '../../tools/invoke.js';
import type { PlatformClient, PlatformDeps, PlatformResourceTemplate } from '../types.js';
import type { FresnsClient } from './client.js';
import { operation } from './operations/index.js';

interface Page {
  pagination?: { total?: number };
  list?: Array<Record<string, unknown>>;
}

const RECENT = 20;
const THREADS = 5;

/**
 * What an agent needs before acting for a Fresns user: the site, the user's panel (unread
 * counts), unread notifications, recent conversations, the user's latest posts and the latest
 * comments on them. Sections load concurrently; a failing one is reported in place.
 */
export async function fresnsContext(client: PlatformClient, _deps: PlatformDeps) {
  const fresns = client as FresnsClient;
  const call = (name: string, args: Record<string, unknown>) => client.call(operation(name), args);
  // settleSection also catches what a view throws on an odd answer: that section fails in place.
  const section = <T, R>(r: PromiseSettledResult<T>, what: string, f: (v: T) => R) =>
    settleSection(r, f, (err) => ({ error: describeError(err, what) }));

  const me = fresns.sessions.ensure('user', 'fresns://automation-context');
  const [site, panel, notifications, conversations, posts] = await Promise.allSettled([
    call('get_configs', { keys: 'site_name,site_mode,site_url' }),
    me.then(() => call('get_user_panel', {})),
    me.then(() => call('list_notifications', { status: false, pageSize: RECENT }) as Promise<Page>),
    me.then(() => call('list_conversations', { pageSize: 10 }) as Promise<Page>),
    me.then((s) => call('list_posts', { uidOrUsername: s.uid, pageSize: 10 }) as Promise<Page>),
  ]);

  const myPosts = posts.status === 'fulfilled' ? (posts.value.list ?? []) : [];
  const threads = myPosts.filter((p) => typeof p.pid === 'string' && Number(p.commentCount ?? 0) > 0).slice(0, THREADS);
  const comments = await Promise.allSettled(threads.map((p) => call('list_comments', { pid: p.pid, pageSize: THREADS }) as Promise<Page>));
  const latestComments = comments
    .flatMap((r) => (r.status === 'fulfilled' ? (r.value.list ?? []) : []))
    .sort((a, b) => String(b.createdTime ?? '').localeCompare(String(a.createdTime ?? '')))
    .slice(0, RECENT);
  const failed = comments.find((r): r is PromiseRejectedResult => r.status === 'rejected');

  const me2 = await me.catch(() => undefined);
  return {
    platform: 'fresns',
    generatedAt: new Date().toISOString(),
    site: section(site, 'get_configs', (v) => v),
    user: me2 ? { aid: me2.aid, uid: me2.uid } : null,
    panel: section(panel, 'get_user_panel', (v) => v),
    unreadNotifications: section(notifications, 'list_notifications', (v) => ({ total: v.pagination?.total ?? 0, list: v.list ?? [] })),
    recentConversations: section(conversations, 'list_conversations', (v) => ({ total: v.pagination?.total ?? 0, list: v.list ?? [] })),
    latestPosts: section(posts, 'list_posts', (v) => ({ total: v.pagination?.total ?? 0, list: v.list ?? [] })),
    latestCommentsOnMyPosts: failed && latestComments.length === 0 ? { error: describeError(failed.reason, 'list_comments') } : latestComments,
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
