import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { fanSendsMessage } from '../../src/sandbox/fanvue/control.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;
const DAY = 86_400_000;

const readContext = async (client: Client): Promise<Json> =>
  JSON.parse(((await client.readResource({ uri: 'fanvue://automation-context' })).contents[0] as { text: string }).text) as Json;

/** API requests (not the sandbox's own endpoints) the simulator received since `from`. */
const apiSince = (sim: FanvueSimulator, from: number) => sim.api.requests.slice(from).filter((r) => !r.path.startsWith('/__'));

/** The seed's workflows, through the real Fanvue paths, as an agent runs them over MCP. */
describe('Fanvue workflows of the seed', () => {
  let h: Harness;
  let client: Client;
  let sim: FanvueSimulator;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
    sim = fanvueOf(h);
  });
  afterAll(() => h.close());

  it('lists vault media with signed URLs in one request, and the URLs work', async () => {
    const before = sim.api.requests.length;
    const page = payload<Json>(await client.callTool({ name: 'fanvue_list_media', arguments: { size: 20, status: ['ready'], variants: ['main', 'thumbnail'] } }));
    expect(apiSince(sim, before)).toHaveLength(1);
    expect(apiSince(sim, before)[0]?.query.get('variants')).toBe('main,thumbnail');
    expect(page.data.length).toBe(20);
    expect(page.pagination).toEqual({ page: 1, size: 20, hasMore: true });
    for (const m of page.data) expect(m.variants.map((v: Json) => v.variantType)).toEqual(['main', 'thumbnail']);
    const image = await fetch(page.data[0].variants[0].url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const forged = await fetch(page.data[0].variants[0].url.replace(/signature=[0-9a-f]{4}/, 'signature=0000'));
    expect(forged.status).toBe(403);
  });

  it('creates a post with vault media and sees it in the feed', async () => {
    const media = sim.creator.media.filter((m) => m.status === 'ready').slice(0, 2).map((m) => m.uuid);
    const post = payload<Json>(await client.callTool({ name: 'fanvue_create_post', arguments: { audience: 'subscribers', text: 'New set is live 📸', mediaUuids: media } }));
    expect(post).toMatchObject({ audience: 'subscribers', text: 'New set is live 📸', price: null });
    const feed = payload<Json>(await client.callTool({ name: 'fanvue_list_posts', arguments: { size: 50 } }));
    const listed = feed.data.find((p: Json) => p.uuid === post.uuid);
    expect(listed.mediaUuids).toEqual(media);
    expect(listed.publishedAt).not.toBeNull();
  });

  it('messages a subscriber, and the message shows up in the chat', async () => {
    const subs = payload<Json>(await client.callTool({ name: 'fanvue_list_subscribers', arguments: { size: 50 } }));
    const fan = subs.data.find((f: Json) => sim.creator.chats.has(f.uuid));
    const media = sim.creator.media.find((m) => m.status === 'ready')!.uuid;
    const sent = payload<Json>(
      await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: fan.uuid, text: 'Thanks for subscribing! 💕', mediaUuids: [media], price: 500 } }),
    );
    expect(sent.messageUuid).toMatch(/^[0-9a-f-]{36}$/);
    const chat = payload<Json>(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fan.uuid, size: 5 } }));
    expect(chat.data[0]).toMatchObject({ uuid: sent.messageUuid, text: 'Thanks for subscribing! 💕', mediaUuids: [media], pricing: { USD: { price: 500 } } });
    expect(chat.data[0].sender.uuid).toBe(sim.creator.uuid);
  });

  it('peeks at a chat without marking it read, unless asked to', async () => {
    const fanUuid = [...sim.creator.chats.keys()][3]!;
    await fanSendsMessage(sim, fanUuid, 'Are you there?');
    expect(sim.creator.chats.get(fanUuid)?.isRead).toBe(false);
    const before = sim.api.requests.length;
    const peek = payload<Json>(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fanUuid } }));
    expect(peek.data[0].text).toBe('Are you there?');
    expect(apiSince(sim, before)[0]?.query.get('markAsRead')).toBe('false');
    expect(sim.creator.chats.get(fanUuid)?.isRead).toBe(false);
    payload(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fanUuid, markAsRead: true } }));
    expect(sim.creator.chats.get(fanUuid)?.isRead).toBe(true);
  });

  it('sends a mass message to a smart list; every member gets it in their chat', async () => {
    const lists = payload<{ result: Json[] }>(await client.callTool({ name: 'fanvue_list_smart_lists', arguments: {} })).result;
    const subscribers = lists.find((l) => l.uuid === 'subscribers')!;
    const sent = payload<Json>(
      await client.callTool({ name: 'fanvue_send_mass_message', arguments: { includedLists: { smartListUuids: ['subscribers'] }, text: 'Weekend drop is live!' } }),
    );
    expect(sent.recipientCount).toBe(subscribers.count);
    const members = payload<Json>(await client.callTool({ name: 'fanvue_list_smart_list_members', arguments: { uuid: 'subscribers', size: 50 } }));
    for (const m of members.data) expect(sim.creator.chats.get(m.uuid)?.messages.at(-1)?.text).toBe('Weekend drop is live!');
    const history = payload<Json>(await client.callTool({ name: 'fanvue_list_mass_messages', arguments: {} }));
    expect(history.data[0]).toMatchObject({ uuid: sent.id, status: 'SENT', recipientCount: subscribers.count });
  });

  it('ranks the top spenders by what they spent (USD cents)', async () => {
    const top = payload<Json>(await client.callTool({ name: 'fanvue_get_top_spenders', arguments: { size: 5 } }));
    const totals = new Map<string, number>();
    for (const e of sim.creator.earnings) if (e.fanUuid) totals.set(e.fanUuid, (totals.get(e.fanUuid) ?? 0) + e.gross);
    const expected = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    expect(top.data.map((r: Json) => [r.user.uuid, r.gross])).toEqual(expected);
  });

  it('pages through earnings by cursor; the sum matches the creator’s records', async () => {
    const start = new Date(sim.now() - 30 * DAY).toISOString();
    const end = new Date(sim.now() + DAY).toISOString();
    let cursor: string | undefined;
    let sum = 0;
    let pages = 0;
    do {
      const page = payload<Json>(await client.callTool({ name: 'fanvue_get_earnings', arguments: { startDate: start, endDate: end, size: 25, ...(cursor ? { cursor } : {}) } }));
      sum += page.data.reduce((s: number, e: Json) => s + e.gross, 0);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const expected = sim.creator.earnings.filter((e) => e.date >= start && e.date < end).reduce((s, e) => s + e.gross, 0);
    expect(sum).toBe(expected);
    expect(pages).toBeGreaterThan(1);
  });

  it('assembles the AutomationContext without an N+1, caches it, and drops the cache after a write', async () => {
    const before = sim.api.requests.length;
    const ctx = await readContext(client);
    const sent = apiSince(sim, before).map((r) => `${r.method} ${r.path}`).sort();
    expect(sent).toEqual([
      'GET /chats',
      'GET /insights/earnings',
      'GET /insights/earnings/summary',
      'GET /insights/earnings/summary',
      'GET /insights/top-spenders',
      'GET /media',
      'GET /posts',
      'GET /subscribers',
      'POST /insights/fans/batch',
    ]);
    expect(ctx.media.length).toBe(4);
    expect(ctx.mediaHasMore).toBe(true);
    for (const m of ctx.media) expect(m.signedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__cdn\/media\//);
    // Waiting: unread and the fan spoke last (earlier tests here sent mass messages into every chat).
    const unread = [...sim.creator.chats.values()].filter((c) => !c.isRead && c.messages.at(-1)?.senderUuid === c.fanUuid);
    expect(ctx.needsYou.chatsWaiting.total).toBe(unread.length);
    expect(ctx.needsYou.scheduledPosts.items[0]).toMatchObject({ state: 'scheduled' });
    expect(ctx.trends.perDay.length).toBeGreaterThanOrEqual(30);
    const sub = ctx.subscribers[0];
    expect(sub.subscribedAt).toBe(sim.creator.fans.get(sub.uuid)?.subscribedAt);
    expect(['auto_renewing', 'non_renewing']).toContain(sub.tier);
    expect(ctx.topSpenders[0].totalSpent).toBeGreaterThanOrEqual(ctx.topSpenders[1].totalSpent);
    const since = Date.parse(ctx.earnings.startDate);
    const gross = sim.creator.earnings.filter((e) => Date.parse(e.date) >= since && Date.parse(e.date) < Date.parse(ctx.earnings.endDate)).reduce((s, e) => s + e.gross, 0);
    expect(ctx.earnings.total).toBe(gross);
    expect(ctx.earnings.breakdown.map((b: Json) => b.type)).toContain('tips');

    const cached = sim.api.requests.length;
    await readContext(client);
    expect(apiSince(sim, cached)).toHaveLength(0);
    const fan = [...sim.creator.chats.keys()][0]!;
    payload(await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: fan, text: 'hello again' } }));
    const afterWrite = sim.api.requests.length;
    await readContext(client);
    expect(apiSince(sim, afterWrite)).toHaveLength(9);
  });

  it('loads the context sections concurrently (eight requests in flight at once)', async () => {
    payload(await client.callTool({ name: 'fanvue_update_chat', arguments: { userUuid: [...sim.creator.chats.keys()][0]!, isMuted: false } }));
    let inFlight = 0;
    let most = 0;
    sim.beforeApi = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 40));
      inFlight--;
    };
    try {
      await readContext(client);
    } finally {
      sim.beforeApi = undefined;
    }
    expect(most).toBe(8);
  });

  it('reports a failing section inside the context and keeps the others', async () => {
    payload(await client.callTool({ name: 'fanvue_create_chat', arguments: { userUuid: [...sim.creator.chats.keys()][0]! } }));
    sim.api.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/insights/top-spenders', times: 10 });
    try {
      const ctx = await readContext(client);
      expect(ctx.topSpenders).toEqual([]);
      expect(ctx.topSpendersError).toMatch(/HTTP 503/);
      expect(ctx.failedSections).toEqual(['topSpenders']);
      expect(ctx.media.length).toBeGreaterThan(0);
      expect(ctx.earnings.total).toBeGreaterThan(0);
    } finally {
      sim.api.clearFaults();
    }
    // A context with a failure is not cached: the next read is whole again.
    expect((await readContext(client)).topSpenders.length).toBeGreaterThan(0);
  });

  it('serves a chat and a fan’s insights as resource templates', async () => {
    const fan = [...sim.creator.chats.keys()][1]!;
    const chat = JSON.parse(((await client.readResource({ uri: `fanvue://chats/${fan}/messages` })).contents[0] as { text: string }).text) as Json;
    expect(chat.data.length).toBe(sim.creator.chats.get(fan)?.messages.length);
    const insights = JSON.parse(((await client.readResource({ uri: `fanvue://fans/${fan}/insights` })).contents[0] as { text: string }).text) as Json;
    expect(insights.status).toBeDefined();
    expect(insights.spending.total.gross).toBe(sim.creator.earnings.filter((e) => e.fanUuid === fan).reduce((s, e) => s + e.gross, 0));
    await expect(client.readResource({ uri: 'fanvue://fans/not-a-uuid/insights' })).rejects.toThrow(/userUuid must be a user UUID/);
  });

  it('refuses bad arguments by name before any request leaves', async () => {
    const fan = [...sim.creator.chats.keys()][0]!;
    const before = sim.api.requests.length;
    const cases: Array<[string, Json, RegExp]> = [
      ['fanvue_send_message', { userUuid: fan, text: 'x', mediaUuids: [sim.creator.media[0]!.uuid], price: 299 }, /price/],
      ['fanvue_send_message', { userUuid: fan }, /text/],
      ['fanvue_send_message', { userUuid: fan, text: 'no media', price: 500 }, /price.*needs mediaUuids/],
      ['fanvue_send_message', { userUuid: 'fan-1', text: 'x' }, /userUuid/],
      ['fanvue_send_mass_message', { includedLists: {}, text: 'x' }, /includedLists/],
      ['fanvue_send_mass_message', { includedLists: { smartListUuids: ['everyone'] }, text: 'x' }, /smartListUuids/],
      ['fanvue_create_post', { text: 'no audience' }, /audience/],
      ['fanvue_list_chats', { size: 51 }, /size/],
      ['fanvue_get_earnings', { startDate: '2026-05-01' }, /startDate/],
    ];
    for (const [name, args, field] of cases) expect(errorText(await client.callTool({ name, arguments: args })), name).toMatch(field);
    expect(apiSince(sim, before)).toHaveLength(0);
  });
});
