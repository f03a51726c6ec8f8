import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf, seedOf } from '../platforms/fanbook/helpers.js';

/** Texts of the bot's messages stored in a chat, in order (what Fanbook actually sent). */
function sentTexts(sim: FanbookSimulator, chatId: string, since: number): string[] {
  return sim.state.messages
    .slice(since)
    .filter((m) => m.chat_id === chatId && m.user_id === sim.state.bot.id)
    .map((m) => (JSON.parse(m.content) as { text?: string }).text ?? m.content);
}

async function burst(client: Client, chatId: string, label: string, n: number): Promise<string[]> {
  const texts = Array.from({ length: n }, (_, i) => `${label} ${i + 1}`);
  const results = await Promise.all(texts.map((text) => client.callTool({ name: 'fanbook_send_message', arguments: { chat_id: chatId, text } })));
  for (const r of results) payload(r);
  return texts;
}

describe('Fanbook send limit (10002): sends are paced per bot', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ simulators: ['fanbook'] });
    sim = fanbookOf(h);
    client = await h.client();
  });
  afterAll(() => h.close());

  it('a burst of concurrent sends through MCP all arrive, once each, paced so Fanbook need not refuse them', async () => {
    const chat = seedOf(sim).chat;
    const since = sim.state.messages.length;
    sim.model.sendRefusals = 0;
    const texts = await burst(client, chat, 'burst', 4);
    // Concurrent MCP requests reach the server in no fixed order, so the sends are compared as a set.
    expect([...sentTexts(sim, chat, since)].sort()).toEqual([...texts].sort());
    // Unpaced, all but one of a burst are refused. Paced, none should be; a request held up on a
    // loaded machine can still land early, and is then sent again (the next test covers that).
    expect(sim.model.sendRefusals).toBeLessThan(texts.length - 1);
  });

  it('sends the text itself as the required desc of a plain message', async () => {
    const before = sim.host.requests.length;
    payload(await client.callTool({ name: 'fanbook_send_message', arguments: { chat_id: seedOf(sim).chat, text: '周六见！' } }));
    const req = sim.host.requests.slice(before).find((r) => r.path.endsWith('/sendMessage'))!;
    expect(JSON.parse(req.text)).toMatchObject({ text: '周六见！', desc: '周六见！' });
  });
});

describe('Fanbook send limit (10002): a refusal is retried because nothing was sent', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  beforeAll(async () => {
    // The configured allowance is wrong (10 a second for a bot Fanbook allows one): Fanbook refuses.
    h = await startHarness({ simulators: ['fanbook'], env: { FANBOOK_SENDS_PER_SECOND: '10' } });
    sim = fanbookOf(h);
    client = await h.client();
  });
  afterAll(() => h.close());

  it('every refused send goes again and arrives exactly once; none is lost or doubled', async () => {
    const chat = seedOf(sim).chat;
    const since = sim.state.messages.length;
    sim.model.sendRefusals = 0;
    const texts = await burst(client, chat, 'retry', 4);
    expect(sim.model.sendRefusals).toBeGreaterThan(0);
    expect([...sentTexts(sim, chat, since)].sort()).toEqual([...texts].sort());
  });

  it('gives up after three retries with the 10002 error when Fanbook keeps refusing', async () => {
    sim.model.sendLimitPerSecond = 0;
    sim.model.sendRefusals = 0;
    try {
      const since = sim.state.messages.length;
      const r = await client.callTool({ name: 'fanbook_send_message', arguments: { chat_id: seedOf(sim).chat, text: 'never' } });
      expect(r.isError).toBe(true);
      expect(sim.model.sendRefusals).toBe(4);
      expect(sim.state.messages.length).toBe(since);
    } finally {
      sim.model.sendLimitPerSecond = 1;
    }
  });
});
