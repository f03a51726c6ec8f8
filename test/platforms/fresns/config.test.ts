import { describe, expect, it } from 'vitest';
import { ConfigError, PlatformError } from '../../../src/http/errors.js';
import { configure, secretsOf } from '../../../src/platforms/fresns/config.js';
import { hintFor, readError, unwrap } from '../../../src/platforms/fresns/envelope.js';

const BASE = { FRESNS_BASE_URL: 'https://club.example.com/', FRESNS_APP_ID: 'app', FRESNS_APP_SECRET: 'secret-123456' };

describe('Fresns configuration', () => {
  it('is off without FRESNS_BASE_URL, whatever else is set', () => {
    expect(configure({ FRESNS_APP_ID: 'x', FRESNS_APP_SECRET: 'y' })).toBeUndefined();
  });

  it('takes the site root (a copied /api/v2 suffix is dropped) and defaults platform 4', () => {
    const cfg = configure({ ...BASE, FRESNS_BASE_URL: 'https://club.example.com/forum/api/v2/' })!;
    expect(cfg).toMatchObject({ baseUrl: 'https://club.example.com/forum', platformId: 4, apiVersion: 'auto' });
    expect(cfg.clientVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(cfg.login).toBeUndefined();
  });

  it('takes FRESNS_API_VERSION auto (default), 2 or 3, and a copied /api/fresns/v1 suffix', () => {
    expect(configure({ ...BASE, FRESNS_API_VERSION: '3', FRESNS_BASE_URL: 'https://club.example.com/api/fresns/v1' })).toMatchObject({ apiVersion: 3, baseUrl: 'https://club.example.com' });
    expect(configure({ ...BASE, FRESNS_API_VERSION: '2' })!.apiVersion).toBe(2);
    expect(configure({ ...BASE, FRESNS_API_VERSION: ' AUTO ' })!.apiVersion).toBe('auto');
    expect(() => configure({ ...BASE, FRESNS_API_VERSION: 'v3' })).toThrow(/FRESNS_API_VERSION must be auto, 2 .* or 3/);
  });

  it('takes FRESNS_APP_KEY (the 3.x name) for the secret; both set and different is an error', () => {
    const { FRESNS_APP_SECRET: _s, ...noSecret } = BASE;
    expect(configure({ ...noSecret, FRESNS_APP_KEY: 'key-654321' })!.appSecret).toBe('key-654321');
    expect(configure({ ...BASE, FRESNS_APP_KEY: 'secret-123456' })!.appSecret).toBe('secret-123456');
    expect(() => configure({ ...BASE, FRESNS_APP_KEY: 'another-key' })).toThrow(/FRESNS_APP_SECRET and FRESNS_APP_KEY are both set and differ/);
    expect(secretsOf(configure({ ...noSecret, FRESNS_APP_KEY: 'key-654321' })!)).toContain('key-654321');
  });

  it('says what is missing or wrong, once, at startup', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...BASE, FRESNS_APP_SECRET: '' }, /FRESNS_APP_SECRET \(or FRESNS_APP_KEY, its Fresns 3.x name\) is required/],
      [{ ...BASE, FRESNS_BASE_URL: 'club.example.com' }, /FRESNS_BASE_URL must be the site's URL/],
      [{ ...BASE, FRESNS_PLATFORM_ID: '12' }, /FRESNS_PLATFORM_ID must be/],
      [{ ...BASE, FRESNS_ACCOUNT: 'a@b.c' }, /FRESNS_ACCOUNT and FRESNS_PASSWORD together/],
      [{ ...BASE, FRESNS_ACCOUNT: 'a@b.c', FRESNS_PASSWORD: 'p', FRESNS_ACCOUNT_TYPE: 'sms' }, /FRESNS_ACCOUNT_TYPE/],
      [{ ...BASE, FRESNS_AID: 'a' }, /FRESNS_AID and FRESNS_AID_TOKEN/],
      [{ ...BASE, FRESNS_AID: 'a', FRESNS_AID_TOKEN: 't', FRESNS_UID: '1' }, /FRESNS_UID and FRESNS_UID_TOKEN together/],
      [{ ...BASE, FRESNS_AID: 'a', FRESNS_AID_TOKEN: 't', FRESNS_UID: 'bob', FRESNS_UID_TOKEN: 'u' }, /numeric uid/],
    ];
    for (const [env, message] of cases) {
      expect(() => configure(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => configure(env)).toThrow(message);
    }
  });

  it('infers email or phone, and keeps the user choice', () => {
    expect(configure({ ...BASE, FRESNS_ACCOUNT: 'me@example.com', FRESNS_PASSWORD: 'pw' })!.login).toEqual({ type: 'email', account: 'me@example.com', password: 'pw' });
    expect(configure({ ...BASE, FRESNS_ACCOUNT: '13800138000', FRESNS_PASSWORD: 'pw', FRESNS_COUNTRY_CODE: '+86', FRESNS_USER: 'studio', FRESNS_USER_PASSWORD: 'up' })!.login).toEqual({
      type: 'phone', account: '13800138000', password: 'pw', countryCode: 86, user: 'studio', userPassword: 'up',
    });
  });

  it('registers every secret, including passwords as they travel (Base64)', () => {
    const cfg = configure({ ...BASE, FRESNS_ACCOUNT: 'me@example.com', FRESNS_PASSWORD: 'pass-word', FRESNS_USER_PASSWORD: 'user-pass', FRESNS_AID: 'a', FRESNS_AID_TOKEN: 'aid-token-1', FRESNS_UID: '7', FRESNS_UID_TOKEN: 'uid-token-1' })!;
    expect(secretsOf(cfg).sort()).toEqual(
      ['secret-123456', 'pass-word', Buffer.from('pass-word').toString('base64'), 'user-pass', Buffer.from('user-pass').toString('base64'), 'aid-token-1', 'uid-token-1'].sort(),
    );
  });
});

describe('Fresns envelope', () => {
  it('unwraps code 0 and keeps "[3xxxx]" warnings', () => {
    expect(unwrap({ code: 0, message: 'ok', data: { a: 1 } }, false)).toEqual({ data: { a: 1 }, message: 'ok' });
    expect(unwrap({ code: 0, message: '[35202] hidden', data: null }, false)).toMatchObject({ data: null, warning: { code: 35202, message: 'hidden' } });
  });

  it('turns a non-zero code into an error with the code, message and a hint', () => {
    const err = (() => {
      try {
        unwrap({ code: 31303, message: 'Signature has expired', data: null }, false);
      } catch (e) {
        return e as PlatformError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ code: 31303, status: 200, platformMessage: 'Signature has expired', delivery: 'not-processed' });
    expect(err.hint).toMatch(/clock/);
    expect(() => unwrap({ ec: 200 }, true)).toThrow(/not a Fresns \{code, message, data\} envelope/);
  });

  it('has an actionable hint for the codes agents meet', () => {
    expect(hintFor(31302)).toMatch(/FRESNS_APP_SECRET/);
    expect(hintFor(31501)).toMatch(/FRESNS_ACCOUNT/);
    expect(hintFor(31601)).toMatch(/FRESNS_USER/);
    expect(hintFor(36400)).toMatch(/permission/);
    expect(hintFor(37300)).toMatch(/not found/);
    expect(hintFor(30000, 'The device info field is required.')).toMatch(/proxies/);
    expect(hintFor(30000, 'The pageSize must be between 1 and 30')).toMatch(/argument/);
    expect(readError(404, '<html>', new Headers())).toMatchObject({ hint: expect.stringMatching(/FRESNS_API_VERSION must match it \(2 = \/api\/v2, 3 = \/api\/fresns\/v1/) });
  });
});
