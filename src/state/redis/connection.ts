import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { maskStoreUrl } from '../../config.js';
import { ConfigError, StoreUnavailableError } from '../../http/errors.js';
import type { Logger } from '../../log.js';

/** A command that takes longer fails: a call never hangs on a stalled Redis. */
const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 3_000;

export type Reply = string | number | null | Reply[];

/**
 * One connection to the shared Redis, with the failure rules every part of the backend relies on:
 * no offline queue (a command sent while Redis is away fails now, it is not replayed later when the
 * caller has long given up), a deadline per command, reconnection in the background, and errors
 * that name the store and what to do, never the password in the URL.
 */
export class RedisConnection {
  readonly where: string;
  private readonly client: ReturnType<typeof createClient>;
  private readonly shas = new Map<string, string>();
  /** Counts commands sent, for the round-trip figure of `npm run bench`. */
  sent = 0;

  private constructor(url: string, log?: Logger) {
    this.where = maskStoreUrl(url);
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 6), 2_000),
      },
    });
    // Without a listener an error event would end the process; reconnection handles the cause.
    this.client.on('error', (err: unknown) => log?.debug?.(`Redis ${this.where}: ${err instanceof Error ? err.message : String(err)}`));
  }

  static async open(url: string, log?: Logger): Promise<RedisConnection> {
    const conn = new RedisConnection(url, log);
    try {
      await connectWithin(conn.client);
    } catch (err) {
      await conn.close();
      throw new ConfigError(`CREATOR_MCP_STORE: cannot reach Redis at ${conn.where} (${reason(err)}); start Redis or fix the URL`);
    }
    return conn;
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  /** A second connection on the same server, for SUBSCRIBE (a subscribed connection sends nothing else). */
  duplicate(): ReturnType<typeof createClient> {
    const sub = this.client.duplicate();
    sub.on('error', () => undefined);
    return sub;
  }

  async send(args: Array<string | number>): Promise<Reply> {
    if (!this.client.isReady) throw this.unavailable('not connected (reconnecting)');
    this.sent++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS / 1000} s`)), COMMAND_TIMEOUT_MS);
      });
      return (await Promise.race([this.client.sendCommand(args.map(String)), deadline])) as unknown as Reply;
    } catch (err) {
      if (err instanceof StoreUnavailableError) throw err;
      // A script error is our bug or bad data, not an outage: keep its text (it holds no secrets).
      if (err instanceof Error && /^(ERR|WRONGTYPE|NOSCRIPT)/.test(err.message)) throw err;
      throw this.unavailable(reason(err));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a Lua script in one round trip (EVALSHA; the first call on a fresh server loads it). */
  async script(source: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<Reply> {
    let sha = this.shas.get(source);
    if (!sha) this.shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
    try {
      return await this.send(['EVALSHA', sha, keys.length, ...keys, ...args]);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.send(['EVAL', source, keys.length, ...keys, ...args]);
    }
  }

  unavailable(why: string): StoreUnavailableError {
    return new StoreUnavailableError(
      `The shared store (Redis at ${this.where}) is unavailable: ${why}. ` +
        'Check that Redis is running and reachable from this instance, then retry: calls resume by themselves once it is back.',
    );
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Connects or fails within the connect timeout: the client's own connect() retries forever, so a
 * Redis that went away after start would otherwise hang whoever waits for it (the HTTP server's start).
 */
export async function connectWithin(client: { connect(): Promise<unknown> }, ms = CONNECT_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
