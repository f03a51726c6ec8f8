import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSafetySettings } from '../../src/safety/settings.js';
import { cleanUntrusted, WITHHELD, type UntrustedText } from '../../src/safety/untrusted.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';

type Users = { data: Array<{ displayName: string; status?: string | null }> };

describe('CREATOR_MCP_LOCKDOWN=1 through a real client', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_TOOLSETS: 'all', CREATOR_MCP_LOCKDOWN: '1' } });
    client = await h.client();
  }, 60_000);
  afterAll(async () => h?.close());

  it('leaves out the names of followers who do not subscribe, and says so in _meta', async () => {
    const r = await client.callTool({ name: 'fanvue_list_followers', arguments: { size: 50 } });
    const followers = payload<Users>(r);
    expect(followers.data.length).toBeGreaterThan(0);
    expect(followers.data.every((f) => f.displayName === WITHHELD)).toBe(true);
    expect((r._meta?.['creator-mcp/untrusted'] as { withheld: number }).withheld).toBe(followers.data.length);
  });

  it('keeps subscribers, and tracking-link users by the status Fanvue gives', async () => {
    const subs = payload<Users>(await client.callTool({ name: 'fanvue_list_subscribers', arguments: { size: 50 } }));
    expect(subs.data.some((s) => s.displayName === WITHHELD)).toBe(false);
    const links = payload<{ data: Array<{ uuid: string }> }>(await client.callTool({ name: 'fanvue_list_tracking_links', arguments: {} }));
    const users: Users['data'] = [];
    for (const l of links.data) users.push(...payload<Users>(await client.callTool({ name: 'fanvue_list_tracking_link_users', arguments: { uuid: l.uuid } })).data);
    expect(users.some((u) => u.status === 'subscriber')).toBe(true);
    expect(users.some((u) => u.status !== 'subscriber')).toBe(true);
    for (const u of users) expect(u.displayName === WITHHELD).toBe(u.status !== 'subscriber');
  });
});

describe('lockdown rules', () => {
  const rules: UntrustedText = {
    fields: ['data.*.name', 'data.*.note'],
    lockdown: [{ at: 'data.*', field: 'status', outsiders: ['follower'] }],
  };
  const value = { data: [{ name: 'a\u200Bb', status: 'follower', note: 'x' }, { name: 'c', status: 'subscriber' }, { name: 'd' }] };

  it('off: cleans only; on: leaves out what the payload says an outsider wrote, keeps what it does not say', () => {
    expect(cleanUntrusted(value, rules, { lockdown: false }).value).toEqual({ data: [{ name: 'ab', status: 'follower', note: 'x' }, { name: 'c', status: 'subscriber' }, { name: 'd' }] });
    const on = cleanUntrusted(value, rules, { lockdown: true });
    expect(on.value).toEqual({ data: [{ name: WITHHELD, status: 'follower', note: WITHHELD }, { name: 'c', status: 'subscriber' }, { name: 'd' }] });
    expect(on.report).toEqual({ paths: ['$.data[*].name', '$.data[*].note'], fields: 4, cleaned: 0, withheld: 2 });
  });

  it('accepts only the documented boolean spellings', () => {
    expect(loadSafetySettings({ CREATOR_MCP_LOCKDOWN: 'on' }).lockdown).toBe(true);
    expect(loadSafetySettings({}).lockdown).toBe(false);
    expect(() => loadSafetySettings({ CREATOR_MCP_LOCKDOWN: 'maybe' })).toThrow(/CREATOR_MCP_LOCKDOWN must be one of/);
    expect(() => loadSafetySettings({ CREATOR_MCP_AUDIT_MAX_BYTES: '0' })).toThrow(/CREATOR_MCP_AUDIT_MAX_BYTES/);
  });
});
