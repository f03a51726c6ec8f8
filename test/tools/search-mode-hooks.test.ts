import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { registerSearchMode } from '../../src/tools/builtin/search-mode.js';
import { registerTools } from '../../src/tools/engine.js';
import type { StageHooks } from '../../src/tools/invoke.js';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';

/**
 * The pipeline's optional stages (the confirmation gate to come) are engine deps, and
 * creator_call_tool runs the engine's handler: a hook that refuses a write refuses it both ways.
 * The server is built here with a hook (nothing in the product wires one yet), over the harness's
 * real runtime and simulators.
 */
describe('creator_call_tool runs the engine stage hooks', () => {
  let h: Harness;
  const seen: string[] = [];
  const hooks: StageHooks = {
    confirm(inv) {
      seen.push(inv.name);
      if (inv.op?.kind !== 'read') throw new Error(`${inv.name} needs the creator's confirmation`);
    },
  };
  const connect = async (mode: 'search' | 'all') => {
    const server = new McpServer({ name: 'hooks-test', version: '1.0.0' }, { capabilities: { tools: {} } });
    const deps = { clients: new Map([...h.rt.enabled].map(([id, e]) => [id, e.client])), secrets: h.rt.secrets, log: h.rt.log, hooks };
    if (mode === 'search') registerSearchMode(server, h.rt.tools, deps);
    else registerTools(server, h.rt.tools, deps);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'hooks-test', version: '1.0.0' });
    await client.connect(b);
    return client;
  };
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'fanbook' } });
  });
  afterAll(() => h?.close());

  it('the confirm stage runs, and refuses the same way, through creator_call_tool and the direct tool', async () => {
    const args = { guild_id: '1', user_id: '2', roles: [] };
    const via = errorText(await (await connect('search')).callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_set_member_roles', arguments: args } }));
    const own = errorText(await (await connect('all')).callTool({ name: 'fanbook_set_member_roles', arguments: args }));
    expect(via).toContain("needs the creator's confirmation");
    expect(via).toBe(own);
    expect(seen).toEqual(['fanbook_set_member_roles', 'fanbook_set_member_roles']);
  });
});
