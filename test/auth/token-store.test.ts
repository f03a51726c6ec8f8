import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTokenStore, MemoryTokenStore, TokenStoreError, type TokenStore } from '../../src/auth/token-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');
const STORE_FILE = 'tokens.json.enc';
const KEY_FILE = 'secret.key';
const onPosix = process.platform !== 'win32';

const tempRoots: string[] = [];
afterAll(async () => {
  await Promise.all(tempRoots.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** A state dir that does not exist yet (nested, so the store has to create it with the right mode). */
async function freshStateDir(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'creator-mcp-tokens-'));
  tempRoots.push(root);
  return path.join(root, 'state', 'creator-mcp');
}

async function rejectionOf(promise: Promise<unknown>): Promise<TokenStoreError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TokenStoreError);
    return err as TokenStoreError;
  }
  throw new Error('expected the promise to reject');
}

const counterOf = (record: { data: Record<string, unknown> } | undefined): number => Number(record?.data.counter ?? 0);

const increment = (platform: string, account: string) => async (current: { data: Record<string, unknown> } | undefined) => {
  const next = counterOf(current) + 1;
  await sleep(1); // let the other callers interleave if nothing serialised them
  return { platform, account, data: { counter: next } };
};

const harnesses: { name: string; make: () => Promise<TokenStore> }[] = [
  { name: 'MemoryTokenStore', make: async () => new MemoryTokenStore() },
  { name: 'FileTokenStore', make: async () => FileTokenStore.open({ stateDir: await freshStateDir() }) },
];

describe.each(harnesses)('$name behaviour', ({ make }) => {
  it('starts empty', async () => {
    const store = await make();
    expect(await store.get('fanvue')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(await store.delete('fanvue')).toBe(false);
  });

  it('round-trips put/get/list/delete, with account defaulting to "default"', async () => {
    const store = await make();
    const before = Date.now();
    const put = await store.put({ platform: 'fanvue', account: 'default', data: { accessToken: 'tok-1' }, expiresAt: 1_900_000_000_000 });
    const after = Date.now();
    expect(put).toEqual({
      platform: 'fanvue',
      account: 'default',
      data: { accessToken: 'tok-1' },
      expiresAt: 1_900_000_000_000,
      updatedAt: put.updatedAt,
    });
    expect(put.updatedAt).toBeGreaterThanOrEqual(before);
    expect(put.updatedAt).toBeLessThanOrEqual(after);
    expect(await store.get('fanvue')).toEqual(put);
    expect(await store.get('fanvue', 'default')).toEqual(put);
    expect(await store.get('fanvue', 'other')).toBeUndefined();
    expect(await store.get('fanbook')).toBeUndefined();

    await store.put({ platform: 'fanvue', account: 'second', data: { accessToken: 'tok-2' } });
    await store.put({ platform: 'afdian', account: 'default', data: { token: 'tok-3' } });
    const listed = await store.list();
    expect(listed.map((r) => `${r.platform}/${r.account}`)).toEqual(['afdian/default', 'fanvue/default', 'fanvue/second']);
    expect(listed[1]).toEqual(put);
    expect(listed[2]).not.toHaveProperty('expiresAt');

    expect(await store.delete('fanvue')).toBe(true);
    expect(await store.get('fanvue')).toBeUndefined();
    expect(await store.get('fanvue', 'second')).toMatchObject({ data: { accessToken: 'tok-2' } });
    expect(await store.delete('fanvue')).toBe(false);
    expect(await store.delete('fanvue', 'second')).toBe(true);
    expect((await store.list()).map((r) => r.platform)).toEqual(['afdian']);
  });

  it('replaces the whole record on put and stamps a new updatedAt', async () => {
    const store = await make();
    const first = await store.put({ platform: 'fresns', account: 'default', data: { a: 1, b: 2 }, expiresAt: 5 });
    await sleep(5);
    const second = await store.put({ platform: 'fresns', account: 'default', data: { a: 3 } });
    expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
    expect(await store.get('fresns')).toEqual({ platform: 'fresns', account: 'default', data: { a: 3 }, updatedAt: second.updatedAt });
  });

  it('hands out copies and stores data as JSON', async () => {
    const store = await make();
    const put = await store.put({
      platform: 'fanbook',
      account: 'default',
      data: { when: new Date(0), gone: undefined, nested: { list: [1, 2] } },
    });
    expect(put.data).toEqual({ when: '1970-01-01T00:00:00.000Z', nested: { list: [1, 2] } });
    (put.data.nested as { list: number[] }).list.push(3);
    const got = await store.get('fanbook');
    expect(got?.data).toEqual({ when: '1970-01-01T00:00:00.000Z', nested: { list: [1, 2] } });
    (got!.data as { when: string }).when = 'changed';
    expect((await store.get('fanbook'))?.data.when).toBe('1970-01-01T00:00:00.000Z');
  });

  it('rejects invalid records without storing anything or echoing their data', async () => {
    const store = await make();
    const empty = await rejectionOf(store.put({ platform: '', account: 'default', data: {} }));
    expect(empty.code).toBe('INVALID_RECORD');
    const bigint = await rejectionOf(store.put({ platform: 'fanvue', account: 'default', data: { secret: 'sk-very-secret', n: 1n } }));
    expect(bigint.code).toBe('INVALID_RECORD');
    expect(bigint.message).not.toContain('sk-very-secret');
    const badExpiry = await rejectionOf(store.put({ platform: 'fanvue', account: 'default', data: {}, expiresAt: Number.NaN }));
    expect(badExpiry.code).toBe('INVALID_RECORD');
    expect(await store.list()).toEqual([]);
  });

  it('update(): creates, keeps (undefined), deletes (null) and returns what is stored', async () => {
    const store = await make();
    const seen: unknown[] = [];
    const created = await store.update('afdian', 'default', (current) => {
      seen.push(current);
      return { platform: 'afdian', account: 'default', data: { token: 'a' } };
    });
    expect(seen).toEqual([undefined]);
    expect(created).toMatchObject({ platform: 'afdian', account: 'default', data: { token: 'a' } });
    expect(await store.get('afdian')).toEqual(created);

    await sleep(5);
    const kept = await store.update('afdian', 'default', async (current) => {
      seen.push(current);
      return undefined;
    });
    expect(seen[1]).toEqual(created);
    expect(kept).toEqual(created);
    expect(await store.get('afdian')).toEqual(created); // same updatedAt: nothing was rewritten

    const deleted = await store.update('afdian', 'default', () => null);
    expect(deleted).toBeUndefined();
    expect(await store.get('afdian')).toBeUndefined();
  });

  it('update(): a throwing callback or a record for another key changes nothing', async () => {
    const store = await make();
    const original = await store.put({ platform: 'fanvue', account: 'default', data: { n: 1 } });
    const boom = new Error('refresh failed');
    await expect(store.update('fanvue', 'default', () => Promise.reject(boom))).rejects.toBe(boom);
    const mismatch = await rejectionOf(
      store.update('fanvue', 'default', () => ({ platform: 'fanbook', account: 'default', data: { n: 2 } })),
    );
    expect(mismatch.code).toBe('INVALID_RECORD');
    expect(await store.list()).toEqual([original]);
  });

  it('update(): writing to the same store from inside the callback fails fast instead of deadlocking', async () => {
    const store = await make();
    const err = await rejectionOf(
      store.update('fanvue', 'default', async () => {
        await store.put({ platform: 'fanvue', account: 'default', data: { inner: true } });
        return undefined;
      }),
    );
    expect(err.code).toBe('REENTRANT');
    expect(await store.get('fanvue')).toBeUndefined();
    // The queue is not wedged afterwards.
    await store.put({ platform: 'fanvue', account: 'default', data: { after: true } });
    expect((await store.get('fanvue'))?.data).toEqual({ after: true });
  });

  it('serialises 20 concurrent update() calls in one process', async () => {
    const store = await make();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.update('fanvue', 'default', increment('fanvue', 'default'))));
    expect(counterOf(await store.get('fanvue'))).toBe(20);
    expect(results.map(counterOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('FileTokenStore on disk', () => {
  const secretToken = 'at-9f8e7d6c5b4a-super-secret';
  const sample = { platform: 'fanvue', account: 'default', data: { accessToken: secretToken, refreshToken: 'rt-0123456789' }, expiresAt: 42 };

  it.skipIf(!onPosix)('creates the state dir 0700 and the store and key files 0600', async () => {
    const stateDir = await freshStateDir();
    const store = await FileTokenStore.open({ stateDir });
    await store.put(sample);
    await store.put({ ...sample, data: { accessToken: 'second' } }); // the replaced file must keep the mode
    const mode = (p: string): number => statSync(p).mode & 0o777;
    expect(mode(stateDir)).toBe(0o700);
    expect(mode(path.join(stateDir, STORE_FILE))).toBe(0o600);
    expect(mode(path.join(stateDir, KEY_FILE))).toBe(0o600);
  });

  it('keeps only the encrypted envelope on disk: no token, no field names, no plaintext temp or lock left', async () => {
    const stateDir = await freshStateDir();
    const store = await FileTokenStore.open({ stateDir });
    await store.put(sample);
    const raw = await fs.readFile(path.join(stateDir, STORE_FILE), 'utf8');
    const envelope = JSON.parse(raw) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(['ct', 'iv', 'tag', 'v']);
    expect(envelope.v).toBe(1);
    for (const plain of [secretToken, 'rt-0123456789', 'accessToken', 'platform', 'updatedAt', 'expiresAt', 'fanvue', 'records']) {
      expect(raw).not.toContain(plain);
    }
    expect((await fs.readdir(stateDir)).sort()).toEqual([KEY_FILE, STORE_FILE]);
    expect(store.describe()).toContain(path.join(stateDir, STORE_FILE));
    expect(store.describe()).toContain(KEY_FILE);
  });

  it('accepts the same key as env string across instances, in any encoding of the same 32 bytes or as a passphrase', async () => {
    const bytes = randomBytes(32);
    const stateDir = await freshStateDir();
    const writer = await FileTokenStore.open({ stateDir, secretKey: bytes.toString('hex') });
    await writer.put(sample);
    for (const secretKey of [bytes.toString('base64'), bytes.toString('base64url'), `  ${bytes.toString('hex').toUpperCase()}\n`]) {
      const reader = await FileTokenStore.open({ stateDir, secretKey });
      expect((await reader.get('fanvue'))?.data.accessToken).toBe(secretToken);
    }
    expect(writer.describe()).toContain('CREATOR_MCP_SECRET_KEY');
    expect(writer.describe()).not.toContain(bytes.toString('hex'));
    expect(existsSync(path.join(stateDir, KEY_FILE))).toBe(false);

    const passDir = await freshStateDir();
    await (await FileTokenStore.open({ stateDir: passDir, secretKey: 'correct horse battery staple' })).put(sample);
    const again = await FileTokenStore.open({ stateDir: passDir, secretKey: 'correct horse battery staple\n' });
    expect((await again.get('fanvue'))?.data.accessToken).toBe(secretToken);
  });

  it('writes a key file whose content works as CREATOR_MCP_SECRET_KEY', async () => {
    const stateDir = await freshStateDir();
    await (await FileTokenStore.open({ stateDir })).put(sample);
    const keyText = await fs.readFile(path.join(stateDir, KEY_FILE), 'utf8');
    const viaEnv = await FileTokenStore.open({ stateDir, secretKey: keyText });
    expect((await viaEnv.get('fanvue'))?.data.accessToken).toBe(secretToken);
  });

  it('refuses every operation with a wrong key and leaves the file byte-for-byte unchanged', async () => {
    const stateDir = await freshStateDir();
    await (await FileTokenStore.open({ stateDir, secretKey: 'key-one' })).put(sample);
    const storePath = path.join(stateDir, STORE_FILE);
    const bytesBefore = await fs.readFile(storePath);
    const wrong = await FileTokenStore.open({ stateDir, secretKey: 'key-two' });
    let callbackRan = false;
    const failures = await Promise.all([
      rejectionOf(wrong.get('fanvue')),
      rejectionOf(wrong.list()),
      rejectionOf(wrong.put({ platform: 'fanbook', account: 'default', data: { x: 1 } })),
      rejectionOf(
        wrong.update('fanvue', 'default', () => {
          callbackRan = true;
          return null;
        }),
      ),
      rejectionOf(wrong.delete('fanvue')),
    ]);
    for (const err of failures) {
      expect(err.code).toBe('WRONG_KEY');
      expect(err.message).toContain(storePath);
      expect(err.message).toContain('cannot be decrypted with the current key');
      for (const secret of ['key-one', 'key-two', secretToken]) expect(err.message).not.toContain(secret);
    }
    expect(callbackRan).toBe(false);
    expect((await fs.readFile(storePath)).equals(bytesBefore)).toBe(true);
    expect((await fs.readdir(stateDir)).sort()).toEqual([STORE_FILE]);
    // The right key still works afterwards.
    const right = await FileTokenStore.open({ stateDir, secretKey: 'key-one' });
    expect((await right.get('fanvue'))?.data.accessToken).toBe(secretToken);
  });

  it('reports a damaged or foreign file clearly and does not overwrite it', async () => {
    const stateDir = await freshStateDir();
    const store = await FileTokenStore.open({ stateDir });
    const storePath = path.join(stateDir, STORE_FILE);
    await store.put(sample);
    const good = JSON.parse(await fs.readFile(storePath, 'utf8')) as Record<string, string>;
    const cases: [string, string][] = [
      ['not json at all', 'CORRUPT'],
      ['', 'CORRUPT'],
      [JSON.stringify({ ...good, tag: good.tag?.slice(0, 8) }), 'CORRUPT'],
      [JSON.stringify({ ...good, v: 2 }), 'UNSUPPORTED_VERSION'],
      [JSON.stringify({ ...good, ct: Buffer.from('tampered').toString('base64') }), 'WRONG_KEY'],
    ];
    for (const [content, code] of cases) {
      await fs.writeFile(storePath, content);
      const readErr = await rejectionOf(store.get('fanvue'));
      const writeErr = await rejectionOf(store.put(sample));
      expect([readErr.code, writeErr.code]).toEqual([code, code]);
      expect(readErr.message).toContain(storePath);
      expect(await fs.readFile(storePath, 'utf8')).toBe(content);
    }
  });

  it('refuses to invent a new key when the store exists but secret.key is gone', async () => {
    const stateDir = await freshStateDir();
    await (await FileTokenStore.open({ stateDir })).put(sample);
    await fs.rm(path.join(stateDir, KEY_FILE));
    const err = await rejectionOf(FileTokenStore.open({ stateDir }));
    expect(err.code).toBe('KEY_MISSING');
    expect(existsSync(path.join(stateDir, KEY_FILE))).toBe(false);
    expect((await rejectionOf(FileTokenStore.open({ stateDir, secretKey: ' ' }))).code).toBe('BAD_KEY');
  });

  it('agrees on one key when many opens race on a fresh state dir', async () => {
    const stateDir = await freshStateDir();
    const stores = await Promise.all(Array.from({ length: 8 }, () => FileTokenStore.open({ stateDir })));
    await stores[0]!.put(sample);
    for (const store of stores) expect((await store.get('fanvue'))?.data.accessToken).toBe(secretToken);
    expect((await fs.readdir(stateDir)).sort()).toEqual([KEY_FILE, STORE_FILE]);
  });

  it('ignores stray temp files and removes only those older than a minute', async () => {
    const stateDir = await freshStateDir();
    await (await FileTokenStore.open({ stateDir })).put(sample);
    const oldTemp = path.join(stateDir, `${STORE_FILE}.12345.0123456789ab.tmp`);
    const newTemp = path.join(stateDir, `${STORE_FILE}.12346.ba9876543210.tmp`);
    await fs.writeFile(oldTemp, 'half-written');
    await fs.writeFile(newTemp, 'half-written');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await fs.utimes(oldTemp, twoMinutesAgo, twoMinutesAgo);
    const store = await FileTokenStore.open({ stateDir });
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(newTemp)).toBe(true);
    expect((await store.get('fanvue'))?.data.accessToken).toBe(secretToken);
  });

  it('waits for a lock held elsewhere, and takes over a stale one', async () => {
    const stateDir = await freshStateDir();
    const store = await FileTokenStore.open({ stateDir });
    const lockPath = path.join(await fs.realpath(stateDir), `${STORE_FILE}.lock`);
    const release = await lockfile.lock(path.join(stateDir, 'other-holder'), { realpath: false, lockfilePath: lockPath });
    let done = false;
    const pending = store.put(sample).then(() => {
      done = true;
    });
    await sleep(300);
    expect(done).toBe(false);
    await release();
    await pending;
    expect(done).toBe(true);

    // A holder that died without cleaning up: its lock directory stops being refreshed.
    await fs.mkdir(lockPath);
    const longAgo = new Date(Date.now() - 60_000);
    await fs.utimes(lockPath, longAgo, longAgo);
    const started = Date.now();
    await store.put({ ...sample, data: { accessToken: 'after-stale' } });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await store.get('fanvue'))?.data.accessToken).toBe('after-stale');
  });

  it('serialises writers across two instances on one directory in one process', async () => {
    const stateDir = await freshStateDir();
    const a = await FileTokenStore.open({ stateDir });
    const alias = path.join(path.dirname(stateDir), 'alias');
    await fs.symlink(stateDir, alias);
    const b = await FileTokenStore.open({ stateDir: alias });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).update('fanvue', 'default', increment('fanvue', 'default'))));
    expect(counterOf(await a.get('fanvue'))).toBe(20);
  });
});

describe('FileTokenStore across processes (children load dist/)', () => {
  const distEntry = path.join(repoRoot, 'dist/auth/token-store.js');
  const srcEntry = path.join(repoRoot, 'src/auth/token-store.ts');

  function assertBuilt(): void {
    if (!existsSync(distEntry)) throw new Error(`${distEntry} is missing: run \`npm run build\` first (\`npm test\` does).`);
    if (statSync(distEntry).mtimeMs < statSync(srcEntry).mtimeMs) {
      throw new Error(`${distEntry} is older than ${srcEntry}: run \`npm run build\` so the child processes test current code.`);
    }
  }

  interface Child {
    lines: string[];
    stderr: () => string;
    closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    kill: () => void;
    send: (text: string) => void;
  }

  function startChild(script: string, args: string[], secretKey?: string): Child {
    const env = { ...process.env };
    delete env.CREATOR_MCP_SECRET_KEY;
    if (secretKey !== undefined) env.CREATOR_MCP_SECRET_KEY = secretKey;
    const proc = spawn(process.execPath, [path.join(fixtures, script), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // 'close' (not 'exit') so every line the child wrote has been read.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('close', (code, signal) => resolve({ code, signal })),
    );
    return {
      lines,
      stderr: () => stderr,
      closed,
      kill: () => proc.kill('SIGKILL'),
      send: (text) => proc.stdin.end(text),
    };
  }

  async function waitFor(condition: () => boolean, child: Child, what: string, timeoutMs = 10_000): Promise<void> {
    let exited = false;
    void child.closed.then(() => (exited = true));
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (exited || Date.now() > deadline) throw new Error(`child never ${what}; stderr:\n${child.stderr()}`);
      await sleep(5);
    }
  }

  it('4 processes × 25 update() increments end at exactly 100, each value stored once', async () => {
    assertBuilt();
    const stateDir = await freshStateDir();
    const workers = Array.from({ length: 4 }, () => startChild('counter-worker.mjs', [stateDir, '25']));
    for (const w of workers) await waitFor(() => w.lines.includes('ready'), w, 'became ready');
    for (const w of workers) w.send('go\n');
    const exits = await Promise.all(workers.map((w) => w.closed));
    exits.forEach((exit, i) => expect(exit, workers[i]!.stderr()).toEqual({ code: 0, signal: null }));

    const stored = workers.flatMap((w) => JSON.parse(w.lines.at(-1) ?? '[]') as number[]);
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const store = await FileTokenStore.open({ stateDir });
    const record = await store.get('fanvue');
    expect(record?.data).toEqual({ counter: 100, refreshToken: 'rt-100' });
  });

  it('survives 20 SIGKILLs mid-write: always readable, never behind what was reported committed', async () => {
    assertBuilt();
    const stateDir = await freshStateDir();
    const secretKey = randomBytes(32).toString('hex'); // raw key: no scrypt per child start
    const lockPath = path.join(stateDir, `${STORE_FILE}.lock`);
    let stored = 0;
    let killsWhileLocked = 0;
    for (let round = 0; round < 20; round++) {
      // A child killed holding the lock leaves it behind; age it past the stale limit instead of waiting 10 s for real.
      if (existsSync(lockPath)) {
        const longAgo = new Date(Date.now() - 60_000);
        await fs.utimes(lockPath, longAgo, longAgo);
      }
      const child = startChild('crash-writer.mjs', [stateDir], secretKey);
      await waitFor(() => child.lines.length > 0, child, 'committed a write');
      await sleep(Math.random() * 40);
      child.kill();
      const exit = await child.closed;
      expect(exit.signal, child.stderr()).toBe('SIGKILL');
      if (existsSync(lockPath)) killsWhileLocked++;

      const reported = Number(child.lines.at(-1));
      expect(Number(child.lines[0])).toBe(stored + 1); // it continued from what we read last round
      const record = await (await FileTokenStore.open({ stateDir, secretKey })).get('fanvue');
      stored = counterOf(record);
      expect(stored).toBeGreaterThanOrEqual(reported);
      expect(stored).toBeLessThanOrEqual(reported + 1); // at most the one write it had no time to report
      expect(record?.data.accessToken).toBe(`at-${stored}`);
    }
    expect(killsWhileLocked).toBeGreaterThan(0); // the kills really landed inside writes
  });
});
