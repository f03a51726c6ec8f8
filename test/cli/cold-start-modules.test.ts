import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { CLI } from '../helpers/cli.js';

/** Libraries a four-platform serve needs only for a gateway connection, a refresh or login, or a file lock. */
const LATER = ['ws', 'openid-client', 'jose', 'oauth4webapi', 'proper-lockfile', 'signal-exit'];

/**
 * Cold start to the first tools/list is paid by every client that starts the server: these
 * libraries are loaded on first use. Counted (which modules load), not timed.
 */
describe('cold start of serve with four platforms configured', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ latencyMs: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-cold-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers tools/list without loading the libraries it needs only later', async () => {
    const list = path.join(dir, 'loaded.txt');
    // A loader hook (its own thread) that appends every module URL the server loads.
    const hook = path.join(dir, 'hook.mjs');
    const loader = `import { appendFileSync } from 'node:fs'; export async function load(url, ctx, next) { const r = await next(url, ctx); appendFileSync(${JSON.stringify(list)}, url + '\\n'); return r; }`;
    await writeFile(hook, `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(loader)}`)});\n`);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', pathToFileURL(hook).href, CLI, 'serve'],
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...sandbox.env, CREATOR_MCP_STATE_DIR: dir, CREATOR_MCP_LOG_LEVEL: 'error', FANBOOK_GATEWAY: 'off' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'cold-start', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(200);
      const loaded = (await readFile(list, 'utf8')).split('\n').filter((u) => u.startsWith('file:'));
      expect(loaded.some((u) => u.includes('/dist/platforms/fresns/'))).toBe(true);
      const early = loaded.filter((u) => LATER.some((name) => u.includes(`/node_modules/${name}/`)));
      expect(early).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
