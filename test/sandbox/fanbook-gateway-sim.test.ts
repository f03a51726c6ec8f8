import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gatewayAddress } from '../../src/platforms/fanbook/gateway.js';
import { createFanbookSimulator, type FanbookSimulator } from '../../src/sandbox/fanbook/simulator.js';

type Frame = { action: string; data: Record<string, unknown> };

/** Opens a raw websocket and collects its frames; resolves with the handshake status when refused. */
function connect(url: string): Promise<{ ws?: WebSocket; frames: Frame[]; status?: number; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const frames: Frame[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Frame));
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ frames, status: res.statusCode, closed });
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('open', () => resolve({ ws, frames, closed }));
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('Fanbook simulator gateway (websocket on the simulator port)', () => {
  let sim: FanbookSimulator;
  beforeEach(async () => {
    sim = createFanbookSimulator({ gatewayIdleMs: 300 });
    await sim.start();
  });
  afterEach(() => sim.stop());

  const good = () => gatewayAddress(sim.gatewayUrl, sim.state.bot.user_token, sim.state.bot.id);

  it('refuses a wrong user_token with HTTP 401 and a missing query with 400, before any frame', async () => {
    expect((await connect(gatewayAddress(sim.gatewayUrl, 'wrong-user-token', sim.state.bot.id))).status).toBe(401);
    const noSuper = new URL(good());
    noSuper.searchParams.delete('x-super-properties');
    expect((await connect(noSuper.href)).status).toBe(400);
    const badSuper = new URL(good());
    badSuper.searchParams.set('x-super-properties', Buffer.from('{"platform":"web"}').toString('base64'));
    expect((await connect(badSuper.href)).status).toBe(400);
    expect(sim.gateway.stats).toMatchObject({ connections: 0, refused: 3 });
  });

  it('sends connect first, answers ping with pong, and pushes a member message with exact string ids', async () => {
    const c = await connect(good());
    await until(() => c.frames.length === 1);
    expect(c.frames[0]).toMatchObject({ action: 'connect', data: { client_id: expect.any(String) } });
    c.ws?.send('{"type":"ping"}');
    await until(() => c.frames.length === 2);
    expect(c.frames[1]).toMatchObject({ action: 'pong', data: { time: expect.any(Number) } });

    const channel = [...sim.state.channels.values()].find((ch) => ch.guild_id === sim.seed.main && ch.type === 0)?.channel_id as string;
    const msg = sim.userMessage(channel, sim.seed.users[1] as string, 'hi there');
    await until(() => c.frames.length === 3);
    expect(c.frames[2]).toMatchObject({ action: 'push', data: { message_id: msg.message_id, channel_id: channel, guild_id: sim.seed.main, channel_type: 0, user_id: sim.seed.users[1] } });
    expect(JSON.parse(c.frames[2]?.data.content as string)).toMatchObject({ type: 'text', text: 'hi there' });
    c.ws?.close();
  });

  it('pushes nothing from a guild the bot is not in', async () => {
    const c = await connect(good());
    await until(() => c.frames.length === 1);
    const foreign = [...sim.state.channels.values()].find((ch) => ch.guild_id === sim.seed.foreign && ch.type === 0)?.channel_id as string;
    const member = [...(sim.state.guilds.get(sim.seed.foreign)?.members.keys() ?? [])][0] as string;
    sim.userMessage(foreign, member, 'not for the bot');
    sim.memberJoins(sim.seed.main);
    await until(() => c.frames.length === 2);
    expect(c.frames[1]?.data).toMatchObject({ msg_type: 6, guild_id: sim.seed.main });
    c.ws?.close();
  });

  it('pushes a guildNotice userQuit when the bot kicks a member', async () => {
    const c = await connect(good());
    await until(() => c.frames.length === 1);
    const user = sim.memberJoins(sim.seed.main);
    const res = await fetch(`${sim.baseUrl}/api/bot/${sim.credentials.botToken}/kickChatMember`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"user_id":${user},"guild_id":${sim.seed.main}}` });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    await until(() => c.frames.length === 3);
    expect(c.frames[2]).toEqual({ action: 'guildNotice', data: { method: 'userQuit', guild_id: sim.seed.main, user_id: user } });
    c.ws?.close();
  });

  it('closes a connection that stops pinging, and drops connections on demand', async () => {
    const quiet = await connect(good());
    expect(await quiet.closed).toBe(1000);
    const c = await connect(good());
    await until(() => c.frames.length === 1);
    const res = await fetch(`${sim.baseUrl}/__sandbox/gateway/drop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await res.json()).toEqual({ dropped: 1 });
    expect(await c.closed).toBe(1006);
  });
});
