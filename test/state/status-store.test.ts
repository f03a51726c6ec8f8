import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { SECRET } from './backends.js';

/** `creator-mcp status` names the store in use, and never prints a password from its URL. */
describe('status shows the store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-status-store-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('file store by default', async () => {
    const r = await runCli(['status'], { CREATOR_MCP_STATE_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Store: file (state dir ${dir})`);
  });

  it('an unreachable Redis: exit 2, its URL with the password masked', async () => {
    const r = await runCli(['status'], { CREATOR_MCP_STATE_DIR: dir, CREATOR_MCP_STORE: 'redis://ops:s3cret-pass-word@127.0.0.1:1/0', CREATOR_MCP_SECRET_KEY: SECRET });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/cannot reach Redis at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1\/0/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pass-word');
  });

  it('a generated password with / and @ in it is masked whole, even where the URL does not parse', async () => {
    const password = 'ab/cd+ef@gh';
    const r = await runCli(['status'], { CREATOR_MCP_STATE_DIR: dir, CREATOR_MCP_STORE: `redis://ops:${password}@127.0.0.1:1/0`, CREATOR_MCP_SECRET_KEY: SECRET });
    expect(r.code).toBe(2);
    const out = `${r.stdout}${r.stderr}`;
    expect(out).toContain('redis://ops:***@127.0.0.1:1/0');
    for (const piece of [password, 'ab/cd', 'cd+ef', 'ef@gh']) expect(out).not.toContain(piece);
  });

  describe.skipIf(!redisAvailable())('on a private Redis', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(() => redis?.close());

    it('names the Redis and writes nothing to the state dir', async () => {
      const empty = path.join(dir, 'unused');
      const r = await runCli(['status'], { CREATOR_MCP_STATE_DIR: empty, CREATOR_MCP_STORE: redis.url, CREATOR_MCP_SECRET_KEY: SECRET });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Store: Redis ${redis.url} (keys under creator-mcp:)`);
      expect(r.stdout).toMatch(/Token store: Redis .*AES-256-GCM/);
      await expect(readdir(empty)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
});
