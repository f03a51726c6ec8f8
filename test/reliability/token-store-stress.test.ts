import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTokenStore, TokenStoreError } from '../../src/auth/token-store.js';
import { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { runCli } from '../helpers/cli.js';
import { assertBuilt, CLI } from './built.js';
import { recordFigure } from './figures.js';

const PROCESSES = 8;
const ROTATIONS = 5;
const CALLS_PER_PROCESS = 2;
const KILLS = 200;
const KILL_LANES = 4;
const STORE_FILE = 'tokens.json.enc';
const CRASH_WRITER = path.join(import.meta.dirname, '..', 'auth', 'fixtures', 'crash-writer.mjs');

const tempRoots: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempRoots.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempRoots.map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** Every file under dir with its bytes: "touches nothing" is compared on this. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = (await fs.readFile(file)).toString('base64');
  }
  return out;
}

type ToolResult = { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: unknown };
const textOf = (r: ToolResult) => r.content?.map((c) => c.text ?? '').join('\n') ?? '';

/** creator-mcp over stdio, as an MCP client would start it, pointed at the in-process Fanvue simulator. */
async function startServer(env: Record<string, string>): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'serve'],
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CREATOR_MCP_LOG_LEVEL: 'warn', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += d));
  const client = new Client({ name: 'token-stress', version: '1' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe('token store under stress', () => {
  let sim: FanvueSimulator;
  beforeAll(async () => {
    assertBuilt();
    // A generous limit: the test counts token refreshes, not API rate limiting.
    sim = new FanvueSimulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } });
    await sim.start();
  });
  afterAll(() => sim?.stop());

  // No code is exchanged in these tests, so every token-endpoint request is a refresh.
  const refreshRequests = () => sim.auth.processed('/oauth2/token');

  it(`${PROCESSES} creator-mcp processes on one state dir: exactly one refresh per rotation, never invalid_grant`, async () => {
    const stateDir = await tempDir('creator-mcp-rotate-');
    const env = { ...sim.env(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_SECRET_KEY: randomBytes(32).toString('hex') };
    const servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer(env)));
    try {
      const callAll = async () => {
        const calls = servers.flatMap((s) =>
          Array.from({ length: CALLS_PER_PROCESS }, () => s.client.callTool({ name: 'fanvue_get_current_user', arguments: {} }) as Promise<ToolResult>),
        );
        return Promise.all(calls);
      };
      // Warm up: the first call seeds the shared store from FANVUE_ACCESS_TOKEN (once, under the lock).
      for (const r of await callAll()) expect(r.isError, textOf(r)).toBeFalsy();

      const perRotation: number[] = [];
      const failures: string[] = [];
      let invalidGrant = 0;
      for (let round = 0; round < ROTATIONS; round++) {
        const before = refreshRequests();
        // Every access token lapses at once: each process meets a 401 and wants to spend the one refresh token.
        sim.oauth.expireAccessTokens();
        const results = await callAll();
        for (const r of results) {
          if (!r.isError) continue;
          failures.push(`rotation ${round}: ${textOf(r)}`);
          if (/invalid_grant|log in again/i.test(textOf(r))) invalidGrant++;
        }
        perRotation.push(refreshRequests() - before);
      }
      invalidGrant += sim.oauth.stats.reuseDetected;

      recordFigure({
        name: 'refreshes per rotation',
        value: Math.max(...perRotation),
        goal: 1,
        detail: `max over ${ROTATIONS} rotations of ${PROCESSES} processes × ${CALLS_PER_PROCESS} concurrent calls (each rotation: ${perRotation.join(', ')})`,
      });
      recordFigure({
        name: 'invalid_grant errors',
        value: invalidGrant,
        goal: 0,
        detail: `${ROTATIONS * PROCESSES * CALLS_PER_PROCESS} calls across ${ROTATIONS} rotations; ${failures.length} failed calls`,
      });
      expect(failures).toEqual([]);
      expect(perRotation).toEqual(Array(ROTATIONS).fill(1));
      expect(sim.oauth.stats.reuseDetected).toBe(0);
      expect(invalidGrant).toBe(0);

      // What the store holds is the live end of the chain.
      const store = await FileTokenStore.open({ stateDir, secretKey: env.CREATOR_MCP_SECRET_KEY });
      const record = await store.get('fanvue');
      expect(sim.oauth.verifyBearer(`Bearer ${String(record?.data.access_token)}`)).not.toHaveProperty('error');
    } finally {
      await Promise.all(servers.map((s) => s.client.close().catch(() => undefined)));
    }
  }, 90_000);

  it(`survives ${KILLS} SIGKILLs during writes: always readable, the last committed value intact`, async () => {
    /** One store killed into `kills` times; stops at its first problem, so a failure never leaves children running. */
    const lane = async (stateDir: string, kills: number) => {
      const secretKey = randomBytes(32).toString('hex');
      const lockPath = path.join(stateDir, `${STORE_FILE}.lock`);
      let stored = 0;
      let unreadable = 0;
      let killedWhileLocked = 0;
      let killed = 0;
      const problems: string[] = [];
      for (let round = 0; round < kills && problems.length === 0; round++) {
        // A child killed holding the lock leaves it behind; age it past the stale limit instead of waiting 10 s.
        if (existsSync(lockPath)) {
          const longAgo = new Date(Date.now() - 60_000);
          await fs.utimes(lockPath, longAgo, longAgo).catch(() => undefined);
        }
        const child = spawn(process.execPath, [CRASH_WRITER, stateDir], {
          env: { PATH: process.env.PATH ?? '', CREATOR_MCP_SECRET_KEY: secretKey },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const lines: string[] = [];
        let stderr = '';
        let partial = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          const parts = (partial + chunk).split('\n');
          partial = parts.pop() ?? '';
          lines.push(...parts);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
        const deadline = Date.now() + 15_000;
        while (lines.length === 0 && child.exitCode === null && Date.now() < deadline) await sleep(2);
        if (lines.length > 0) await sleep(Math.random() * 25);
        child.kill('SIGKILL');
        const signal = await closed;
        if (lines.length === 0 || signal !== 'SIGKILL') {
          problems.push(`round ${round}: the writer ${lines.length ? `ended with ${signal}` : 'never committed a write'}: ${stderr}`);
          break;
        }
        killed++;
        if (existsSync(lockPath)) killedWhileLocked++;

        const reported = Number(lines.at(-1));
        if (Number(lines[0]) !== stored + 1) problems.push(`round ${round}: continued from ${Number(lines[0]) - 1}, but ${stored} was stored`);
        let record;
        try {
          record = await (await FileTokenStore.open({ stateDir, secretKey })).get('fanvue');
        } catch (err) {
          unreadable++;
          problems.push(`round ${round}: unreadable: ${err instanceof Error ? err.message : String(err)}`);
          break;
        }
        stored = Number(record?.data.counter ?? 0);
        // The last write it reported is there, and at most the one it had no time to report came after it.
        if (stored < reported || stored > reported + 1) problems.push(`round ${round}: stored ${stored}, last reported ${reported}`);
        if (record?.data.accessToken !== `at-${stored}`) problems.push(`round ${round}: record ${stored} is not whole`);
      }
      return { unreadable, killedWhileLocked, kills: killed, problems };
    };

    const root = await tempDir('creator-mcp-kill-');
    const perLane = KILLS / KILL_LANES;
    const lanes = await Promise.all(Array.from({ length: KILL_LANES }, (_, i) => lane(path.join(root, `lane-${i}`), perLane)));
    const unreadable = lanes.reduce((n, l) => n + l.unreadable, 0);
    const whileLocked = lanes.reduce((n, l) => n + l.killedWhileLocked, 0);
    const kills = lanes.reduce((n, l) => n + l.kills, 0);
    recordFigure({
      name: 'unreadable stores after SIGKILL',
      value: unreadable,
      goal: 0,
      detail: `${kills} SIGKILLs during writes (${whileLocked} while holding the lock), ${KILL_LANES} stores`,
    });
    expect(lanes.flatMap((l) => l.problems)).toEqual([]);
    expect(unreadable).toBe(0);
    expect(kills).toBe(KILLS);
    expect(whileLocked).toBeGreaterThan(0); // the kills really landed inside writes
  }, 120_000);

  describe('a wrong CREATOR_MCP_SECRET_KEY', () => {
    const rightKey = randomBytes(32).toString('hex');
    const wrongKeys = [randomBytes(32).toString('hex'), 'a wrong passphrase'];
    let stateDir: string;
    let before: Record<string, string>;

    beforeAll(async () => {
      stateDir = await tempDir('creator-mcp-wrongkey-');
      const store = await FileTokenStore.open({ stateDir, secretKey: rightKey });
      await store.put({ platform: 'fanvue', account: 'default', data: { access_token: sim.credentials.accessToken, refresh_token: sim.credentials.refreshToken } });
      await store.put({ platform: 'afdian', account: 'default', data: { token: 'afdian-stored-token' } });
      before = await snapshot(stateDir);
    });

    const expectUntouched = async () => expect(await snapshot(stateDir)).toEqual(before);

    it('is refused with a clear error by every store operation, and nothing is written', async () => {
      for (const secretKey of wrongKeys) {
        const store = await FileTokenStore.open({ stateDir, secretKey });
        const attempts: Array<() => Promise<unknown>> = [
          () => store.get('fanvue'),
          () => store.list(),
          () => store.put({ platform: 'fanvue', account: 'default', data: { access_token: 'x' } }),
          () => store.update('fanvue', 'default', () => ({ platform: 'fanvue', account: 'default', data: {} })),
          () => store.delete('afdian'),
        ];
        for (const attempt of attempts) {
          const err = await attempt().then(() => undefined, (e: unknown) => e);
          expect(err).toBeInstanceOf(TokenStoreError);
          expect((err as TokenStoreError).code).toBe('WRONG_KEY');
          expect((err as Error).message).toMatch(/cannot be decrypted with the current key.*CREATOR_MCP_SECRET_KEY/);
          expect((err as Error).message).not.toContain(secretKey);
        }
        await expectUntouched();
      }
      // And the right key still opens it.
      expect((await (await FileTokenStore.open({ stateDir, secretKey: rightKey })).list()).map((r) => r.platform)).toEqual(['afdian', 'fanvue']);
    });

    it('is reported by `creator-mcp status` and `creator-mcp logout`, which touch nothing', async () => {
      const env = { CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_SECRET_KEY: wrongKeys[0] as string };
      const status = await runCli(['status'], env);
      expect(status.stdout).toMatch(/Token store: unreadable: The token store .* cannot be decrypted with the current key/);
      expect(status.stdout + status.stderr).not.toContain(wrongKeys[0]);
      expect(status.stdout + status.stderr).not.toContain(sim.credentials.accessToken);
      expect(status.code).toBe(2);
      expect(status.stderr).toMatch(/^creator-mcp: The token store .* cannot be decrypted with the current key/);
      const logout = await runCli(['logout', 'fanvue'], env);
      expect(logout.code).toBe(2);
      expect(logout.stderr).toMatch(/cannot be decrypted with the current key/);
      await expectUntouched();
    });

    it('stops `creator-mcp login` before the browser step, so no login is made at the platform and then lost', async () => {
      // --sandbox keeps its store in <state dir>/sandbox: give that one the right key too.
      const sandboxStore = await FileTokenStore.open({ stateDir: path.join(stateDir, 'sandbox'), secretKey: rightKey });
      await sandboxStore.put({ platform: 'afdian', account: 'default', data: { token: 'sandbox-token' } });
      const sandboxBefore = await snapshot(stateDir);
      const login = await runCli(['login', 'fanvue', '--sandbox', '--no-browser'], { CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_SECRET_KEY: wrongKeys[0] as string });
      expect(login.code, login.stderr).toBe(2);
      expect(login.stderr).toMatch(/cannot be decrypted with the current key/);
      expect(login.stderr).not.toMatch(/oauth2\/auth|Open this URL/i);
      expect(await snapshot(stateDir)).toEqual(sandboxBefore);
      await fs.rm(path.join(stateDir, 'sandbox'), { recursive: true });
      await expectUntouched();
    });

    it('turns a tool call into a clear tool error; nothing is written and nothing is sent to the platform', async () => {
      const apiRequests = sim.api.processed();
      const tokenRequests = refreshRequests();
      const { client, stderr } = await startServer({ ...sim.env(), CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_SECRET_KEY: wrongKeys[1] as string });
      try {
        const r = (await client.callTool({ name: 'fanvue_get_current_user', arguments: {} })) as ToolResult;
        expect(r.isError).toBe(true);
        expect(textOf(r)).toMatch(/cannot be decrypted with the current key/);
        expect(textOf(r) + stderr()).not.toContain(wrongKeys[1]);
      } finally {
        await client.close();
      }
      expect(sim.api.processed()).toBe(apiRequests);
      expect(refreshRequests()).toBe(tokenRequests);
      await expectUntouched();
    });
  });
});
