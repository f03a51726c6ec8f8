import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTION_NAME_CLEAN, INJECTION_TEXT_CLEAN } from '../../src/sandbox/injection.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';

/** creator_call_tool runs the same handler, so the clean, mark and audit stages apply to it too. */
describe('search mode: creator_call_tool is cleaned, marked and audited like the tool itself', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_TOOL_MODE: 'search' } });
  }, 60_000);
  afterAll(async () => h?.close());

  it('marks and cleans a read, and audits a write', async () => {
    const client = await h.client();
    const r = await client.callTool({ name: 'creator_call_tool', arguments: { name: 'fanvue_list_chats', arguments: { size: 50 } } });
    const chats = payload<{ data: Array<{ user: { uuid: string; displayName: string }; lastMessage: { text: string } | null }> }>(r);
    const chat = chats.data.find((c) => c.user.displayName === INJECTION_NAME_CLEAN);
    expect(chat?.lastMessage?.text).toBe(INJECTION_TEXT_CLEAN);
    expect((r._meta?.['creator-mcp/untrusted'] as { paths: string[] }).paths).toEqual(expect.arrayContaining(['$.data[*].lastMessage.text', '$.data[*].user.displayName']));
    payload(await client.callTool({ name: 'creator_call_tool', arguments: { name: 'fanvue_send_message', arguments: { userUuid: chat?.user.uuid, text: 'hello there' } } }));
    const entries = await h.rt.audit.read();
    expect(entries.map((e) => [e.tool, e.outcome, e.args])).toEqual([['fanvue_send_message', 'ok', { userUuid: chat?.user.uuid, text: { chars: 11 } }]]);
  });
});
