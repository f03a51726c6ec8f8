import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../auth/file-lock.js';

/**
 * What the creator's agent already handled (thanked a sponsor, answered a fan). No platform API
 * records this, so contexts subtract it themselves. Ids are namespaced `<platform>:<kind>:<id>`.
 * Kept behind this interface so a shared store (Redis) can replace the file later.
 */
export interface ReviewLedger {
  /** The subset of `ids` that is marked handled. */
  handled(ids: readonly string[]): Promise<Set<string>>;
  /** Marks ids handled; resolves with how many were new. */
  mark(ids: readonly string[], note?: string): Promise<{ added: number; total: number }>;
  /** How many handled ids start with `prefix` (e.g. `afdian:`). */
  count(prefix: string): Promise<number>;
}

export const LEDGER_ID = /^[a-z][a-z0-9]*:[a-z_]+:[\x21-\x7e]{1,200}$/;
/** Oldest entries go first past this: a year of busy days, a file of a few MB at most. */
export const LEDGER_MAX = 20_000;
const FILE = 'review-ledger.json';

interface Entry {
  at: number;
  note?: string;
}

/**
 * `<stateDir>/review-ledger.json`, replaced whole by rename (a reader sees the old or the new file),
 * written under a cross-process lock so two servers sharing a state directory do not lose marks.
 */
export class FileReviewLedger implements ReviewLedger {
  private readonly file: string;
  private cache?: { mtimeMs: number; size: number; entries: Map<string, Entry> };

  constructor(
    private readonly stateDir: string,
    private readonly max = LEDGER_MAX,
    private readonly now: () => number = Date.now,
  ) {
    this.file = path.join(stateDir, FILE);
  }

  async handled(ids: readonly string[]): Promise<Set<string>> {
    const entries = await this.load();
    return new Set(ids.filter((id) => entries.has(id)));
  }

  async count(prefix: string): Promise<number> {
    let n = 0;
    for (const id of (await this.load()).keys()) if (id.startsWith(prefix)) n++;
    return n;
  }

  async mark(ids: readonly string[], note?: string): Promise<{ added: number; total: number }> {
    await fs.mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    return withFileLock(
      { target: this.file, lockPath: `${this.file}.lock`, staleMs: 10_000, updateMs: 2_000, timeoutMs: 15_000 },
      async (assertHeld) => {
        this.cache = undefined;
        const entries = await this.load();
        let added = 0;
        const at = this.now();
        for (const id of ids) {
          if (entries.has(id)) continue;
          entries.set(id, note ? { at, note: note.slice(0, 200) } : { at });
          added++;
        }
        // Map keeps insertion order, so the first keys are the oldest marks.
        for (const id of entries.keys()) {
          if (entries.size <= this.max) break;
          entries.delete(id);
        }
        await this.write(Object.fromEntries(entries), assertHeld);
        this.cache = undefined;
        return { added, total: entries.size };
      },
    );
  }

  private async load(): Promise<Map<string, Entry>> {
    let stat;
    try {
      stat = await fs.stat(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
    if (this.cache && this.cache.mtimeMs === stat.mtimeMs && this.cache.size === stat.size) return this.cache.entries;
    const entries = new Map<string, Entry>();
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      const handled = (parsed as { handled?: unknown }).handled;
      if (handled && typeof handled === 'object') {
        for (const [id, e] of Object.entries(handled as Record<string, unknown>)) {
          const at = typeof (e as Entry | null)?.at === 'number' ? (e as Entry).at : 0;
          entries.set(id, { at });
        }
      }
    } catch {
      // A damaged ledger must not take the contexts down: they show everything as new again.
    }
    this.cache = { mtimeMs: stat.mtimeMs, size: stat.size, entries };
    return entries;
  }

  private async write(handled: Record<string, Entry>, assertHeld: () => void): Promise<void> {
    const tmp = path.join(this.stateDir, `.${FILE}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ version: 1, handled }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      assertHeld();
      await fs.rename(tmp, this.file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }
}

/** Entries in memory only: tests and a server without a writable state directory. */
export class MemoryReviewLedger implements ReviewLedger {
  private readonly entries = new Map<string, number>();
  constructor(private readonly max = LEDGER_MAX) {}
  async handled(ids: readonly string[]) {
    return new Set(ids.filter((id) => this.entries.has(id)));
  }
  async count(prefix: string) {
    return [...this.entries.keys()].filter((id) => id.startsWith(prefix)).length;
  }
  async mark(ids: readonly string[]) {
    let added = 0;
    for (const id of ids) {
      if (this.entries.has(id)) continue;
      this.entries.set(id, Date.now());
      added++;
    }
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(id);
    }
    return { added, total: this.entries.size };
  }
}
