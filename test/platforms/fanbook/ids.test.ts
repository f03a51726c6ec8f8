import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseJsonLossless, stringifyLossless } from '../../../src/http/json.js';
import { SecretSet } from '../../../src/http/redact.js';
import { readFanbookError, unwrapBot } from '../../../src/platforms/fanbook/errors.js';
import { encodeFields, intId, intIds, normaliseResult, strId } from '../../../src/platforms/fanbook/ids.js';

const INT64_MAX = 2n ** 63n - 1n;
const schema = z.object({ chat_id: intId('c'), guild_id: strId('g').optional(), roles: intIds('r').optional() });

describe('Fanbook IDs at the tool boundary', () => {
  it('sends any 64-bit ID with every digit, as a JSON integer or a JSON string as the method expects', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: INT64_MAX }), fc.bigInt({ min: 0n, max: INT64_MAX }), (a, b) => {
        const input = schema.parse({ chat_id: String(a), guild_id: String(b), roles: [String(b), String(a)] });
        const body = stringifyLossless(encodeFields(schema.shape, input));
        expect(body).toBe(`{"chat_id":${a},"guild_id":"${b}","roles":[${b},${a}]}`);
      }),
    );
  });

  it('accepts a safe integer, and refuses what cannot be an exact ID', () => {
    expect(stringifyLossless(encodeFields(schema.shape, schema.parse({ chat_id: 42 })))).toBe('{"chat_id":42}');
    for (const bad of [Number('463992311200738042'), '0463992311200738042', '-1', '1.5', '9223372036854775808', '', '12a']) {
      expect(schema.safeParse({ chat_id: bad }).success, String(bad)).toBe(false);
    }
  });

  it('returns every ID in an answer as a decimal string, safe or not, and leaves other numbers alone', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: INT64_MAX }), fc.integer({ min: 0, max: 1000 }), (id, count) => {
        const raw = `{"message_id":${id},"chat":{"id":${id},"guild_id":0},"roles":[${id},7],"mentions":["${id}"],"count":${count},"date":1675847275548}`;
        expect(normaliseResult(parseJsonLossless(raw))).toEqual({
          message_id: String(id),
          chat: { id: String(id), guild_id: '0' },
          roles: [String(id), '7'],
          mentions: [String(id)],
          count,
          date: 1675847275548,
        });
      }),
    );
  });

  it('masks credentials that answers carry', () => {
    expect(normaliseResult({ id: 1, user_token: 'a169e07d91846a31602db66a' })).toEqual({ id: '1', user_token: '[REDACTED]' });
  });
});

describe('Fanbook errors', () => {
  it('reads error_code (DevOpen) and err_code (Java SDK), the open-API and the OAuth shapes', () => {
    expect(readFanbookError(400, '{"ok":false,"error_code":10002,"description":"limit for bot send per 1 second"}', new Headers())).toMatchObject({
      code: 10002,
      message: 'limit for bot send per 1 second',
      hint: expect.stringContaining('wait at least 1 s'),
    });
    expect(readFanbookError(200, '{"ok":false,"err_code":1012,"description":"没有权限"}', new Headers())).toMatchObject({ code: 1012, message: '没有权限' });
    expect(readFanbookError(401, '{"ok":false,"error_code":401,"description":"Unauthorized"}', new Headers()).hint).toContain('FANBOOK_BOT_TOKEN');
    expect(readFanbookError(401, '{"status":false,"message":"token expired"}', new Headers()).hint).toContain('creator-mcp login fanbook');
    expect(readFanbookError(400, '{"error":"invalid_grant","error_description":"spent"}', new Headers())).toMatchObject({ code: 'invalid_grant', message: 'spent' });
    expect(readFanbookError(502, '<html>bad gateway</html>', new Headers())).toEqual({ hint: undefined });
  });

  it('unwraps {ok, result} and {status, data}, and turns ok:false at HTTP 200 into a coded error', () => {
    expect(unwrapBot({ ok: true, result: { a: 1 } }, 'Fanbook')).toEqual({ a: 1 });
    expect(unwrapBot({ status: true, code: 1000, data: [1] }, 'Fanbook')).toEqual([1]);
    expect(() => unwrapBot({ ok: false, error_code: 1037, description: '用户已关闭私信' }, 'Fanbook')).toThrow(/用户已关闭私信/);
    expect(() => unwrapBot({ hello: 1 }, 'Fanbook')).toThrow(/not a Fanbook/);
  });
});

describe('the bot token in URL paths', () => {
  const token = '5f2b9c1e7a4d40f8b3c6e1a9d2f7b0c4e8a1d3f6';
  it('is masked once registered, in plain and encoded form', () => {
    const secrets = new SecretSet();
    secrets.add(token);
    const line = `retrying POST https://a1.fanbook.cn/api/bot/${token}/sendMessage and ${encodeURIComponent(token)}`;
    expect(secrets.redact(line)).not.toContain(token);
  });

  it('is masked by the core pattern even when it was never registered', () => {
    const out = new SecretSet().redact(`GET /api/bot/${token}/getMe failed; url=https://a1.fanbook.cn/api/bot/${token}/v2/guild/members`);
    expect(out).not.toContain(token);
    expect(out).toContain('/api/bot/[REDACTED]/getMe');
  });
});
