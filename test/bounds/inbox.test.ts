import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookInbox } from '../../src/webhooks/inbox.js';

const event = (id: string, receivedAt = Date.now(), payload: unknown = { id }) => ({ id, type: 'order', receivedAt, payload });

describe('webhook inbox', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-inbox-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps ids distinct that sanitising used to merge (evt.1, evt_1, evt/1), and still drops real duplicates', async () => {
    const inbox = new WebhookInbox(dir);
    for (const id of ['evt.1', 'evt_1', 'evt/1', '../evt 1', '']) expect(await inbox.record('afdian', event(id))).toBe(true);
    expect(await inbox.record('afdian', event('evt.1'))).toBe(false);
    const ids = (await inbox.recent('afdian', 10)).map((e) => e.id).sort();
    expect(ids).toEqual(['', '../evt 1', 'evt.1', 'evt/1', 'evt_1'].sort());
  });

  it('keeps at most maxEvents per platform, the newest ones', async () => {
    const inbox = new WebhookInbox(dir, { maxEvents: 5 });
    for (let i = 0; i < 12; i++) await inbox.record('fanvue', event(`e${i}`));
    const kept = await inbox.recent('fanvue', 100);
    expect(kept.map((e) => e.id)).toEqual(['e11', 'e10', 'e9', 'e8', 'e7']);
    expect((await readdir(path.join(dir, 'webhooks', 'fanvue'))).filter((n) => n.endsWith('.json'))).toHaveLength(5);
    // Removed ids are gone, not blocked: the sequence still moves on.
    expect((await inbox.after('fanvue', 0, 100)).lastSeq).toBe(12);
  });

  it('removes events older than maxAge', async () => {
    let now = 1_700_000_000_000;
    const inbox = new WebhookInbox(dir, { maxAgeMs: 86_400_000, now: () => now });
    await inbox.record('afdian', event('old', now));
    now += 2 * 86_400_000;
    await inbox.record('afdian', event('new', now));
    expect((await inbox.recent('afdian', 10)).map((e) => e.id)).toEqual(['new']);
  });

  it('leaves no temp file behind when a write fails', async () => {
    const inbox = new WebhookInbox(dir);
    await inbox.record('afdian', event('fine'));
    const bad = event('bad', Date.now(), {
      toJSON() {
        throw new Error('cannot serialise');
      },
    });
    await expect(inbox.record('afdian', bad)).rejects.toThrow('cannot serialise');
    const names = await readdir(path.join(dir, 'webhooks', 'afdian'));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('orders by a cursor: after(seq) returns only later events, oldest first, bounded with hasMore', async () => {
    const inbox = new WebhookInbox(dir);
    for (let i = 0; i < 7; i++) await inbox.record('afdian', event(`o${i}`));
    const first = await inbox.after('afdian', 0, 3);
    expect(first.events.map((e) => e.id)).toEqual(['o0', 'o1', 'o2']);
    expect(first.hasMore).toBe(true);
    const rest = await inbox.after('afdian', first.events.at(-1)?.seq ?? 0, 10);
    expect(rest.events.map((e) => e.id)).toEqual(['o3', 'o4', 'o5', 'o6']);
    expect(rest.hasMore).toBe(false);
  });

  // Runs the built inbox (npm test builds first) in a child with the descriptor limit lowered.
  it('stores 5,000 events and reads the newest 20 under ulimit -n 1024', async () => {
    const script = `
      import { WebhookInbox } from ${JSON.stringify(path.resolve('dist/webhooks/inbox.js'))};
      const inbox = new WebhookInbox(${JSON.stringify(dir)}, { maxEvents: 10000 });
      await Promise.all(Array.from({ length: 5000 }, (_, i) => inbox.record('afdian', { id: 'e' + i, type: 'order', receivedAt: i, payload: { i } })));
      const recent = await inbox.recent('afdian', 20);
      const all = await inbox.after('afdian', 0, 10000);
      console.log(JSON.stringify({ n: recent.length, stored: all.events.length, newest: recent[0].id === all.events.at(-1).id }));
    `;
    const out = execFileSync('bash', ['-c', `ulimit -n 1024 && exec node --input-type=module -e "$SCRIPT"`], {
      env: { ...process.env, SCRIPT: script },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({ n: 20, stored: 5000, newest: true });
  }, 150_000);
});
