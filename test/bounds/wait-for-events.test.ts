import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';

interface Waited {
  events: Array<{ id: string; platform: string; type: string; receivedAt: string; payload: Record<string, unknown> }>;
  nextCursor: string;
  hasMore: boolean;
}

describe('creator_wait_for_events through a real MCP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const wait = async (args: Record<string, unknown>, signal?: AbortSignal) => {
    const client = await h.client();
    return client.callTool({ name: 'creator_wait_for_events', arguments: args }, signal ? { signal } : undefined);
  };

  it('is listed as read-only', async () => {
    const client = await h.client();
    const tool = (await client.listTools()).tools.find((t) => t.name === 'creator_wait_for_events');
    expect(tool?.annotations?.readOnlyHint).toBe(true);
  });

  it('returns an Afdian push that arrives while the call waits, and the cursor moves past it', async () => {
    const first = payload<Waited>(await wait({ timeout: 0 }));
    expect(first.events).toEqual([]);
    const pending = wait({ cursor: first.nextCursor, timeout: 20, platforms: ['afdian'] });
    await new Promise((r) => setTimeout(r, 300));
    const { order } = await h.afdian.createOrder();
    const got = payload<Waited>(await pending);
    expect(got.events.map((e) => e.id)).toEqual([order.out_trade_no]);
    expect(got.events[0]?.platform).toBe('afdian');
    expect(got.nextCursor).not.toBe(first.nextCursor);
    // The same cursor again returns nothing new: the event is not repeated.
    const again = payload<Waited>(await wait({ cursor: got.nextCursor, timeout: 0 }));
    expect(again.events).toEqual([]);
    // The old cursor still finds it: nothing is lost between calls.
    expect(payload<Waited>(await wait({ cursor: first.nextCursor, timeout: 0 })).events.map((e) => e.id)).toEqual([order.out_trade_no]);
  });

  it('sees events stored by another process on the same state dir (polling)', async () => {
    const start = payload<Waited>(await wait({ timeout: 0 }));
    const pending = wait({ cursor: start.nextCursor, timeout: 10 });
    // A second inbox over the same directory stands in for another creator-mcp process.
    const { WebhookInbox } = await import('../../src/webhooks/inbox.js');
    await new Promise((r) => setTimeout(r, 200));
    await new WebhookInbox(h.stateDir).record('afdian', { id: 'other-process-1', type: 'order', receivedAt: Date.now(), payload: {} });
    expect(payload<Waited>(await pending).events.map((e) => e.id)).toEqual(['other-process-1']);
  });

  it('returns empty after the timeout', async () => {
    const started = Date.now();
    const got = payload<Waited>(await wait({ timeout: 1 }));
    expect(got.events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('bounds the answer with limit and hasMore', async () => {
    const start = payload<Waited>(await wait({ timeout: 0 }));
    for (let i = 0; i < 3; i++) await h.afdian.createOrder();
    const page = payload<Waited>(await wait({ cursor: start.nextCursor, limit: 2, timeout: 0 }));
    expect(page.events).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    const rest = payload<Waited>(await wait({ cursor: page.nextCursor, limit: 2, timeout: 0 }));
    expect(rest.events).toHaveLength(1);
    expect(rest.hasMore).toBe(false);
  });

  // A 2026-era client cancels through the protocol; a 2025-era one of stateless HTTP can only hang up.
  it.each(['auto', 'legacy'] as const)('ends on the server when a %s client cancels', async (era) => {
    const listeners = () => (h.rt.inbox as unknown as { emitter: { listenerCount(e: string): number } }).emitter.listenerCount('recorded');
    const client = await h.client(era);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'creator_wait_for_events', arguments: { timeout: 25 } }, { signal: controller.signal }).then(
      () => 'answered',
      () => 'rejected',
    );
    await expect.poll(listeners, { timeout: 3_000 }).toBe(1);
    if (era === 'auto') controller.abort();
    else await client.close();
    expect(await pending).toBe('rejected');
    // The server ended the wait too, instead of holding it for the full 25 s.
    await expect.poll(listeners, { timeout: 3_000 }).toBe(0);
  });

  it('refuses a cursor it did not issue, and an unknown platform', async () => {
    expect(errorText(await wait({ cursor: 'nonsense' }))).toContain('cursor is not one this server issued');
    const bad = (await wait({ platforms: ['myspace'] })) as { isError?: boolean };
    expect(bad.isError).toBe(true);
  });
});
