import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Client } from '@modelcontextprotocol/client';
import { loadPlatforms } from '../../src/platforms/index.js';
import { fullCatalog } from '../../src/tools/catalog.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf } from '../platforms/fanbook/helpers.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

const catalog = fullCatalog(await loadPlatforms());

/** Words a parameter description uses when the argument changes state on the platform. */
const CHANGES_STATE = /\b(confirm|confirms|deleted?|mark(s|ed)? (the )?\w+ (as )?read|acknowledge)/i;

describe('read-only classification', () => {
  it('lists every state-changing argument of a read in the row (mutates), found by what its description says', () => {
    const missing: string[] = [];
    for (const { name, op } of catalog) {
      if (op.kind !== 'read') continue;
      const props = (z.toJSONSchema(op.input, { io: 'input' }) as { properties?: Record<string, { description?: string }> }).properties ?? {};
      for (const [key, p] of Object.entries(props)) {
        // "includeDeleted" lists deleted items; it deletes nothing.
        if (CHANGES_STATE.test(p.description ?? '') && !/^include/.test(key) && !(key in (op.mutates ?? {}))) missing.push(`${name}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('CREATOR_MCP_READ_ONLY=1', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_READ_ONLY: '1' } });
    client = await h.client();
  });
  afterAll(() => h.close());

  it('exposes no tool that can change platform state: every tool is a read, and state-changing arguments are fixed or absent', async () => {
    const { tools } = await client.listTools();
    const rows = new Map(catalog.map((e) => [e.name, e.op]));
    let fixedArgs = 0;
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      const op = rows.get(tool.name);
      if (!op) continue; // creator_* built-ins: checked by their own tests
      expect(op.kind, tool.name).toBe('read');
      const props = (tool.inputSchema.properties ?? {}) as Record<string, { const?: unknown }>;
      for (const [key, safe] of Object.entries(op.mutates ?? {})) {
        fixedArgs++;
        if (safe === null) expect(props[key], `${tool.name}.${key}`).toBeUndefined();
        else expect(props[key]?.const, `${tool.name}.${key}`).toBe(safe);
      }
    }
    expect(fixedArgs).toBeGreaterThanOrEqual(3); // the two Fanbook polls and the chat read (the agency mirror is opt-in)
  });

  it('fanbook_get_updates* with offset confirms nothing: the queued updates are still there', async () => {
    const sim = fanbookOf(h);
    sim.model.pushUpdate({ message_id: '1', text: 'hello bot' });
    sim.model.pushUpdate({ message_id: '2', text: 'still here?' });
    const first = payload<{ updates: unknown[]; next_offset: string }>(await client.callTool({ name: 'fanbook_get_updates_nonblocking', arguments: {} }));
    expect(first.updates).toHaveLength(2);
    for (const name of ['fanbook_get_updates_nonblocking', 'fanbook_get_updates']) {
      const again = payload<{ updates: unknown[] }>(await client.callTool({ name, arguments: { offset: first.next_offset, timeout: 0 } }));
      expect(again.updates, name).toHaveLength(2);
    }
    expect(sim.state.updates).toHaveLength(2);
  });

  it('fanvue_list_chat_messages never marks a chat read: markAsRead true is refused and the default sends false', async () => {
    const sim = fanvueOf(h);
    const [fanUuid, chat] = [...sim.creator.chats].find(([, c]) => c.messages.some((m) => m.senderUuid === c.fanUuid && !m.isRead))!;
    const unread = () => chat.messages.filter((m) => m.senderUuid === chat.fanUuid && !m.isRead).length;
    const before = unread();
    expect(errorText(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fanUuid, markAsRead: true } }))).toMatch(/markAsRead/);
    payload(await client.callTool({ name: 'fanvue_list_chat_messages', arguments: { userUuid: fanUuid } }));
    expect(sim.api.requests.at(-1)?.query.get('markAsRead')).toBe('false');
    expect(unread()).toBe(before);
  });
});
