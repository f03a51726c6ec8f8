import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStoreError } from '../../src/auth/token-store.js';
import type { AuditEntry } from '../../src/safety/audit-log.js';
import { BACKENDS, backendKit, type BackendKit } from './backends.js';

const entry = (tool: string, time: string): AuditEntry => ({
  time,
  tool,
  account: 'default',
  args: { n: 1 },
  confirmation: 'not-needed',
  outcome: 'ok',
  delivery: 'processed',
  mayHaveBeenProcessed: true,
});

/** One contract, every backend: what passes here for the file store must pass for Redis. */
describe.each(BACKENDS)('state backend: %s', (name) => {
  let kit: BackendKit;
  beforeAll(async () => {
    kit = await backendKit(name);
  });
  afterAll(() => kit.close());

  it('tokens: put, get, list and delete round-trip; returned records are copies', async () => {
    const s = await kit.open();
    const put = await s.tokens.put({ platform: 'afdian', account: 'default', data: { token: 'a1', when: new Date(0) } });
    expect(put.data).toEqual({ token: 'a1', when: '1970-01-01T00:00:00.000Z' });
    const got = await s.tokens.get('afdian');
    expect(got).toEqual(put);
    (got as { data: Record<string, unknown> }).data.token = 'mutated';
    expect((await s.tokens.get('afdian'))?.data.token).toBe('a1');
    await s.tokens.put({ platform: 'afdian', account: 'shop2', data: { token: 'b1' } });
    expect((await s.tokens.list()).map((r) => `${r.platform}/${r.account}`)).toEqual(['afdian/default', 'afdian/shop2']);
    expect(await s.tokens.delete('afdian', 'shop2')).toBe(true);
    expect(await s.tokens.delete('afdian', 'shop2')).toBe(false);
    expect(await s.tokens.get('afdian', 'shop2')).toBeUndefined();
  });

  it('tokens: a bad record is refused and nothing changes; a write inside update() is refused as re-entrant', async () => {
    const s = await kit.open();
    await s.tokens.put({ platform: 'fresns', account: 'default', data: { v: 1 } });
    await expect(s.tokens.put({ platform: 'fresns', account: 'default', data: [] as unknown as Record<string, unknown> })).rejects.toMatchObject({ code: 'INVALID_RECORD' });
    await expect(s.tokens.update('fresns', 'default', () => ({ platform: 'fresns', account: 'other', data: {} }))).rejects.toMatchObject({ code: 'INVALID_RECORD' });
    await expect(s.tokens.update('fresns', 'default', async () => {
      await s.tokens.put({ platform: 'fresns', account: 'default', data: { v: 2 } });
      return undefined;
    })).rejects.toMatchObject({ code: 'REENTRANT' });
    expect((await s.tokens.get('fresns'))?.data).toEqual({ v: 1 });
  });

  it('tokens: records are unreadable with another key, with a clear error', async () => {
    const a = await kit.open();
    await a.tokens.put({ platform: 'fanbook', account: 'default', data: { secret: 'x' } });
    const b = await kit.open({ secretKey: 'a different passphrase entirely, not the shared one' });
    const err = await b.tokens.get('fanbook').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenStoreError);
    expect((err as TokenStoreError).code).toBe('WRONG_KEY');
    expect((err as Error).message).not.toContain('x"');
  });

  it('tokens: two instances refreshing an expired token at once refresh exactly once', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    await a.tokens.put({ platform: 'fanvue', account: 'default', data: { refresh: 'r0' }, expiresAt: 0 });
    let refreshes = 0;
    const refresh = (s: typeof a) =>
      s.tokens.update('fanvue', 'default', async (cur) => {
        if (cur && (cur.expiresAt ?? 0) > Date.now()) return undefined;
        refreshes++;
        await new Promise((r) => setTimeout(r, 20));
        return { platform: 'fanvue', account: 'default', data: { refresh: `r${refreshes}` }, expiresAt: Date.now() + 3_600_000 };
      });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => refresh(i % 2 ? a : b)));
    expect(refreshes).toBe(1);
    expect(new Set(results.map((r) => r?.data.refresh))).toEqual(new Set(['r1']));
  });

  it('tokens: concurrent read-modify-writes of two instances lose nothing', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    await a.tokens.put({ platform: 'counter', account: 'default', data: { n: 0 } });
    const inc = (s: typeof a) => s.tokens.update('counter', 'default', (cur) => ({ platform: 'counter', account: 'default', data: { n: Number(cur?.data.n) + 1 } }));
    await Promise.all(Array.from({ length: 30 }, (_, i) => inc(i % 2 ? a : b)));
    expect((await b.tokens.get('counter'))?.data.n).toBe(30);
    expect((await a.tokens.get('counter'))?.data.n).toBe(30);
  });

  it('inbox: idempotent on id, ordered by seq across instances, bounded by count and age', async () => {
    let now = 1_000_000;
    const [a, b] = [await kit.open({ inbox: { maxEvents: 3, maxAgeMs: 10_000 }, now: () => now }), await kit.open({ inbox: { maxEvents: 3, maxAgeMs: 10_000 }, now: () => now })];
    const ev = (id: string) => ({ id, type: 't', receivedAt: now, payload: { id } });
    expect(await a.inbox.record('afdian', ev('e1'))).toBe(true);
    expect(await b.inbox.record('afdian', ev('e1'))).toBe(false);
    expect(await b.inbox.record('afdian', ev('e2'))).toBe(true);
    expect(await a.inbox.record('afdian', ev('e3'))).toBe(true);
    const first = await b.inbox.after('afdian', 0, 2);
    expect(first.events.map((e) => [e.id, e.seq])).toEqual([['e1', 1], ['e2', 2]]);
    expect(first.hasMore).toBe(true);
    expect(first.lastSeq).toBe(3);
    expect((await a.inbox.recent('afdian', 2)).map((e) => e.id)).toEqual(['e3', 'e2']);
    await a.inbox.record('afdian', ev('e4'));
    expect((await a.inbox.after('afdian', 0, 10)).events.map((e) => e.id)).toEqual(['e2', 'e3', 'e4']);
    now += 20_000;
    await b.inbox.record('afdian', ev('e5'));
    const after = await a.inbox.after('afdian', 0, 10);
    expect(after.events.map((e) => [e.id, e.seq])).toEqual([['e5', 5]]);
    expect(await a.inbox.head('afdian')).toBe(5);
    expect(await a.inbox.head('fanbook')).toBe(0);
    // A pruned id may come back as new: retention, not a duplicate.
    expect(await a.inbox.record('afdian', ev('e1'))).toBe(true);
  });

  it('ledger: marks are shared, counted by prefix and bounded', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    expect(await a.ledger.mark(['afdian:sponsor:1', 'afdian:sponsor:2'])).toEqual({ added: 2, total: 2 });
    expect(await b.ledger.mark(['afdian:sponsor:2', 'fanbook:message:9'])).toEqual({ added: 1, total: 3 });
    expect(await b.ledger.handled(['afdian:sponsor:1', 'afdian:sponsor:3', 'fanbook:message:9'])).toEqual(new Set(['afdian:sponsor:1', 'fanbook:message:9']));
    expect(await a.ledger.count('afdian:')).toBe(2);
    expect(await a.ledger.count('fanbook:')).toBe(1);
  });

  it('audit: appends of two instances are read back in order, filtered by time', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    const recent = new Date().toISOString();
    await a.audit.append(entry('old_tool', '2020-01-01T00:00:00.000Z'));
    await a.audit.append(entry('afdian_one', recent));
    await b.audit.append(entry('fanbook_two', recent));
    expect((await b.audit.read(Date.parse('2021-01-01'))).map((e) => e.tool)).toEqual(['afdian_one', 'fanbook_two']);
  });

  it('nonces: a confirmation nonce is spent once across instances, even when raced', async () => {
    const [a, b] = [await kit.open(), await kit.open()];
    const exp = Date.now() + 60_000;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).nonces.spend('nonce-abcdefghijklmnop', exp)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.nonces.spend('nonce-abcdefghijklmnop', exp)).toBe(false);
    expect(await a.nonces.spend('bad nonce', exp)).toBe(false);
  });
});
