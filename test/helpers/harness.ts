import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { MemoryTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import type { ServerFlags } from '../../src/config.js';
import type { ConsentOptions } from '../../src/consent/setup.js';
import type { Env, Platform, PlatformId } from '../../src/platforms/types.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import type { AfdianSimulator } from '../../src/sandbox/afdian/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startHttp, type HttpServerHandle } from '../../src/transports/http.js';

export const HTTP_TOKEN = 'test-bearer-token-0123456789abcdef';

export interface Harness {
  sandbox: Sandbox;
  /** Undefined when the harness was started without the Afdian simulator. */
  afdian: AfdianSimulator;
  rt: Runtime;
  http: HttpServerHandle;
  stateDir: string;
  /** Every log line the server wrote (already redacted by the logger). */
  logs: string[];
  client(era?: 'legacy' | 'auto'): Promise<Client>;
  close(): Promise<void>;
}

/**
 * The server as users run it in HTTP mode, against the sandbox simulators over real HTTP, with
 * real MCP clients. `env` overrides or adds variables on top of the sandbox's.
 */
export async function startHarness(
  opts: {
    env?: Env;
    flags?: ServerFlags;
    store?: TokenStore;
    /** Keep the tokens where CREATOR_MCP_STORE says (the Redis tests) instead of in memory. */
    configuredStore?: boolean;
    latencyMs?: number;
    httpTimeoutMs?: number;
    platforms?: readonly Platform[];
    seedScale?: number;
    /** The simulators to start (default: all four); the others' platforms stay unconfigured. */
    simulators?: readonly PlatformId[];
    consent?: ConsentOptions;
    fresnsVersion?: 2 | 3;
  } = {},
): Promise<Harness> {
  const sandbox = await startSandbox({ latencyMs: opts.latencyMs, seedScale: opts.seedScale, only: opts.simulators, fresnsVersion: opts.fresnsVersion });
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-test-'));
  const logs: string[] = [];
  const rt = await createRuntime(
    {
      ...sandbox.env,
      CREATOR_MCP_STATE_DIR: stateDir,
      CREATOR_MCP_HTTP_PORT: '0',
      CREATOR_MCP_HTTP_TOKEN: HTTP_TOKEN,
      CREATOR_MCP_LOG_LEVEL: 'debug',
      // These tests drive writes with clients that cannot ask a user (stateless 2025-era HTTP),
      // so confirmation is off unless a test turns it on; test/consent/ covers it.
      CREATOR_MCP_CONFIRM: 'off',
      ...opts.env,
    },
    { flags: opts.flags, store: opts.configuredStore ? undefined : (opts.store ?? new MemoryTokenStore()), logWrite: (l) => logs.push(l), httpTimeoutMs: opts.httpTimeoutMs, platforms: opts.platforms, consent: opts.consent },
  );
  const http = await startHttp(rt);
  sandbox.setWebhookBase(new URL(http.url).origin);
  const clients: Client[] = [];
  const afdian = sandbox.platforms.find((p) => p.platform === 'afdian')?.simulator as AfdianSimulator;
  return {
    sandbox,
    afdian,
    rt,
    http,
    stateDir,
    logs,
    async client(era = 'legacy') {
      const client = new Client({ name: 'test-client', version: '1.0.0' }, { versionNegotiation: { mode: era } });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }),
      );
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await http.close();
      await rt.state.close();
      await sandbox.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** The payload of a successful tool result; fails the test with the error text otherwise. */
export function payload<T = Record<string, unknown>>(result: unknown): T {
  const r = result as { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: unknown };
  if (r.isError) throw new Error(`tool failed: ${r.content?.[0]?.text}`);
  return r.structuredContent as T;
}

export function errorText(result: unknown): string {
  const r = result as { isError?: boolean; content?: Array<{ text?: string }> };
  if (!r.isError) throw new Error(`expected a tool error, got ${JSON.stringify(result).slice(0, 300)}`);
  return r.content?.[0]?.text ?? '';
}
