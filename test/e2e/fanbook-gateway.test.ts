import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { startListeners } from '../../src/listeners.js';
import { FanbookGateway } from '../../src/platforms/fanbook/gateway.js';
import type { WebhookEvent } from '../../src/platforms/types.js';
import { unsafeForDouble } from '../../src/sandbox/fanbook/ids.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/simulator.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

/** Short heartbeat and retries: what is under test is the protocol, not Fanbook's timings. */
const FAST = { heartbeatMs: 200, retryBaseMs: 20, retryCapMs: 200, maxRefusals: 3 };
const WAIT = { timeout: 15_000, interval: 20 };

const simOf = (h: Harness) => h.sandbox.platforms.find((p) => p.platform === 'fanbook')?.simulator as FanbookSimulator;
const control = async (sim: FanbookSimulator, path: string, body: Json = {}) => {
  const res = await fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
};
const readContext = async (client: Client) => JSON.parse(((await client.readResource({ uri: 'fanbook://automation-context' })).contents[0] as { text: string }).text) as Json;
const waitEvents = async (client: Client, cursor: string, timeout = 10) =>
  payload<{ events: Json[]; nextCursor: string }>(await client.callTool({ name: 'creator_wait_for_events', arguments: { platforms: ['fanbook'], cursor, timeout } }));

describe('Fanbook bot gateway: simulator → gateway → inbox → context and creator_wait_for_events', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  let listeners: ReturnType<typeof startListeners>;
  let channel: string;
  let cursor: string;

  beforeAll(async () => {
    h = await startHarness();
    sim = simOf(h);
    client = await h.client();
    channel = [...sim.state.channels.values()].find((c) => c.guild_id === sim.seed.main && c.type === 0)?.channel_id as string;
    cursor = payload<{ nextCursor: string }>(await client.callTool({ name: 'creator_wait_for_events', arguments: { platforms: ['fanbook'], timeout: 0 } })).nextCursor;
    listeners = startListeners(h.rt, FAST);
    await vi.waitFor(() => expect(h.logs.join('')).toMatch(/Fanbook gateway connected/), WAIT);
  });
  afterAll(async () => {
    await listeners?.stop();
    await h?.close();
  });

  it('starts one gateway connection for Fanbook, authenticated with the user_token from getMe', () => {
    expect(listeners.running).toBe(1);
    expect(sim.gateway.stats.connections).toBe(1);
    expect(sim.gateway.open).toBe(1);
  });

  it('a member @mentioning the bot reaches creator_wait_for_events and the context, id exact', async () => {
    const text = `\${@!${sim.state.bot.id}} where is the schedule?`;
    const posted = await control(sim, '/__sandbox/messages', { chat_id: channel, text });
    expect(unsafeForDouble(posted.message_id as string)).toBe(true);
    const got = await waitEvents(client, cursor);
    cursor = got.nextCursor;
    expect(got.events).toHaveLength(1);
    expect(got.events[0]).toMatchObject({ platform: 'fanbook', type: 'mention', id: `msg:${posted.message_id}`, payload: { message_id: posted.message_id, channel_id: channel, guild_id: sim.seed.main, text } });

    const ctx = await readContext(client);
    expect(Object.keys(ctx)[2]).toBe('needsYou');
    expect(ctx.needsYou.mentions.items[0]).toMatchObject({ id: `fanbook:message:${posted.message_id}`, channel_id: channel, text });
  });

  it('a plain channel message is a message event, not a mention', async () => {
    const posted = await control(sim, '/__sandbox/messages', { chat_id: channel, text: 'good morning all' });
    const got = await waitEvents(client, cursor);
    cursor = got.nextCursor;
    expect(got.events.map((e) => [e.type, e.payload.message_id])).toEqual([['message', posted.message_id]]);
  });

  it('a private message and a new member show as DM waiting and new member; the bot\'s own messages are left out', async () => {
    const user = sim.seed.users[2] as string;
    const dm = await control(sim, '/__sandbox/messages', { dm: true, user_id: user, text: 'can I get a refund?' });
    const joined = await control(sim, '/__sandbox/members/join', { guild_id: sim.seed.main, nickname: 'Newbie' });
    // The bot answering in the channel is pushed by the gateway too, and must not become an event.
    payload(await client.callTool({ name: 'fanbook_send_message', arguments: { chat_id: channel, text: 'Schedule is pinned', desc: 'Schedule is pinned' } }));
    await control(sim, '/__sandbox/messages', { chat_id: channel, text: 'thanks!' });

    const events: Json[] = [];
    await vi.waitFor(async () => {
      const got = await waitEvents(client, cursor, 2);
      cursor = got.nextCursor;
      events.push(...got.events);
      // The gateway keeps order, so once "thanks!" is in, everything pushed before it is too.
      expect(events.map((e) => e.payload.text)).toContain('thanks!');
    }, WAIT);
    expect(events.map((e) => e.type)).toEqual(['dm', 'member_join', 'message']);
    expect(events[0]?.payload).toMatchObject({ message_id: dm.message_id, guild_id: null, user_id: user, text: 'can I get a refund?' });
    expect(events[1]?.payload).toMatchObject({ user_id: joined.user_id, guild_id: sim.seed.main, author: { nickname: 'Newbie' } });

    const ctx = await readContext(client);
    expect(ctx.needsYou.dmsWaiting.items[0]).toMatchObject({ id: `fanbook:message:${dm.message_id}`, from: { id: user }, text: 'can I get a refund?', messages: 1 });
    expect(ctx.needsYou.newMembers.items[0]).toMatchObject({ from: { id: joined.user_id, name: 'Newbie' }, guild_id: sim.seed.main });
  });

  it('answers the heartbeat: the client pings and the simulator counts them', async () => {
    const before = sim.gateway.stats.pings;
    await vi.waitFor(() => expect(sim.gateway.stats.pings).toBeGreaterThanOrEqual(before + 2), WAIT);
  });

  it('a dropped connection reconnects; events after the drop arrive, redelivered ones are not duplicated', async () => {
    const before = await control(sim, '/__sandbox/messages', { chat_id: channel, text: 'before the drop' });
    await vi.waitFor(async () => expect((await h.rt.inbox.recent('fanbook', 5)).map((e) => (e.payload as Json).message_id)).toContain(before.message_id), WAIT);
    const got0 = await waitEvents(client, cursor, 0);
    cursor = got0.nextCursor;

    // An agent's fanbook_get_me issues a new user_token (websocket-doc), so a reconnect must ask getMe again.
    const oldToken = sim.state.bot.user_token;
    payload(await client.callTool({ name: 'fanbook_get_me', arguments: {} }));
    expect(sim.state.bot.user_token).not.toBe(oldToken);
    // The next connection gets the last three frames again, as a gateway unsure of delivery might send them.
    const connections = sim.gateway.stats.connections;
    expect((await control(sim, '/__sandbox/gateway/drop', { redeliver: 3 })).dropped).toBe(1);
    await vi.waitFor(() => expect(sim.gateway.stats.connections).toBe(connections + 1), WAIT);
    await vi.waitFor(() => expect(sim.gateway.open).toBe(1), WAIT);
    const after = await control(sim, '/__sandbox/messages', { chat_id: channel, text: 'after the drop' });
    const got = await waitEvents(client, cursor);
    expect(got.events.map((e) => e.payload.message_id)).toEqual([after.message_id]);
    const ids = (await h.rt.inbox.recent('fanbook', 100)).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(h.logs.join('')).toMatch(/Fanbook gateway connected again/);
  });

  it('a flood of mentions, DMs and joins keeps the Fanbook context bounded and within 4,000 tokens', async () => {
    const long = '长'.repeat(1500);
    for (let i = 0; i < 30; i++) {
      const joined = await control(sim, '/__sandbox/members/join', { guild_id: sim.seed.main, nickname: `fan-${i}-${'x'.repeat(60)}` });
      await control(sim, '/__sandbox/messages', { dm: true, user_id: joined.user_id, text: `dm ${i} ${long}` });
    }
    for (let i = 0; i < 40; i++) await control(sim, '/__sandbox/messages', { chat_id: channel, text: `\${@!${sim.state.bot.id}} mention ${i} ${long}` });
    await vi.waitFor(async () => expect((await h.rt.inbox.recent('fanbook', 1))[0]?.payload).toMatchObject({ text: expect.stringContaining('mention 39') }), WAIT);

    const body = ((await client.readResource({ uri: 'fanbook://automation-context' })).contents[0] as { text: string }).text;
    const ctx = JSON.parse(body) as Json;
    expect(ctx.needsYou.mentions.total).toBeGreaterThanOrEqual(40);
    expect(ctx.needsYou.mentions.items.length).toBeLessThanOrEqual(6);
    expect(ctx.needsYou.dmsWaiting.items.length).toBeLessThanOrEqual(6);
    expect(ctx.needsYou.newMembers.items.length).toBeLessThanOrEqual(6);
    expect(encode(body).length).toBeLessThanOrEqual(4_000);
  });

  it('never logs a token or message text (one debug line per event at most)', () => {
    const logs = h.logs.join('');
    expect(logs).not.toContain(sim.state.bot.user_token);
    expect(logs).not.toContain(sim.credentials.botToken);
    for (const text of ['where is the schedule', 'good morning all', 'can I get a refund', 'after the drop']) expect(logs).not.toContain(text);
    const infoGateway = h.logs.filter((l) => / info {2}Fanbook gateway/.test(l));
    expect(infoGateway.every((l) => /Fanbook gateway connected( again)?$/.test(l.trim()))).toBe(true);
  });
});

describe('Fanbook gateway settings and refusals', () => {
  it('FANBOOK_GATEWAY=off starts no connection', async () => {
    const h = await startHarness({ env: { FANBOOK_GATEWAY: 'off' } });
    try {
      const listeners = startListeners(h.rt, FAST);
      expect(listeners.running).toBe(0);
      await listeners.stop();
      expect(simOf(h).gateway.stats.connections).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a wrong bot token: getMe refused, a clear warning after a bounded number of tries, no crash', async () => {
    const h = await startHarness({ env: { FANBOOK_BOT_TOKEN: 'not-the-bot-token-0123456789' } });
    const sim = simOf(h);
    try {
      const listeners = startListeners(h.rt, FAST);
      await vi.waitFor(() => expect(h.logs.join('')).toMatch(/Fanbook gateway: refused 3 times in a row/), WAIT);
      await listeners.stop();
      expect(sim.host.requests.filter((r) => r.path.endsWith('/getMe'))).toHaveLength(FAST.maxRefusals);
      expect(sim.gateway.stats.connections).toBe(0);
      expect(h.logs.join('')).not.toContain('not-the-bot-token-0123456789');
    } finally {
      await h.close();
    }
  });

  it('a user_token the gateway refuses (HTTP 401 at the handshake): bounded tries, then stop', async () => {
    const h = await startHarness();
    const sim = simOf(h);
    const logs: string[] = [];
    const log = { debug: () => undefined, info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l), error: (l: string) => logs.push(l) };
    try {
      let logins = 0;
      const recorded: WebhookEvent[] = [];
      const gw = new FanbookGateway({
        url: sim.gatewayUrl,
        login: async () => ({ botId: sim.state.bot.id, userToken: `${++logins}-stale-user-token` }),
        record: async (e) => (recorded.push(e), true),
        log,
        tuning: FAST,
      }).start();
      await vi.waitFor(() => expect(logs.join('\n')).toMatch(/refused 3 times in a row/), WAIT);
      await gw.stop();
      expect(logins).toBe(3);
      expect(sim.gateway.stats.refused).toBe(3);
      expect(logs.filter((l) => /HTTP 401 \(user_token refused\)/.test(l))).toHaveLength(3);
      expect(recorded).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('an unreachable gateway: keeps retrying with backoff, warns on the 1st and every 10th attempt only, stops cleanly', async () => {
    const closed = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    const logs: string[] = [];
    const log = { debug: () => undefined, info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l), error: (l: string) => logs.push(l) };
    let logins = 0;
    const gw = new FanbookGateway({
      url: `ws://127.0.0.1:${closed}/websocket`,
      login: async () => (logins++, { botId: '1', userToken: 'user-token-for-unreachable' }),
      record: async () => true,
      log,
      tuning: { ...FAST, retryCapMs: 40 },
    }).start();
    await vi.waitFor(() => expect(logins).toBeGreaterThanOrEqual(12), WAIT);
    await gw.stop();
    const attempts = logins;
    const warnings = logs.filter((l) => /cannot connect/.test(l));
    expect(warnings[0]).toMatch(/cannot connect \(attempt 1: .*ECONNREFUSED.*\); retrying in \d+ s/);
    // The attempt under way at stop() ends as "stopped", not as a failure.
    expect(warnings.length).toBeGreaterThanOrEqual(1 + Math.floor((attempts - 1) / 10));
    expect(warnings.length).toBeLessThanOrEqual(1 + Math.floor(attempts / 10));
    expect(logs.join('\n')).not.toContain('user-token-for-unreachable');
  });
});
