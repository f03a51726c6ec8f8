import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

/**
 * The catalog leaves out what says nothing to an agent (minLength 1, minItems 1, a pattern beside
 * its format); validation must still refuse what those keywords described, before any request.
 */
describe('compacted schemas validate as before', () => {
  let h: Harness;
  let client: Client;
  let sim: FanvueSimulator;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'all' } });
    client = await h.client();
    sim = fanvueOf(h);
  });
  afterAll(() => h.close());

  const refused = async (name: string, args: Record<string, unknown>, field: string) => {
    const before = sim.api.processed();
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError, JSON.stringify(result)).toBe(true);
    expect(errorText(result)).toContain(field);
    expect(sim.api.processed() - before).toBe(0);
  };

  it('shows the shape as a format and no pattern, yet refuses a date-time that does not exist', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === 'fanvue_get_earnings');
    expect(tool?.inputSchema.properties?.startDate).toEqual({ description: 'Inclusive.', format: 'date-time', type: 'string' });
    await refused('fanvue_get_earnings', { startDate: '2026-13-45T25:61:00Z' }, 'startDate');
    await refused('fanvue_get_earnings', { startDate: 'yesterday' }, 'startDate');
  });

  it('refuses an empty string where minLength 1 was left out', async () => {
    await refused('fanvue_create_post_comment', { uuid: '00000000-0000-4000-8000-000000000000', text: '' }, 'text');
  });

  it('refuses an empty list where minItems 1 was left out', async () => {
    await refused('fanvue_get_online_statuses', { userUuids: [] }, 'userUuids');
  });

  it('refuses a malformed uuid where the pattern was left out', async () => {
    await refused('fanvue_get_post', { uuid: 'not-a-uuid' }, 'uuid');
  });
});
