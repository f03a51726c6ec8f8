import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileReviewLedger } from '../../src/ledger/review-ledger.js';

describe('FileReviewLedger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-ledger-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('remembers marks across instances (another process sharing the state directory)', async () => {
    const a = new FileReviewLedger(dir);
    expect(await a.mark(['afdian:order:1', 'afdian:order:2', 'afdian:order:1'])).toEqual({ added: 2, total: 2 });
    const b = new FileReviewLedger(dir);
    expect([...(await b.handled(['afdian:order:1', 'afdian:order:3']))]).toEqual(['afdian:order:1']);
    await b.mark(['fanvue:chat:x:1']);
    expect(await a.count('fanvue:')).toBe(1);
    expect(await a.count('afdian:')).toBe(2);
  });

  it('is bounded: the oldest marks go first', async () => {
    const l = new FileReviewLedger(dir, 3);
    await l.mark(['a:x:1', 'a:x:2']);
    await l.mark(['a:x:3', 'a:x:4']);
    expect([...(await l.handled(['a:x:1', 'a:x:2', 'a:x:3', 'a:x:4']))]).toEqual(['a:x:2', 'a:x:3', 'a:x:4']);
  });

  it('writes atomically and leaves no temp files; a damaged file shows everything as new instead of failing', async () => {
    const l = new FileReviewLedger(dir);
    await Promise.all(Array.from({ length: 8 }, (_, i) => l.mark([`a:x:${i}`])));
    expect(await l.count('a:')).toBe(8);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, 'review-ledger.json'), 'utf8')).version).toBe(1);
    await writeFile(path.join(dir, 'review-ledger.json'), '{"handled": [1,');
    const fresh = new FileReviewLedger(dir);
    expect(await fresh.count('a:')).toBe(0);
    expect((await fresh.mark(['a:x:9'])).total).toBe(1);
  });
});
