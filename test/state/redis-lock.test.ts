import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/http/errors.js';
import { recordKey } from '../../src/auth/token-store.js';
import { openRedisState } from '../../src/state/redis/backend.js';
import type { StateBackend } from '../../src/state/types.js';
import { redisAvailable } from '../helpers/redis-server.js';
import { assertBuilt } from '../reliability/built.js';
import { backendKit, SECRET, type BackendKit } from './backends.js';

const LOCK = `creator-mcp:lock:tokens:${recordKey('fanvue', 'default')}`;

/** Wait for a condition another instance brings about (pub/sub delivery); bounded, not timed. */
async function until(check: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

describe.skipIf(!redisAvailable())('Redis state: the refresh lock, the token cache and outages', () => {
  let kit: BackendKit;
  let raw: StateBackend;
  beforeAll(async () => {
    kit = await backendKit('redis', { appendonly: true });
    raw = await kit.open();
  });
  afterAll(() => kit.close());

  /** Another "instance" speaking plain Redis commands, to play a rival lock holder. */
  const redisCli = async (...args: string[]) => {
    const { createClient } = await import('redis');
    const c = createClient({ url: kit.redis?.url });
    await c.connect();
    try {
      return await c.sendCommand(args);
    } finally {
      await c.close();
    }
  };

  it('fencing: a holder whose lock expired and was taken by another cannot write', async () => {
    const s = await kit.open({ lock: { ttlMs: 300, timeoutMs: 5_000 } });
    await s.tokens.put({ platform: 'fanvue', account: 'default', data: { refresh: 'r0' } });
    const err = await s.tokens
      .update('fanvue', 'default', async () => {
        // As if this holder stalled past expiry and another instance took the lock meanwhile.
        await redisCli('SET', LOCK, 'another-holder', 'PX', '5000');
        return { platform: 'fanvue', account: 'default', data: { refresh: 'stale-write' } };
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LOCK_LOST' });
    // The loser's release must not delete the lock the other instance now holds (compare-and-delete).
    expect(await redisCli('GET', LOCK)).toBe('another-holder');
    await redisCli('DEL', LOCK);
    expect((await raw.tokens.get('fanvue'))?.data.refresh).toBe('r0');
  });

  it('a holder that died leaves a lock that expires; the next instance then proceeds', async () => {
    const s = await kit.open({ lock: { ttlMs: 300, timeoutMs: 10_000 } });
    await s.tokens.put({ platform: 'fanvue', account: 'default', data: { refresh: 'r0' } });
    // A killed holder: its lock stays until its expiry, nobody releases it.
    await redisCli('SET', LOCK, 'dead-holder', 'PX', '400');
    const done = await s.tokens.update('fanvue', 'default', () => ({ platform: 'fanvue', account: 'default', data: { refresh: 'r1' } }));
    expect(done?.data.refresh).toBe('r1');
    expect(await redisCli('PTTL', LOCK)).toBe(-2);
  });

  it('an instance SIGKILLed while it holds the refresh lock: the lock expires and another instance refreshes', async () => {
    // The holder is a child process running dist/.
    assertBuilt();
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const backend = path.join(import.meta.dirname, '..', '..', 'dist', 'state', 'redis', 'backend.js');
    const s = await kit.open({ lock: { ttlMs: 500, timeoutMs: 10_000 } });
    await s.tokens.put({ platform: 'fanvue', account: 'default', data: { refresh: 'r0' }, expiresAt: 0 });
    const script = `
      const { openRedisState } = await import(${JSON.stringify(backend)});
      const url = ${JSON.stringify(kit.redis?.url)};
      const st = await openRedisState({ store: { kind: 'redis', url }, url, stateDir: '/nonexistent', secretKey: ${JSON.stringify(SECRET)}, lock: { ttlMs: 500, timeoutMs: 5000 } });
      await st.tokens.update('fanvue', 'default', async () => { console.log('holding'); await new Promise(() => setInterval(() => {}, 1000)); });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
      child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    expect(await redisCli('EXISTS', LOCK)).toBe(1);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    let refreshes = 0;
    const done = await s.tokens.update('fanvue', 'default', (cur) => {
      refreshes++;
      expect(cur?.data.refresh).toBe('r0');
      return { platform: 'fanvue', account: 'default', data: { refresh: 'r1' }, expiresAt: Date.now() + 3_600_000 };
    });
    expect(refreshes).toBe(1);
    expect(done?.data.refresh).toBe('r1');
  });

  it('a live holder keeps its lock past the expiry by renewing it, so nobody writes under it', async () => {
    const [a, b] = [await kit.open({ lock: { ttlMs: 150, timeoutMs: 10_000 } }), await kit.open({ lock: { ttlMs: 150, timeoutMs: 10_000 } })];
    await a.tokens.put({ platform: 'fanvue', account: 'default', data: { n: 0 } });
    const order: string[] = [];
    const slow = a.tokens.update('fanvue', 'default', async (cur) => {
      order.push('a-start');
      await new Promise((r) => setTimeout(r, 600));
      order.push('a-end');
      return { platform: 'fanvue', account: 'default', data: { n: Number(cur?.data.n) + 1 } };
    });
    await until(async () => order.length > 0);
    const fast = b.tokens.update('fanvue', 'default', (cur) => {
      order.push('b');
      return { platform: 'fanvue', account: 'default', data: { n: Number(cur?.data.n) + 1 } };
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a-start', 'a-end', 'b']);
    expect((await b.tokens.get('fanvue'))?.data.n).toBe(2);
  });

  it('a cached token is dropped when another instance changes it, and a steady read costs no round trip', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    await a.tokens.put({ platform: 'afdian', account: 'default', data: { v: 1 } });
    await b.tokens.get('afdian');
    const before = b.commandsSent?.() ?? 0;
    for (let i = 0; i < 50; i++) await b.tokens.get('afdian');
    expect((b.commandsSent?.() ?? 0) - before).toBe(0);
    await a.tokens.put({ platform: 'afdian', account: 'default', data: { v: 2 } });
    await until(async () => (await b.tokens.get('afdian'))?.data.v === 2);
  });

  it('audit appends issued together cost one round trip, and every line is kept in order', async () => {
    const s = await kit.open();
    const time = new Date().toISOString();
    // The first use of a script on a connection loads it (EVALSHA, then EVAL): steady state is after.
    await s.audit.append({ time, tool: 'warm', account: 'default', args: {}, confirmation: 'not-needed', outcome: 'ok', delivery: 'processed', mayHaveBeenProcessed: true });
    const before = s.commandsSent?.() ?? Number.NaN;
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.audit.append({ time, tool: `t${i}`, account: 'default', args: {}, confirmation: 'not-needed', outcome: 'ok', delivery: 'processed', mayHaveBeenProcessed: true })));
    expect((s.commandsSent?.() ?? Number.NaN) - before).toBe(1);
    expect((await s.audit.read()).map((e) => e.tool).slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`));
  });

  it('Redis down: a clear error naming the shared store, no hang; back up: calls succeed and committed writes are there', async () => {
    const s = await kit.open();
    await s.tokens.put({ platform: 'fanbook', account: 'default', data: { token: 'committed' } });
    await kit.redis?.stop({ hard: true });
    const err = await s.tokens.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/shared store \(Redis at redis:\/\/127\.0\.0\.1:\d+\) is unavailable.*Check that Redis is running/);
    await expect(s.inbox.record('afdian', { id: 'x', type: 't', receivedAt: 0, payload: {} })).rejects.toBeInstanceOf(StoreUnavailableError);
    await kit.redis?.start();
    await until(async () => (await s.tokens.get('fanbook').catch(() => undefined))?.data.token === 'committed', 500);
    expect(await s.inbox.record('afdian', { id: 'y', type: 't', receivedAt: 0, payload: {} })).toBe(true);
  });

  it('refuses to start without CREATOR_MCP_SECRET_KEY, and names an unreachable Redis without its password', async () => {
    await expect(openRedisState({ store: { kind: 'redis', url: 'redis://x' }, url: 'redis://x', stateDir: '/nonexistent' })).rejects.toThrow(/CREATOR_MCP_SECRET_KEY is required/);
    const url = 'redis://user:hunter2secret@127.0.0.1:1';
    const err = await openRedisState({ store: { kind: 'redis', url }, url, stateDir: '/nonexistent', secretKey: SECRET }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot reach Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
    expect((err as Error).message).not.toContain('hunter2secret');
  });
});
