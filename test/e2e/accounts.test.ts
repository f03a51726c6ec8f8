import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, StreamableHTTPClientTransport, type Tool } from '@modelcontextprotocol/client';
import { createAfdianSimulator, type AfdianSimulator } from '../../src/sandbox/afdian/simulator.js';
import { createFanbookSimulator, type FanbookSimulator } from '../../src/sandbox/fanbook/simulator.js';
import { startListeners } from '../../src/listeners.js';
import { runCli } from '../helpers/cli.js';
import { errorText, HTTP_TOKEN, payload, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Two Fanbook bots and two Afdian creators configured by environment, against simulators that
 * check each account's own credentials: the tools take `account`, each call reaches the account
 * it names, a pinned X-MCP-Accounts header confines a client, and no account sees the other's data.
 */
describe('several accounts per platform', () => {
  let h: Harness;
  let fb: FanbookSimulator;
  let af: AfdianSimulator;
  let env: Record<string, string>;
  const clients: Client[] = [];

  const connect = async (headers: Record<string, string> = {}) => {
    const client = new Client({ name: 'accounts-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(h.http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}`, ...headers } } }));
    clients.push(client);
    return client;
  };
  const tool = (tools: Tool[], name: string) => tools.find((t) => t.name === name) as Tool;
  const accountProp = (t: Tool) => (t.inputSchema.properties as Record<string, { enum?: string[] }> | undefined)?.account;
  /** Everything that identifies one account's world on the simulators. */
  const afdianIds = (orders: Array<{ out_trade_no: string }>) => orders.map((o) => o.out_trade_no);
  const fanbookIds = (s: FanbookSimulator['state']) => [s.bot.id, ...s.guilds.keys(), ...s.channels.keys()];

  beforeAll(async () => {
    // The second bot's and creator's credentials are fixed simulator defaults, like the first's.
    const [fb0, af0] = [createFanbookSimulator(), createAfdianSimulator()];
    env = {
      FANBOOK_BOT_TOKEN__shop2: fb0.second.credentials.botToken,
      FANBOOK_GUILD_IDS__shop2: fb0.second.seed.main,
      AFDIAN_USER_ID__main: af0.second.credentials.userId,
      AFDIAN_TOKEN__main: af0.second.credentials.token,
    };
    h = await startHarness({ simulators: ['fanbook', 'afdian'], env });
    fb = h.sandbox.platforms.find((p) => p.platform === 'fanbook')!.simulator as FanbookSimulator;
    af = h.afdian;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await h?.close();
  });

  it('gives every tool of a platform with two accounts a required account enum, and nothing else changes', async () => {
    const tools = (await (await connect()).listTools()).tools;
    for (const [name, names] of [
      ['fanbook_get_me', ['default', 'shop2']],
      ['fanbook_send_message', ['default', 'shop2']],
      ['afdian_query_orders', ['default', 'main']],
      ['afdian_update_plan_reply', ['default', 'main']],
    ] as const) {
      const t = tool(tools, name);
      expect(accountProp(t)?.enum, name).toEqual(names);
      expect(t.inputSchema.required, name).toContain('account');
    }
    // Built-in tools are not per platform.
    expect(accountProp(tool(tools, 'creator_mark_handled'))).toBeUndefined();
  });

  it('routes each call to the account it names; the simulators accept only that account’s credentials', async () => {
    const c = await connect();
    const me = async (account: string) => payload<{ first_name: string; id: string }>(await c.callTool({ name: 'fanbook_get_me', arguments: { account } }));
    expect((await me('default')).first_name).toBe(fb.state.bot.first_name);
    expect((await me('shop2')).first_name).toBe(fb.second.state.bot.first_name);
    expect(fb.second.state.bot.first_name).not.toBe(fb.state.bot.first_name);

    const ping = async (account: string) => payload<{ uid: string }>(await c.callTool({ name: 'afdian_ping', arguments: { account } }));
    expect((await ping('default')).uid).toBe(af.credentials.userId);
    expect((await ping('main')).uid).toBe(af.second.credentials.userId);

    // A bot cannot reach the other bot's guild: the simulator answers as Fanbook does for a stranger.
    const foreign = await c.callTool({ name: 'fanbook_get_guild', arguments: { account: 'default', guild_id: fb.second.seed.main } });
    expect(errorText(foreign)).toMatch(/Fanbook/);
    const own = payload<{ guild_id: string }>(await c.callTool({ name: 'fanbook_get_guild', arguments: { account: 'shop2', guild_id: fb.second.seed.main } }));
    expect(String(own.guild_id)).toBe(fb.second.seed.main);
  });

  it('refuses a missing or unknown account with one clear error, and sends nothing', async () => {
    const c = await connect();
    const before = af.host.requests.length + fb.host.requests.length;
    const missing = errorText(await c.callTool({ name: 'afdian_query_orders', arguments: {} }));
    expect(missing).toMatch(/Invalid arguments for tool afdian_query_orders: account/);
    const unknown = errorText(await c.callTool({ name: 'fanbook_get_me', arguments: { account: 'shop3' } }));
    expect(unknown).toMatch(/account/);
    expect(unknown).toMatch(/default|shop2/);
    expect(af.host.requests.length + fb.host.requests.length).toBe(before);
  });

  it('a pinned X-MCP-Accounts header confines a client, in listing and in calling', async () => {
    const pinned = await connect({ 'X-MCP-Accounts': 'fanbook=shop2,afdian=main' });
    const tools = (await pinned.listTools()).tools;
    // One account left: the enum narrows to it and the argument becomes optional.
    expect(accountProp(tool(tools, 'fanbook_get_me'))?.enum).toEqual(['shop2']);
    expect(tool(tools, 'fanbook_get_me').inputSchema.required ?? []).not.toContain('account');
    expect(accountProp(tool(tools, 'afdian_query_orders'))?.enum).toEqual(['main']);
    // Without the argument the call goes to the pinned account; naming another is refused.
    expect(payload<{ first_name: string }>(await pinned.callTool({ name: 'fanbook_get_me', arguments: {} })).first_name).toBe(fb.second.state.bot.first_name);
    const before = fb.host.requests.length;
    expect(errorText(await pinned.callTool({ name: 'fanbook_get_me', arguments: { account: 'default' } }))).toMatch(/account/);
    expect(fb.host.requests.length).toBe(before);
    const listed = payload<{ platforms: Record<string, { accounts: Array<{ name: string }> }> }>(await pinned.callTool({ name: 'creator_list_accounts', arguments: {} }));
    expect(Object.fromEntries(Object.entries(listed.platforms).map(([p, v]) => [p, v.accounts.map((a) => a.name)]))).toEqual({ fanbook: ['shop2'], afdian: ['main'] });

    // Two accounts pinned for one platform keep the argument required, with just those two.
    const both = await connect({ 'X-MCP-Accounts': 'fanbook=shop2,fanbook=default' });
    expect(accountProp(tool((await both.listTools()).tools, 'fanbook_get_me'))?.enum).toEqual(['default', 'shop2']);
  });

  it('search mode: creator_find_tools shows the account enum and creator_call_tool routes and refuses the same way', async () => {
    const c = await connect({ 'X-MCP-Tool-Mode': 'search' });
    const found = payload<{ tools: Tool[] }>(await c.callTool({ name: 'creator_find_tools', arguments: { query: 'fanbook_get_me' } }));
    expect(accountProp(tool(found.tools, 'fanbook_get_me'))?.enum).toEqual(['default', 'shop2']);
    const call = (args: Record<string, unknown>) => c.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_get_me', arguments: args } });
    expect(payload<{ first_name: string }>(await call({ account: 'shop2' })).first_name).toBe(fb.second.state.bot.first_name);
    expect(errorText(await call({}))).toMatch(/Invalid arguments for tool fanbook_get_me: account/);
    const pinned = await connect({ 'X-MCP-Tool-Mode': 'search', 'X-MCP-Accounts': 'fanbook=shop2' });
    const refused = await pinned.callTool({ name: 'creator_call_tool', arguments: { name: 'fanbook_get_me', arguments: { account: 'default' } } });
    expect(errorText(refused)).toMatch(/account/);
  });

  it('a header naming an unknown platform or account is a 400 that says which', async () => {
    for (const [value, said] of [
      ['fanbook=shop3', /fanbook has no account "shop3"/],
      ['fanvue=default', /"fanvue" is not an enabled platform/],
      ['fanbook', /must be platform=account/],
    ] as const) {
      const res = await fetch(h.http.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${HTTP_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'X-MCP-Accounts': value },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
      expect(res.status, value).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(said);
    }
  });

  it('creator_list_accounts lists both accounts of each platform, without a secret', async () => {
    const r = await (await connect()).callTool({ name: 'creator_list_accounts', arguments: {} });
    const listed = payload<{ platforms: Record<string, { accounts: Array<{ name: string; source: string }>; accountArgument: boolean }> }>(r);
    expect(listed.platforms.fanbook).toEqual({ accounts: [{ name: 'default', source: 'env' }, { name: 'shop2', source: 'env' }], accountArgument: true });
    expect(listed.platforms.afdian?.accounts.map((a) => a.name)).toEqual(['default', 'main']);
    const text = JSON.stringify(r);
    for (const secret of Object.values(env)) if (secret.length > 20) expect(text).not.toContain(secret);
  });

  it('leak scan: concurrent calls and contexts of two accounts of one platform never carry the other’s data', async () => {
    const c = await connect();
    const ordersOf = { default: afdianIds(h.afdian.state.orders), main: afdianIds(af.second.state.orders) };
    const worldOf = { default: fanbookIds(fb.state), shop2: fanbookIds(fb.second.state) };
    expect(ordersOf.default.filter((id) => ordersOf.main.includes(id))).toEqual([]);
    expect(worldOf.default.filter((id) => worldOf.shop2.includes(id))).toEqual([]);
    const scan = { calls: 0, leaks: 0, wrong: 0 };
    const check = (text: string, foreign: readonly string[]) => {
      scan.calls++;
      if (foreign.some((id) => text.includes(id))) scan.leaks++;
    };
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const afAccount = i % 2 ? 'main' : 'default';
        const fbAccount = i % 2 ? 'shop2' : 'default';
        const orders = await c.callTool({ name: 'afdian_query_orders', arguments: { account: afAccount, page: 1 + (i % 3) } });
        const got = afdianIds((payload<{ list: Array<{ out_trade_no: string }> }>(orders)).list);
        if (got.length === 0 || got.some((id) => !ordersOf[afAccount as 'default' | 'main'].includes(id))) scan.wrong++;
        check(JSON.stringify(orders), ordersOf[afAccount === 'main' ? 'default' : 'main']);
        const guild = fbAccount === 'shop2' ? fb.second.seed.main : fb.seed.main;
        const channels = await c.callTool({ name: 'fanbook_list_channels', arguments: { account: fbAccount, guild_id: guild } });
        check(JSON.stringify(payload(channels)), worldOf[fbAccount === 'shop2' ? 'default' : 'shop2']);
      }),
    );
    // Each pinned client's contexts show only its own account.
    for (const [pin, foreign] of [
      ['afdian=main,fanbook=shop2', [...ordersOf.default, ...worldOf.default]],
      ['afdian=default,fanbook=default', [...ordersOf.main, ...worldOf.shop2]],
    ] as const) {
      const p = await connect({ 'X-MCP-Accounts': pin });
      for (const uri of ['afdian://automation-context', 'fanbook://automation-context', 'creator://automation-context']) {
        const text = (await p.readResource({ uri })).contents.map((x) => ('text' in x ? x.text : '')).join('\n');
        check(text, foreign);
      }
    }
    expect(scan).toEqual({ calls: 24 * 2 + 6, leaks: 0, wrong: 0 });
    // Each account's credentials are registered as secrets, so results, errors and logs mask them.
    for (const secret of [env.FANBOOK_BOT_TOKEN__shop2!, env.AFDIAN_TOKEN__main!]) expect(h.rt.secrets.redact(`x ${secret} y`)).not.toContain(secret);
  });

  it('contexts carry a section per account within the platform bound; the first account stays at the top level', async () => {
    const c = await connect();
    for (const [uri, first, other] of [
      ['afdian://automation-context', 'default', 'main'],
      ['fanbook://automation-context', 'default', 'shop2'],
    ] as const) {
      const text = ((await c.readResource({ uri })).contents[0] as { text: string }).text;
      const ctx = JSON.parse(text) as { account: string; otherAccounts: Record<string, unknown> };
      expect(ctx.account).toBe(first);
      expect(Object.keys(ctx.otherAccounts)).toEqual([other]);
      expect(encode(text).length, uri).toBeLessThanOrEqual(4_000);
    }
    const combined = ((await c.readResource({ uri: 'creator://automation-context' })).contents[0] as { text: string }).text;
    expect(Object.keys((JSON.parse(combined) as { platforms: Record<string, { context: { otherAccounts: object } }> }).platforms.fanbook!.context.otherAccounts)).toEqual(['shop2']);
    expect(encode(combined).length).toBeLessThanOrEqual(8_000);
  });

  it('webhooks per account: a push to /webhooks/afdian/main reaches main’s events and context only', async () => {
    // The newest order: the context lists recent orders, so a shared inbox would show it in default's too.
    const order = [...af.second.state.orders].sort((x, y) => y.out_trade_no.localeCompare(x.out_trade_no))[0]!;
    const origin = new URL(h.http.url).origin;
    type Events = { events: Array<{ id: string; platform: string; account?: string }>; nextCursor: string };
    const wait = async (c: Client, cursor?: string) => payload<Events>(await c.callTool({ name: 'creator_wait_for_events', arguments: { platforms: ['afdian'], timeout: 0, ...(cursor ? { cursor } : {}) } }));
    const all = await connect();
    const mainOnly = await connect({ 'X-MCP-Accounts': 'afdian=main' });
    const defaultOnly = await connect({ 'X-MCP-Accounts': 'afdian=default' });
    const [c1, c2, c3] = [(await wait(all)).nextCursor, (await wait(mainOnly)).nextCursor, (await wait(defaultOnly)).nextCursor];
    const res = await fetch(`${origin}/webhooks/afdian/main`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: af.webhookBody(order) });
    expect(res.status).toBe(200);
    expect((await wait(all, c1)).events.map((e) => [e.id, e.platform, e.account])).toEqual([[order.out_trade_no, 'afdian', 'main']]);
    expect((await wait(mainOnly, c2)).events.map((e) => e.id)).toEqual([order.out_trade_no]);
    expect((await wait(defaultOnly, c3)).events).toEqual([]);
    const contextOf = async (c: Client) => ((await c.readResource({ uri: 'afdian://automation-context' })).contents[0] as { text: string }).text;
    expect(await contextOf(mainOnly)).toContain(order.out_trade_no);
    expect(await contextOf(defaultOnly)).not.toContain(order.out_trade_no);
    expect((await fetch(`${origin}/webhooks/afdian/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('the audit trail names the account a write acted as', async () => {
    const c = await connect();
    const plan = af.second.state.plans[0]!;
    payload(await c.callTool({ name: 'afdian_update_plan_reply', arguments: { account: 'main', plan_id: plan.plan_id, auto_reply: 'thanks from main' } }));
    const entries = await h.rt.audit.read();
    expect(entries.filter((e) => e.tool === 'afdian_update_plan_reply').map((e) => e.account)).toEqual(['main']);
    expect(plan.reply_content).toBe('thanks from main');
    expect(h.afdian.state.plans.some((p) => p.reply_content === 'thanks from main')).toBe(false);
  });

  it('`status` lists every account of every platform, with its source and no secret', async () => {
    const r = await runCli(['status'], { ...h.rt.env, ...env } as Record<string, string>);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fanbook\s+configured, 2 accounts/);
    expect(r.stdout).toMatch(/account default \(env\)/);
    expect(r.stdout).toMatch(/account shop2 \(env\)/);
    expect(r.stdout).toMatch(/afdian\s+configured, 2 accounts/);
    expect(r.stdout).toMatch(/account main \(env\)/);
    for (const secret of Object.values(env)) if (secret.length > 20) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('an account name outside [a-z0-9_-]{1,32} is a config error (exit 2)', async () => {
    const r = await runCli(['tools'], { ...(h.rt.env as Record<string, string>), AFDIAN_TOKEN__Bad: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AFDIAN_TOKEN__Bad: account name "Bad"/);
  });
});

describe('each account is checked with its own credentials', () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('an account pairing one creator’s user_id with the other’s token is refused by the simulator', async () => {
    const af0 = createAfdianSimulator();
    const fb0 = createFanbookSimulator();
    h = await startHarness({
      simulators: ['fanbook', 'afdian'],
      env: {
        AFDIAN_USER_ID__crossed: af0.second.credentials.userId,
        AFDIAN_TOKEN__crossed: af0.credentials.token,
        // The second bot's token with the first bot's guild: the token opens only its own bot.
        FANBOOK_BOT_TOKEN__crossed: fb0.second.credentials.botToken,
      },
    });
    const c = await h.client();
    expect(payload<{ uid: string }>(await c.callTool({ name: 'afdian_ping', arguments: { account: 'default' } })).uid).toBe(af0.credentials.userId);
    expect(errorText(await c.callTool({ name: 'afdian_ping', arguments: { account: 'crossed' } }))).toMatch(/Afdian/);
    const fb = h.sandbox.platforms.find((p) => p.platform === 'fanbook')!.simulator as FanbookSimulator;
    expect(errorText(await c.callTool({ name: 'fanbook_get_guild', arguments: { account: 'crossed', guild_id: fb.seed.main } }))).toMatch(/Fanbook/);
    payload(await c.callTool({ name: 'fanbook_get_guild', arguments: { account: 'default', guild_id: fb.seed.main } }));
  });
});

describe('confirmations name the account and are bound to it', () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('the question says which account acts, and an approval for one account does not open a call on another', async () => {
    const af0 = createAfdianSimulator();
    h = await startHarness({
      simulators: ['afdian'],
      env: { CREATOR_MCP_CONFIRM: 'writes', AFDIAN_USER_ID__main: af0.second.credentials.userId, AFDIAN_TOKEN__main: af0.second.credentials.token },
    });
    const client = new Client({ name: 'accounts-consent', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' }, capabilities: { elicitation: { form: {} } }, inputRequired: { autoFulfill: false } });
    await client.connect(new StreamableHTTPClientTransport(new URL(h.http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }));
    const plan = h.afdian.second.state.plans[0]!;
    const args = { plan_id: plan.plan_id, auto_reply: 'approved for main' };
    type Asked = { requestState?: string; inputRequests?: Record<string, { params: { message: string } }> };
    const q = (await client.callTool({ name: 'afdian_update_plan_reply', arguments: { ...args, account: 'main' } }, { allowInputRequired: true })) as unknown as Asked;
    expect(q.inputRequests?.confirm?.params.message).toMatch(/on Afdian account main/);
    const retry = (account: string) =>
      client.callTool({ name: 'afdian_update_plan_reply', arguments: { ...args, account }, inputResponses: { confirm: { action: 'accept', content: { confirm: true } } }, requestState: q.requestState } as never, { allowInputRequired: true });
    const before = h.afdian.host.requests.length;
    expect(errorText(await retry('default'))).toMatch(/another tool, other arguments or another account/);
    expect(h.afdian.host.requests.length).toBe(before);
    payload(await retry('main'));
    expect(plan.reply_content).toBe('approved for main');
    await client.close();
  });
});

describe('each Fanbook bot keeps its own gateway connection', () => {
  let h: Harness;
  let listeners: ReturnType<typeof startListeners> | undefined;
  afterAll(async () => {
    await listeners?.stop();
    await h?.close();
  });

  it('an event on the second bot reaches its account only', async () => {
    const fb0 = createFanbookSimulator();
    h = await startHarness({ simulators: ['fanbook'], env: { FANBOOK_BOT_TOKEN__shop2: fb0.second.credentials.botToken, FANBOOK_GUILD_IDS__shop2: fb0.second.seed.main } });
    const fb = h.sandbox.platforms.find((p) => p.platform === 'fanbook')!.simulator as FanbookSimulator;
    type Events = { events: Array<{ platform: string; account?: string; type: string }>; nextCursor: string };
    const wait = async (c: Client, cursor?: string, timeout = 0) =>
      payload<Events>(await c.callTool({ name: 'creator_wait_for_events', arguments: { platforms: ['fanbook'], timeout, ...(cursor ? { cursor } : {}) } }));
    const all = await h.client();
    const first = await connectTo(h, { 'X-MCP-Accounts': 'fanbook=default' });
    const [c1, c2] = [(await wait(all)).nextCursor, (await wait(first)).nextCursor];
    listeners = startListeners(h.rt, { heartbeatMs: 200, retryBaseMs: 20, retryCapMs: 200, maxRefusals: 3 });
    expect(listeners.running).toBe(2);
    await vi.waitFor(() => expect([fb.gateway.open, fb.second.gateway.open]).toEqual([1, 1]), { timeout: 15_000, interval: 20 });

    // A member joins the second bot's guild (as the simulator's join control does for the first bot).
    const m = fb.second.model;
    const userId = m.ids.next();
    fb.second.state.users.set(userId, { user_id: userId, username: '3000001', nickname: 'joins shop2', avatar: '', bot: false });
    m.guild(fb.second.seed.main).members.set(userId, { user_id: userId, roles: [] });
    m.changed({ type: 'join', guild_id: fb.second.seed.main, user_id: userId, code: '' });

    const got = await wait(all, c1, 10);
    expect(got.events.map((e) => [e.platform, e.account])).toEqual([['fanbook', 'shop2']]);
    expect((await wait(first, c2)).events).toEqual([]);
  });
});

async function connectTo(h: Harness, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'accounts-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await client.connect(new StreamableHTTPClientTransport(new URL(h.http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}`, ...headers } } }));
  return client;
}
