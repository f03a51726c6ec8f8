import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { FileTokenStore, MemoryTokenStore, type TokenStore, type TokenUpdateFn } from '../../src/auth/token-store.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

const me = (client: Client) => client.callTool({ name: 'fanvue_get_current_user', arguments: {} });

/** A store whose writes fail after the callback ran, as a full disk fails the write of a finished refresh. */
class FullDiskStore extends MemoryTokenStore {
  full = false;
  override async update(platform: string, account: string, fn: TokenUpdateFn) {
    if (!this.full) return super.update(platform, account, fn);
    const next = await fn(await this.get(platform, account));
    if (next === undefined) return this.get(platform, account);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }
}

/** Expires the access token, calls twice while the store cannot be written, then lets the store recover. */
async function survivesUnwritableStore(h: Harness, client: Client, setFull: (full: boolean) => Promise<void>, store: TokenStore) {
  const sim: FanvueSimulator = fanvueOf(h);
  payload(await me(client));
  const spent = (await store.get('fanvue'))?.data.refresh_token;
  const refreshes = sim.oauth.stats.refreshes;
  await setFull(true);
  sim.oauth.expireAccessTokens();
  for (let i = 0; i < 3; i++) expect(payload<{ handle: string }>(await me(client)).handle).toBe(sim.creator.handle);
  expect(sim.oauth.stats.refreshes - refreshes).toBe(1);
  expect((await store.get('fanvue'))?.data.refresh_token).toBe(spent);
  expect(h.logs.filter((l) => l.includes('could not be saved'))).toHaveLength(1);

  await setFull(false);
  payload(await me(client));
  const saved = (await store.get('fanvue'))?.data.refresh_token;
  expect(saved).not.toBe(spent);
  expect(h.logs.some((l) => l.includes('saved to the token store again'))).toBe(true);
  // The saved login is the live one: the next refresh works from the store without a new login.
  sim.oauth.expireAccessTokens();
  payload(await me(client));
  expect(sim.oauth.stats.refreshes - refreshes).toBe(2);
  for (const line of h.logs) expect(line).not.toContain(String(saved));
}

describe('a refreshed login that cannot be saved is kept, used and saved later', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('with an injected write failure (ENOSPC after the refresh)', async () => {
    const store = new FullDiskStore();
    h = await startHarness({ store });
    const client = await h.client();
    await survivesUnwritableStore(h, client, (full) => Promise.resolve(void (store.full = full)), store);
  });

  describe('with a real full filesystem (tmpfs)', () => {
    let mnt: string | undefined;
    let skip = '';
    beforeAll(async () => {
      mnt = await mkdtemp(path.join(os.tmpdir(), 'full-disk-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'ignore' });
      } catch {
        skip = 'mounting a tmpfs needs root and a kernel that allows it';
      }
    });
    afterAll(async () => {
      if (!mnt) return;
      if (!skip) execFileSync('umount', [mnt], { stdio: 'ignore' });
      await rm(mnt, { recursive: true, force: true });
    });

    it('keeps the login through ENOSPC from the FileTokenStore', async (ctx) => {
      if (skip) return ctx.skip(skip);
      const stateDir = path.join(mnt!, 'state');
      await mkdir(stateDir);
      const store = await FileTokenStore.open({ stateDir });
      h = await startHarness({ store });
      const client = await h.client();
      const filler = path.join(mnt!, 'filler');
      const fill = async (full: boolean) => {
        if (!full) return rm(filler, { force: true });
        // Fill to the last byte: the store's next temp file cannot be written.
        await writeFile(filler, Buffer.alloc(0));
        for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
          try {
            await writeFile(filler, Buffer.alloc(size), { flag: 'a' });
            size *= 2;
          } catch {
            // ENOSPC at this size: try a smaller chunk.
          }
        }
      };
      await survivesUnwritableStore(h, client, fill, store);
    });
  });
});
