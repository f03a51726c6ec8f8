import { describe, expect, it } from 'vitest';
import { InvalidGrantError, OAuthSession } from '../../src/auth/oauth-session.js';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { AuthRequiredError } from '../../src/http/errors.js';

function setup(expiresAt: number) {
  const store = new MemoryTokenStore();
  const used: string[] = [];
  let n = 0;
  const refresh = async (rt: string) => {
    if (used.includes(rt)) throw new InvalidGrantError();
    used.push(rt);
    await new Promise((r) => setTimeout(r, 20));
    n++;
    return { access_token: `at-${n}`, refresh_token: `rt-${n}`, expires_in: 3600 };
  };
  return { store, used, refresh, init: () => store.put({ platform: 'p', account: 'default', data: { access_token: 'at-0', refresh_token: 'rt-0' }, expiresAt }) };
}

describe('OAuthSession', () => {
  it('refreshes an expired token exactly once for 20 parallel callers, and stores the rotation first', async () => {
    const s = setup(Date.now() - 1);
    await s.init();
    const session = new OAuthSession({ store: s.store, platform: 'p', refresh: s.refresh });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => session.accessToken()));
    expect(new Set(tokens)).toEqual(new Set(['at-1']));
    expect(s.used).toEqual(['rt-0']);
    expect((await s.store.get('p'))?.data).toMatchObject({ access_token: 'at-1', refresh_token: 'rt-1' });
  });

  it('uses a valid token without refreshing, and refreshes once after a 401', async () => {
    const s = setup(Date.now() + 3_600_000);
    await s.init();
    const session = new OAuthSession({ store: s.store, platform: 'p', refresh: s.refresh });
    expect(await session.accessToken()).toBe('at-0');
    expect(s.used).toEqual([]);
    const after401 = await Promise.all([session.refresh('at-0'), session.refresh('at-0')]);
    expect(after401).toEqual(['at-1', 'at-1']);
    // A caller that saw the old token fail later gets the new one without another refresh.
    expect(await session.refresh('at-0')).toBe('at-1');
    expect(s.used).toEqual(['rt-0']);
  });

  it('two sessions on one store (as two processes) never spend a refresh token twice', async () => {
    const s = setup(Date.now() - 1);
    await s.init();
    const a = new OAuthSession({ store: s.store, platform: 'p', refresh: s.refresh });
    const b = new OAuthSession({ store: s.store, platform: 'p', refresh: s.refresh });
    const tokens = await Promise.all([a.accessToken(), b.accessToken(), a.accessToken(), b.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(s.used).toEqual(['rt-0']);
  });

  it('ends in one clear message when the refresh token is refused or missing', async () => {
    const store = new MemoryTokenStore();
    await store.put({ platform: 'p', account: 'default', data: { access_token: 'x', refresh_token: 'r' }, expiresAt: 0 });
    const session = new OAuthSession({ store, platform: 'p', refresh: async () => { throw new InvalidGrantError(); } });
    await expect(session.accessToken()).rejects.toThrow(AuthRequiredError);
    await expect(session.accessToken()).rejects.toThrow(/run `creator-mcp login p`/);
    const empty = new OAuthSession({ store: new MemoryTokenStore(), platform: 'p', refresh: async () => ({ access_token: 'y' }) });
    await expect(empty.accessToken()).rejects.toThrow(/no stored login/);
  });
});
