import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Tool } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../helpers/harness.js';

const GUIDE_URI = /\b[a-z]+:\/\/guides\/[a-z0-9-]+/g;

/** Every description in a tool definition: the tool's own and each parameter's, however nested. */
function descriptions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) descriptions(v, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'description' && typeof v === 'string') out.push(v);
      else descriptions(v, out);
    }
  }
  return out;
}

const guideUris = async (c: Client) => (await c.listResources()).resources.map((r) => r.uri).filter((u) => u.includes('://guides/'));

/** Guides are resources that descriptions point to, so tools/list can stay short. */
describe('<platform>://guides/<topic>', () => {
  let all: Harness;
  let afdianOnly: Harness;
  let fanbookOnly: Harness;
  let tools: Tool[];
  let client: Client;
  beforeAll(async () => {
    [all, afdianOnly, fanbookOnly] = await Promise.all([
      startHarness({ flags: { toolsets: 'all' } }),
      startHarness({ flags: { toolsets: 'afdian' } }),
      startHarness({ flags: { toolsets: 'fanbook_messages' } }),
    ]);
    client = await all.client();
    tools = (await client.listTools()).tools;
  });
  afterAll(() => Promise.all([all?.close(), afdianOnly?.close(), fanbookOnly?.close()]));

  it('every guide a tool description points to is listed and readable as markdown', async () => {
    const listed = new Set(await guideUris(client));
    const pointed = new Map<string, string>();
    for (const tool of tools) for (const d of descriptions(tool)) for (const [uri] of d.matchAll(GUIDE_URI)) pointed.set(uri, tool.name);
    // The long Fanbook message and Fresns content formats must live in guides, not in tools/list.
    expect([...pointed.keys()]).toEqual(expect.arrayContaining(['fanbook://guides/messages', 'fresns://guides/content']));
    for (const [uri, tool] of pointed) {
      expect(listed.has(uri), `${tool} points to ${uri}, which is not listed`).toBe(true);
      const read = await client.readResource({ uri });
      expect(read.contents).toHaveLength(1);
      const content = read.contents[0] as { uri: string; mimeType?: string; text?: string };
      expect(content).toMatchObject({ uri, mimeType: 'text/markdown' });
      expect(content.text!.length, uri).toBeGreaterThan(500);
    }
  });

  it('the Fanbook guide carries what fanbook_send_message no longer spells out', async () => {
    const { contents } = await client.readResource({ uri: 'fanbook://guides/messages' });
    const text = (contents[0] as { text: string }).text;
    for (const needle of ['"type":"richText"', '"type":"messageCard"', '${@!user_id}', '${@&role_id}', 'inline_keyboard', 'ephemeral', '["all"]', '1037', '10002']) {
      expect(text).toContain(needle);
    }
  });

  it('lists only the guides of platforms this configuration exposes', async () => {
    expect(await guideUris(await fanbookOnly.client())).toEqual(['fanbook://guides/messages']);
    expect((await guideUris(await afdianOnly.client())).filter((u) => !u.startsWith('afdian://'))).toEqual([]);
    await expect((await afdianOnly.client()).readResource({ uri: 'fanbook://guides/messages' })).rejects.toThrow();
  });
});
