// AutomationContext figures for `npm run bench`: how many upstream requests reading
// fanvue://automation-context costs against the minimum it needs, and its wall time against the
// critical path, with simulated upstream latency.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryTokenStore } from '../dist/auth/token-store.js';
import { createRuntime } from '../dist/runtime.js';
import { FanvueSimulator } from '../dist/sandbox/fanvue/simulator.js';

/**
 * The context needs 10 upstream requests: unread chats, recent earnings, subscribers, top
 * spenders, two earnings summaries (this and the previous period), media (with variants) and posts
 * in parallel, then one batch of insights for the subscribers it found. Two requests in a row, so
 * the critical path is twice the upstream latency.
 */
export const CONTEXT_MIN_REQUESTS = 10;
export const CONTEXT_SEQUENTIAL_STEPS = 2;

export async function measureFanvueContext({ latencyMs = 50, runs = 7 } = {}) {
  const sim = new FanvueSimulator({ latencyMs });
  await sim.start();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-ctx-'));
  try {
    const requests = [];
    const wall = [];
    for (let i = 0; i < runs; i++) {
      // A fresh runtime per run, so the context's short cache never answers for the upstream.
      const rt = await createRuntime(
        { ...sim.env(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_LOG_LEVEL: 'error' },
        { store: new MemoryTokenStore() },
      );
      const e = rt.enabled.get('fanvue');
      if (!e?.platform.automationContext) throw new Error('fanvue is not enabled by the simulator env');
      const before = sim.api.processed();
      const t0 = performance.now();
      const ctx = await e.platform.automationContext(e.client, { ...e.deps, webhooks: rt.inbox });
      wall.push(performance.now() - t0);
      requests.push(sim.api.processed() - before);
      const failed = Object.entries(ctx).filter(([, v]) => v && typeof v === 'object' && 'error' in v);
      if (failed.length) throw new Error(`context sections failed: ${failed.map(([k]) => k).join(', ')}`);
    }
    wall.sort((a, b) => a - b);
    return {
      latencyMs,
      runs,
      requests: Math.max(...requests),
      minimumRequests: CONTEXT_MIN_REQUESTS,
      wallP50Ms: wall[Math.floor(wall.length / 2)],
      wallMinMs: wall[0],
      criticalPathMs: CONTEXT_SEQUENTIAL_STEPS * latencyMs,
    };
  } finally {
    await sim.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
