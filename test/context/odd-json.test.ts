import { describe, expect, it } from 'vitest';
import { MemoryReviewLedger } from '../../src/ledger/review-ledger.js';
import { afdianContext } from '../../src/platforms/afdian/context.js';
import { fanbookContext } from '../../src/platforms/fanbook/context.js';
import { fanvueContext } from '../../src/platforms/fanvue/context.js';
import { fresnsContext } from '../../src/platforms/fresns/context.js';
import type { PlatformClient, PlatformDeps, WebhookLog } from '../../src/platforms/types.js';

// Platform answers as a careless platform sends them: every view must keep its shape and never throw.
const ODD: unknown[] = [
  null,
  [null],
  'text',
  42,
  { data: [null] },
  { data: { list: [] } },
  { list: {}, data: 'x', pagination: null },
  { data: [{ uuid: 7, user: null, lastMessage: 'nope', variants: [null], gross: 'many' }], breakdownBySource: { tips: null } },
  { list: [{ out_trade_no: { a: 1 }, user: 5, remark: { x: 1 }, pid: 3, commentCount: '9' }], total_count: 'lots' },
];

const deps = (events: unknown) =>
  ({
    env: { FANBOOK_GUILD_IDS: '123' },
    webhooks: { recent: async () => events } as unknown as WebhookLog,
  }) as unknown as PlatformDeps & { webhooks: WebhookLog };

function client(answer: unknown): PlatformClient {
  return {
    call: async () => answer,
    sessions: { ensure: async () => ({ uid: 1 }) },
  } as unknown as PlatformClient;
}

describe('contexts tolerate any JSON from the platform', () => {
  const contexts = { afdian: afdianContext, fanvue: fanvueContext, fanbook: fanbookContext, fresns: fresnsContext };
  for (const [name, build] of Object.entries(contexts)) {
    it(`${name}: every odd answer gives a whole context, never a throw or an unhandled rejection`, async () => {
      const rejections: unknown[] = [];
      const onRejection = (r: unknown) => rejections.push(r);
      process.on('unhandledRejection', onRejection);
      try {
        for (const answer of ODD) {
          for (const events of [[], [null, { payload: null }, { payload: answer, type: 'message' }], 'garbage']) {
            const opts = { ledger: new MemoryReviewLedger(), detail: 'full' as const, now: Date.now() };
            const ctx = (await build(client(answer), deps(events), opts)) as Record<string, unknown>;
            expect(ctx.platform).toBe(name);
            expect(ctx.needsYou).toBeDefined();
            expect(() => JSON.stringify(ctx)).not.toThrow();
          }
        }
        await new Promise((r) => setTimeout(r, 20));
        expect(rejections).toEqual([]);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });
  }

  it('a failing call is a failed section in place, not a failed context', async () => {
    const failing = { call: async () => Promise.reject(new Error('boom')), sessions: { ensure: async () => ({ uid: 1 }) } } as unknown as PlatformClient;
    const ctx = (await afdianContext(failing, deps([]), { ledger: new MemoryReviewLedger(), detail: 'full', now: Date.now() })) as Record<string, unknown>;
    expect(ctx.failedSections).toEqual(['newOrders', 'trends', 'reference']);
    expect(JSON.stringify(ctx.needsYou)).toMatch(/boom/);
  });
});
