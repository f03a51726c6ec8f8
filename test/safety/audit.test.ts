import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../../src/safety/audit-log.js';
import { summarizeArgs } from '../../src/safety/audit-summary.js';
import { runCli } from '../helpers/cli.js';
import { errorText, HTTP_TOKEN, payload, startHarness, type Harness } from '../helpers/harness.js';

/** A body no summary may keep: long, and with a word that a length never reveals. */
const BODY = 'Thanks for the tip! Here is the secret-recipe link you asked about: wolpertinger-7731, see you Friday';
const STORE_KEY = 'audit-test-store-key-0123456789abcdef';

function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
}

describe('audit trail', () => {
  let h: Harness;
  let entries: AuditEntry[];
  let raw: string;

  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_TOOLSETS: 'all', CREATOR_MCP_SECRET_KEY: STORE_KEY } });
    const client = await h.client();
    const chats = payload<{ data: Array<{ user: { uuid: string } }> }>(await client.callTool({ name: 'fanvue_list_chats', arguments: {} }));
    const fan = chats.data[0]?.user.uuid as string;
    payload(await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: fan, text: BODY } }));
    // A write the platform refuses: recorded as an error that was not processed.
    errorText(await client.callTool({ name: 'fanvue_send_message', arguments: { userUuid: '00000000-0000-4000-8000-000000000000', text: BODY } }));
    const channel = (h.sandbox.env.FANBOOK_GUILD_IDS ?? '').split(',')[0] as string;
    const channels = payload<{ result: Array<{ channel_id: string; type: number }> }>(await client.callTool({ name: 'fanbook_list_channels', arguments: { guild_id: channel } }));
    const text = channels.result.find((c) => c.type === 0)?.channel_id as string;
    payload(await client.callTool({ name: 'fanbook_send_message', arguments: { chat_id: text, text: BODY } }));
    payload(await client.callTool({ name: 'fresns_send_message', arguments: { uidOrUsername: 'mei_chen', message: BODY } }));
    // Reads are not audited.
    payload(await client.callTool({ name: 'afdian_query_orders', arguments: { per_page: 1 } }));

    const cli = await runCli(['audit', '--json', '--since', '1h'], { CREATOR_MCP_STATE_DIR: h.stateDir });
    expect(cli.code, cli.stderr).toBe(0);
    entries = JSON.parse(cli.stdout) as AuditEntry[];
    const dir = path.join(h.stateDir, 'audit');
    raw = (await Promise.all((await readdir(dir)).map((n) => readFile(path.join(dir, n), 'utf8')))).join('');
  }, 60_000);
  afterAll(async () => h?.close());

  it('shows every write of the run, with its outcome and whether it may have been processed', () => {
    expect(entries.map((e) => [e.tool, e.outcome, e.delivery, e.mayHaveBeenProcessed])).toEqual([
      ['fanvue_send_message', 'ok', 'processed', true],
      ['fanvue_send_message', 'error', 'not-processed', false],
      ['fanbook_send_message', 'ok', 'processed', true],
      ['fresns_send_message', 'ok', 'processed', true],
    ]);
    for (const e of entries) {
      expect(e.account).toBe('default');
      expect(e.confirmation).toBe('not-needed');
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    }
    expect(entries[0]?.platform).toBe('fanvue');
    expect(entries[0]?.args).toMatchObject({ text: { chars: BODY.length } });
    expect(entries[0]?.result).toMatchObject({ messageUuid: expect.any(String) });
    expect(entries[1]?.error).toMatch(/fanvue_send_message failed \(HTTP 404/);
  });

  it('keeps no message body and no secret, in any form', () => {
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain('wolpertinger');
    expect(raw).not.toContain(BODY.slice(0, 20));
    const secrets = Object.entries({ ...h.sandbox.env, CREATOR_MCP_HTTP_TOKEN: HTTP_TOKEN, CREATOR_MCP_SECRET_KEY: STORE_KEY })
      .filter(([k, v]) => /TOKEN|SECRET|PASSWORD|KEY/.test(k) && v && v.length >= 8)
      .map(([, v]) => v as string);
    expect(secrets.length).toBeGreaterThan(3);
    const leaks = secrets.flatMap(forms).filter((f) => raw.includes(f));
    expect(leaks).toEqual([]);
  });

  it('the human-readable listing names the writes; bad flags exit 2', async () => {
    const text = await runCli(['audit'], { CREATOR_MCP_STATE_DIR: h.stateDir });
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toHaveLength(4);
    expect(text.stdout).toContain('fresns_send_message');
    expect(text.stdout).not.toContain('wolpertinger');
    expect((await runCli(['audit', '--since', 'yesterday'], { CREATOR_MCP_STATE_DIR: h.stateDir })).code).toBe(2);
    expect((await runCli(['audit', '--bogus'], { CREATOR_MCP_STATE_DIR: h.stateDir })).code).toBe(2);
    const later = await runCli(['audit', '--json', '--since', new Date(Date.now() + 60_000).toISOString()], { CREATOR_MCP_STATE_DIR: h.stateDir });
    expect(JSON.parse(later.stdout)).toEqual([]);
  });
});

describe('audit file retention', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-audit-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('rotates past the size limit, keeps at most maxFiles rotated files, and reads across them', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const log = new AuditLog(dir, { maxBytes: 600, maxFiles: 2, maxAgeMs: 86_400_000, now: () => now });
    const entry = (i: number): AuditEntry => ({
      time: new Date(now).toISOString(), tool: `t_${i}`, account: 'default', args: { n: i }, confirmation: 'not-needed', outcome: 'ok', delivery: 'processed', mayHaveBeenProcessed: true,
    });
    for (let i = 0; i < 40; i++) {
      await log.append(entry(i));
      now += 1000;
    }
    const files = await readdir(path.join(dir, 'audit'));
    expect(files.filter((f) => f.startsWith('audit-'))).toHaveLength(2);
    const sizes = await Promise.all(files.map(async (f) => (await readFile(path.join(dir, 'audit', f))).length));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(600);
    const kept = await log.read();
    expect(kept.at(-1)?.tool).toBe('t_39');
    expect(kept.length).toBeLessThan(40);
    expect(kept.map((e) => Number(e.tool.slice(2)))).toEqual([...kept.keys()].map((i) => 40 - kept.length + i));
    // A day later, the next rotation deletes every rotated file older than maxAgeMs.
    now += 2 * 86_400_000;
    for (let i = 40; i < 50; i++) await log.append(entry(i));
    expect((await log.read()).every((e) => Date.parse(e.time) >= now - 86_400_000)).toBe(true);
  });

  it('summaries keep ids and numbers and turn every other string into its length', () => {
    expect(summarizeArgs({ userUuid: 'abc-123', text: 'hello', price: 500, mediaUuids: ['m1', 'm2'], nested: { chat_id: '42', password: 'hunter22' } })).toEqual({
      userUuid: 'abc-123', text: { chars: 5 }, price: 500, mediaUuids: ['m1', 'm2'], nested: { chat_id: '42', password: { chars: 8 } },
    });
  });
});

describe('audit directory removed while the server runs', () => {
  it('is made again on the next write', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-audit-'));
    const log = new AuditLog(dir);
    const entry: AuditEntry = { time: new Date().toISOString(), tool: 't', account: 'default', args: {}, confirmation: 'not-needed', outcome: 'ok', delivery: 'processed', mayHaveBeenProcessed: true };
    await log.append(entry);
    await rm(path.join(dir, 'audit'), { recursive: true, force: true });
    await log.append(entry);
    expect(await log.read()).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });
  });
});
