import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { ConfigError, PlatformError } from '../../src/http/errors.js';
import { SecretSet } from '../../src/http/redact.js';
import { fillPath, retryClass, takeSecrets, unusableAnswer, withBearer, type BearerSource } from '../../src/http/request-kit.js';
import { silentLogger } from '../../src/log.js';
import { SimulatorHost } from '../../src/sandbox/sim-host.js';

describe('retryClass', () => {
  it('lets only reads be retried freely', () => {
    expect(retryClass('read')).toBe('read');
    expect(retryClass('write')).toBe('write');
    expect(retryClass('destructive')).toBe('write');
  });
});

describe('fillPath', () => {
  it('fills each placeholder with one percent-encoded segment and names what it used', () => {
    const { path, used } = fillPath('/chats/{userUuid}/messages/{id}', { userUuid: 'a/b c?#', id: 42, text: 'hi' });
    expect(path).toBe('/chats/a%2Fb%20c%3F%23/messages/42');
    expect([...used]).toEqual(['userUuid', 'id']);
  });

  it('keeps non-ASCII values whole and leaves a path without placeholders as it is', () => {
    expect(fillPath('/tags/{name}', { name: '频道' }).path).toBe('/tags/%E9%A2%91%E9%81%93');
    expect(fillPath('/api/open/query-order', { page: 1 })).toEqual({ path: '/api/open/query-order', used: new Set() });
  });

  it.each([
    ['missing', {}, /userUuid is required/],
    ['empty', { userUuid: '' }, /userUuid is required/],
    ['null', { userUuid: null }, /userUuid is required/],
    ['a list', { userUuid: ['a', 'b'] }, /userUuid must be a single value/],
    ['"."', { userUuid: '.' }, /userUuid cannot be "\."/],
    ['".."', { userUuid: '..' }, /userUuid cannot be "\.\."/],
  ])('refuses a %s value with one clear error, before anything is sent', (_, input, message) => {
    const attempt = () => fillPath('/chats/{userUuid}', input);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/Nothing was sent/);
  });
});

/**
 * withBearer against a real HTTP server that accepts only the newest token and counts what
 * reaches it, so "sent once more" and "never sent twice" are what the server saw.
 */
describe('withBearer over real HTTP', () => {
  let current = 'token-2';
  let answer: 'auth' | 'fail-500' | 'always-401' = 'auth';
  const seen: string[] = [];
  const host = new SimulatorHost('bearer', (req) => {
    seen.push(String(req.headers.authorization));
    if (answer === 'fail-500') return { status: 500, body: 'down' };
    if (answer === 'always-401' || req.headers.authorization !== `Bearer ${current}`) return { status: 401, body: 'expired' };
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
  });
  const http = new HttpClient({ platform: 'Test', secrets: new SecretSet(), log: silentLogger, baseDelayMs: 1, maxAttempts: 1 });
  let base = '';

  /** A token source that starts with `held` and records every refresh it is asked for. */
  function source(held: string): BearerSource & { refreshed: string[] } {
    let token = held;
    const refreshed: string[] = [];
    return {
      refreshed,
      accessToken: () => Promise.resolve(token),
      refresh(stale) {
        refreshed.push(stale);
        token = current;
        return Promise.resolve(token);
      },
    };
  }
  const post = (token: string) =>
    http.sendJson({ method: 'POST', url: `${base}/send`, headers: { authorization: `Bearer ${token}` }, body: '{}', retry: 'write' });

  beforeAll(async () => {
    base = await host.start();
  });
  afterAll(async () => {
    await host.stop();
  });
  beforeEach(() => {
    seen.length = 0;
    current = 'token-2';
    answer = 'auth';
  });

  it('sends once with a valid token and refreshes nothing', async () => {
    const s = source('token-2');
    await expect(withBearer(s, post)).resolves.toMatchObject({ data: { ok: true } });
    expect(seen).toEqual(['Bearer token-2']);
    expect(s.refreshed).toEqual([]);
  });

  it('after a 401 refreshes once with the refused token and sends the write once more', async () => {
    const s = source('token-1');
    await expect(withBearer(s, post)).resolves.toMatchObject({ data: { ok: true } });
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(s.refreshed).toEqual(['token-1']);
  });

  it('gives a second 401 to the caller instead of refreshing again', async () => {
    answer = 'always-401';
    const s = source('token-1');
    const err = await withBearer(s, post).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).status).toBe(401);
    expect(seen).toHaveLength(2);
    expect(s.refreshed).toEqual(['token-1']);
  });

  it('never repeats a write the platform may have processed', async () => {
    answer = 'fail-500';
    const s = source('token-2');
    const err = await withBearer(s, post).catch((e: unknown) => e);
    expect((err as PlatformError).delivery).toBe('unknown');
    expect(seen).toHaveLength(1);
    expect(s.refreshed).toEqual([]);
  });

  it('does not resend after a 401 whose delivery is not certain', async () => {
    const s = source('token-1');
    let sends = 0;
    const uncertain = () => {
      sends++;
      return Promise.reject(new PlatformError({ platform: 'Test', status: 401, delivery: 'unknown' }));
    };
    await expect(withBearer(s, uncertain)).rejects.toMatchObject({ status: 401, delivery: 'unknown' });
    expect(sends).toBe(1);
    expect(s.refreshed).toEqual([]);
  });
});

describe('takeSecrets', () => {
  it('registers the token fields, then leaves them out of the answer', () => {
    const secrets = new SecretSet();
    const kept = takeSecrets({ aid: 'a1', aidToken: 'aid-token-value-123', uidToken: 'uid-token-value-456', expiredHours: 3 }, ['aidToken', 'uidToken'], secrets);
    expect(kept).toEqual({ aid: 'a1', expiredHours: 3 });
    expect(secrets.redact('site said aid-token-value-123 and uid-token-value-456')).toBe('site said [REDACTED] and [REDACTED]');
    expect(secrets.redactValue({ echo: 'uid-token-value-456' })).toEqual({ echo: '[REDACTED]' });
  });
});

describe('unusableAnswer', () => {
  it('tells a read that can be asked again from a write that may have been applied', () => {
    const read = unusableAnswer({ platform: 'Test', status: 200, message: 'not JSON', retry: 'read', hint: 'A proxy may have answered.' });
    expect(read).toMatchObject({ platform: 'Test', status: 200, platformMessage: 'not JSON', delivery: 'not-processed', hint: 'A proxy may have answered. Try again later.' });
    const write = unusableAnswer({ platform: 'Test', status: 201, message: 'not JSON', retry: 'write' });
    expect(write.delivery).toBe('unknown');
    expect(write.hint).toBe('The write may have been applied: check before repeating it.');
  });
});
