import { describe, expect, it } from 'vitest';
import { SecretSet } from '../../src/http/redact.js';
import { toToolResult } from '../../src/tools/result.js';

const SECRET = 'cs_live_9f8e7d6c5b4a';
const ID = 'client-123';

function set() {
  const s = new SecretSet();
  s.add(SECRET, '123456', 'a b+c/d="e"');
  s.addBasic(ID, SECRET);
  return s;
}

const textOf = (r: ReturnType<typeof toToolResult>) => (r.content[0] as { text: string }).text;

describe('redaction by structure', () => {
  it('leaves platform text with quotes and keywords unchanged and valid JSON', () => {
    const data = { list: [{ remark: 'love the design="retro" look!' }, { text: 'my login token=abc" pls help' }, { t: 'password=hunter2 sign=x' }] };
    const r = toToolResult(data, set());
    expect(JSON.parse(textOf(r))).toEqual(data);
    expect(r.structuredContent).toEqual(data);
  });

  it('never changes numbers, and a short secret only as a whole string value', () => {
    const data = { total_amount: '1234567.00', n: 1234567, id: 91234560, same: 123456, s: '123456', note: 'order 123456 paid' };
    const r = toToolResult(data, set());
    expect(r.structuredContent).toEqual({ ...data, s: '[REDACTED]' });
  });

  it('masks every encoding of a registered secret inside string values and keys', () => {
    const basic = Buffer.from(`${ID}:${SECRET}`).toString('base64');
    const forms = [
      SECRET,
      encodeURIComponent('a b+c/d="e"'),
      encodeURIComponent('a b+c/d="e"').replace(/%20/g, '+'),
      JSON.stringify('a b+c/d="e"').slice(1, -1),
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(SECRET).toString('base64url'),
      basic,
      Buffer.from(`${SECRET}:`).toString('base64'),
    ];
    const s = set();
    for (const f of forms) {
      const r = toToolResult({ echoed: { headers: { authorization: `Basic ${f}` } }, [`k-${f}`]: 1 }, s);
      expect(textOf(r)).not.toContain(f);
      expect(() => JSON.parse(textOf(r))).not.toThrow();
    }
    expect(s.redact(`echo: Basic ${basic}`)).toBe('echo: Basic [REDACTED]');
  });

  it('returns the same tree when nothing is secret (no copy)', () => {
    const data = { a: [{ b: 'x' }] };
    expect(set().redactValue(data)).toBe(data);
  });
});
