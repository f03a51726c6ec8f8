import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/http/rate-limit.js';
import { resolveUpload } from '../../src/uploads.js';

describe('upload directory policy', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'uploads-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'secret-'));
    await writeFile(path.join(root, 'a.jpg'), 'jpeg');
    await mkdir(path.join(root, 'sub'));
    await writeFile(path.join(root, 'sub', 'b.png'), 'png!');
    await writeFile(path.join(outside, 'id_rsa'), 'KEY');
    await symlink(path.join(outside, 'id_rsa'), path.join(root, 'link'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('resolves files inside the directory', async () => {
    expect(await resolveUpload(root, 'a.jpg')).toMatchObject({ size: 4 });
    expect((await resolveUpload(root, 'sub/b.png')).path.endsWith(path.join('sub', 'b.png'))).toBe(true);
  });
  it('refuses paths outside it, by .., absolute path or symlink', async () => {
    for (const p of ['../x', path.join(outside, 'id_rsa'), 'link', `../${path.basename(outside)}/id_rsa`]) {
      await expect(resolveUpload(root, p), p).rejects.toThrow(/outside the upload directory|no file/);
    }
  });
  it('refuses everything when no directory is configured', async () => {
    await expect(resolveUpload(undefined, 'a.jpg')).rejects.toThrow(/CREATOR_MCP_UPLOAD_DIR/);
  });
  it('refuses directories', async () => {
    await expect(resolveUpload(root, 'sub')).rejects.toThrow(/not a regular file/);
  });
});

describe('RateLimiter', () => {
  it('lets a burst through up to the limit, then makes the rest wait for the window', () => {
    let now = 0;
    const rl = new RateLimiter({ limit: 3, windowMs: 1_000, bucketOf: () => 'b' }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(rl.waitMs('b')).toBe(0);
      void rl.acquire('b');
    }
    expect(rl.waitMs('b')).toBe(1_000);
    now = 400;
    expect(rl.waitMs('b')).toBe(600);
    now = 1_000;
    expect(rl.waitMs('b')).toBe(0);
    expect(rl.waitMs('other')).toBe(0);
  });
  it('blocks a bucket until the platform says it resets', () => {
    const now = 10_000;
    const rl = new RateLimiter({ limit: 100, windowMs: 60_000, bucketOf: () => 'b' }, () => now);
    rl.observe('b', new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }));
    expect(rl.waitMs('b')).toBe(30_000);
    rl.observe('c', new Headers({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '30' }));
    expect(rl.waitMs('c')).toBe(0);
  });
});
