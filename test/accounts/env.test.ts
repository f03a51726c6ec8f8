import { describe, expect, it } from 'vitest';
import { configuredAccounts } from '../../src/accounts/configured.js';
import { accountEnv, accountsNamedInEnv } from '../../src/accounts/env.js';
import { afdian } from '../../src/platforms/afdian/index.js';
import { fanbook } from '../../src/platforms/fanbook/index.js';
import { ConfigError } from '../../src/http/errors.js';

/** How one account's environment is built from `<VAR>__<ACCOUNT>` and the plain variables. */
describe('account environments', () => {
  const env = {
    FANBOOK_BOT_TOKEN: 'token-default',
    FANBOOK_GUILD_IDS: '111',
    FANBOOK_API_BASE_URL: 'http://127.0.0.1:9/base',
    FANBOOK_CLIENT_ID: 'app',
    FANBOOK_CLIENT_SECRET: 'app-secret',
    FANBOOK_BOT_TOKEN__shop2: 'token-shop2',
    FANBOOK_SENDS_PER_SECOND__shop2: '5',
    AFDIAN_USER_ID: 'u1',
  };

  it('names accounts from suffixed variables of the platform only', () => {
    expect(accountsNamedInEnv('fanbook', env)).toEqual(['shop2']);
    expect(accountsNamedInEnv('afdian', env)).toEqual([]);
  });

  it('per-account variables never fall back to the plain value; settings and the OAuth app do', () => {
    const view = accountEnv('fanbook', env, 'shop2', fanbook.accountVariables ?? []);
    expect(view.FANBOOK_BOT_TOKEN).toBe('token-shop2');
    expect(view.FANBOOK_GUILD_IDS).toBeUndefined();
    expect(view.FANBOOK_SENDS_PER_SECOND).toBe('5');
    expect(view.FANBOOK_API_BASE_URL).toBe(env.FANBOOK_API_BASE_URL);
    expect(view.FANBOOK_CLIENT_ID).toBe('app');
    expect(Object.keys(view).some((k) => k.includes('__'))).toBe(false);
    // The default account sees the plain values and none of the suffixed ones.
    const plain = accountEnv('fanbook', env, 'default', fanbook.accountVariables ?? []);
    expect(plain.FANBOOK_BOT_TOKEN).toBe('token-default');
    expect(plain.FANBOOK_SENDS_PER_SECOND).toBeUndefined();
  });

  it('an account without its own credential is not configured by the plain one', () => {
    // Only the OAuth app is shared, so shop3 exists only as an open-API (OAuth) account without a bot token.
    const accounts = configuredAccounts(fanbook, { ...env, FANBOOK_GUILD_IDS__shop3: '222' });
    const shop3 = accounts.find((a) => a.name === 'shop3')?.cfg as { botToken?: string } | undefined;
    expect(shop3?.botToken).toBeUndefined();
    expect(accounts.map((a) => a.name)).toEqual(['default', 'shop2', 'shop3']);
  });

  it('a half-set account is a config error that names the account; a bad name is one too', () => {
    expect(() => configuredAccounts(afdian, { AFDIAN_USER_ID__main: 'u2' })).toThrow(/account "main" of Afdian .*AFDIAN_TOKEN is missing/);
    expect(() => configuredAccounts(afdian, { AFDIAN_TOKEN__Main: 'x' })).toThrow(ConfigError);
    expect(() => configuredAccounts(afdian, { [`AFDIAN_TOKEN__${'a'.repeat(33)}`]: 'x' })).toThrow(/1 to 32/);
  });

  it('stored logins add accounts the environment does not name', () => {
    const accounts = configuredAccounts(fanbook, { FANBOOK_CLIENT_ID: 'app', FANBOOK_CLIENT_SECRET: 's' }, ['agency']);
    expect(accounts.map((a) => [a.name, a.source])).toEqual([
      ['default', 'env'],
      ['agency', 'store'],
    ]);
  });
});
