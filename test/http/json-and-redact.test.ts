import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonLossless, stringifyLossless } from '../../src/http/json.js';
import { SecretSet } from '../../src/http/redact.js';

describe('lossless JSON', () => {
  it('keeps integers a double cannot hold as exact decimal strings', () => {
    const text = '{"id":9007199254740993,"big":123456789012345678901234567890,"small":42,"neg":-9007199254740993,"f":1.5}';
    expect(parseJsonLossless(text)).toEqual({ id: '9007199254740993', big: '123456789012345678901234567890', small: 42, neg: '-9007199254740993', f: 1.5 });
    // The ordinary parser loses the last digit: that is the bug this guards against.
    expect((parseJson(text, false) as { id: number }).id).toBe(9007199254740992);
  });
  it('writes bigint values as JSON integers without losing digits', () => {
    expect(stringifyLossless({ id: 9007199254740993n, n: 1 })).toBe('{"id":9007199254740993,"n":1}');
  });
});

describe('SecretSet', () => {
  const s = new SecretSet();
  s.add('tok_0123456789', 'a b&c=d/e', undefined, 'abc');
  it('masks registered secrets, also URL-encoded', () => {
    expect(s.redact('x tok_0123456789 y')).toBe('x [REDACTED] y');
    expect(s.redact(`q=${encodeURIComponent('a b&c=d/e')}`)).not.toContain(encodeURIComponent('a b&c=d/e'));
  });
  it('masks a short secret only as a whole token, never inside other text', () => {
    expect(s.redact('abc')).toBe('[REDACTED]');
    expect(s.redact('abcd xabc abc1')).toBe('abcd xabc abc1');
  });
  it('keeps keyword patterns only for credentials in our own request text', () => {
    expect(s.redact('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer [REDACTED]');
    expect(s.redact('POST /api/bot/123:abcDEF/sendMessage')).toBe('POST /api/bot/[REDACTED]/sendMessage');
    // A fan's `token=` is content, not a credential of ours.
    expect(s.redact('url?access_token=zzz&x=1')).toBe('url?access_token=zzz&x=1');
  });
});
