import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../../src/auth/token-store.js';
import { fanbook } from '../../../src/platforms/fanbook/index.js';
import type { FanbookSimulator } from '../../../src/sandbox/fanbook/index.js';
import { payload, startHarness, type Harness } from '../../helpers/harness.js';
import { fanbookOf, loginDirect, seedOf, wireBody, withoutToken } from './helpers.js';
import { ROWS, type Ctx } from './rows.js';
import { SEED } from './seed-methods.js';

describe('Fanbook request table: every tool → method, path and body', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  beforeAll(async () => {
    const store = new MemoryTokenStore();
    h = await startHarness({ flags: { toolsets: 'all' }, store, simulators: ['fanbook'] });
    sim = fanbookOf(h);
    await loginDirect(sim, store);
    client = await h.client();
  });
  afterAll(() => h.close());

  it('has exactly one row per Fanbook tool', () => {
    const tools = fanbook.operations.map((o) => `fanbook_${o.name}`).sort();
    expect(ROWS.map((r) => r.tool).sort()).toEqual(tools);
  });

  it('maps every seed method to a tool with its HTTP method, or says why it is left out', () => {
    const byTool = new Map(fanbook.operations.map((o) => [`fanbook_${o.name}`, o]));
    for (const [method, path, outcome] of SEED) {
      if ('leftOut' in outcome) {
        expect(outcome.leftOut.length, path).toBeGreaterThan(10);
        continue;
      }
      const op = byTool.get(outcome.tool);
      expect(op, outcome.tool).toBeDefined();
      const [m, p] = (outcome.corrected ?? `${method} ${path}`).split(' ');
      const full = (p as string).startsWith('/') ? (p as string) : `/api/bot/<token>/${p}`;
      expect(`${op?.method} ${op?.path}`, outcome.tool).toBe(`${m} ${full}`);
    }
    const covered = new Set(SEED.flatMap(([, , o]) => ('tool' in o ? [o.tool] : [])));
    expect([...byTool.keys()].filter((t) => !covered.has(t))).toEqual([]);
  });

  it('sends each tool as Fanbook expects, IDs as integers or strings with every digit', async () => {
    const s = seedOf(sim);
    const c: Ctx = {};
    for (const row of ROWS) {
      const before = sim.host.requests.length;
      const data = payload<Record<string, unknown>>(await client.callTool({ name: row.tool, arguments: row.args(s, c) }));
      // The bot's own id is looked up once (getMe) the first time a tool defaults to it.
      const sent = sim.host.requests
        .slice(before)
        .filter((r) => r.path.startsWith('/api/bot/') || r.path.startsWith('/open/api/'))
        .filter((r) => row.tool === 'fanbook_get_me' || !(r.path.startsWith('/api/bot/') && r.path.endsWith('/getMe')));
      expect(sent, row.tool).toHaveLength(1);
      const req = sent[0]!;
      expect(`${req.method} ${withoutToken(sim, req.path)}`, row.tool).toBe(`${row.method} ${row.path}`);
      expect(wireBody(req), row.tool).toEqual(row.body(s, c));
      row.keep?.(data, c);
    }
  });
});
