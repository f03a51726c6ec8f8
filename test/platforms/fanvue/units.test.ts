import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../src/platforms/fanvue/client.js';
import { configure, parseScopes } from '../../../src/platforms/fanvue/config.js';
import { readFanvueError } from '../../../src/platforms/fanvue/errors.js';
import { fanvue } from '../../../src/platforms/fanvue/index.js';
import { scopesFor, scopesOfTools } from '../../../src/platforms/fanvue/oauth.js';
import { SANDBOX_APP_SCOPES } from '../../../src/sandbox/fanvue/oauth-server.js';
import { operation } from '../../../src/platforms/fanvue/operations/index.js';
import { FANVUE_RATE_LIMIT, fanvueBucketOf, fanvueRateLimiter } from '../../../src/platforms/fanvue/rate-limit.js';
import type { Platform } from '../../../src/platforms/types.js';

const BASE = 'https://api.fanvue.com';
const FAN = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

describe('Fanvue request building', () => {
  it('comma-joins explode:false arrays, repeats the chats filter, and sends booleans as "true"/"false"', () => {
    const media = buildRequest(BASE, operation('list_media'), { page: 2, status: ['ready', 'processing'], variants: ['main', 'thumbnail'] });
    expect(new URL(media.url).search).toBe('?page=2&status=ready%2Cprocessing&variants=main%2Cthumbnail');
    const chats = buildRequest(BASE, operation('list_chats'), { filter: ['unread', 'online'], smartListIds: ['subscribers'] });
    expect(new URL(chats.url).searchParams.getAll('filter')).toEqual(['unread', 'online']);
    const peek = buildRequest(BASE, operation('list_chat_messages'), { userUuid: FAN, markAsRead: false });
    expect(peek.url).toBe(`${BASE}/chats/${FAN}/messages?markAsRead=false`);
    expect(peek.body).toBeUndefined();
  });

  it('fills path placeholders encoded, and puts the rest in a JSON body for writes', () => {
    const send = buildRequest(BASE, operation('send_message'), { userUuid: FAN, text: 'hi', price: 500, mediaUuids: [FAN] });
    expect(send.url).toBe(`${BASE}/chats/${FAN}/message`);
    expect(JSON.parse(send.body as string)).toEqual({ text: 'hi', price: 500, mediaUuids: [FAN] });
    const folder = buildRequest(BASE, operation('list_vault_folder_media'), { folderName: 'Behind the scenes/2026', page: 1 });
    expect(folder.url).toBe(`${BASE}/vault/folders/Behind%20the%20scenes%2F2026/media?page=1`);
    expect(buildRequest(BASE, operation('pin_post'), { uuid: FAN }).body).toBeUndefined();
    const mirror = buildRequest(BASE, operation('creator_send_message'), { creatorUserUuid: FAN, userUuid: FAN, text: 'hi' });
    expect(mirror.url).toBe(`${BASE}/creators/${FAN}/chats/${FAN}/message`);
    expect(JSON.parse(mirror.body as string)).toEqual({ text: 'hi' });
  });
});

describe('Fanvue rate limiting (200 requests per 60 s, keyed clientId:userUuid[:creatorUserUuid])', () => {
  const APP = 'client-123';
  const USER = '6b0f2a9e-3d8c-4c1e-9a7b-2f5d8e1c4a60';
  const OTHER_USER = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';

  it('keys buckets by app, user and creator: /creators/{uuid}/* apart, everything else shared per user', () => {
    const bucket = fanvueBucketOf({ apiBaseUrl: BASE, clientId: APP });
    expect(bucket(`${BASE}/chats`, USER)).toBe(`${APP}:${USER}`);
    expect(bucket(`${BASE}/agencies/chats`, USER)).toBe(`${APP}:${USER}`);
    expect(bucket(`${BASE}/creators`, USER)).toBe(`${APP}:${USER}`);
    expect(bucket(`${BASE}/creators/${FAN}/chats`, USER)).toBe(`${APP}:${USER}:${FAN}`);
    expect(bucket(`${BASE}/chats`, OTHER_USER)).toBe(`${APP}:${OTHER_USER}`);
    expect(bucket(`${BASE}/creators/${FAN}/chats`, OTHER_USER)).toBe(`${APP}:${OTHER_USER}:${FAN}`);
    expect(fanvueBucketOf({ apiBaseUrl: BASE, clientId: 'another-app' })(`${BASE}/chats`, USER)).toBe(`another-app:${USER}`);
    expect(bucket('https://s3.amazonaws.com/fanvue-uploads/x', USER)).toBe('other:s3.amazonaws.com');
  });

  it('lets a burst through up to the budget, then holds the rest until the window moves; other users and creators are not held', async () => {
    let now = 1_000_000;
    const limiter = fanvueRateLimiter({ apiBaseUrl: BASE, clientId: APP }, () => now);
    const self = limiter.bucketOf(`${BASE}/chats`, USER)!;
    for (let i = 0; i < FANVUE_RATE_LIMIT.limit; i++) await limiter.acquire(self);
    expect(limiter.waitMs(self)).toBe(60_000);
    expect(limiter.waitMs(limiter.bucketOf(`${BASE}/creators/${FAN}/chats`, USER)!)).toBe(0);
    expect(limiter.waitMs(limiter.bucketOf(`${BASE}/chats`, OTHER_USER)!)).toBe(0);
    now += 30_000;
    expect(limiter.waitMs(self)).toBe(30_000);
    now += 30_000;
    expect(limiter.waitMs(self)).toBe(0);
  });
});

describe('Fanvue error bodies', () => {
  it('reads each of Fanvue’s error shapes and says what to do', () => {
    expect(readFanvueError(400, '{"errors":["text must be shorter","price must be >= 300"]}', new Headers())).toMatchObject({
      message: 'text must be shorter; price must be >= 300',
      hint: expect.stringMatching(/nothing was changed/),
    });
    expect(readFanvueError(400, '{"error":"Unsupported API version","message":"API version \'x\' is not supported"}', new Headers()).hint).toMatch(/update creator-mcp/);
    expect(readFanvueError(401, '{"error":"Unauthorized"}', new Headers())).toMatchObject({ code: undefined, hint: expect.stringMatching(/creator-mcp login fanvue/) });
    expect(readFanvueError(404, '{"message":"No conversation found with the given user"}', new Headers()).message).toBe('No conversation found with the given user');
    expect(readFanvueError(410, '{"error":"Gone","message":"sunset","nextVersion":"2026-09-01"}', new Headers()).hint).toMatch(/next one is 2026-09-01/);
    expect(readFanvueError(400, '{"error":"invalid_grant","error_description":"expired"}', new Headers())).toMatchObject({ code: 'invalid_grant', message: 'expired' });
    expect(readFanvueError(502, '<html>Bad gateway</html>', new Headers())).toMatchObject({ message: undefined, hint: undefined });
  });
});

describe('Fanvue login scopes', () => {
  const platform = fanvue as unknown as Platform;
  it('asks for the scopes of the default toolsets, whatever the filters, plus openid offline_access offline', () => {
    const all = scopesFor(platform, {});
    expect(all.slice(0, 3)).toEqual(['openid', 'offline_access', 'offline']);
    expect(all.slice(3).sort()).toEqual([...SANDBOX_APP_SCOPES].sort());
    // Fanvue refuses a request whose scopes differ from the app's: the list cannot follow the filters.
    expect(all).not.toContain('read:agency');
    expect(scopesOfTools(platform, { readOnly: true }).some((s) => s.startsWith('write:'))).toBe(false);
    expect(scopesOfTools(platform, { toolsets: ['fanvue', 'fanvue_agency'] })).toContain('read:agency');
  });

  it('lets FANVUE_SCOPES replace the list', () => {
    const cfg = configure({ FANVUE_CLIENT_ID: 'id', FANVUE_CLIENT_SECRET: 'secret', FANVUE_SCOPES: 'openid offline_access,offline read:self' });
    expect(cfg?.scopes).toEqual(['openid', 'offline_access', 'offline', 'read:self']);
    expect(scopesFor(platform, cfg!)).toEqual(['openid', 'offline_access', 'offline', 'read:self']);
    // Fanvue needs the OpenID and offline scopes for a refresh token even when the user forgets them.
    expect(scopesFor(platform, { scopes: ['read:self'] })).toEqual(['openid', 'offline_access', 'offline', 'read:self']);
    expect(parseScopes('  ')).toBeUndefined();
  });

  it('is enabled by a seeded token or an OAuth client, and not otherwise', () => {
    expect(configure({})).toBeUndefined();
    expect(() => configure({ FANVUE_CLIENT_SECRET: 's' })).toThrow(/FANVUE_CLIENT_SECRET is set but FANVUE_CLIENT_ID is missing/);
    expect(configure({ FANVUE_ACCESS_TOKEN: 't' })).toMatchObject({ apiBaseUrl: BASE, authBaseUrl: 'https://auth.fanvue.com' });
    expect(configure({ FANVUE_CLIENT_ID: 'id', FANVUE_CLIENT_SECRET: 's', FANVUE_API_BASE_URL: 'http://127.0.0.1:9/' })?.apiBaseUrl).toBe('http://127.0.0.1:9');
  });
});
