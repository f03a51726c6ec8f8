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

describe('Basic client credentials are registered where platforms send them', () => {
  it('masks base64(id:secret) of Fanvue and Fanbook in results, errors and logs', async () => {
    const { createRuntime } = await import('../../src/runtime.js');
    const { MemoryTokenStore } = await import('../../src/auth/token-store.js');
    const lines: string[] = [];
    const env = {
      CREATOR_MCP_STATE_DIR: '/nonexistent-state-dir-for-test',
      FANVUE_CLIENT_ID: 'fv-client-id', FANVUE_CLIENT_SECRET: 'fv-secret-0123456789',
      FANBOOK_CLIENT_ID: 'fb-client', FANBOOK_CLIENT_SECRET: 'fb-secret-abcdefghij',
    };
    const rt = await createRuntime(env, { store: new MemoryTokenStore(), logWrite: (l) => lines.push(l) });
    for (const [id, secret] of [['fv-client-id', 'fv-secret-0123456789'], ['fb-client', 'fb-secret-abcdefghij']] as const) {
      const basic = Buffer.from(`${id}:${secret}`).toString('base64');
      const r = toToolResult({ echo: { authorization: `Basic ${basic}` } }, rt.secrets);
      expect(textOf(r)).not.toContain(basic);
      expect(rt.secrets.redact(`upstream said: Basic ${basic}`)).not.toContain(basic);
      rt.log.error(`token endpoint echoed Basic ${basic}`);
    }
    expect(lines.join('')).not.toMatch(/ZnYtY2xpZW50|ZmItY2xpZW50/);
  });
});

describe('a preview cut inside a secret', () => {
  it('masks the secret prefix before the cut marker, and leaves ordinary cut text alone', () => {
    const set = new SecretSet();
    set.add('sandbox-password-0123456789');
    expect(set.redactValue({ text: 'my login is sandbox-password-01…' })).toEqual({ text: 'my login is [REDACTED]…' });
    expect(set.redactValue({ text: 'see you at the sandbox-pa…' })).toEqual({ text: 'see you at the [REDACTED]…' });
    expect(set.redactValue({ text: 'a long fan message about the sand…' })).toEqual({ text: 'a long fan message about the sand…' });
    expect(set.redactValue({ text: 'sandbox-password-01 without a cut' })).toEqual({ text: 'sandbox-password-01 without a cut' });
  });
});
