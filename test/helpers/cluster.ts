import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { CLI } from './cli.js';
import { HTTP_TOKEN } from './harness.js';

/** One key for every instance: each must read the records the others sealed. */
export const CLUSTER_SECRET_KEY = 'cluster-secret-key-0123456789abcdef0123456789';

/**
 * One `creator-mcp serve --transport http` process with its own state dir, as a separate machine
 * would run it; the simulators run in the test process and are reached over 127.0.0.1.
 */
export class Instance {
  url = '';
  stderr = '';

  private constructor(
    readonly name: string,
    readonly proc: ChildProcessWithoutNullStreams,
    readonly stateDir: string,
  ) {
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.url ||= /listening on (http:\S+)/.exec(this.stderr)?.[1] ?? '';
    });
  }

  static async start(name: string, env: Record<string, string>): Promise<Instance> {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), `creator-mcp-${name}-`));
    const proc = spawn(process.execPath, [CLI, 'serve', '--transport', 'http', '--port', '0'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.homedir(),
        CREATOR_MCP_STATE_DIR: stateDir,
        CREATOR_MCP_HTTP_TOKEN: HTTP_TOKEN,
        CREATOR_MCP_SECRET_KEY: CLUSTER_SECRET_KEY,
        CREATOR_MCP_CONFIRM: 'off',
        CREATOR_MCP_LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const instance = new Instance(name, proc, stateDir);
    const deadline = Date.now() + 20_000;
    while (!instance.url) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`instance ${name} did not start:\n${instance.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return instance;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get origin(): string {
    return new URL(this.url).origin;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    const closed = new Promise((r) => this.proc.once('close', r));
    this.proc.kill(signal);
    await closed;
  }

  async close(): Promise<void> {
    await this.kill('SIGTERM');
    await rm(this.stateDir, { recursive: true, force: true });
  }
}

/**
 * A round-robin load balancer on loopback: each HTTP request goes to the next live instance, so
 * consecutive calls of one client land on different machines. A request that certainly never
 * reached an instance (connection refused, or a reused idle socket reset) goes to the next one,
 * as a balancer's health check would route around a dead one; anything after that is the
 * client's to see.
 */
export class RoundRobinProxy {
  url = '';
  /** Requests forwarded, by instance name. */
  readonly forwarded = new Map<string, number>();
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  private constructor(
    private readonly server: Server,
    readonly instances: Instance[],
  ) {}

  static async start(instances: Instance[]): Promise<RoundRobinProxy> {
    const server = createServer();
    const proxy = new RoundRobinProxy(server, instances);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const attempt = (tries: number): void => {
          const target = proxy.pick();
          if (!target || tries > instances.length) {
            res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"no instance available"}');
            return;
          }
          const up = request(
            new URL(req.url ?? '/', target.origin),
            { method: req.method, headers: { ...req.headers, host: new URL(target.origin).host }, agent: proxy.agent },
            (upRes) => {
              proxy.forwarded.set(target.name, (proxy.forwarded.get(target.name) ?? 0) + 1);
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              upRes.pipe(res);
              res.on('close', () => upRes.destroy());
            },
          );
          up.on('error', (err: NodeJS.ErrnoException) => {
            if (err.code === 'ECONNREFUSED') return attempt(tries + 1);
            // A kept-alive socket the instance closed as idle just as it was reused: the request
            // never reached it (Node's documented keep-alive race), so sending it again is safe.
            if (err.code === 'ECONNRESET' && up.reusedSocket && !res.headersSent) return attempt(tries + 1);
            if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'upstream failed', detail: err.code }));
            else res.destroy();
          });
          up.end(body);
        };
        attempt(0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    return proxy;
  }

  private pick(): Instance | undefined {
    for (let i = 0; i < this.instances.length; i++) {
      const candidate = this.instances[this.next++ % this.instances.length] as Instance;
      if (candidate.alive) return candidate;
    }
    return undefined;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export interface Cluster {
  instances: Instance[];
  proxy: RoundRobinProxy;
  /** A 2025-era client (`legacy`) or one that negotiates 2026-07-28 (`auto`), on the proxy or on one instance. */
  client(opts?: { era?: 'legacy' | 'auto'; url?: string; name?: string; headers?: Record<string, string> }): Promise<Client>;
  close(): Promise<void>;
}

/** `n` instances with the same keys and environment behind one round-robin proxy. */
export async function startCluster(n: number, env: Record<string, string>): Promise<Cluster> {
  const instances = await Promise.all(Array.from({ length: n }, (_, i) => Instance.start(String.fromCharCode(65 + i), env)));
  const proxy = await RoundRobinProxy.start(instances);
  const clients: Client[] = [];
  return {
    instances,
    proxy,
    async client({ era = 'legacy', url = proxy.url, name = 'cluster-client', headers = {} } = {}) {
      const client = new Client({ name, version: '1.0.0' }, { versionNegotiation: { mode: era } });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}`, ...headers } } }));
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await proxy.close();
      await Promise.all(instances.map((i) => i.close()));
    },
  };
}
