import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ACCEPT, CANCEL, DECLINE, MASS, httpClient, massArgs, sent, text } from './helpers.js';

/**
 * Confirmation from the user, over HTTP with real MCP clients: a 2026-07-28 client gets the
 * question as an input_required result and answers through its elicitation handler; a
 * 2025-era client over stateless HTTP has no channel back and is refused. The simulator's
 * processed-request count is what "nothing was sent" means.
 */
describe('confirmation over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_CONFIRM: 'risky' } });
  });
  afterAll(() => h?.close());

  it('2026-07-28, accepted: the user sees what will happen in Fanvue terms, and exactly one request is sent', async () => {
    const asked: string[] = [];
    const client = await httpClient(h, 'auto', { answer: ACCEPT, asked });
    const before = sent(h);
    const r = await client.callTool({ name: MASS, arguments: massArgs() });
    expect(r.isError, text(r)).toBeFalsy();
    expect(sent(h) - before).toBe(1);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^Send this 28-character message to the [\d,]+ members of the list '[^']+' on Fanvue account default\. Many people/);
  });

  for (const [answer, says] of [
    [DECLINE, /^The user declined fanvue_send_mass_message: nothing was sent/],
    [CANCEL, /without answering: nothing was sent/],
    [{ action: 'accept', content: { confirm: false } }, /^The user declined/],
  ] as const) {
    it(`2026-07-28, ${answer.action}${'content' in answer ? ' with the box unticked' : ''}: nothing is sent and the result says so`, async () => {
      const client = await httpClient(h, 'auto', { answer });
      const before = sent(h);
      const r = await client.callTool({ name: MASS, arguments: massArgs() });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(says);
      expect(sent(h) - before).toBe(0);
    });
  }

  for (const era of ['auto', 'legacy'] as const) {
    it(`${era === 'auto' ? '2026-07-28 client without elicitation' : '2025-era stateless HTTP, even declaring elicitation'}: refused with what to do, nothing sent`, async () => {
      const client = await httpClient(h, era, era === 'legacy' ? { answer: ACCEPT } : {});
      const before = sent(h);
      const r = await client.callTool({ name: MASS, arguments: massArgs() });
      expect(r.isError).toBe(true);
      expect(text(r)).toContain("fanvue_send_mass_message needs the user's approval (CREATOR_MCP_CONFIRM=risky)");
      expect(text(r)).toContain(era === 'legacy' ? 'a 2025-era client over HTTP cannot be asked during a call' : 'the client did not declare the elicitation capability');
      expect(text(r)).toMatch(/Nothing was sent\. Use a client that supports MCP elicitation .*add fanvue_send_mass_message to CREATOR_MCP_CONFIRM_EXEMPT, or set CREATOR_MCP_CONFIRM=off/);
      expect(sent(h) - before).toBe(0);
    });
  }

  it('reads and unconfirmed writes run at once, with no question', async () => {
    const asked: string[] = [];
    const client = await httpClient(h, 'auto', { answer: ACCEPT, asked });
    const r = await client.callTool({ name: 'fanvue_list_mass_messages', arguments: {} });
    expect(r.isError, text(r)).toBeFalsy();
    expect(asked).toEqual([]);
  });

  it('tools under confirmation say so and carry the requiresUserInteraction hint', async () => {
    const { tools } = await (await httpClient(h, 'legacy')).listTools();
    const mass = tools.find((t) => t.name === MASS)!;
    expect(mass._meta?.['anthropic/requiresUserInteraction']).toBe(true);
    expect(mass.description).toMatch(/The user must approve each call\.$/);
    const read = tools.find((t) => t.name === 'fanvue_list_mass_messages')!;
    expect(read._meta?.['anthropic/requiresUserInteraction']).toBeUndefined();
  });
});
