import { describe, expect, it } from 'vitest';
import { ago, dailyTrend, preview, timeOf } from '../../src/context/kit.js';
import { orderTime } from '../../src/platforms/afdian/context.js';

describe('context building blocks', () => {
  it('reads the payment time from an Afdian order number (Beijing time, UTC+8)', () => {
    expect(new Date(orderTime('202106232138371234567890123') as number).toISOString()).toBe('2021-06-23T13:38:37.000Z');
    expect(orderTime('not-a-number')).toBeNull();
    expect(orderTime(null)).toBeNull();
  });

  it('sums earnings per UTC day and compares with the previous period only when it is covered', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const day = 86_400_000;
    const amounts = [
      { at: now, amount: 5 },
      { at: now - day, amount: 10 },
      { at: now - 3 * day, amount: 2.5 },
      { at: now - 4 * day, amount: 100 },
    ];
    const t = dailyTrend(amounts, 3, now);
    expect(t.perDay).toEqual([0, 10, 5]);
    expect(t.total).toBe(15);
    expect(t.previousPeriodTotal).toBe(102.5);
    expect(t.change).toBe('-85%');
    expect(dailyTrend(amounts, 3, now, now - 4 * day).previousPeriodTotal).toBeNull();
  });

  it('previews long text with a marker, by characters, never splitting a surrogate pair', () => {
    expect(preview('short')).toEqual({ text: 'short' });
    const p = preview('😀'.repeat(200), 10);
    expect(p.truncated).toBe(true);
    expect([...(p.text as string)]).toHaveLength(11);
    expect(preview({ not: 'text' })).toEqual({ text: null });
  });

  it('reads times in any of the platforms’ forms and says how long ago', () => {
    expect(timeOf('2026-12-02T00:00:00Z')).toBe(Date.UTC(2026, 11, 2));
    expect(timeOf(1_764_633_600)).toBe(1_764_633_600_000);
    expect(timeOf('garbage')).toBeNull();
    expect(ago(Date.now() - 90 * 60_000, Date.now())).toBe('1h 30m');
    expect(ago(Date.now() - 3 * 86_400_000, Date.now())).toBe('3d 0h');
  });
});
