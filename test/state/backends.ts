import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openState } from '../../src/state/open.js';
import { openRedisState, type RedisStateOptions } from '../../src/state/redis/backend.js';
import type { StateBackend } from '../../src/state/types.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';

export const SECRET = 'one passphrase shared by every instance of the test';

export interface BackendKit {
  name: 'file' | 'redis';
  /** Opens another handle on the same shared state, as a second instance would. */
  open(extra?: Partial<RedisStateOptions>): Promise<StateBackend>;
  redis?: RedisServer;
  close(): Promise<void>;
}

/** The backends the store suite runs against: the file store always, Redis where redis-server exists. */
export const BACKENDS: Array<BackendKit['name']> = redisAvailable() ? ['file', 'redis'] : ['file'];

export async function backendKit(name: BackendKit['name'], opts: { appendonly?: boolean } = {}): Promise<BackendKit> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-state-'));
  const opened: StateBackend[] = [];
  const track = (s: StateBackend) => (opened.push(s), s);
  if (name === 'file') {
    return {
      name,
      open: async (extra = {}) => track(await openState({ store: { kind: 'file' }, stateDir, secretKey: SECRET, ...extra })),
      close: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await rm(stateDir, { recursive: true, force: true });
      },
    };
  }
  const redis = await startRedis(opts);
  return {
    name,
    redis,
    open: async (extra = {}) => track(await openRedisState({ store: { kind: 'redis', url: redis.url }, url: redis.url, stateDir, secretKey: SECRET, ...extra })),
    close: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      await redis.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
