import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskFor } from '../../src/consent/risk.js';
import { ASKS_USER } from '../../src/tools/engine.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { httpClient } from './helpers.js';

/**
 * Over every tool, as tools/list shows it: under the default policy each destructive, audience
 * or money tool is confirmed and says so (description and requiresUserInteraction), and no
 * other tool claims to be. Derived from the rows, so a new risky row cannot slip through.
 */
describe('every risky tool is confirmed under the default policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'all' }, env: { CREATOR_MCP_CONFIRM: 'risky' } });
  });
  afterAll(() => h?.close());

  it('carries the hint and the sentence exactly when it is destructive, audience or money', async () => {
    const { tools } = await (await httpClient(h, 'auto')).listTools();
    const listed = new Map(tools.map((t) => [t.name, t]));
    let risky = 0;
    for (const entry of h.rt.tools) {
      const tool = listed.get(entry.name)!;
      const atRisk = riskFor(entry.op).size > 0;
      if (atRisk) risky += 1;
      expect(entry.confirmed === true, entry.name).toBe(atRisk);
      expect(tool._meta?.['anthropic/requiresUserInteraction'] === true, entry.name).toBe(atRisk);
      expect(tool.description?.endsWith(ASKS_USER), entry.name).toBe(atRisk);
    }
    expect(risky).toBeGreaterThan(30);
    for (const name of ['fanvue_delete_post', 'fanvue_send_mass_message', 'fanbook_set_member_roles', 'fanbook_kick_member']) {
      expect(listed.get(name)?._meta?.['anthropic/requiresUserInteraction'], name).toBe(true);
    }
  });

  it('the confirm stage asks for exactly the tools marked confirmed (no hint without a question)', async () => {
    const { needsConfirmation } = await import('../../src/consent/policy.js');
    for (const entry of h.rt.tools) expect(needsConfirmation(h.rt.consent.policy, entry.name, entry.op), entry.name).toBe(entry.confirmed === true);
  });
});
