import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Tool } from '@modelcontextprotocol/client';
import { fullCatalog } from '../../src/tools/catalog.js';
import { loadPlatforms } from '../../src/platforms/index.js';
import type { PlatformId } from '../../src/platforms/types.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Rarely used optional arguments leave tools/list (src/platforms/listed-schema.ts `unlisted`) but
 * stay accepted, validated and sent: a guide explains each, and the description names the guide.
 */
describe('unlisted arguments', () => {
  let h: Harness;
  let client: Client;
  let tools: Map<string, Tool>;
  beforeAll(async () => {
    h = await startHarness({ flags: { toolsets: 'all' } });
    client = await h.client();
    tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
  });
  afterAll(() => h.close());

  it('each unlisted argument is optional, named in a guide of its platform, and the description names that guide', async () => {
    const platforms = await loadPlatforms();
    const guideText = new Map<PlatformId, string>(platforms.map((p) => [p.id, (p.guides ?? []).map((g) => g.text).join('\n')]));
    const problems: string[] = [];
    let unlistedCount = 0;
    for (const { name, platform, op } of fullCatalog(platforms)) {
      const tool = tools.get(name);
      if (!tool) continue;
      const listed = new Set(Object.keys(tool.inputSchema.properties ?? {}));
      const hidden = Object.keys(op.input.shape).filter((k) => !listed.has(k));
      unlistedCount += hidden.length;
      if (hidden.length && !tool.description?.includes(`${platform.id}://guides/`)) problems.push(`${name}: description names no ${platform.id} guide`);
      for (const key of hidden) {
        if (!(op.input.shape[key] as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success) problems.push(`${name}.${key}: required but unlisted`);
        if (!guideText.get(platform.id)?.includes(`\`${key}\``)) problems.push(`${name}.${key}: in no ${platform.id} guide`);
      }
    }
    expect(problems).toEqual([]);
    // The mechanism is in use (Fresns filters, Fanvue agency mirrors), so the checks above bite.
    expect(unlistedCount).toBeGreaterThan(100);
  });

  it('fresns_list_posts does not list its key and date filters', () => {
    const props = Object.keys(tools.get('fresns_list_posts')?.inputSchema.properties ?? {});
    expect(props).toEqual(expect.arrayContaining(['page', 'pageSize', 'orderType']));
    for (const key of ['whitelistKeys', 'blacklistKeys', 'createdDays', 'likeCountGt', 'mapLat']) expect(props).not.toContain(key);
  });

  it('an unlisted argument is still sent to the platform and applied', async () => {
    const all = payload<{ list: Array<Record<string, unknown>> }>(await client.callTool({ name: 'fresns_list_posts', arguments: { pageSize: 3 } }));
    expect(Object.keys(all.list[0] ?? {}).length).toBeGreaterThan(3);
    const kept = payload<{ list: Array<Record<string, unknown>> }>(await client.callTool({ name: 'fresns_list_posts', arguments: { pageSize: 3, whitelistKeys: 'pid' } }));
    expect(kept.list.length).toBeGreaterThan(0);
    for (const item of kept.list) expect(Object.keys(item)).toEqual(['pid']);
  });

  it('an unlisted argument of an agency mirror is still sent', async () => {
    const creators = payload<{ data: Array<{ uuid: string }> }>(await client.callTool({ name: 'fanvue_agency_list_creators', arguments: {} }));
    const creatorUserUuid = creators.data[0]?.uuid;
    expect(creatorUserUuid).toBeTruthy();
    expect(Object.keys(tools.get('fanvue_creator_list_posts')?.inputSchema.properties ?? {})).not.toContain('includeUnpublished');
    const withDrafts = payload<{ data: unknown[] }>(await client.callTool({ name: 'fanvue_creator_list_posts', arguments: { creatorUserUuid, size: 50 } }));
    const published = payload<{ data: unknown[] }>(await client.callTool({ name: 'fanvue_creator_list_posts', arguments: { creatorUserUuid, size: 50, includeUnpublished: false } }));
    expect(published.data.length).toBeLessThan(withDrafts.data.length);
  });

  it('an unlisted argument is still validated: a bad value is refused before anything is sent', async () => {
    const result = await client.callTool({ name: 'fresns_list_posts', arguments: { createdDays: 0 } });
    expect(result.isError).toBe(true);
    // zod's refusal, not the simulator's (which would say "Fresns … failed"): nothing reached the platform.
    expect(errorText(result)).toMatch(/^Input validation error: .*createdDays/);
  });
});
