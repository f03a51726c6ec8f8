import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { SECRET } from './backends.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** login, status and logout use the store the servers use: with Redis, nothing lands on disk. */
describe.skipIf(!redisAvailable())('login and logout on the Redis store', () => {
  let redis: RedisServer;
  let stateDir: string;
  beforeAll(async () => {
    redis = await startRedis();
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-login-redis-'));
  });
  afterAll(async () => {
    await redis?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('stores the login in Redis, sealed; status lists it; logout removes it', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      CREATOR_MCP_STATE_DIR: stateDir,
      CREATOR_MCP_STORE: redis.url,
      CREATOR_MCP_SECRET_KEY: SECRET,
      AFDIAN_REDIRECT_URI: `http://127.0.0.1:${await freePort()}/callback`,
    };
    const login = await runCli(['login', 'afdian', '--sandbox'], env);
    expect(login.stderr).toMatch(/Logged in to Afdian/);
    const c = createClient({ url: redis.url });
    await c.connect();
    try {
      const sealed = (await c.hGet('creator-mcp:tokens', '["afdian","default"]')) as string;
      expect(sealed).toBeTruthy();
      expect(sealed).not.toMatch(/user_id|token/);
      expect((await runCli(['status', '--sandbox'], env)).stdout).toMatch(/login: name .+, user_id \w+/);
      expect((await runCli(['logout', 'afdian', '--sandbox'], env)).stderr).toMatch(/Logged out of Afdian/);
      expect(await c.hLen('creator-mcp:tokens')).toBe(0);
    } finally {
      await c.close();
    }
    expect(await readdir(stateDir)).toEqual([]);
  });
});
