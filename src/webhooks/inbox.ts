import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyedSerialQueue, withFileLock } from '../auth/file-lock.js';
import type { PlatformId, WebhookEvent, WebhookLog } from '../platforms/types.js';

export interface InboxOptions {
  /** Events kept per platform; the oldest go first. */
  maxEvents?: number;
  /** Events older than this (by the time they were stored) are removed. */
  maxAgeMs?: number;
  now?: () => number;
}

/** An event as stored: `seq` orders events of one platform, across every process on the state dir. */
export interface StoredEvent extends WebhookEvent {
  platform: PlatformId;
  seq: number;
}

/** The inbox as every reader and writer sees it, whichever backend holds it. */
export interface EventInbox extends WebhookLog {
  /** Resolves true when the event is new, false when an event with this id is already stored. */
  record(platform: PlatformId, event: WebhookEvent): Promise<boolean>;
  recent(platform: PlatformId, limit: number): Promise<WebhookEvent[]>;
  after(platform: PlatformId, afterSeq: number, limit: number): Promise<{ events: StoredEvent[]; hasMore: boolean; lastSeq: number }>;
  head(platform: PlatformId): Promise<number>;
  /** Events this process stores; other instances' events arrive through the event bus. */
  onRecorded(listener: (platform: PlatformId, seq: number) => void): () => void;
}

export const INBOX_DEFAULTS = { maxEvents: 1000, maxAgeMs: 30 * 86_400_000 } as const;

/** What every inbox backend shares: its bounds, its clock, and the notice to this process's waiters. */
export abstract class InboxBase {
  private readonly emitter = new EventEmitter();
  protected readonly maxEvents: number;
  protected readonly maxAgeMs: number;
  protected readonly now: () => number;

  constructor(options: InboxOptions = {}) {
    this.maxEvents = options.maxEvents ?? INBOX_DEFAULTS.maxEvents;
    this.maxAgeMs = options.maxAgeMs ?? INBOX_DEFAULTS.maxAgeMs;
    this.now = options.now ?? Date.now;
    // Every waiting creator_wait_for_events call listens; there is no leak to warn about.
    this.emitter.setMaxListeners(0);
  }

  /** Calls `listener` for every event this process stores; returns the unsubscribe function. */
  onRecorded(listener: (platform: PlatformId, seq: number) => void): () => void {
    this.emitter.on('recorded', listener);
    return () => this.emitter.off('recorded', listener);
  }

  protected announce(platform: PlatformId, seq: number): void {
    this.emitter.emit('recorded', platform, seq);
  }
}

const NAME = /^(\d{12})-(\d{13})-([0-9a-f]{32})\.json$/;
/** A temp file older than this belongs to a writer that died mid-write. */
const STALE_TEMP_MS = 10 * 60_000;

interface Entry {
  name: string;
  seq: number;
  storedAt: number;
  hash: string;
}

/**
 * Received events under `<stateDir>/webhooks/<platform>/`, one file per event named
 * `<seq>-<storedAt>-<hash(platform, id)>.json`. The name carries everything retention,
 * de-duplication and ordering need, so a read lists one directory and opens only the files it
 * returns. Writers of one platform hold a lock (in-process queue plus a lock directory, for
 * several processes on one state dir), which makes `seq` strictly increasing: a reader that has
 * seen seq N never later finds a new event below N, so a cursor loses nothing.
 */
export class WebhookInbox extends InboxBase implements EventInbox {
  private readonly queue = new KeyedSerialQueue();

  constructor(
    private readonly stateDir: string,
    options: InboxOptions = {},
  ) {
    super(options);
  }

  /** Resolves true when the event is new, false when an event with this id is already stored. */
  async record(platform: PlatformId, event: WebhookEvent): Promise<boolean> {
    // Serialised before any file exists, so an unserialisable payload leaves nothing behind.
    const text = JSON.stringify(event);
    const dir = this.dirOf(platform);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const hash = idHash(platform, event.id);
    const seq = await this.queue.run(dir, () =>
      withFileLock({ target: dir, lockPath: `${dir}.lock`, staleMs: 10_000, updateMs: 2_000, timeoutMs: 15_000 }, async () => {
        const entries = await this.list(dir);
        if (entries.some((e) => e.hash === hash)) return undefined;
        const next = (entries.at(-1)?.seq ?? (await this.readSeq(dir))) + 1;
        const storedAt = Math.max(this.now(), entries.at(-1)?.storedAt ?? 0);
        await writeAtomically(dir, `${String(next).padStart(12, '0')}-${String(storedAt).padStart(13, '0')}-${hash}.json`, text);
        // Kept apart from the names so the sequence survives retention emptying the directory.
        await writeAtomically(dir, 'seq', String(next));
        await this.prune(dir, [...entries, { name: '', seq: next, storedAt, hash }]);
        return next;
      }),
    );
    if (seq === undefined) return false;
    this.announce(platform, seq);
    return true;
  }

  /** The `limit` most recently stored events, newest first. */
  async recent(platform: PlatformId, limit: number): Promise<WebhookEvent[]> {
    const entries = (await this.list(this.dirOf(platform))).slice(-Math.max(0, limit)).reverse();
    return (await this.load(this.dirOf(platform), platform, entries)).map(({ id, type, receivedAt, payload }) => ({ id, type, receivedAt, payload }));
  }

  /** Events stored after `afterSeq`, oldest first, at most `limit` (plus whether more wait). */
  async after(platform: PlatformId, afterSeq: number, limit: number): Promise<{ events: StoredEvent[]; hasMore: boolean; lastSeq: number }> {
    const dir = this.dirOf(platform);
    const entries = await this.list(dir);
    const lastSeq = Math.max(entries.at(-1)?.seq ?? 0, await this.readSeq(dir));
    const newer = entries.filter((e) => e.seq > afterSeq);
    return { events: await this.load(dir, platform, newer.slice(0, limit)), hasMore: newer.length > limit, lastSeq };
  }

  /** The newest seq of a platform: a cursor that means "from now on". */
  async head(platform: PlatformId): Promise<number> {
    const dir = this.dirOf(platform);
    return Math.max((await this.list(dir)).at(-1)?.seq ?? 0, await this.readSeq(dir));
  }

  private dirOf(platform: PlatformId): string {
    return path.join(this.stateDir, 'webhooks', platform);
  }

  /** Names only, oldest first: no file is opened. */
  private async list(dir: string): Promise<Entry[]> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: Entry[] = [];
    for (const name of names) {
      const m = NAME.exec(name);
      if (m) entries.push({ name, seq: Number(m[1]), storedAt: Number(m[2]), hash: m[3] ?? '' });
    }
    return entries.sort((a, b) => a.seq - b.seq);
  }

  private async load(dir: string, platform: PlatformId, entries: readonly Entry[]): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    // One file at a time keeps open descriptors at one, whatever `limit` a caller passes.
    for (const e of entries) {
      let text: string;
      try {
        text = await fs.readFile(path.join(dir, e.name), 'utf8');
      } catch (err) {
        // Retention in another process removed it between the listing and the read.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      const event = JSON.parse(text) as WebhookEvent;
      out.push({ ...event, platform, seq: e.seq });
    }
    return out;
  }

  private async readSeq(dir: string): Promise<number> {
    const text = await fs.readFile(path.join(dir, 'seq'), 'utf8').catch(() => '0');
    const n = Number(text.trim());
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  }

  private async prune(dir: string, entries: readonly Entry[]): Promise<void> {
    const cutoff = this.now() - this.maxAgeMs;
    const excess = entries.length - this.maxEvents;
    const doomed = entries.filter((e, i) => e.name && (i < excess || e.storedAt < cutoff));
    for (const e of doomed) await fs.unlink(path.join(dir, e.name)).catch(() => undefined);
    if (doomed.length === 0 && Math.random() > 0.05) return;
    // Temp files of writers that crashed between open and link; cheap enough to look now and then.
    for (const name of await fs.readdir(dir)) {
      if (!name.endsWith('.tmp')) continue;
      const info = await fs.stat(path.join(dir, name)).catch(() => undefined);
      if (info && this.now() - info.mtimeMs > STALE_TEMP_MS) await fs.unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}

/** Ids come from the outside world; hashing keeps distinct ids distinct whatever their characters. */
export function idHash(platform: PlatformId, id: string): string {
  return createHash('sha256').update(`${platform}\0${id}`).digest('hex').slice(0, 32);
}

/** Readers never see a half-written file, and a failed write leaves no temp file behind. */
async function writeAtomically(dir: string, name: string, text: string): Promise<void> {
  const temp = path.join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path.join(dir, name));
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
}
