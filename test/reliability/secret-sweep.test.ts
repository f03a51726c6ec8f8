import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { loadPlatforms } from '../../src/platforms/index.js';
import type { Platform } from '../../src/platforms/types.js';
import type { SimulatorHost } from '../../src/sandbox/sim-host.js';
import { HTTP_TOKEN, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf } from '../platforms/fanbook/helpers.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';
import { fresnsSim } from '../platforms/fresns/helpers.js';
import { recordFigure } from './figures.js';
import { fastRetries, KITS, uploadFiles, type Args } from './plans.js';
import { findSecrets, formsOf, type Secret } from './secret-forms.js';

/**
 * Secrets sweep. Every platform echoes each request back (method, URL, headers, body), as a
 * careless token endpoint or debugging proxy would, while every tool and resource is driven and
 * the logins and refreshes are made to happen (Fanvue and Fanbook OAuth refresh with HTTP Basic,
 * Fresns account login with the password). Then tool results, error texts, resource reads, MCP
 * log notifications (level debug) and the server's own log are searched for every configured or
 * issued secret in every form it travels in. Goal: none found.
 */

type ToolResult = { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: unknown };

const PLACES = ['tool results', 'tool errors', 'resource reads', 'resource errors', 'MCP log notifications', 'server log'] as const;
type Place = (typeof PLACES)[number];

describe('secrets sweep: platforms echo our requests back', () => {
  let h: Harness;
  let client: Client;
  let dir: string;
  let store: MemoryTokenStore;
  const texts: Array<{ place: Place; where: string; text: string }> = [];
  const notifications: string[] = [];
  const args = new Map<string, Args>();
  const tools: string[] = [];
  const uris: string[] = [];
  let echoedResults = 0;
  let found: string[] = [];
  let secrets: Secret[] = [];

  beforeAll(async () => {
    dir = await uploadFiles();
    const platforms = await loadPlatforms();
    store = new MemoryTokenStore();
    h = await startHarness({
      flags: { toolsets: 'all' },
      env: { CREATOR_MCP_UPLOAD_DIR: dir, CREATOR_MCP_SECRET_KEY: 'sweep-store-key-7c1e0b9a4d2f86e3' },
      store,
      platforms: platforms.map(fastRetries),
      httpTimeoutMs: 3_000,
    });
    for (const kit of KITS) await kit.prepare?.(h, store);
    client = await h.client();
    client.setNotificationHandler('notifications/message', (n) => {
      notifications.push(typeof n.params.data === 'string' ? n.params.data : JSON.stringify(n.params.data));
    });
    await client.setLoggingLevel('debug');
    // Arguments that work: each plan's calls in order, as the other reliability tests do.
    await Promise.all(
      KITS.map(async (kit) => {
        for (const step of kit.steps(h)) {
          const a = await step.args();
          const data = payload(await client.callTool({ name: step.tool, arguments: a }));
          step.after?.(data);
          if (!args.has(step.tool)) args.set(step.tool, a);
        }
      }),
    );
    for (const kit of KITS) for (const op of (platforms.find((p) => p.id === kit.id) as Platform).operations) tools.push(`${kit.id}_${op.name}`);
    const arg = (tool: string, key: string) => String(args.get(tool)?.[key]);
    uris.push(
      'creator://automation-context',
      ...KITS.map((k) => `${k.id}://automation-context`),
      `fanvue://chats/${arg('fanvue_list_chat_messages', 'userUuid')}/messages`,
      `fanvue://fans/${arg('fanvue_get_fan_insights', 'userUuid')}/insights`,
      `fresns://posts/${arg('fresns_get_post', 'pid')}`,
      `fanbook://guilds/${arg('fanbook_get_guild', 'guild_id')}`,
    );
  }, 240_000);

  afterAll(async () => {
    recordFigure({
      name: 'secrets found',
      value: found.length,
      goal: 0,
      detail:
        `${secrets.length} secrets in ${secrets.reduce((n, s) => n + formsOf(s).length, 0)} distinct forms (raw, URL- and form-encoded, JSON-escaped once and twice, base64, unpadded, base64url, Basic base64(id:secret)) ` +
        `in ${PLACES.join(', ')}; ${tools.length} tools and ${uris.length} resources against echoing platforms, each echo once inside the platform's envelope and once as its error text, plus Fanvue and Fanbook OAuth refresh and Fresns login echoed` +
        (found[0] ? `; first: ${found[0]}` : ''),
    });
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The Fanvue context keeps answers for 30 s unless a write goes through the client; counting one makes it ask again. */
  function freshContext(): void {
    const fanvue = h.rt.enabled.get('fanvue')?.client as { writes?: number } | undefined;
    if (fanvue && typeof fanvue.writes === 'number') fanvue.writes++;
  }

  async function callTool(name: string, a: Args): Promise<void> {
    try {
      const r = (await client.callTool({ name, arguments: a })) as ToolResult;
      const text = [...(r.content ?? []).map((c) => c.text ?? ''), JSON.stringify(r.structuredContent ?? null)].join('\n');
      if (/"headers"/.test(text) || /user-agent/i.test(text)) echoedResults++;
      texts.push({ place: r.isError ? 'tool errors' : 'tool results', where: name, text });
    } catch (err) {
      texts.push({ place: 'tool errors', where: name, text: String(err) });
    }
  }

  async function readResource(uri: string): Promise<void> {
    try {
      const r = await client.readResource({ uri });
      texts.push({ place: 'resource reads', where: uri, text: r.contents.map((c) => ('text' in c ? c.text : '')).join('\n') });
    } catch (err) {
      texts.push({ place: 'resource errors', where: uri, text: String(err) });
    }
  }

  const allHosts = (): SimulatorHost[] => [h.afdian.host, fanvueOf(h).api, fanvueOf(h).auth, fanbookOf(h).host, fresnsSim(h).host];
  /** The echo inside each platform's envelope, so it reaches results; or as the text of its error, so it reaches error sentences. */
  const ECHO: Record<'data' | 'error', Record<'afdian' | 'fanvue' | 'fanbook' | 'fresns', { status?: number; body?: string }>> = {
    data: {
      afdian: { body: '{"ec":200,"em":"","data":"{{echo}}"}' },
      fanvue: {},
      fanbook: { body: '{"ok":true,"result":"{{echo}}"}' },
      fresns: { body: '{"code":0,"message":"success","data":"{{echo}}"}' },
    },
    error: {
      afdian: { body: '{"ec":400,"em":"{{echo-text}}","data":null}' },
      fanvue: { status: 400, body: '{"message":"{{echo-text}}"}' },
      fanbook: { status: 400, body: '{"ok":false,"error_code":1012,"description":"{{echo-text}}"}' },
      fresns: { body: '{"code":30000,"message":"{{echo-text}}","data":null}' },
    },
  };
  const hostOf = { afdian: () => h.afdian.host, fanvue: () => fanvueOf(h).api, fanbook: () => fanbookOf(h).host, fresns: () => fresnsSim(h).host };
  const echoOn = (host: SimulatorHost, shape: { status?: number; body?: string }, pathPrefix?: string) => host.injectFault({ kind: 'echo-before', pathPrefix, times: 1_000_000, ...shape });
  const echoOff = () => allHosts().forEach((x) => x.clearFaults());
  /** OAuth token endpoints that answer a refused refresh with the request in error_description. */
  const OAUTH_ECHO = { status: 400, body: '{"error":"invalid_request","error_description":"{{echo-text}}"}' };

  /** Tokens issued at run time (OAuth grants, Fresns sessions), as the store holds them now. */
  async function issued(): Promise<Secret[]> {
    const out: Secret[] = [];
    for (const rec of await store.list()) {
      for (const [k, v] of Object.entries(rec.data)) {
        if (/token/i.test(k) && typeof v === 'string' && v.length >= 8) out.push({ name: `issued ${rec.platform} ${k}`, value: v });
      }
    }
    return out;
  }

  it('finds no configured or issued secret in any form anywhere an agent or a log can see', async () => {
    // Before the logout and refreshes below replace them: these travelled in every echoed request.
    // The Fresns plan ends logged out: log in again, so its session tokens ride in every echoed request.
    payload(await client.callTool({ name: 'fresns_get_account', arguments: {} }));
    const issuedFirst = await issued();
    // Every tool and resource while every platform echoes every request: once as data, once as an error.
    for (const shape of ['data', 'error'] as const) {
      for (const [id, host] of Object.entries(hostOf)) echoOn(host(), ECHO[shape][id as keyof typeof hostOf]);
      for (const tool of tools) await callTool(tool, args.get(tool) ?? {});
      for (const uri of uris) {
        freshContext();
        await readResource(uri);
      }
      echoOff();
    }

    // Fanvue: the access token expires; the refresh (HTTP Basic with the client secret) is echoed.
    fanvueOf(h).oauth.expireAccessTokens();
    echoOn(fanvueOf(h).auth, OAUTH_ECHO);
    await callTool('fanvue_get_current_user', {});
    echoOff();

    // Fanbook OAuth: the user token is due; its refresh at the token endpoint is echoed.
    await store.update('fanbook', 'default', (r) => (r ? { ...r, expiresAt: 1 } : undefined));
    echoOn(fanbookOf(h).host, OAUTH_ECHO, '/open/oauth2/');
    await callTool('fanbook_oauth_get_me', {});
    echoOff();

    // Fresns: no session, so the next call logs in with the password; the login answer quotes the request.
    await callTool('fresns_logout', {});
    echoOn(fresnsSim(h).host, ECHO.error.fresns, '/api/v2/account/login');
    await callTool('fresns_get_account', {});
    echoOff();

    await client.ping();
    texts.push({ place: 'MCP log notifications', where: 'notifications', text: notifications.join('\n') });
    texts.push({ place: 'server log', where: 'log', text: h.logs.join('\n') });

    // Everything configured, plus what was issued at run time (OAuth grants, Fresns sessions) as the store holds it.
    const env = h.sandbox.env;
    secrets = [
      { name: 'FANVUE_CLIENT_SECRET', value: env.FANVUE_CLIENT_SECRET!, basicId: env.FANVUE_CLIENT_ID },
      { name: 'FANVUE_ACCESS_TOKEN', value: env.FANVUE_ACCESS_TOKEN! },
      { name: 'FANVUE_REFRESH_TOKEN', value: env.FANVUE_REFRESH_TOKEN! },
      { name: 'FANBOOK_CLIENT_SECRET', value: env.FANBOOK_CLIENT_SECRET!, basicId: env.FANBOOK_CLIENT_ID },
      { name: 'FANBOOK_BOT_TOKEN', value: env.FANBOOK_BOT_TOKEN! },
      { name: 'AFDIAN_TOKEN', value: env.AFDIAN_TOKEN! },
      { name: 'AFDIAN_CLIENT_SECRET', value: env.AFDIAN_CLIENT_SECRET!, basicId: env.AFDIAN_CLIENT_ID },
      { name: 'FRESNS_APP_SECRET', value: env.FRESNS_APP_SECRET! },
      { name: 'FRESNS_PASSWORD', value: env.FRESNS_PASSWORD! },
      { name: 'CREATOR_MCP_HTTP_TOKEN (bearer)', value: HTTP_TOKEN },
      { name: 'CREATOR_MCP_SECRET_KEY (store key)', value: 'sweep-store-key-7c1e0b9a4d2f86e3' },
    ];
    for (const s of [...issuedFirst, ...(await issued())]) if (!secrets.some((x) => x.value === s.value)) secrets.push(s);
    expect(secrets.every((s) => typeof s.value === 'string' && s.value.length >= 8)).toBe(true);
    expect(secrets.filter((s) => s.name.startsWith('issued ')).map((s) => s.name.split(' ')[1])).toEqual(expect.arrayContaining(['fanbook', 'fresns']));

    found = texts.flatMap((t) => findSecrets(t.text, secrets).map((hit) => `${hit} in ${t.place} (${t.where})`));
    // The sweep must have had something to look at: echoes came back, and masking happened.
    expect(echoedResults).toBeGreaterThan(tools.length / 4);
    expect(texts.some((t) => t.text.includes('[REDACTED]'))).toBe(true);
    expect(found).toEqual([]);
  }, 300_000);
});
