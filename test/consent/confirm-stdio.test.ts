import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI } from '../helpers/cli.js';
import { ACCEPT, DECLINE, MASS, answerWith, massArgs, text, type Answer } from './helpers.js';

/**
 * Over stdio, against `creator-mcp sandbox` as a user runs it (default policy): a 2025-era
 * client is asked with a real elicitation/create request during the call, a 2026-07-28 client
 * with input_required. The sandbox runs in the child, so what was sent is read back from
 * Fanvue's own mass message list.
 */
describe('confirmation over stdio (creator-mcp sandbox, default policy)', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-consent-stdio-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  async function session(era: 'legacy' | 'auto', answer: Answer | undefined, asked: string[] = []) {
    const client = new Client({ name: 'consent-stdio', version: '1' }, { versionNegotiation: { mode: era }, capabilities: answer ? { elicitation: { form: {} } } : {} });
    if (answer) answerWith(client, answer, asked);
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'sandbox'],
        env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_STATE_DIR: stateDir },
        stderr: 'pipe',
      }),
    );
    const count = async () => {
      const r = await client.callTool({ name: 'fanvue_list_mass_messages', arguments: { size: 50 } });
      return ((r.structuredContent as { data: unknown[] }).data ?? []).length;
    };
    return { client, count };
  }

  for (const era of ['legacy', 'auto'] as const) {
    it(`${era === 'legacy' ? '2025-era elicitation/create' : '2026-07-28 input_required'}: accept sends exactly one, decline none`, async () => {
      const asked: string[] = [];
      let answer: Answer = ACCEPT;
      const { client, count } = await session(era, (p) => (typeof answer === 'function' ? answer(p) : answer), asked);
      try {
        const before = await count();
        const ok = await client.callTool({ name: MASS, arguments: massArgs() });
        expect(ok.isError, text(ok)).toBeFalsy();
        expect(await count()).toBe(before + 1);
        answer = DECLINE;
        const no = await client.callTool({ name: MASS, arguments: massArgs() });
        expect(text(no)).toMatch(/^The user declined fanvue_send_mass_message: nothing was sent/);
        expect(await count()).toBe(before + 1);
        expect(asked).toHaveLength(2);
        expect(asked[0]).toMatch(/^Send this 28-character message to the [\d,]+ members of the list '[^']+' on Fanvue account default\./);
      } finally {
        await client.close();
      }
    });
  }

  it('a 2025-era client without elicitation is refused with what to do, and nothing is sent', async () => {
    const { client, count } = await session('legacy', undefined);
    try {
      const before = await count();
      const r = await client.callTool({ name: MASS, arguments: massArgs() });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/needs the user's approval \(CREATOR_MCP_CONFIRM=risky\), but the user cannot be asked: the client did not declare the elicitation capability\. Nothing was sent\..*CREATOR_MCP_CONFIRM_EXEMPT.*CREATOR_MCP_CONFIRM=off/);
      expect(await count()).toBe(before);
    } finally {
      await client.close();
    }
  });
});
