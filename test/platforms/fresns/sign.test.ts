import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phpUrlencode, sign, stringToSign, type SignedValues } from '../../../src/platforms/fresns/sign.js';
import { makeSign } from '../../../src/sandbox/fresns/checks.js';

/** The documented Fresns example (v2 docs, "签名生成规则") and the reference's computed vectors. */
const SECRET = 'qUiEaDNQh2IpvGHOKlTMx7ujn8t1CZWX';
const BASE: SignedValues = {
  'X-Fresns-App-Id': 'yh1OJ7WL',
  'X-Fresns-Client-Platform-Id': 2,
  'X-Fresns-Client-Version': '2.0.0',
  'X-Fresns-Signature-Timestamp': 1674161913192,
};
const ACCOUNT: SignedValues = { 'X-Fresns-Aid': 'wIfu6jaF', 'X-Fresns-Aid-Token': 'uoX1hk6SHUgB2MFGJwNx38dem9DA7Vsz' };
const USER: SignedValues = { 'X-Fresns-Uid': 782622, 'X-Fresns-Uid-Token': 'PqBpwPLJgfd1sH0X5JffYFGxTSc8RW7c' };

describe('Fresns signature (v2-md5)', () => {
  it('reproduces the documented logged-in vector, string and digest', () => {
    const values = { ...BASE, ...ACCOUNT, ...USER };
    expect(stringToSign(values, SECRET)).toBe(
      'X-Fresns-Aid=wIfu6jaF&X-Fresns-Aid-Token=uoX1hk6SHUgB2MFGJwNx38dem9DA7Vsz&X-Fresns-App-Id=yh1OJ7WL&X-Fresns-Client-Platform-Id=2&X-Fresns-Client-Version=2.0.0&X-Fresns-Signature-Timestamp=1674161913192&X-Fresns-Uid=782622&X-Fresns-Uid-Token=PqBpwPLJgfd1sH0X5JffYFGxTSc8RW7c&AppSecret=qUiEaDNQh2IpvGHOKlTMx7ujn8t1CZWX',
    );
    expect(sign(values, SECRET)).toBe('2174eaeab76fb6a3790ed4f7ebb2edfb');
  });

  it('signs a request without login', () => {
    expect(sign(BASE, SECRET)).toBe('17da32290c6a73ea1dd9121607e63e8f');
  });

  it('signs a request with only the account logged in', () => {
    expect(sign({ ...BASE, ...ACCOUNT }, SECRET)).toBe('3ed72e2dd20304f781b69ec06c6aa584');
  });

  it('has the 3.x variant: same steps, &AppKey= and SHA-256', () => {
    expect(sign({ ...BASE, ...ACCOUNT, ...USER }, SECRET, 'v3-sha256')).toBe('34a9219420b05e6deaaf8ee991bcee293968a5b21cce93ba9bdc601d1f994ada');
  });

  it('drops empty and PHP-falsy values and any header outside the eight', () => {
    const noisy = { ...BASE, 'X-Fresns-Aid': '', 'X-Fresns-Uid': 0, 'X-Fresns-Uid-Token': '0', 'X-Fresns-Aid-Token': null, 'X-Fresns-Client-Device-Info': 'eyJ9' } as SignedValues;
    expect(sign(noisy, SECRET)).toBe('17da32290c6a73ea1dd9121607e63e8f');
  });

  it('encodes values like PHP urlencode (RFC 1738)', () => {
    expect(phpUrlencode('1.0.0 beta')).toBe('1.0.0+beta');
    expect(phpUrlencode('1.0.0+build')).toBe('1.0.0%2Bbuild');
    expect(phpUrlencode("a~b*c!d'e(f)g")).toBe('a%7Eb%2Ac%21d%27e%28f%29g');
    expect(phpUrlencode('版本')).toBe('%E7%89%88%E6%9C%AC');
    expect(stringToSign({ ...BASE, 'X-Fresns-Client-Version': '1.0.0 beta' }, 's')).toContain('X-Fresns-Client-Version=1.0.0+beta&');
  });

  it('agrees with the simulator\'s independent implementation for any header values', () => {
    const value = fc.oneof(fc.string(), fc.constantFrom('', '0', ' ', '~*+', '版本 1.0'));
    fc.assert(
      fc.property(value, value, value, fc.integer({ min: 1, max: 11 }), (version, aid, token, platform) => {
        const values: SignedValues = { ...BASE, 'X-Fresns-Client-Version': version, 'X-Fresns-Aid': aid, 'X-Fresns-Aid-Token': token, 'X-Fresns-Client-Platform-Id': platform };
        const asHeaders = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)]));
        return sign(values, SECRET) === makeSign(asHeaders, SECRET);
      }),
      { numRuns: 300 },
    );
  });
});
