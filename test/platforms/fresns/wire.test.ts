import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../../helpers/harness.js';

/**
 * What the Fresns tools offer must be what Fresns' DTOs accept (v2.21.4 `in:` rules, copied
 * here by hand so that a wrong list in the rows cannot agree with itself).
 */
const USERS = ['createdTime', 'random', 'view', 'like', 'dislike', 'follow', 'block', 'post', 'comment', 'postDigest', 'commentDigest', 'extcredits1', 'extcredits2', 'extcredits3', 'extcredits4', 'extcredits5'];
const GROUPS_V2 = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest', 'rating'];
const HASHTAGS_V2 = ['createdTime', 'random', 'view', 'like', 'follow', 'block', 'post', 'postDigest'];

describe('Fresns tool schemas offer only values Fresns accepts', () => {
  let h: Harness;
  let client: Client;
  let props: (tool: string, field: string) => { enum?: string[] } | undefined;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'fresns' }, simulators: ['fresns'] });
    client = await h.client();
    const tools = (await client.listTools()).tools;
    props = (tool, field) => (tools.find((t) => t.name === tool)?.inputSchema.properties as Record<string, { enum?: string[] }> | undefined)?.[field];
  });
  afterAll(() => h.close());

  it.each([
    ['fresns_list_users', USERS],
    ['fresns_search_users', USERS],
  ])('%s orderType is exactly the UserListDTO list (no follower/blocker)', (tool, wanted) => {
    expect([...(props(tool, 'orderType')?.enum ?? [])].sort()).toEqual([...wanted].sort());
  });

  it.each([
    ['fresns_list_groups', GROUPS_V2],
    ['fresns_list_hashtags', HASHTAGS_V2],
  ])('%s orderType offers no value Fresns refuses (no comment)', (tool, accepted) => {
    const offered = props(tool, 'orderType')?.enum ?? [];
    expect(offered).not.toContain('comment');
    for (const v of accepted) expect(offered).toContain(v);
  });

  it('fresns_apply_delete_account codeType is email or sms only', () => {
    expect([...(props('fresns_apply_delete_account', 'codeType')?.enum ?? [])].sort()).toEqual(['email', 'sms']);
  });
});
