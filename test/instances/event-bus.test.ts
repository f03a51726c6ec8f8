import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ServerEvent } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { silentLogger } from '../../src/log.js';
import { createRuntime } from '../../src/runtime.js';
import type { AfdianSimulator } from '../../src/sandbox/afdian/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { RedisEventBus } from '../../src/state/redis/event-bus.js';
import { startHttp, type HttpServerHandle } from '../../src/transports/http.js';
import { HTTP_TOKEN } from '../helpers/harness.js';
import { redisAvailable, startRedis, type RedisServer } from '../helpers/redis-server.js';

const run = redisAvailable();

describe.skipIf(!run)('resource notifications across instances (Redis pub/sub)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('carries an event to the other instances once, never back to the publisher twice, and drops what is not an event', async () => {
    const a = await RedisEventBus.connect(redis.url, { log: silentLogger });
    const b = await RedisEventBus.connect(redis.url, { log: silentLogger });
    const other = await RedisEventBus.connect(redis.url, { log: silentLogger, prefix: 'someone-else:' });
    try {
      const heardA: ServerEvent[] = [];
      const heardB: ServerEvent[] = [];
      const heardOther: ServerEvent[] = [];
      a.subscribe((e) => heardA.push(e));
      b.subscribe((e) => heardB.push(e));
      other.subscribe((e) => heardOther.push(e));
      a.publish({ kind: 'resource_updated', uri: 'afdian://automation-context' });
      // Local delivery is synchronous, like the SDK's in-memory bus.
      expect(heardA).toEqual([{ kind: 'resource_updated', uri: 'afdian://automation-context' }]);
      await expect.poll(() => heardB).toEqual([{ kind: 'resource_updated', uri: 'afdian://automation-context' }]);
      b.publish({ kind: 'tools_list_changed' });
      await expect.poll(() => heardA.length).toBe(2);
      // Whatever else lands on the channel is not an event and is dropped.
      const raw = await import('redis').then((m) => m.createClient({ url: redis.url }).connect());
      await raw.publish('creator-mcp:events', 'not json');
      await raw.publish('creator-mcp:events', JSON.stringify({ from: 'x', event: { kind: 'resource_updated' } }));
      await raw.publish('creator-mcp:events', JSON.stringify({ from: 'x', event: { kind: 'prompts_list_changed' } }));
      await raw.close();
      await expect.poll(() => heardB.length).toBe(3);
      expect(heardB.at(-1)).toEqual({ kind: 'prompts_list_changed' });
      expect(heardA).toHaveLength(3);
      expect(heardA.slice(0, 2)).toEqual([{ kind: 'resource_updated', uri: 'afdian://automation-context' }, { kind: 'tools_list_changed' }]);
      // Instances with another key prefix are another deployment: they hear nothing of this one.
      expect(heardOther).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it('keeps local listeners while Redis is away, says so once, and carries events across again once it is back', async () => {
    const lines: string[] = [];
    const log = { ...silentLogger, warn: (l: string) => void lines.push(`warn ${l}`), info: (l: string) => void lines.push(`info ${l}`) };
    const a = await RedisEventBus.connect(redis.url, { log });
    const b = await RedisEventBus.connect(redis.url, { log: silentLogger });
    try {
      const heardA: ServerEvent[] = [];
      const heardB: ServerEvent[] = [];
      a.subscribe((e) => heardA.push(e));
      b.subscribe((e) => heardB.push(e));
      await redis.stop({ hard: true });
      await expect.poll(() => lines.filter((l) => l.startsWith('warn')).length).toBe(1);
      a.publish({ kind: 'resources_list_changed' });
      expect(heardA).toEqual([{ kind: 'resources_list_changed' }]);
      await redis.start();
      await expect.poll(() => lines.some((l) => l.startsWith('info event bus: Redis is back')), { timeout: 10_000 }).toBe(true);
      // Resubscribed on reconnect: B hears A again (polling, as B may reconnect a moment later).
      await expect
        .poll(() => {
          a.publish({ kind: 'resource_updated', uri: 'fanvue://automation-context' });
          return heardB.some((e) => e.kind === 'resource_updated');
        }, { timeout: 10_000 })
        .toBe(true);
      expect(heardB.some((e) => e.kind === 'resources_list_changed')).toBe(false);
      expect(lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(redis.url);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a webhook received by instance A notifies a client listening on instance C', async () => {
    const sandbox: Sandbox = await startSandbox({ only: ['afdian'] });
    const dirs: string[] = [];
    const handles: HttpServerHandle[] = [];
    const buses: RedisEventBus[] = [];
    const clients: Client[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bus-'));
        dirs.push(stateDir);
        const rt = await createRuntime(
          { ...sandbox.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_PORT: '0', CREATOR_MCP_HTTP_TOKEN: HTTP_TOKEN, CREATOR_MCP_LOG_LEVEL: 'error' },
          { store: new MemoryTokenStore(), logWrite: () => undefined },
        );
        const bus = await RedisEventBus.connect(redis.url, { log: rt.log });
        buses.push(bus);
        handles.push(await startHttp(rt, { bus }));
      }
      const [a, c] = handles as [HttpServerHandle, HttpServerHandle];
      sandbox.setWebhookBase(new URL(a.url).origin);
      const client = new Client({ name: 'listener-on-c', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
      clients.push(client);
      await client.connect(new StreamableHTTPClientTransport(new URL(c.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }));
      const updates: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (n) => void updates.push(n.params.uri));
      const sub = await client.listen({ resourceSubscriptions: ['afdian://automation-context'] });
      try {
        const afdian = sandbox.platforms.find((p) => p.platform === 'afdian')?.simulator as AfdianSimulator;
        await afdian.createOrder();
        await expect.poll(() => updates, { timeout: 5_000 }).toContain('afdian://automation-context');
      } finally {
        await sub.close();
      }
    } finally {
      await Promise.all(clients.map((cl) => cl.close().catch(() => undefined)));
      for (const h of handles) await h.close();
      await Promise.all(buses.map((b) => b.close()));
      await sandbox.stop();
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  });
});
