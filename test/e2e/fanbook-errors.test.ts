import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { errorText, HTTP_TOKEN, payload, startHarness, type Harness } from '../helpers/harness.js';
import { call, fanbookOf, loginDirect, seedOf } from '../platforms/fanbook/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

describe('Fanbook refusals become one actionable error', () => {
  let h: Harness;
  let sim: FanbookSimulator;
  let client: Client;
  let s: ReturnType<typeof seedOf>;
  beforeAll(async () => {
    h = await startHarness();
    sim = fanbookOf(h);
    s = seedOf(sim);
    client = await h.client();
  });
  afterAll(() => h.close());

  it('bot not in the guild (1008), no permission (1012), bad parameter (HTTP 400, 1001)', async () => {
    const notIn = errorText(await call(client, 'fanbook_get_guild_roles', { guild_id: s.foreign }));
    expect(notIn).toMatch(/^Fanbook fanbook_get_guild_roles failed \(HTTP 200, code 1008\): .+\. The bot is not a member of that guild/);
    const denied = errorText(await call(client, 'fanbook_set_member_roles', { guild_id: s.limited, user_id: s.users.u1, roles: [] }));
    expect(denied).toContain('code 1012');
    expect(denied).toContain('lacks the permission');
    const bad = errorText(await call(client, 'fanbook_update_member_roles', { guild_id: s.main, user_id: s.users.u1, roles: ['463992311181737999'], operation: 'add' }));
    expect(bad).toMatch(/HTTP 400, code 1001/);
    expect(bad).toContain('463992311181737999');
  });

  it('user closed DMs (1037) and user blocked the bot (1038)', async () => {
    const closed = payload<Json>(await call(client, 'fanbook_get_private_chat', { user_id: s.users.u4 }));
    expect(closed.type).toBe('private');
    const again = payload<Json>(await call(client, 'fanbook_get_private_chat', { user_id: s.users.u4 }));
    expect(again.id).toBe(closed.id);
    const e1037 = errorText(await call(client, 'fanbook_send_message', { chat_id: closed.id, text: 'hi' }));
    expect(e1037).toContain('code 1037');
    expect(e1037).toContain('closed private messages');
    const blocked = payload<Json>(await call(client, 'fanbook_get_private_chat', { user_id: s.users.u5 }));
    expect(errorText(await call(client, 'fanbook_send_message', { chat_id: blocked.id, text: 'hi' }))).toContain('code 1038');
    const open = payload<Json>(await call(client, 'fanbook_get_private_chat', { user_id: s.users.u1 }));
    expect(payload<Json>(await call(client, 'fanbook_send_message', { chat_id: open.id, text: '私信你好' })).chat.type).toBe('private');
  });

  it('the send rate limit (HTTP 400, 10002) says to wait', async () => {
    // 0: a bot that is off the whitelist and has used up its second.
    sim.model.sendLimitPerSecond = 0;
    try {
      const limited = errorText(await call(client, 'fanbook_send_message', { chat_id: s.chat, text: 'two' }));
      expect(limited).toMatch(/HTTP 400, code 10002\): limit for bot send per 1 second/);
      expect(limited).toContain('wait at least 1 s');
    } finally {
      sim.model.sendLimitPerSecond = 1;
    }
  });

  it('refuses bad arguments by name before any request leaves the server', async () => {
    const before = sim.host.requests.length;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      // An ID given as a JSON number has already lost digits by the time it arrives.
      ['fanbook_send_message', { chat_id: Number('463992311200738042'), text: 'x' }, 'chat_id'],
      ['fanbook_send_message', { chat_id: '0463992311200738042', text: 'x' }, 'chat_id'],
      ['fanbook_send_message', { chat_id: s.chat, text: 'x', ephemeral: true }, 'users'],
      ['fanbook_send_message', { chat_id: s.chat, text: '{"type":', parse_mode: 'Fanbook' }, 'text'],
      ['fanbook_send_message', { chat_id: s.chat, text: { type: 'richText', title: 't' } }, 'document'],
      ['fanbook_kick_member', { user_id: s.users.u1 }, 'guild_id'],
      ['fanbook_get_updates', { timeout: 60 }, 'timeout'],
      ['fanbook_update_member_roles', { guild_id: s.main, user_id: s.users.u1, roles: [s.vip], operation: 'toggle' }, 'operation'],
      ['fanbook_set_guild_credit', { user_id: s.users.u1, card_id: 'card-0000001', guild_credit: { slots: [[{ value: '1' }]] } }, 'guild_id'],
    ];
    for (const [name, args, field] of cases) expect(errorText(await call(client, name, args)), `${name} ${field}`).toContain(field);
    expect(sim.host.requests.length).toBe(before);
  });

  it('polls for updates: a long poll answers when a member @mentions the bot, and next_offset confirms', async () => {
    const polling = call(client, 'fanbook_get_updates', { timeout: 10 });
    setTimeout(() => sim.userMessage(s.chat, s.users.u2, `\${@!${s.bot}} 今天签到`), 300);
    const started = Date.now();
    const first = payload<{ updates: Json[]; next_offset: string }>(await polling);
    expect(Date.now() - started).toBeLessThan(8_000);
    const mine = first.updates.find((u) => u.message.from.id === s.users.u2);
    expect(mine?.message.chat.id).toBe(s.chat);
    expect(BigInt(first.next_offset)).toBe(BigInt(first.updates.at(-1)!.update_id) + 1n);
    const after = payload<{ updates: Json[] }>(await call(client, 'fanbook_get_updates', { offset: first.next_offset, timeout: 0 }));
    expect(after.updates).toEqual([]);
  });

  // A 2026-era client cancels through the protocol (a 2025-era one over stateless HTTP cannot reach the running call).
  it('cancels a long poll when the client cancels the call', async () => {
    const modern = await h.client('auto');
    const controller = new AbortController();
    const started = Date.now();
    const polling = modern.callTool({ name: 'fanbook_get_updates', arguments: { timeout: 20 } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(polling).rejects.toThrow();
    await expect.poll(() => h.logs.join(''), { timeout: 5_000 }).toMatch(/fanbook_get_updates: cancelled by the client/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('Fanbook secrets', () => {
  it('never shows the bot token, the client secret or OAuth tokens in results, errors, resources or logs', async () => {
    const outputs: string[] = [];
    const secrets: string[] = [HTTP_TOKEN];
    for (const token of [undefined, 'wrong0bot0token0ffffffffffffffffffffffff']) {
      const store = new MemoryTokenStore();
      const h = await startHarness({ store, env: token ? { FANBOOK_BOT_TOKEN: token } : {} });
      try {
        const sim = fanbookOf(h);
        const s = seedOf(sim);
        const grant = await loginDirect(sim, store);
        secrets.push(sim.credentials.botToken, sim.credentials.clientSecret, sim.state.bot.user_token, grant.access_token, grant.refresh_token as string);
        if (token) secrets.push(token);
        const client = await h.client();
        // A retried read puts the request path (with the token) into a warning line.
        sim.host.injectFault({ kind: 'status-before', status: 503, pathPrefix: '/api/bot/' });
        const calls: Array<[string, Record<string, unknown>]> = [
          ['fanbook_get_me', {}],
          ['fanbook_list_channels', { guild_id: s.main }],
          ['fanbook_send_message', { chat_id: s.chat, text: 'hello' }],
          ['fanbook_get_guild_roles', { guild_id: s.foreign }],
          ['fanbook_list_guild_members', { guild_id: s.main }],
          ['fanbook_oauth_get_me', {}],
          ['fanbook_oauth_get_guilds', {}],
        ];
        for (const [name, args] of calls) outputs.push(JSON.stringify(await call(client, name, args)));
        for (const uri of ['fanbook://automation-context', 'creator://automation-context', `fanbook://guilds/${s.main}`]) {
          outputs.push(JSON.stringify(await client.readResource({ uri })));
        }
        outputs.push(...h.logs);
        // Every getMe issued a new gateway user_token; the newest must not show either.
        secrets.push(sim.state.bot.user_token);
        if (token) expect(outputs.join('\n')).toMatch(/HTTP 401.+FANBOOK_BOT_TOKEN/);
        else expect(h.logs.join('')).toMatch(/Fanbook: HTTP 503 on GET \/api\/bot\/\[REDACTED\]\/getMe; retrying/);
      } finally {
        await h.close();
      }
    }
    const all = outputs.join('\n');
    expect(all).toContain('"first_name":"bot-creator-mcp-sandbox"');
    for (const secret of secrets) expect(all.includes(secret), `leaked ${secret.slice(0, 4)}…`).toBe(false);
  });
});
