import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

/** The SDK must pass each tool's `_meta` through to real clients, in both protocol eras. */
describe('tool _meta hints reach clients', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'all' } });
  });
  afterAll(() => h.close());

  for (const era of ['legacy', 'auto'] as const) {
    it(`${era}: every tool has a searchHint; only the credential checks and the context helpers always load`, async () => {
      const tools = (await (await h.client(era)).listTools()).tools;
      expect(tools.length).toBeGreaterThan(200);
      const missing = tools.filter((t) => typeof t._meta?.['anthropic/searchHint'] !== 'string').map((t) => t.name);
      expect(missing).toEqual([]);
      const always = tools.filter((t) => t._meta?.['anthropic/alwaysLoad'] === true).map((t) => t.name).sort();
      expect(always).toEqual(['afdian_ping', 'creator_list_accounts', 'creator_mark_handled', 'creator_wait_for_events', 'fanbook_get_me', 'fanvue_get_current_user']);
      const roles = tools.find((t) => t.name === 'fanbook_set_member_roles');
      expect(roles?._meta?.['anthropic/searchHint']).toContain('角色');
      const sponsors = tools.find((t) => t.name === 'afdian_query_sponsors');
      expect(sponsors?._meta?.['anthropic/searchHint']).toContain('赞助');
    });
  }
});
