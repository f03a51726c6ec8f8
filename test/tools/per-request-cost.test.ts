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
});
