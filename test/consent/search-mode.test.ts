import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_TOOL, FIND_TOOLS } from '../../src/tools/builtin/search-mode.js';
import { ASKS_USER } from '../../src/tools/engine.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ACCEPT, DECLINE, MASS, httpClient, massArgs, sent, text } from './helpers.js';

/** Search mode's creator_call_tool runs the same handler, so it asks, refuses and sends exactly as the direct tool. */
describe('creator_call_tool applies the same confirmation policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ flags: { 'tool-mode': 'search' }, env: { CREATOR_MCP_CONFIRM: 'risky' } });
  });
  afterAll(() => h?.close());
  const call = { name: CALL_TOOL, arguments: { name: MASS, arguments: massArgs() } };

  it('2026-07-28: accepted sends exactly one request, declined none', async () => {
    const asked: string[] = [];
    const yes = await httpClient(h, 'auto', { answer: ACCEPT, asked });
    const before = sent(h);
    const r = await yes.callTool(call);
    expect(r.isError, text(r)).toBeFalsy();
    expect(sent(h) - before).toBe(1);
    expect(asked[0]).toMatch(/^Send this 28-character message to the /);
    const no = await httpClient(h, 'auto', { answer: DECLINE });
    expect(text(await no.callTool(call))).toMatch(/^The user declined fanvue_send_mass_message: nothing was sent/);
    expect(sent(h) - before).toBe(1);
  });

  it('a client that cannot be asked is refused the same way, nothing sent', async () => {
    const client = await httpClient(h, 'legacy');
    const before = sent(h);
    const r = await client.callTool(call);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("fanvue_send_mass_message needs the user's approval");
    expect(sent(h) - before).toBe(0);
  });

  it('creator_find_tools shows the sentence in the definition it returns', async () => {
    const client = await httpClient(h, 'legacy');
    const r = await client.callTool({ name: FIND_TOOLS, arguments: { query: MASS, limit: 1 } });
    const [tool] = (r.structuredContent as { tools: Array<{ name: string; description: string }> }).tools;
    expect(tool?.name).toBe(MASS);
    expect(tool?.description.endsWith(ASKS_USER)).toBe(true);
  });
});
