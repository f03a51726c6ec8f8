import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI } from './built.js';

const PROBE = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'memory-probe.mjs')).href;

export interface Memory {
  rss: number;
  heapUsed: number;
  /** Buffers and other memory held by JS objects outside the V8 heap. */
  external: number;
}

/**
 * `creator-mcp sandbox --transport http --port 0` in a child process, as a user runs it, with a
 * probe preloaded that reports memory after a full GC on demand (the server's code is untouched).
 */
export class ServerChild {
  url = '';
  afdianSim = '';
  /** Every simulator's base URL by platform title (e.g. `Fanvue`), for faults over HTTP. */
  readonly sims: Record<string, string> = {};
  stderr = '';
  private readonly memoryWaiters: Array<(m: Memory) => void> = [];

  private constructor(readonly proc: ChildProcessWithoutNullStreams) {
    let partial = '';
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('MEMORY ')) this.memoryWaiters.shift()?.(JSON.parse(line.slice(7)) as Memory);
        this.url ||= /listening on (http:\S+)/.exec(line)?.[1] ?? '';
        this.afdianSim ||= /Afdian simulator: (http:\S+)/.exec(line)?.[1] ?? '';
        const sim = /(\w+)(?: \d\.x)? simulator: (http:\S+)/.exec(line);
        if (sim) this.sims[sim[1] as string] ??= sim[2] as string;
      }
    });
  }

  static async start(opts: { stateDir: string; token: string; env?: Record<string, string> }): Promise<ServerChild> {
    const proc = spawn(process.execPath, ['--expose-gc', '--import', PROBE, CLI, 'sandbox', '--transport', 'http', '--port', '0'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.homedir(),
        CREATOR_MCP_STATE_DIR: opts.stateDir,
        CREATOR_MCP_HTTP_TOKEN: opts.token,
        CREATOR_MCP_LOG_LEVEL: 'warn',
        ...opts.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const child = new ServerChild(proc);
    const deadline = Date.now() + 20_000;
    while (!child.url || !child.afdianSim) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`the server did not start:\n${child.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return child;
  }

  /** Memory after two full collections in the server process. */
  memory(): Promise<Memory> {
    return new Promise((resolve) => {
      this.memoryWaiters.push(resolve);
      this.proc.kill('SIGUSR2');
    });
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const closed = new Promise((r) => this.proc.once('close', r));
    this.proc.kill('SIGTERM');
    await closed;
  }
}
