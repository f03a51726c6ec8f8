import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { loadPlatforms } from '../../src/platforms/index.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { fastRetries, type PlatformKit } from './plans.js';

export interface CancelOutcome {
  tool: string;
  era: 'legacy' | 'auto';
  /** Milliseconds from the client's cancel to the platform connection closing. */
  closedAfterMs?: number;
  problem?: string;
}

const until = async (what: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
};

/**
 * Each representative read hangs at the simulator (processed, never answered); the MCP client
 * cancels it, a 2026-era client through the protocol, a 2025-era one by hanging up (closing its
 * transport aborts the HTTP request the call runs in). The call
 * must end on the server (its log says so) and the platform connection must close well before
 * the HTTP timeout, with no retry after the cancel. Server-side sockets are watched through
 * Node's `net.server.socket` diagnostics channel, so the simulators need no hook.
 */
export async function cancelRead(kits: readonly PlatformKit[], opts: { httpTimeoutMs: number }): Promise<CancelOutcome[]> {
  const sockets: Socket[] = [];
  const onSocket = (msg: unknown) => sockets.push((msg as { socket: Socket }).socket);
  dc.subscribe('net.server.socket', onSocket);
  const store = new MemoryTokenStore();
  const h = await startHarness({ flags: { toolsets: 'all' }, store, platforms: (await loadPlatforms()).map(fastRetries), httpTimeoutMs: opts.httpTimeoutMs });
  try {
    for (const kit of kits) await kit.prepare?.(h, store);
    const outcomes = await Promise.all(kits.map((kit) => cancelKit(h, kit, sockets)));
    return outcomes.flat();
  } finally {
    dc.unsubscribe('net.server.socket', onSocket);
    await h.close();
  }
}

async function cancelKit(h: Harness, kit: PlatformKit, sockets: Socket[]): Promise<CancelOutcome[]> {
  const out: CancelOutcome[] = [];
  const platform = h.rt.platforms.find((p) => p.id === kit.id);
  const steps = kit.steps(h);
  const host = kit.host(h);
  const port = Number(new URL(host.baseUrl).port);
  for (const tool of kit.representativeReads) {
    const step = steps.find((s) => s.tool === tool);
    const op = platform?.operations.find((o) => `${kit.id}_${o.name}` === tool);
    if (!step || !op) {
      out.push({ tool, era: 'legacy', problem: 'not in the plan' });
      continue;
    }
    for (const era of ['legacy', 'auto'] as const) {
      const client = await h.client(era);
      const args = await step.args();
      // The plain call first: bot ids and sessions are looked up now, not during the cancelled call.
      payload(await client.callTool({ name: tool, arguments: args }));
      const own = kit.ownPath(h, op, args);
      const onPort = () => sockets.filter((s) => s.localPort === port);
      const readBefore = new Map(onPort().map((s) => [s, s.bytesRead]));
      const seen = host.requests.filter((r) => r.path === own).length;
      const logsBefore = h.logs.length;
      host.injectFault({ kind: 'timeout-after', pathPrefix: own });
      const controller = new AbortController();
      const call = client.callTool({ name: tool, arguments: args }, { signal: controller.signal }).then(
        () => 'answered',
        () => 'rejected',
      );
      const arrived = await until(() => host.requests.filter((r) => r.path === own).length > seen, 3_000);
      const carrying = onPort().filter((s) => !s.destroyed && s.bytesRead !== (readBefore.get(s) ?? 0));
      const cancelledAt = Date.now();
      // A 2025-era client's notifications/cancelled travels in a new stateless HTTP request that
      // cannot reach the running call, so it cancels the way it can: by hanging up.
      if (era === 'auto') controller.abort();
      else await client.close();
      const ended = await call;
      const closed = await until(() => carrying.length > 0 && carrying.every((s) => s.destroyed), 1_000);
      const closedAfterMs = Date.now() - cancelledAt;
      const logged = await until(() => h.logs.slice(logsBefore).some((l) => l.includes(`${tool}: cancelled by the client`)), 2_000);
      const again = host.requests.filter((r) => r.path === own).length - seen;
      host.clearFaults();
      const problem = !arrived
        ? 'the request never reached the simulator'
        : ended !== 'rejected'
          ? 'the call was answered instead of cancelled'
          : carrying.length === 0
            ? 'could not find the connection that carried the request'
            : !closed
              ? 'the platform connection stayed open after the cancel'
              : !logged
                ? 'the server never logged the cancellation'
                : again !== 1
                  ? `the platform saw ${again} requests (a retry after the cancel)`
                  : undefined;
      out.push({ tool, era, closedAfterMs, problem });
    }
  }
  return out;
}
