import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { HTTP_TOKEN, startHarness, type Harness } from '../helpers/harness.js';

/** Per-request narrowing over HTTP: headers select a subset of the configured tools, never more. */
describe('X-MCP-* headers narrow what one request sees', () => {
  let h: Harness;
  let ro: Harness;
  const clients: Client[] = [];
  const connect = async (on: Harness, headers: Record<string, string>, era: 'legacy' | 'auto' = 'legacy') => {
    const client = new Client({ name: 'narrowing-test', version: '1.0.0' }, { versionNegotiation: { mode: era } });
    await client.connect(new StreamableHTTPClientTransport(new URL(on.http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}`, ...headers } } }));
    clients.push(client);
    return client;
  };
  const names = async (c: Client) => (await c.listTools()).tools.map((t) => t.name);
  const post = (headers: Record<string, string>) =>
    fetch(h.http.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${HTTP_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });

  beforeAll(async () => {
    // The server exposes Fanbook and Afdian defaults only, with writes.
    [h, ro] = await Promise.all([startHarness({ flags: { toolsets: 'fanbook,afdian' } }), startHarness({ flags: { toolsets: 'fanbook', 'read-only': true } })]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await Promise.all([h?.close(), ro?.close()]);
  });

  for (const era of ['legacy', 'auto'] as const) {
    it(`${era}: X-MCP-Readonly: 1 hides writes on a server that is not read-only`, async () => {
      const all = await names(await connect(h, {}, era));
      expect(all).toContain('fanbook_set_member_roles');
      const c = await connect(h, { 'X-MCP-Readonly': '1' }, era);
      const tools = (await c.listTools()).tools;
      expect(tools.length).toBeGreaterThan(10);
      expect(tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)).toEqual([]);
      await expect(c.callTool({ name: 'fanbook_set_member_roles', arguments: { guild_id: '1', user_id: '2', roles: [] } })).rejects.toThrow(/fanbook_set_member_roles not found/);
      // The next request without the header sees the configured set again: nothing is remembered.
      expect(await names(await connect(h, {}, era))).toEqual(all);
    });
  }

  it('X-MCP-Toolsets selects within the configured toolsets and cannot add one', async () => {
    const afdian = await names(await connect(h, { 'X-MCP-Toolsets': 'afdian' }));
    expect(afdian.length).toBeGreaterThan(0);
    expect(afdian.filter((n) => !n.startsWith('afdian_') && !n.startsWith('creator_'))).toEqual([]);
    // fresns is a known toolset the server does not expose: asking for it yields nothing of it.
    const wider = await names(await connect(h, { 'X-MCP-Toolsets': 'fresns,afdian' }));
    expect(wider.filter((n) => n.startsWith('fresns_'))).toEqual([]);
    expect(wider.sort()).toEqual([...afdian].sort());
    const allOf = await names(await connect(h, { 'X-MCP-Toolsets': 'all' }));
    expect(allOf.sort()).toEqual((await names(await connect(h, {}))).sort());
  });

  it('X-MCP-Readonly: 0 cannot give writes back on a read-only server', async () => {
    const tools = (await (await connect(ro, { 'X-MCP-Readonly': '0' })).listTools()).tools;
    expect(tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)).toEqual([]);
  });

  it('X-MCP-Tools and X-MCP-Exclude-Tools pick and drop single tools, within the configuration', async () => {
    const picked = await names(await connect(h, { 'X-MCP-Tools': 'fanbook_get_me,afdian_ping' }));
    expect(picked.filter((n) => !n.startsWith('creator_')).sort()).toEqual(['afdian_ping', 'fanbook_get_me']);
    const dropped = await names(await connect(h, { 'X-MCP-Exclude-Tools': 'fanbook_get_me' }));
    expect(dropped).not.toContain('fanbook_get_me');
    expect(dropped).toContain('afdian_ping');
    // A tool of a platform the server does not expose stays out even when named.
    const fresns = await names(await connect(h, { 'X-MCP-Tools': 'fanbook_get_me,fresns_list_posts' }));
    expect(fresns).not.toContain('fresns_list_posts');
  });

  it('X-MCP-Tool-Mode: search lists the finder instead of the catalog, over the narrowed set', async () => {
    const c = await connect(h, { 'X-MCP-Tool-Mode': 'search', 'X-MCP-Toolsets': 'afdian' });
    const listed = await names(c);
    expect(listed).toContain('creator_find_tools');
    expect(listed).not.toContain('fanbook_get_me');
    const found = await c.callTool({ name: 'creator_find_tools', arguments: { query: 'give a member a role', limit: 20 } });
    const tools = (found.structuredContent as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    expect(tools.filter((n) => !n.startsWith('afdian_'))).toEqual([]);
  });

  it('an invalid header is a 400 with a JSON-RPC error naming it, and changes nothing', async () => {
    for (const [headers, says] of [
      [{ 'X-MCP-Readonly': 'maybe' }, 'X-MCP-Readonly'],
      [{ 'X-MCP-Toolsets': 'fanbok' }, 'X-MCP-Toolsets: unknown toolset "fanbok"'],
      [{ 'X-MCP-Tools': 'fanbook_nope' }, 'X-MCP-Tools: unknown tool "fanbook_nope"'],
      [{ 'X-MCP-Exclude-Tools': ' , ' }, 'X-MCP-Exclude-Tools must name at least one value'],
      [{ 'X-MCP-Tool-Mode': 'lazy' }, 'X-MCP-Tool-Mode must be "tools" or "search"'],
    ] as const) {
      const res = await post(headers);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { jsonrpc: string; error: { code: number; message: string } };
      expect(body.jsonrpc).toBe('2.0');
      expect(body.error.code).toBe(-32602);
      expect(body.error.message).toContain(says);
    }
    expect((await post({})).status).toBe(200);
  });
});
