/**
 * Afdian amounts are decimal strings ("5.00"). Sums are done in integer fen with BigInt so a
 * total never picks up floating-point noise.
 */
export function sumAmounts(amounts: Iterable<unknown>): string {
  let fen = 0n;
  for (const a of amounts) {
    if (typeof a !== 'string' || !/^-?\d+(\.\d{1,2})?$/.test(a.trim())) continue;
    const [whole = '0', frac = ''] = a.trim().replace('-', '').split('.');
    const value = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
    fen += a.trim().startsWith('-') ? -value : value;
  }
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
