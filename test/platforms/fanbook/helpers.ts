import { isInteger, isLosslessNumber, parse } from 'lossless-json';
import type { Client } from '@modelcontextprotocol/client';
import { recordFromGrant, type TokenGrant } from '../../../src/auth/oauth-session.js';
import type { TokenStore } from '../../../src/auth/token-store.js';
import type { FanbookSimulator } from '../../../src/sandbox/fanbook/index.js';
import type { SimRequest } from '../../../src/sandbox/sim-host.js';
import type { Harness } from '../../helpers/harness.js';

export function fanbookOf(h: Harness): FanbookSimulator {
  const sim = h.sandbox.platforms.find((p) => p.platform === 'fanbook')?.simulator as FanbookSimulator | undefined;
  if (!sim) throw new Error('the sandbox has no Fanbook simulator');
  return sim;
}

/** Seeded handles a test needs, looked up by name so the tests read like the scenario. */
export function seedOf(sim: FanbookSimulator) {
  const channel = (guild: string, name: string) => {
    const c = [...sim.state.channels.values()].find((x) => x.guild_id === guild && x.name === name);
    if (!c) throw new Error(`no channel ${name}`);
    return c.channel_id;
  };
  const main = sim.state.guilds.get(sim.seed.main)!;
  const role = (name: string) => main.roles.find((r) => r.name === name)!.id;
  const [u0, u1, u2, u3, u4, u5, u6, u7] = sim.seed.users as [string, string, string, string, string, string, string, string];
  return {
    bot: sim.state.bot.id,
    main: sim.seed.main,
    limited: sim.seed.limited,
    foreign: sim.seed.foreign,
    chat: channel(sim.seed.main, '闲聊'),
    announcements: channel(sim.seed.main, '公告'),
    category: channel(sim.seed.main, '信息'),
    circle: channel(sim.seed.main, '猎人圈子'),
    limitedChat: channel(sim.seed.limited, '书评'),
    vip: role('VIP'),
    newbie: role('新人'),
    admin: role('管理员'),
    users: { u0, u1, u2, u3, u4, u5, u6, u7 },
    username: (id: string) => sim.state.users.get(id)!.username,
  };
}

/** The token is in every bot URL path; requests are compared without it. */
export function withoutToken(sim: FanbookSimulator, path: string): string {
  return path.replace(`/api/bot/${sim.credentials.botToken}/`, '/api/bot/<token>/');
}

export function requestsSince(sim: FanbookSimulator, before: number): SimRequest[] {
  return sim.host.requests.slice(before);
}

/**
 * A recorded body as the platform received it: JSON integers become bigint (so a test tells
 * 123 from "123" and sees every digit), form and query bodies become string records.
 */
export function wireBody(req: SimRequest): unknown {
  if (req.method === 'GET') return Object.fromEntries(req.query);
  if (String(req.headers['content-type']).includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(req.text));
  if (req.text === '') return undefined;
  return toBig(parse(req.text));
}

function toBig(v: unknown): unknown {
  if (isLosslessNumber(v)) return isInteger(v.value) ? BigInt(v.value) : Number(v.value);
  if (Array.isArray(v)) return v.map(toBig);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBig(x)]));
  return v;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  return client.callTool({ name, arguments: args });
}

/**
 * A logged-in user without a browser: the test plays the browser against the simulator's
 * authorize page, then stores the grant exactly as `creator-mcp login fanbook` does.
 */
export async function loginDirect(sim: FanbookSimulator, store: TokenStore, redirectUri = 'http://127.0.0.1:8788/callback'): Promise<TokenGrant> {
  const { clientId, clientSecret } = sim.credentials;
  const authorize = await fetch(
    `${sim.baseUrl}/open/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 's' })}`,
    { redirect: 'manual' },
  );
  const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const res = await fetch(`${sim.baseUrl}/open/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  });
  const grant = (await res.json()) as TokenGrant;
  const record = recordFromGrant('fanbook', 'default', grant);
  await store.put({ ...record, data: { ...record.data, redirect_uri: redirectUri } });
  return grant;
}
