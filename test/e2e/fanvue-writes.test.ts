import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

/**
 * A message that may have reached the fan must never be sent twice: after a 500 or a timeout the
 * agent is told it may have been sent, and the server does not retry it.
 */
describe('fanvue_send_message when the answer is lost', () => {
  let h: Harness;
  let client: Client;
  let sim: FanvueSimulator;
  let fan: string;
  const messages = () => sim.creator.chats.get(fan)!.messages;
  beforeAll(async () => {
    // 3 s, not less: on a loaded machine a 500 must still arrive before the deadline, or the test sees a timeout.
    h = await startHarness({ httpTimeoutMs: 3_000 });
    client = await h.client();
    sim = fanvueOf(h);
    fan = [...sim.creator.chats.keys()][0]!;
    payload(await client.callTool({ name: 'fanvue_get_current_user', arguments: {} }));
  });
  afterAll(() => h.close());

  for (const fault of [
    { kind: 'status-after', status: 500, what: 'HTTP 500' },
    { kind: 'timeout-after', what: 'no answer within 3 s' },
    { kind: 'reset-after', what: 'the connection failed' },
  ] as const) {
    it(`reports "may have been sent" after ${fault.kind} and sends it once`, async () => {
      const path = `/chats/${fan}/message`;
      const before = messages().length;
      const processed = sim.api.processed(path);
      sim.api.injectFault({ kind: fault.kind, pathPrefix: path, ...('status' in fault ? { status: fault.status } : {}) });
      const text = errorText(await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: fan, text: `lost answer ${fault.kind}` } }));
      expect(text).toContain(fault.what);
      expect(text).toMatch(/may have been sent and processed: it was not retried/);
      expect(sim.api.processed(path) - processed).toBe(1);
      expect(messages().length).toBe(before + 1);
      expect(messages().at(-1)?.text).toBe(`lost answer ${fault.kind}`);
    });
  }

  it('retries a read after a 500, since reading twice is harmless', async () => {
    sim.api.injectFault({ kind: 'status-after', status: 500, pathPrefix: `/chats/${fan}/messages` });
    const page = payload<{ data: unknown[] }>(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fan } }));
    expect(page.data.length).toBe(messages().length > 15 ? 15 : messages().length);
  });

  it('retries a write Fanvue refused with 429 before processing it', async () => {
    const path = `/chats/${fan}/message`;
    const before = messages().length;
    sim.api.injectFault({ kind: 'status-before', status: 429, retryAfter: '0', pathPrefix: path });
    payload(await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: fan, text: 'sent once after a 429' } }));
    expect(messages().length).toBe(before + 1);
  });
});
