import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const INSPECTOR = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'inspector-cli', 'build', 'index.js');
const TOKEN = 'inspector-token-0123456789abcdef';

/** inspector-cli 1.0.3 resolves ../package.json from its cwd, so it runs from a subfolder of the repo. */
function inspector(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [INSPECTOR, ...args], { cwd: path.join(ROOT, 'test'), env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Each tool with arguments that succeed against the seeded simulator (quoted digits stay strings). */
const CALLS: Array<[string, string[]]> = [
  ['afdian_ping', []],
  ['afdian_query_orders', ['per_page=2']],
  ['afdian_query_sponsors', ['per_page=1']],
  ['afdian_query_plan', ['plan_id=1a400c3818b111e2876052540025c377']],
  ['afdian_update_plan_reply', ['plan_id=1a400c3818b111e2876052540025c377', 'auto_reply=Thank you!']],
  ['afdian_send_message', ['recipient=62fa777657f911e1b38d52540025c377', 'content=Thanks for the support']],
  ['afdian_query_random_reply', ['out_trade_no="0"']],
];

// The Inspector CLI cannot answer an elicitation, so the one Afdian tool the user must approve
// is exempted the way a user of such a client would (test/consent covers the question itself).
const EXEMPT = { CREATOR_MCP_CONFIRM_EXEMPT: 'afdian_update_plan_reply' };

describe('the MCP Inspector CLI lists and calls every Afdian tool', () => {
  let stateDir: string;
  let server: ReturnType<typeof spawn> | undefined;
  let url = '';
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-inspector-'));
    server = spawn(process.execPath, [CLI, 'sandbox', '--transport', 'http', '--port', '0'], {
      env: { ...process.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_TOKEN: TOKEN, ...EXEMPT },
    });
    url = await new Promise<string>((resolve) => {
      let err = '';
      server?.stderr?.on('data', (d) => {
        err += d;
        const m = /listening on (http:\S+)/.exec(err);
        if (m?.[1]) resolve(m[1]);
      });
    });
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    await rm(stateDir, { recursive: true, force: true });
  });

  const targets = () => ({
    stdio: [process.execPath, CLI, 'sandbox'],
    http: [url, '--transport', 'http', '--header', `Authorization: Bearer ${TOKEN}`],
  });

  for (const transport of ['stdio', 'http'] as const) {
    // Over stdio the Inspector CLI starts a fresh server (and sandbox) for every single call.
    it(`over ${transport}`, { timeout: 120_000 }, async () => {
      const env = { CREATOR_MCP_STATE_DIR: stateDir, ...EXEMPT };
      const target = targets()[transport];
      const list = await inspector([...target, '--method', 'tools/list'], env);
      expect(list.code, list.err).toBe(0);
      const names = (JSON.parse(list.out) as { tools: Array<{ name: string }> }).tools.map((t) => t.name).filter((n) => n.startsWith('afdian_')).sort();
      expect(names).toEqual(CALLS.map(([n]) => n).sort());
      for (const [name, args] of CALLS) {
        const argv = args.length ? ['--tool-arg', ...args] : [];
        const r = await inspector([...target, '--method', 'tools/call', '--tool-name', name, ...argv], env);
        expect(r.code, r.err).toBe(0);
        // The Inspector exits 0 even on isError, so the result itself is checked.
        const result = JSON.parse(r.out) as { isError?: boolean; content: Array<{ text: string }> };
        expect(result.isError ?? false, `${name}: ${result.content[0]?.text}`).toBe(false);
      }
    });
  }
});
