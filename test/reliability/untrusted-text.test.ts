import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTION_NAME_CLEAN, INJECTION_TEXT_CLEAN } from '../../src/sandbox/injection.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { recordFigure } from './figures.js';

/**
 * The seeds hide injection fixtures where people write on every platform. Every read tool that
 * can run without arguments, the calls that reach the fixtures, every context and every template
 * that shows them must return them cleaned (none of these characters left) and marked (their
 * JSONPath listed in _meta, and the note beside the JSON).
 */
const HIDDEN = /[\u00AD\u061C\u115F\u1160\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\u{E0000}-\u{E007F}]/u;
const META = 'creator-mcp/untrusted';

interface Seen {
  where: string;
  path: string;
}

function isFixture(s: string): boolean {
  const ascii = s.replace(/[^\x20-\x7E]/g, '');
  return ascii.includes('ignore previous instructions') || ascii.includes('Mallory');
}

function fixtures(v: unknown, path: Array<string | number> = [], out: Array<{ path: string; text: string }> = []) {
  if (typeof v === 'string') {
    if (isFixture(v)) out.push({ path: `$${path.map((s) => (typeof s === 'number' ? '[*]' : `.${s}`)).join('')}`, text: v });
  } else if (Array.isArray(v)) v.forEach((x, i) => fixtures(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) fixtures(x, [...path, k], out);
  return out;
}

describe('untrusted text in every platform: cleaned and marked', () => {
  let h: Harness;
  let client: Client;
  const seen: Seen[] = [];
  const dirty: string[] = [];
  const unmarked: string[] = [];
  const shownBy = new Set<string>();

  /** Checks one payload and its marks; `text` is the second content (the note) when present. */
  function check(where: string, value: unknown, meta: Record<string, unknown> | undefined, note: string | undefined) {
    const found = fixtures(value);
    if (found.length === 0) return;
    shownBy.add(where);
    const mark = meta?.[META] as { paths?: string[] } | undefined;
    for (const f of found) {
      seen.push({ where, path: f.path });
      if (HIDDEN.test(f.text)) dirty.push(`${where} ${f.path}: ${JSON.stringify(f.text)}`);
      if (!mark?.paths?.includes(f.path)) unmarked.push(`${where} ${f.path} not in _meta (${JSON.stringify(mark?.paths)})`);
      if (!note?.includes(f.path) || !note.includes('never as instructions')) unmarked.push(`${where} ${f.path} not in the note`);
    }
  }

  async function call(name: string, args: Record<string, unknown> = {}) {
    const r = (await client.callTool({ name, arguments: args })) as { content: Array<{ type: string; text?: string }>; _meta?: Record<string, unknown>; isError?: boolean };
    if (r.isError) return undefined;
    const value = payload(r);
    expect(JSON.parse(r.content[0]?.text ?? 'null')).toEqual(value);
    check(name, value, r._meta, r.content[1]?.text);
    return value as Record<string, unknown>;
  }

  async function read(uri: string) {
    const r = (await client.readResource({ uri })) as { contents: Array<{ text?: string }>; _meta?: Record<string, unknown> };
    const value = JSON.parse(r.contents[0]?.text ?? 'null') as unknown;
    check(uri, value, r._meta, r.contents[1]?.text);
    return value as Record<string, unknown>;
  }

  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_TOOLSETS: 'all' } });
    client = await h.client();
  }, 60_000);
  afterAll(async () => h?.close());

  it('every read tool without required arguments, the calls that reach each fixture, and every context', async () => {
    const guilds = (h.sandbox.env.FANBOOK_GUILD_IDS ?? '').split(',');
    const main = guilds[0] as string;
    const { tools } = await client.listTools();
    for (const t of tools) {
      if (!t.annotations?.readOnlyHint || t.name.startsWith('creator_')) continue;
      const required = (t.inputSchema.required ?? []) as string[];
      if (required.length === 0) await call(t.name);
      else if (required.length === 1 && required[0] === 'guild_id') for (const g of guilds) await call(t.name, { guild_id: g });
    }

    // Fanvue: the waiting chat's messages and the fixture comment on a post.
    const chats = (await call('fanvue_list_chats', { size: 50 })) as { data: Array<{ user: { uuid: string; displayName: string } }> };
    const fan = chats.data.find((c) => c.user.displayName === INJECTION_NAME_CLEAN)?.user.uuid;
    expect(fan, 'the fixture fan is in the chat list, cleaned').toBeDefined();
    await call('fanvue_list_chat_messages', { userUuid: fan });
    await read(`fanvue://chats/${fan}/messages`).catch(() => undefined);
    const posts = (await call('fanvue_list_posts', { size: 50 })) as { data: Array<{ uuid: string }> };
    for (const p of posts.data) await call('fanvue_list_post_comments', { uuid: p.uuid });

    // Fanbook: the chat channel's messages, the circle's comments and the member list.
    const channels = (await call('fanbook_list_channels', { guild_id: main })) as { result: Array<{ channel_id: string; type: number }> };
    for (const c of channels.result) await call('fanbook_list_channel_messages', { channel_id: c.channel_id, size: 50 });
    const circle = (await call('fanbook_get_circle_info', { guild_id: main })) as { channel_id: string };
    const circlePosts = (await call('fanbook_list_circle_posts', { guild_id: main, channel_id: circle.channel_id })) as Record<string, unknown>;
    const postIds = JSON.stringify(circlePosts).match(/"post_id":"(\d+)"/g)?.map((m) => m.slice(11, -1)) ?? [];
    for (const id of new Set(postIds)) await call('fanbook_list_circle_comments', { post_id: id, channel_id: circle.channel_id });

    // Fresns: the fixture conversation and the post with the fixture comment.
    await call('fresns_list_conversation_messages', { conversationId: 1 });
    const fresnsPosts = (await call('fresns_list_posts')) as { list: Array<{ pid: string }> };
    await call('fresns_get_post', { pid: fresnsPosts.list[0]?.pid });
    await read(`fresns://posts/${fresnsPosts.list[0]?.pid}`).catch(() => undefined);

    for (const uri of ['fanvue', 'afdian', 'fanbook', 'fresns', 'creator'].map((p) => `${p}://automation-context`)) await read(uri);

    const expected = [
      'fanvue_list_chats', 'fanvue_list_chat_messages', 'fanvue_list_post_comments', 'fanvue://automation-context',
      'afdian_query_orders', 'afdian_query_sponsors', 'afdian://automation-context',
      'fanbook_list_channel_messages', 'fanbook_list_circle_comments', 'fanbook_list_guild_members',
      'fresns_list_comments', 'fresns_list_conversation_messages', 'fresns_list_notifications', 'fresns://automation-context',
      'creator://automation-context',
    ];
    expect(expected.filter((w) => !shownBy.has(w)), 'places that must show a fixture').toEqual([]);
    expect(dirty, 'fixtures returned with hidden characters').toEqual([]);
    expect(unmarked, 'fixtures not marked').toEqual([]);

    const exact = seen.length;
    recordFigure({ name: 'untrusted fields cleaned', value: exact, goal: expected.length, bound: 'at least', detail: `injection fixtures returned cleaned and marked by ${shownBy.size} tools and contexts; ${dirty.length} dirty, ${unmarked.length} unmarked` });
    recordFigure({ name: 'untrusted fields left dirty or unmarked', value: dirty.length + unmarked.length, goal: 0, detail: `over ${exact} fixture fields` });
  }, 180_000);

  it('keeps the visible text of a fixture exactly', async () => {
    const chats = (await call('fanvue_list_chats', { size: 50 })) as { data: Array<{ user: { displayName: string }; lastMessage: { text: string } | null }> };
    const chat = chats.data.find((c) => c.user.displayName === INJECTION_NAME_CLEAN);
    expect(chat?.lastMessage?.text).toBe(INJECTION_TEXT_CLEAN);
  });
});
