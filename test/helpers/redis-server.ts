import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private `redis-server` for one test file: its own port, its own directory, no persistence
 * unless asked (`appendonly`), gone when the file ends. Tests never touch a Redis they did not start.
 */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops the process (SIGTERM; SIGKILL with `hard`) and keeps the port and data dir for `start()`. */
  stop(opts?: { hard?: boolean }): Promise<void>;
  /** Starts it again on the same port and directory (a restart under load). */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
}

/** Whether Redis tests can run here; under CI a missing server is a failure, not a skip. */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found && process.env.CI === 'true') {
    throw new Error('redis-server is not on the PATH; CI must install it (.ci/run installs the Debian package redis-server)');
  }
  if (!found) console.warn('NOTICE: redis-server is not on the PATH, so the Redis tests are skipped (apt-get install redis-server to run them).');
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startRedis(opts: { appendonly?: boolean } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--logfile', ''];
    args.push('--appendonly', opts.appendonly ? 'yes' : 'no');
    if (opts.appendonly) args.push('--appendfsync', 'always');
    const c = spawn('redis-server', args, { stdio: 'ignore' });
    child = c;
    await waitForPort(port, c);
  };
  const stop = async ({ hard = false } = {}): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async close() {
      await stop({ hard: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
