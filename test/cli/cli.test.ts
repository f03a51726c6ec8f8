import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('creator-mcp CLI', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-cli-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('has --help for every command', async () => {
    for (const cmd of [[], ['serve'], ['sandbox'], ['login'], ['logout'], ['status'], ['tools']]) {
      const r = await runCli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stderr, cmd.join(' ')).toMatch(/Usage: creator-mcp/);
      expect(r.stdout).toBe('');
    }
    const main = await runCli(['--help']);
    for (const p of ['fanvue', 'fanbook', 'afdian']) expect(main.stderr).toMatch(new RegExp(`login <platform>[^\\n]*${p}`));
    expect((await runCli(['login', '--help'])).stderr).toMatch(/Platforms: fanvue, fanbook, afdian/);
  });

  const configErrors: Array<[string[], Record<string, string>, RegExp]> = [
    [['serve', '--bogus'], {}, /bogus/],
    [['frobnicate'], {}, /unknown command "frobnicate"/],
    [['serve', '--transport', 'carrier-pigeon'], {}, /--transport must be "stdio" or "http"/],
    [['serve', '--port', 'eighty'], {}, /--port must be a number/],
    [['serve', '--tools', 'afdian_nope'], {}, /unknown tool "afdian_nope"/],
    [['serve', '--toolsets', 'afdian_nope'], {}, /unknown toolset "afdian_nope"/],
    [['serve', '--tool-mode', 'lazy'], {}, /--tool-mode must be "tools" or "search", not "lazy"/],
    [['serve'], { CREATOR_MCP_TOOL_MODE: 'Search' }, /--tool-mode must be "tools" or "search", not "Search"/],
    [['serve'], { CREATOR_MCP_STORE: 'redis://127.0.0.1:1' }, /CREATOR_MCP_STORE is a Redis URL, so CREATOR_MCP_SECRET_KEY is required/],
    [['serve'], { CREATOR_MCP_STORE: 'postgres://u:hunter2pass@x' }, /CREATOR_MCP_STORE must be "file" or a redis:\/\/ or rediss:\/\/ URL, not "postgres:\/\/u:\*\*\*@x"/],
    [['serve'], { CREATOR_MCP_LOG_LEVEL: 'loud' }, /CREATOR_MCP_LOG_LEVEL must be one of/],
    [['serve'], { CREATOR_MCP_HTTP_TOKEN: 'short' }, /at least 16 characters/],
    [['login'], {}, /usage: creator-mcp login/],
    [['login', 'myspace'], {}, /unknown platform "myspace"/],
    [['login', 'afdian'], {}, /needs AFDIAN_CLIENT_ID, AFDIAN_CLIENT_SECRET, AFDIAN_REDIRECT_URI/],
    // Only documented boolean spellings: "y" must not silently leave write tools exposed.
    [['serve'], { CREATOR_MCP_READ_ONLY: 'y' }, /CREATOR_MCP_READ_ONLY must be one of 1, true, yes, on, 0, false, no, off, not "y"/],
    [['tools'], { CREATOR_MCP_READ_ONLY: ' 1' }, /CREATOR_MCP_READ_ONLY must be one of/],
    [['serve'], { CREATOR_MCP_READ_ONLY: 'enabled' }, /CREATOR_MCP_READ_ONLY must be one of/],
    // Half a configuration names what is missing instead of leaving the platform silently absent.
    [['serve'], { AFDIAN_USER_ID: 'creator-1' }, /AFDIAN_USER_ID is set but AFDIAN_TOKEN is missing/],
    [['tools'], { AFDIAN_TOKEN: 'secret-afdian-token-123' }, /AFDIAN_TOKEN is set but AFDIAN_USER_ID is missing/],
    [['serve'], { FANBOOK_CLIENT_ID: '42' }, /FANBOOK_CLIENT_ID is set but FANBOOK_CLIENT_SECRET is missing/],
    [['serve'], { FANVUE_CLIENT_SECRET: 'secret-fanvue-123' }, /FANVUE_CLIENT_SECRET is set but FANVUE_CLIENT_ID is missing/],
    [['serve'], { FANVUE_REFRESH_TOKEN: 'refresh-fanvue-123' }, /FANVUE_REFRESH_TOKEN is set but FANVUE_ACCESS_TOKEN is missing/],
    // A malformed base URL would otherwise fail every call three times over.
    [['serve'], { AFDIAN_USER_ID: 'u', AFDIAN_TOKEN: 'secret-afdian-token-123', AFDIAN_API_BASE_URL: 'afdian.com' }, /AFDIAN_API_BASE_URL must be a URL/],
    [['serve'], { FANBOOK_BOT_TOKEN: 'bot-token-123456', FANBOOK_API_BASE_URL: 'ftp://127.0.0.1' }, /FANBOOK_API_BASE_URL must start with https:\/\/ or http:\/\//],
    [['serve'], { FANVUE_ACCESS_TOKEN: 'access-token-123', FANVUE_API_BASE_URL: 'http://127.0.0.1:9/?x=1' }, /FANVUE_API_BASE_URL must be a base URL without \?query/],
  ];
  for (const [args, env, message] of configErrors) {
    it(`exits 2 with one clear line: ${args.join(' ')} ${Object.keys(env).join(' ')}`, async () => {
      const r = await runCli(args, { CREATOR_MCP_STATE_DIR: stateDir, ...env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^creator-mcp: /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('lists the tools of the current configuration, and all with --all', async () => {
    const none = await runCli(['tools'], { CREATOR_MCP_STATE_DIR: stateDir });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/No tools/);
    const configured = await runCli(['tools', '--json', '--read-only'], {
      CREATOR_MCP_STATE_DIR: stateDir,
      AFDIAN_USER_ID: 'u',
      AFDIAN_TOKEN: 'secret-afdian-token-123',
    });
    const tools = JSON.parse(configured.stdout) as Array<{ name: string; annotations: { readOnlyHint: boolean }; inputSchema: object }>;
    expect(tools.map((t) => t.name)).toContain('afdian_query_orders');
    expect(tools.every((t) => t.annotations.readOnlyHint)).toBe(true);
    expect(configured.stdout + configured.stderr).not.toContain('secret-afdian-token-123');
    const all = await runCli(['tools', '--all'], { CREATOR_MCP_STATE_DIR: stateDir });
    expect(all.stdout).toMatch(/afdian_send_message\s+write/);
  });

  it('shows status without any secret', async () => {
    const secrets = { AFDIAN_USER_ID: 'creator-1', AFDIAN_TOKEN: 'secret-afdian-token-123', CREATOR_MCP_SECRET_KEY: 'my-secret-store-key-456' };
    const r = await runCli(['status'], { CREATOR_MCP_STATE_DIR: stateDir, ...secrets });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/afdian\s+configured/);
    expect(r.stdout).toContain(stateDir);
    for (const s of ['secret-afdian-token-123', 'my-secret-store-key-456']) expect(r.stdout + r.stderr).not.toContain(s);
  });
});
