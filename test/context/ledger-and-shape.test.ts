import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { eventOfFrame } from '../../src/platforms/fanbook/gateway-events.js';
import type { WebhookEvent } from '../../src/platforms/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;
const read = async (client: Client, uri: string): Promise<Json> => JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Json;
const keys = (o: object) => Object.keys(o).sort();

describe('contexts through a real MCP client', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness();
    client = await h.client();
  });
  afterAll(() => h.close());

  it('fanvue://automation-context keeps the seed AutomationContext interface, with additions beside it', async () => {
    const ctx = await read(client, 'fanvue://automation-context');
    expect(Array.isArray(ctx.media)).toBe(true);
    expect(ctx.media.length).toBeGreaterThan(0);
    for (const m of ctx.media) {
      expect(keys(m)).toEqual(expect.arrayContaining(['uuid', 'name', 'type', 'description', 'signedUrl']));
      expect(typeof m.uuid).toBe('string');
      expect(['image', 'video', 'audio', 'document']).toContain(m.type);
      expect(m.signedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*signature=/);
    }
    expect(Array.isArray(ctx.subscribers)).toBe(true);
    for (const s of ctx.subscribers) expect(keys(s)).toEqual(expect.arrayContaining(['uuid', 'name', 'subscribedAt', 'tier']));
    expect(Array.isArray(ctx.topSpenders)).toBe(true);
    for (const t of ctx.topSpenders) {
      expect(typeof t.uuid).toBe('string');
      expect(typeof t.totalSpent).toBe('number');
    }
    expect(typeof ctx.earnings.period).toBe('string');
    expect(typeof ctx.earnings.total).toBe('number');
    for (const b of ctx.earnings.breakdown) {
      expect(typeof b.type).toBe('string');
      expect(typeof b.amount).toBe('number');
    }
    expect(typeof ctx.mediaHasMore).toBe('boolean');
    expect(Object.keys(ctx)[Object.keys(ctx).indexOf('needsYou')]).toBe('needsYou');
    expect(Object.keys(ctx).indexOf('needsYou')).toBeLessThan(Object.keys(ctx).indexOf('media'));
  });

  it('Afdian new orders carry the buyer name and time, and marking one handled removes it from the next read', async () => {
    const pushed = await h.afdian.createOrder();
    const before = await read(client, 'afdian://automation-context');
    const items = before.needsYou.items as Json[];
    const mine = items.find((i) => i.id === `afdian:order:${pushed.order.out_trade_no}`);
    expect(mine).toBeDefined();
    expect(typeof mine?.buyer.name).toBe('string');
    expect(mine?.buyer.name.length).toBeGreaterThan(0);
    expect(Date.parse(mine?.paidAt)).toBeGreaterThan(Date.now() - 3_600_000);

    const marked = payload<Json>(await client.callTool({ name: 'creator_mark_handled', arguments: { ids: [mine?.id] } }));
    expect(marked.marked).toBe(1);
    const after = await read(client, 'afdian://automation-context');
    expect((after.needsYou.items as Json[]).map((i) => i.id)).not.toContain(mine?.id);
    expect(after.needsYou.handledInWindow).toBe(before.needsYou.handledInWindow + 1);
    expect(after.handled).toBe(before.handled + 1);
    const combined = await read(client, 'creator://automation-context');
    expect((combined.platforms.afdian.context.needsYou.items as Json[]).map((i) => i.id)).not.toContain(mine?.id);
  });

  it('Fanvue fans waiting for a reply: who, last message, how long; marking one handled hides it', async () => {
    const before = await read(client, 'fanvue://automation-context');
    const waiting = before.needsYou.chatsWaiting.items as Json[];
    expect(waiting.length).toBeGreaterThan(0);
    const first = waiting[0] as Json;
    expect(first.id).toMatch(/^fanvue:chat:[0-9a-f-]{36}:\d+$/);
    expect(typeof first.fan.name).toBe('string');
    expect(typeof first.lastMessage).toBe('string');
    expect(first.waiting).toMatch(/^\d+(m|h \d+m|d \d+h)$/);
    payload(await client.callTool({ name: 'creator_mark_handled', arguments: { ids: [first.id], note: 'answered' } }));
    const after = await read(client, 'fanvue://automation-context');
    expect((after.needsYou.chatsWaiting.items as Json[]).map((c) => c.id)).not.toContain(first.id);
    expect(after.needsYou.chatsWaiting.handled).toBe(1);
  });

  it('Fanbook mentions and DMs recorded by the gateway show in needsYou, previewed, until handled', async () => {
    const fanbook = (await read(client, 'fanbook://automation-context')) as Json;
    const botId = fanbook.reference.bot.id as string;
    const guild = fanbook.reference.guilds.items[0].guild_id as string;
    const long = 'x'.repeat(500);
    // Frames as fanbook-open/websocket-doc shows them, turned into inbox events as the gateway client does.
    const frame = (data: Json) => ({ action: 'push', data: { channel_type: 0, status: 0, quote_l1: null, quote_l2: null, member: { nick: null, roles: [], guild_card: [] }, desc: '', ...data }, ack: -1, seq: null });
    const mentionEvent = eventOfFrame(
      frame({ message_id: '900000000000000001', guild_id: guild, channel_id: '1', user_id: '42', author: { nickname: 'Kiki', username: '1001', bot: false }, content: JSON.stringify({ type: 'text', text: `\${@!${botId}} can you help? ${long}`, contentType: 0 }), mentions: [{ nickname: 'bot', user_id: botId }], time: Date.now() - 120_000 }),
      botId,
      Date.now(),
    );
    const dmEvent = eventOfFrame(frame({ message_id: '900000000000000002', guild_id: '0', channel_type: 3, channel_id: '77', user_id: '43', author: { nickname: 'Momo', username: '1002', bot: false }, content: JSON.stringify({ type: 'text', text: 'hello bot', contentType: 0 }), time: Date.now() }), botId, Date.now());
    expect([mentionEvent?.type, dmEvent?.type]).toEqual(['mention', 'dm']);
    await h.rt.inbox.record('fanbook', mentionEvent as WebhookEvent);
    await h.rt.inbox.record('fanbook', dmEvent as WebhookEvent);
    const ctx = await read(client, 'fanbook://automation-context');
    const mention = ctx.needsYou.mentions.items[0] as Json;
    expect(mention).toMatchObject({ id: 'fanbook:message:900000000000000001', from: { id: '42', name: 'Kiki' }, guild_id: guild, textTruncated: true });
    expect(mention.text.length).toBeLessThan(200);
    expect(mention.waiting).toMatch(/^\dm$/);
    expect(ctx.needsYou.dmsWaiting.items[0]).toMatchObject({ id: 'fanbook:message:900000000000000002', from: { name: 'Momo' }, text: 'hello bot' });
    payload(await client.callTool({ name: 'creator_mark_handled', arguments: { ids: ['fanbook:message:900000000000000001'] } }));
    const after = await read(client, 'fanbook://automation-context');
    expect(after.needsYou.mentions.items).toEqual([]);
    expect(after.needsYou.dmsWaiting.total).toBe(1);
  });

  it('refuses ids that are not namespaced item ids, and changes nothing', async () => {
    expect(errorText(await client.callTool({ name: 'creator_mark_handled', arguments: { ids: ['nope'] } }))).toMatch(/item id/);
    expect(errorText(await client.callTool({ name: 'creator_mark_handled', arguments: { ids: ['other:order:1'] } }))).toMatch(/exposed platform/);
  });
});

describe('only what is enabled', () => {
  it('with --toolsets afdian, resources, prompts and instructions name only Afdian', async () => {
    const h = await startHarness({ flags: { toolsets: 'afdian' } });
    try {
      const client = await h.client();
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri).sort()).toEqual(['afdian://automation-context', 'creator://automation-context']);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates).toEqual([]);
      const instructions = client.getInstructions() ?? '';
      expect(instructions).toMatch(/Afdian/);
      expect(instructions).not.toMatch(/Fanvue|Fanbook|Fresns|fanvue:|fresns:|fanbook:/);
      const prompt = await client.getPrompt({ name: 'creator_daily_review' });
      const text = (prompt.messages[0]?.content as { text: string }).text;
      expect(text).toMatch(/creator_mark_handled/);
      expect(text).not.toMatch(/Fanvue|Fanbook|Fresns/);
      const combined = await read(client, 'creator://automation-context');
      expect(Object.keys(combined.platforms)).toEqual(['afdian']);
    } finally {
      await h.close();
    }
  });
});
