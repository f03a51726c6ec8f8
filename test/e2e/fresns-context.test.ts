import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim, type Json } from '../platforms/fresns/helpers.js';

const read = async (client: Client, uri: string): Promise<Json> => JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Json;

describe.each([2, 3] as const)('Fresns %s.x AutomationContext and the post resource', (version) => {
  let h: Harness;
  let client: Client;
  let sim: FresnsSimulator;
  beforeAll(async () => {
    h = await startHarness({ fresnsVersion: version });
    client = await h.client();
    sim = fresnsSim(h);
  });
  afterAll(() => h.close());

  it('lists fresns://automation-context and the fresns://posts/{pid} template', async () => {
    expect((await client.listResources()).resources.map((r) => r.uri)).toContain('fresns://automation-context');
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toContain('fresns://posts/{pid}');
  });

  it('holds the panel, unread notifications, conversations, the user\'s posts and the comments on them', async () => {
    const ctx = await read(client, 'fresns://automation-context');
    const st = sim.state;
    expect(Object.keys(ctx).slice(0, 5)).toEqual(['platform', 'generatedAt', 'needsYou', 'trends', 'reference']);
    expect(ctx.reference.site).toMatchObject({ site_mode: 'public', site_name: 'Fresns Sandbox' });
    const unread = st.notifications.filter((n) => n.uid === 100001 && !n.read);
    expect(ctx.reference.unreadCounts.notifications).toBe(unread.length);
    expect(ctx.needsYou.unreadNotifications.total).toBe(unread.length);
    expect(ctx.needsYou.unreadNotifications.items.length).toBe(Math.min(8, unread.length));
    for (const n of ctx.needsYou.unreadNotifications.items) expect(n.id).toMatch(/^fresns:notification:\d+$/);
    const mine = st.posts.filter((p) => p.uid === 100001 && !p.deleted);
    expect(ctx.trends.myPosts).toBe(mine.length);
    const onMine = st.comments.filter((c) => mine.some((p) => p.pid === c.pid));
    const comments = ctx.needsYou.newComments.items as Json[];
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(onMine.some((x) => `fresns:comment:${x.cid}` === c.id)).toBe(true);
    const times = comments.map((c: Json) => c.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('shows a new comment and its notification, and is part of creator://automation-context', async () => {
    const poke = (await (await fetch(`${sim.baseUrl}/__sandbox/comment`, { method: 'POST', body: JSON.stringify({ content: 'context check' }) })).json()) as { cid: string };
    const combined = await read(client, 'creator://automation-context');
    const ctx = combined.platforms.fresns;
    expect(ctx.status).toBe('ok');
    expect(ctx.context.needsYou.newComments.items[0].id).toBe(`fresns:comment:${poke.cid}`);
    expect(ctx.context.needsYou.unreadNotifications.items[0]).toMatchObject({ type: 'comment', content: 'context check' });
  });

  it('reads a post with its comments, oldest first', async () => {
    const post = sim.state.posts[0]!;
    const data = await read(client, `fresns://posts/${post.pid}`);
    expect(data.post.detail.pid).toBe(post.pid);
    const expected = sim.state.comments.filter((c) => c.pid === post.pid && !c.deleted).sort((a, b) => a.createdAt - b.createdAt).map((c) => c.cid);
    expect(data.comments.list.map((c: Json) => c.cid)).toEqual(expected);
  });

  it('reports a section that fails inside the context', async () => {
    sim.host.injectFault({ kind: 'status-before', status: 503, pathPrefix: version === 3 ? '/api/fresns/v1/conversation/list' : '/api/v2/conversation/list', times: 10 });
    try {
      const ctx = await read(client, 'fresns://automation-context');
      expect(ctx.needsYou.conversationsWaiting.error).toMatch(/HTTP 503/);
      expect(ctx.failedSections).toEqual(['conversationsWaiting']);
      expect(ctx.needsYou.newComments.items.length).toBeGreaterThan(0);
    } finally {
      sim.host.clearFaults();
    }
  });
});
