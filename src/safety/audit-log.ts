import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyedSerialQueue } from '../auth/file-lock.js';
import type { Delivery } from '../http/errors.js';
import { SAFETY_DEFAULTS } from './settings.js';

/** One write, as `creator-mcp audit` shows it. Built only from summaries: see audit-summary.ts. */
export interface AuditEntry {
  time: string;
  tool: string;
  platform?: string;
  account: string;
  args: unknown;
  confirmation: string;
  outcome: 'ok' | 'error';
  /** Ids and counts of what the platform answered. */
  result?: Record<string, unknown>;
  error?: string;
  delivery: Delivery;
  /** False only when the platform certainly did not act. */
  mayHaveBeenProcessed: boolean;
}

/** The audit trail as the safety hooks and `creator-mcp audit` use it, whichever backend holds it. */
export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  /** Entries at or after `sinceMs`, oldest first. */
  read(sinceMs?: number): Promise<AuditEntry[]>;
  /** Where it lives, for messages. */
  readonly where: string;
}

export interface AuditLogOptions {
  maxBytes?: number;
  maxAgeMs?: number;
  maxFiles?: number;
  now?: () => number;
}

const CURRENT = 'audit.jsonl';
const ROTATED = /^audit-(\d{13})-(\d+)\.jsonl$/;

/**
 * `<stateDir>/audit/audit.jsonl`, one JSON line per write. Each line goes out in one write on a
 * file opened for append, so lines of several processes on one state dir never interleave. When
 * a line would take the file past `maxBytes` it is renamed `audit-<ms>-<pid>.jsonl`; rotated files
 * past `maxFiles` or older than `maxAgeMs` are deleted, so the trail's disk use is bounded.
 */
export class AuditLog implements AuditTrail {
  private readonly queue = new KeyedSerialQueue();
  readonly dir: string;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly maxFiles: number;
  private readonly now: () => number;
  /** The directory is made once per process, not once per write. */
  private made = false;

  constructor(stateDir: string, options: AuditLogOptions = {}) {
    this.dir = path.join(stateDir, 'audit');
    this.maxBytes = options.maxBytes ?? SAFETY_DEFAULTS.auditMaxBytes;
    this.maxAgeMs = options.maxAgeMs ?? SAFETY_DEFAULTS.auditMaxAgeDays * 86_400_000;
    this.maxFiles = options.maxFiles ?? SAFETY_DEFAULTS.auditMaxFiles;
    this.now = options.now ?? Date.now;
  }

  get where(): string {
    return this.dir;
  }

  async append(entry: AuditEntry): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`);
    await this.queue.run(this.dir, async () => {
      if (!this.made) {
        await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
        this.made = true;
      }
      const file = path.join(this.dir, CURRENT);
      const size = await fs.stat(file).then((s) => s.size, () => 0);
      if (size > 0 && size + line.length > this.maxBytes) await this.rotate(file);
      // Made again if someone removed it while the server ran.
      const handle = await fs.open(file, 'a', 0o600).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
        return fs.open(file, 'a', 0o600);
      });
      try {
        const { bytesWritten } = await handle.write(line);
        if (bytesWritten !== line.length) throw new Error(`audit line cut short (${bytesWritten} of ${line.length} bytes)`);
      } finally {
        await handle.close();
      }
    });
  }

  /** Entries at or after `sinceMs`, oldest first. A torn or foreign line is skipped, not fatal. */
  async read(sinceMs = 0): Promise<AuditEntry[]> {
    const files = [...(await this.rotated()).map((r) => r.name), CURRENT];
    const out: AuditEntry[] = [];
    for (const name of files) {
      const text = await fs.readFile(path.join(this.dir, name), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as AuditEntry;
          if (typeof e.time === 'string' && Date.parse(e.time) >= sinceMs) out.push(e);
        } catch {
          // A line another process was writing when the machine stopped.
        }
      }
    }
    return out;
  }

  private async rotated(): Promise<Array<{ name: string; at: number }>> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names
      .map((name) => ({ name, m: ROTATED.exec(name) }))
      .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
      .map(({ name, m }) => ({ name, at: Number(m[1]) }))
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
  }

  private async rotate(file: string): Promise<void> {
    const now = this.now();
    // Another process may have rotated it first: then there is nothing to move.
    await fs.rename(file, path.join(this.dir, `audit-${String(now).padStart(13, '0')}-${process.pid}.jsonl`)).catch(() => undefined);
    const kept = await this.rotated();
    const expired = kept.filter((r, i) => r.at < now - this.maxAgeMs || i < kept.length - this.maxFiles);
    await Promise.all(expired.map((r) => fs.rm(path.join(this.dir, r.name), { force: true })));
  }
}
