import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { SANDBOX_APP_SCOPES } from '../../src/sandbox/fanvue/oauth-server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;
const VERIFIER = 'a'.repeat(20) + 'B'.repeat(20) + '-._~0123';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const REDIRECT = 'http://127.0.0.1:8788/callback';

describe('Fanvue simulator: authorization server', () => {
  let sim: FanvueSimulator;
  let basic: string;
  beforeAll(async () => {
    sim = new FanvueSimulator();
    await sim.start();
    basic = `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`;
  });
  afterAll(() => sim.stop());

  const authorize = async (params: Record<string, string>) => {
    const url = new URL('/oauth2/auth', sim.authBaseUrl);
    const all = { response_type: 'code', client_id: sim.credentials.clientId, redirect_uri: REDIRECT, scope: `openid offline_access offline ${SANDBOX_APP_SCOPES.join(' ')}`, state: 'state-123456', code_challenge: CHALLENGE, code_challenge_method: 'S256', ...params };
    for (const [k, v] of Object.entries(all)) if (v !== '') url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location') ? new URL(res.headers.get('location') as string) : undefined };
  };
  const token = async (form: Record<string, string>, auth: string | null = basic) => {
    const res = await fetch(`${sim.authBaseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('publishes a discovery document and its signing keys', async () => {
    const doc = (await (await fetch(`${sim.authBaseUrl}/.well-known/openid-configuration`)).json()) as Json;
    expect(doc).toMatchObject({ issuer: sim.authBaseUrl, token_endpoint: `${sim.authBaseUrl}/oauth2/token`, code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'] });
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as Json;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('requires PKCE S256, a state and known scopes', async () => {
    expect((await authorize({ code_challenge: '' })).location?.searchParams.get('error')).toBe('invalid_request');
    expect((await authorize({ code_challenge_method: 'plain' })).location?.searchParams.get('error')).toBe('invalid_request');
    expect((await authorize({ scope: 'openid read:subscribers' })).location?.searchParams.get('error')).toBe('invalid_scope');
    expect((await authorize({ state: 'short' })).location?.searchParams.get('error')).toBe('invalid_state');
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
  });

  it('exchanges a code once, only with the right verifier and client_secret_basic, and signs the ID token', async () => {
    const code = (await authorize({})).location?.searchParams.get('code') as string;
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER };
    expect((await token(form, null)).status).toBe(401);
    expect((await token({ ...form, client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret }, null)).body.error).toBe('invalid_client');
    expect((await token({ ...form, code_verifier: `${VERIFIER}x` })).body.error).toBe('invalid_grant');
    const again = (await authorize({})).location?.searchParams.get('code') as string;
    const ok = await token({ ...form, code: again });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: `openid offline_access offline ${SANDBOX_APP_SCOPES.join(' ')}` });
    expect((await token({ ...form, code: again })).body.error).toBe('invalid_grant');
    const [header, claims, signature] = (ok.body.id_token as string).split('.') as [string, string, string];
    const jwks = (await (await fetch(`${sim.authBaseUrl}/.well-known/jwks.json`)).json()) as Json;
    const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toMatchObject({ iss: sim.authBaseUrl, sub: sim.creator.uuid, aud: [sim.credentials.clientId] });
  });

  it('rotates refresh tokens; reusing a spent one revokes the whole chain', async () => {
    const login = sim.oauth.preIssue(['openid', 'offline_access', 'offline', 'read:self']);
    const first = await token({ grant_type: 'refresh_token', refresh_token: login.refresh_token as string });
    expect(first.body.refresh_token).not.toBe(login.refresh_token);
    const me = () => fetch(`${sim.baseUrl}/users/me`, { headers: { authorization: `Bearer ${first.body.access_token}`, 'x-fanvue-api-version': '2025-06-26' } });
    expect((await me()).status).toBe(200);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: login.refresh_token as string });
    expect(reuse.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/reuse detected/) });
    expect((await me()).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token })).body.error).toBe('invalid_grant');
  });
});

describe('Fanvue simulator: API gate', () => {
  let sim: FanvueSimulator;
  beforeAll(async () => {
    sim = new FanvueSimulator({ rateLimit: { limit: 5, windowMs: 60_000 } });
    await sim.start();
  });
  afterAll(() => sim.stop());

  const api = (path: string, init: { token?: string; version?: string | null; method?: string; body?: unknown } = {}) =>
    fetch(`${sim.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? sim.credentials.accessToken}`,
        ...(init.version === null ? {} : { 'x-fanvue-api-version': init.version ?? '2025-06-26' }),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });

  it('refuses a missing or unknown API version, and a missing or unknown token', async () => {
    expect(await (await api('/users/me', { version: null })).json()).toMatchObject({ error: 'Unsupported API version' });
    expect((await api('/users/me', { version: '2024-01-01' })).status).toBe(400);
    expect((await api('/users/me', { token: 'nope' })).status).toBe(401);
  });

  it('checks scopes, bodies against the spec, and agency access', async () => {
    sim.limits.reset();
    const limited = sim.oauth.preIssue(['read:self']);
    expect(await (await api('/insights/earnings', { token: limited.access_token })).json()).toEqual({ error: 'Missing required scope: read:insights' });
    const fan = [...sim.creator.chats.keys()][0];
    const bad = await api(`/chats/${fan}/message`, { method: 'POST', body: { content: 'hi', price: 100 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).errors).toEqual(expect.arrayContaining(['body must NOT have additional properties: content', 'body/price must be >= 300']));
    expect((await api('/creators/3fa85f64-5717-4562-b3fc-2c963f66afa6/chats')).status).toBe(403);
  });

  it('enforces the rate limit with 429, Retry-After and X-RateLimit-* on every answer', async () => {
    sim.limits.reset();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await api('/chats/unread'));
    expect(answers.slice(0, 5).map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    const refused = answers[5]!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    // Each managed creator has a bucket of its own.
    const other = [...sim.world.creators.keys()][1];
    expect((await api(`/creators/${other}/chats`)).status).toBe(200);
    // Buckets are clientId:userUuid[:creator]: another user of the same app has a full one.
    const someoneElse = sim.oauth.preIssue(undefined, '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f');
    const theirs = await api('/chats/unread', { token: someoneElse.access_token });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('x-ratelimit-remaining')).toBe('4');
    // The same user with another token (a refresh) still spends from the same, empty bucket.
    expect((await api('/chats/unread', { token: sim.oauth.preIssue().access_token })).status).toBe(429);
  });
});
