import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Tool } from '@modelcontextprotocol/client';
import { seedOf, fanbookOf } from '../platforms/fanbook/helpers.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';

interface Found {
  tools: Array<{ name: string; title: string; description: string; inputSchema: Record<string, unknown>; annotations: Record<string, unknown> }>;
  matched: number;
}
const SEARCH_BUDGET = 2_000;

const find = async (c: Client, args: Record<string, unknown>) => payload<Found>(await c.callTool({ name: 'creator_find_tools', arguments: args }));
const names = (f: Found) => f.tools.map((t) => t.name);

describe('search mode (--tool-mode search)', () => {
  let search: Harness;
  let direct: Harness;
  let s: Client;
  let d: Client;
  let directTools: Tool[];
  beforeAll(async () => {
    [search, direct] = await Promise.all([
      startHarness({ flags: { toolsets: 'all', 'tool-mode': 'search' } }),
      startHarness({ flags: { toolsets: 'all' } }),
    ]);
    [s, d] = await Promise.all([search.client(), direct.client()]);
    directTools = (await d.listTools()).tools;
  });
  afterAll(async () => {
    await Promise.all([search?.close(), direct?.close()]);
  });

  it(`lists only the finder, the caller and the core, within ${SEARCH_BUDGET} o200k tokens`, async () => {
    const tools = (await s.listTools()).tools;
    const listed = tools.map((t) => t.name).sort();
    expect(listed).toEqual(['afdian_ping', 'creator_call_tool', 'creator_find_tools', 'creator_list_accounts', 'creator_mark_handled', 'creator_wait_for_events', 'fanbook_get_me', 'fanvue_get_current_user']);
    const tokens = tools.reduce((sum, t) => sum + encode(JSON.stringify(t)).length, 0);
    expect(tokens).toBeLessThanOrEqual(SEARCH_BUDGET);
  });

  it('finds fanbook_set_member_roles by "give a member a role" and Chinese terms by their platform', async () => {
    expect(names(await find(s, { query: 'give a member a role' })).slice(0, 3)).toContain('fanbook_set_member_roles');
    expect(names(await find(s, { query: '赞助' })).slice(0, 3)).toContain('afdian_query_sponsors');
    const onlyFresns = await find(s, { query: 'post', platform: 'fresns', limit: 20 });
    expect(onlyFresns.tools.length).toBeGreaterThan(0);
    expect(onlyFresns.tools.every((t) => t.name.startsWith('fresns_'))).toBe(true);
    const roles = await find(s, { query: 'member', toolset: 'fanbook_roles', limit: 20 });
    expect(names(roles)).toContain('fanbook_set_member_roles');
    expect(names(roles).every((n) => n.startsWith('fanbook_'))).toBe(true);
  });

  it('returns each found tool exactly as tools/list defines it', async () => {
    const [hit] = (await find(s, { query: 'fanbook_set_member_roles', limit: 1 })).tools;
    const listed = directTools.find((t) => t.name === 'fanbook_set_member_roles');
    expect(hit).toEqual({ name: listed?.name, title: listed?.title, description: listed?.description, inputSchema: listed?.inputSchema, annotations: listed?.annotations });
  });

  it('reaches every exposed operation: its name finds it first, its title within the first ten (agency twins share titles)', async () => {
    const rows = directTools.filter((t) => !t.name.startsWith('creator_'));
    expect(rows.length).toBeGreaterThan(200);
    const missed: string[] = [];
    for (const t of rows) {
      if (names(await find(s, { query: t.name, limit: 1 }))[0] !== t.name) missed.push(`name ${t.name}`);
      const rank = names(await find(s, { query: t.title ?? '', limit: 20 })).indexOf(t.name);
      if (rank < 0 || rank >= 10) missed.push(`title "${t.title}" → ${t.name} at ${rank}`);
    }
    expect(missed).toEqual([]);
  });

  it('calls a tool with the same result as the direct tool, on simulators in the same state', async () => {
    const seedS = seedOf(fanbookOf(search));
    const seedD = seedOf(fanbookOf(direct));
    const args = (x: typeof seedS) => ({ guild_id: x.main, user_id: x.users.u3, roles: [x.newbie] });
    expect(args(seedS)).toEqual(args(seedD));
    const via = await s.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_set_member_roles', arguments: args(seedS) } });
    const own = await d.callTool({ name: 'fanbook_set_member_roles', arguments: args(seedD) });
    expect(payload(via)).toEqual(payload(own));
    const member = { guild_id: seedS.main, user_id: seedS.users.u3 };
    const after = await s.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_get_chat_member', arguments: member } });
    expect(payload(after)).toEqual(payload(await d.callTool({ name: 'fanbook_get_chat_member', arguments: member })));
  });

  it('gives the same validation error text as the direct tool, and changes nothing', async () => {
    const x = seedOf(fanbookOf(search));
    const member = async () => payload(await s.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_get_chat_member', arguments: { guild_id: x.main, user_id: x.users.u3 } } }));
    const before = await member();
    for (const bad of [{ guild_id: 'abc', user_id: x.users.u3, roles: 'vip' }, {}, { guild_id: x.main, user_id: x.users.u3, roles: ['vip'] }]) {
      const via = errorText(await s.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_set_member_roles', arguments: bad } }));
      const own = errorText(await d.callTool({ name: 'fanbook_set_member_roles', arguments: bad }));
      expect(via).toBe(own);
      expect(via).toMatch(/^Input validation error: Invalid arguments for tool fanbook_set_member_roles: /);
    }
    expect(await member()).toEqual(before);
  });

  it('refuses a tool that is not exposed and says how to find one', async () => {
    const text = errorText(await s.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_no_such_tool', arguments: {} } }));
    expect(text).toContain('not exposed');
    expect(text).toContain('creator_find_tools');
  });
});

describe('search mode, read-only', () => {
  let h: Harness;
  let c: Client;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'all', 'tool-mode': 'search', 'read-only': true } });
    c = await h.client();
  });
  afterAll(() => h?.close());

  it('finds no write tool and refuses to call one', async () => {
    const found = await find(c, { query: 'give a member a role set update create delete send', limit: 20 });
    expect(found.tools.length).toBeGreaterThan(0);
    expect(found.tools.filter((t) => t.annotations.readOnlyHint !== true).map((t) => t.name)).toEqual([]);
    const x = seedOf(fanbookOf(h));
    const refused = errorText(await c.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_set_member_roles', arguments: { guild_id: x.main, user_id: x.users.u3, roles: [] } } }));
    expect(refused).toContain('not exposed');
    expect((await c.listTools()).tools.map((t) => t.name)).not.toContain('creator_mark_handled');
  });
});
