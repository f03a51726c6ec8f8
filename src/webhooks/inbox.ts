import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PlatformId, WebhookEvent, WebhookLog } from '../platforms/types.js';

/**
 * Received webhook events, one file per event id under `<stateDir>/webhooks/<platform>/`.
 * Storing is a hard link of a fully written temp file onto the id's name: link() fails when the
 * name exists, so a duplicate push is never stored twice, even across processes, and a reader
 * never sees a half-written event.
 */
export class WebhookInbox implements WebhookLog {
  constructor(private readonly stateDir: string) {}

  /** Resolves true when the event is new, false when it was already stored. */
  async record(platform: PlatformId, event: WebhookEvent): Promise<boolean> {
    const dir = this.dirOf(platform);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const final = path.join(dir, `${safeName(event.id)}.json`);
    const temp = path.join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(event));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temp, final);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await fs.unlink(temp).catch(() => undefined);
    }
  }

  async recent(platform: PlatformId, limit: number): Promise<WebhookEvent[]> {
    const dir = this.dirOf(platform);
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const events = await Promise.all(
      names.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as WebhookEvent),
    );
    return events.sort((a, b) => b.receivedAt - a.receivedAt).slice(0, limit);
  }

  private dirOf(platform: PlatformId): string {
    return path.join(this.stateDir, 'webhooks', platform);
  }
}

/** Event ids come from the outside world: keep them to a harmless file name. */
function safeName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120);
  return cleaned || 'empty';
}
