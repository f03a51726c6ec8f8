import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFromGrant } from '../../src/auth/oauth-session.js';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

const OTHER_USER = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';

/**
 * Fanvue keys its 200-per-60-s bucket clientId:userUuid[:creatorUserUuid] (reference fanvue.md
 * §5.2), and so does the client-side limiter: a spent budget of one user never holds another's
 * calls. (Before, every user of a process shared one "self" bucket.)
 */
describe('Fanvue rate buckets per app, user and creator, through MCP', () => {
  let h: Harness;
  let sim: FanvueSimulator;
  const store = new MemoryTokenStore();
  beforeAll(async () => {
    h = await startHarness({ simulators: ['fanvue'], store });
    sim = fanvueOf(h);
  });
  afterAll(() => {
    sim.limits.limit = 200;
    sim.limits.reset();
    return h.close();
  });

  it('after one user spends the budget, a call as another user of the same app goes at once', async () => {
    const client = await h.client();
    sim.limits.reset();
    // Fanvue answers X-RateLimit-Remaining 0 at the third call: the limiter holds that bucket
    // until the reset a minute later, longer than this test may run.
    sim.limits.limit = 3;
    for (let i = 0; i < 3; i++) payload(await client.callTool({ name: 'fanvue_get_unread_counts', arguments: {} }));
    // The account is logged in as someone else now (as `creator-mcp login fanvue` stores it).
    const grant = sim.oauth.preIssue(undefined, OTHER_USER);
    const record = recordFromGrant('fanvue', 'default', grant, await store.get('fanvue', 'default'));
    await store.put({ ...record, data: { ...record.data, user_id: OTHER_USER } });
    payload(await client.callTool({ name: 'fanvue_get_unread_counts', arguments: {} }));
    expect(sim.limits.refused).toBe(0);
  });
});
