import { randomUUID } from 'node:crypto';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
import { createClient } from 'redis';
import type { Logger } from '../../log.js';
import { DEFAULT_PREFIX } from './keys.js';
import { connectWithin } from './connection.js';

/** Every instance sharing one Redis (and one key prefix) hears the others on `<prefix>events`. */
export const EVENT_CHANNEL_SUFFIX = 'events';

const KINDS = new Set(['tools_list_changed', 'prompts_list_changed', 'resources_list_changed', 'resource_updated']);

/** What the bus uses of a client; the publisher and its duplicate differ in node-redis's generics. */
interface Connection {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  publish(channel: string, message: string): Promise<unknown>;
  close(): Promise<unknown>;
}

interface Envelope {
  from: string;
  event: ServerEvent;
}

/**
 * `subscriptions/listen` across instances: a webhook stored by one instance must notify a client
 * whose listen stream is held by another. Local listeners get an event at once (the SDK's own
 * bus semantics, and they keep working while Redis is away); Redis pub/sub carries it to the
 * other instances, and an instance ignores its own echo so nobody hears an event twice.
 * Notifications are hints to re-read, so one published during a Redis outage is dropped rather
 * than queued without bound.
 */
export class RedisEventBus implements ServerEventBus {
  private readonly listeners = new Set<(event: ServerEvent) => void>();
  private readonly id = randomUUID();
  private down = false;

  private constructor(
    private readonly pub: Connection,
    private readonly sub: Connection,
    private readonly channel: string,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, opts: { log: Logger; prefix?: string }): Promise<RedisEventBus> {
    const channel = `${opts.prefix ?? DEFAULT_PREFIX}${EVENT_CHANNEL_SUFFIX}`;
    const pub = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (n) => Math.min(50 * 2 ** n, 2_000) } });
    const sub = pub.duplicate();
    const bus = new RedisEventBus(pub, sub, channel, opts.log);
    // An 'error' without a listener would end the process; the client reconnects on its own.
    for (const c of [pub, sub]) {
      c.on('error', (err: Error) => bus.outage(err));
      c.on('ready', () => bus.recovered());
    }
    try {
      await Promise.all([connectWithin(pub), connectWithin(sub)]);
    } catch (err) {
      await Promise.allSettled([pub.destroy(), sub.destroy()]);
      throw err;
    }
    await sub.subscribe(channel, (message) => bus.receive(message));
    return bus;
  }

  publish(event: ServerEvent): void {
    this.deliver(event);
    if (!this.pub.isReady) return;
    this.pub.publish(this.channel, JSON.stringify({ from: this.id, event } satisfies Envelope)).catch((err: unknown) => this.outage(err));
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.pub, this.sub].map((c) => (c.isOpen ? c.close() : undefined)));
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    if (envelope.from === this.id || !isEvent(envelope.event)) return;
    this.deliver(envelope.event);
  }

  private deliver(event: ServerEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.log.debug(`event bus: a listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Once per outage: a restart makes every reconnect attempt fail, and one line says it all. */
  private outage(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn(`event bus: Redis unreachable (${err instanceof Error ? err.message : String(err)}); notifications reach only this instance's listeners until it is back`);
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('event bus: Redis is back; notifications reach every instance again');
  }
}

function isEvent(e: unknown): e is ServerEvent {
  if (typeof e !== 'object' || e === null) return false;
  const { kind, uri } = e as { kind?: unknown; uri?: unknown };
  if (typeof kind !== 'string' || !KINDS.has(kind)) return false;
  return kind !== 'resource_updated' || typeof uri === 'string';
}
