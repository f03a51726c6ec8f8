import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/safety/clean-text.js';

describe('cleanText', () => {
  it.each([
    ['zero-width space', 'ig\u200Bnore', 'ignore'],
    ['BiDi override and pop', 'pay \u202Eevil\u202C now', 'pay evil now'],
    ['BiDi isolates and marks', '\u2066a\u2069\u200E\u200F\u061C', 'a'],
    ['tag characters (invisible ASCII)', 'hi\u{E0069}\u{E0067}\u{E006E}\u{E007F}', 'hi'],
    ['soft hyphen, BOM, word joiner', '\u00ADsoft\uFEFF\u2060', 'soft'],
    ['ZWJ outside an emoji sequence', 'a\u200Db', 'ab'],
    ['variation-selector run after a letter', 'A\uFE00\uFE01\u{E0100}\u{E0101}', 'A\uFE00'],
    ['terminal escape', 'red\x1b[31m', 'red[31m'],
    ['Hangul filler', 'x\u3164y', 'xy'],
  ])('removes %s', (_what, dirty, clean) => {
    expect(cleanText(dirty)).toBe(clean);
  });

  it.each([
    ['plain text', 'Loved the new set'],
    ['CJK', '谢谢你的支持！'],
    ['line breaks and tabs', 'line\nnext\ttab\r\n'],
    ['emoji ZWJ sequence', '👩\u200D💻'],
    ['rainbow flag (VS16 then ZWJ)', '🏳\uFE0F\u200D🌈'],
    ['skin tone then ZWJ', '🧑🏽\u200D🚀'],
    ['heart with VS16', '❤\uFE0F'],
  ])('keeps %s', (_what, text) => {
    expect(cleanText(text)).toBe(text);
  });
});
