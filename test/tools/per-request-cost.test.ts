import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ToolTable } from '../../src/tools/table.js';
import { createServer } from '../../src/server.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * HTTP serving builds a fresh McpServer per request (the security rule), so what a request
 * costs must not grow with the catalog: tools are registered into one table per configuration
 * and each request's server only points at it. Counted, not timed.
 */
describe('per-request cost is independent of the catalog', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('registers every tool once per configuration, however many requests are served', async () => {
    const spy = vi.spyOn(ToolTable.prototype, 'registerTool');
    try {
      for (let i = 0; i < 5; i++) createServer(h.rt, { era: i % 2 ? 'modern' : 'legacy' });
      expect(h.rt.tools.length).toBeGreaterThan(200);
      // The harness may already have served requests (then 0 here); never once per request.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(h.rt.tools.length + 3);
    } finally {
      spy.mockRestore();
    }
  });

  it('serves the same tools/list and tools/call through every request as before', async () => {
    for (const era of ['legacy', 'auto'] as const) {
      const client = await h.client(era);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...h.rt.tools.map((t) => t.name), 'creator_wait_for_events', 'creator_mark_handled', 'creator_list_accounts']);
      const ok = await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 1 } });
      expect(ok.isError).toBeFalsy();
      const bad = await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 'x' } });
      expect(bad.isError).toBe(true);
      expect((bad.content as Array<{ text: string }>)[0]?.text).toMatch(/^Input validation error: Invalid arguments for tool afdian_query_orders: per_page: /);
      await expect(client.callTool({ name: 'nope_tool', arguments: {} })).rejects.toThrow(/nope_tool not found/);
      await client.close();
    }
  });

  it('builds resources, templates and prompts once per configuration: each request only receives them', () => {
    const resources = vi.spyOn(McpServer.prototype, 'registerResource');
    const prompts = vi.spyOn(McpServer.prototype, 'registerPrompt');
    try {
      const servers = 4;
      for (let i = 0; i < servers; i++) createServer(h.rt, { era: i % 2 ? 'modern' : 'legacy' });
      const perServer = resources.mock.calls.length / servers;
      expect(perServer).toBeGreaterThan(10);
      expect(prompts.mock.calls.length).toBe(servers);
      // The same parsed templates, metadata and callbacks reach every server: none is rebuilt per request.
      const templates = resources.mock.calls.map((c) => c[1]).filter((t) => t instanceof ResourceTemplate);
      expect(templates.length).toBeGreaterThan(0);
      expect(new Set(templates).size).toBe(templates.length / servers);
      expect(new Set(resources.mock.calls.map((c) => c[3])).size).toBe(perServer);
      expect(new Set(resources.mock.calls.map((c) => c[2])).size).toBe(perServer);
    } finally {
      resources.mockRestore();
      prompts.mockRestore();
    }
  });

  it('masks a clean result with one pattern test per string, however many secrets four platforms register', () => {
    const secrets = h.rt.secrets;
    expect(secrets.size).toBeGreaterThan(40);
    const orders = Array.from({ length: 20 }, (_, i) => ({ out_trade_no: `2026120800${i}`, remark: `thanks for the stream number ${i}!`, user: { name: `fan-${i}`, avatar: `https://pic.example/${i}.png` } }));
    const payload = { list: orders, total_count: 20, total_page: 1 };
    const includes = vi.spyOn(String.prototype, 'includes');
    try {
      expect(secrets.redactValue(payload)).toBe(payload);
      // One `includes` per registered form per string (and key) made this grow with the platforms configured.
      expect(includes.mock.calls.length).toBe(0);
    } finally {
      includes.mockRestore();
    }
  });
});
