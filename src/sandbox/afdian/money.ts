/** Afdian amounts are decimal strings ("5.00"); sums are done in integer cents so they stay exact. */
const AMOUNT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

export function toCents(amount: string): number {
  const m = AMOUNT.exec(amount);
  if (!m) throw new Error(`not an Afdian amount: ${JSON.stringify(amount)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function fromCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`invalid cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function isAmount(value: string): boolean {
  return AMOUNT.test(value);
}
