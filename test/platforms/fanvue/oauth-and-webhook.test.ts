import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidGrantError } from '../../../src/auth/oauth-session.js';
import { HttpClient } from '../../../src/http/client.js';
import { PlatformError } from '../../../src/http/errors.js';
import { SecretSet } from '../../../src/http/redact.js';
import { silentLogger } from '../../../src/log.js';
import { configure } from '../../../src/platforms/fanvue/config.js';
import { readFanvueError } from '../../../src/platforms/fanvue/errors.js';
import { fanvueOidc, fanvueRefresher } from '../../../src/platforms/fanvue/oauth.js';
import { fanvueEventKind, fanvueWebhook, parseSignature, signPayload } from '../../../src/platforms/fanvue/webhook.js';
import { WebhookPusher } from '../../../src/sandbox/fanvue/webhook-push.js';
import { FanvueSimulator } from '../../../src/sandbox/fanvue/simulator.js';

const http = () => new HttpClient({ platform: 'Fanvue', secrets: new SecretSet(), log: silentLogger, readError: readFanvueError, timeoutMs: 2_000 });

describe('Fanvue authorization server configuration and refresh', () => {
  let sim: FanvueSimulator;
  beforeAll(async () => {
    sim = new FanvueSimulator();
    await sim.start();
  });
  afterAll(() => sim.stop());

  it('uses discovery when FANVUE_AUTH_BASE_URL publishes it, else the documented endpoints', async () => {
    const discovered = await fanvueOidc({ authBaseUrl: sim.authBaseUrl, clientId: 'c', clientSecret: 's' }, http());
    expect(discovered.serverMetadata().jwks_uri).toBe(`${sim.authBaseUrl}/.well-known/jwks.json`);
    // The API host serves no discovery document.
    const fallback = await fanvueOidc({ authBaseUrl: sim.baseUrl, clientId: 'c', clientSecret: 's' }, http());
    expect(fallback.serverMetadata()).toMatchObject({ authorization_endpoint: `${sim.baseUrl}/oauth2/auth`, token_endpoint: `${sim.baseUrl}/oauth2/token` });
  });

  it('rotates on refresh, turns invalid_grant into InvalidGrantError and keeps transport failures as they are', async () => {
    const cfg = configure({ ...sim.env() })!;
    const refresh = fanvueRefresher(cfg, http(), silentLogger);
    const grant = await refresh(sim.credentials.refreshToken);
    expect(grant.refresh_token).toMatch(/^fvrt_/);
    expect(grant.refresh_token).not.toBe(sim.credentials.refreshToken);
    await expect(refresh('fvrt_unknown')).rejects.toBeInstanceOf(InvalidGrantError);
    const down = fanvueRefresher({ ...cfg, authBaseUrl: 'http://127.0.0.1:9' }, http(), silentLogger);
    await expect(down('x')).rejects.toBeInstanceOf(PlatformError);
    const noClient = fanvueRefresher({ ...cfg, clientId: undefined }, http(), silentLogger);
    await expect(noClient('x')).rejects.toThrow(/FANVUE_CLIENT_ID/);
  });
});

describe('Fanvue webhook signatures', () => {
  const secret = 'whsec-test-0123456789';
  const now = 1_780_000_000_000;
  const receiver = fanvueWebhook({ webhookSecret: secret }, () => now);
  const body = Buffer.from(JSON.stringify({ messageUuid: 'm1', message: { text: 'hi' }, timestamp: '2026-06-01T00:00:00Z' }));
  const t = now / 1000;

  it('accepts HMAC-SHA256 over "<t>.<raw body>", also while a second v0 is present', () => {
    const ok = receiver.receive(body, { 'x-fanvue-signature': `t=${t},v0=${'0'.repeat(64)},v0=${signPayload(secret, t, body)}` });
    expect(ok.status).toBe(200);
    expect(ok.events?.[0]).toMatchObject({ type: 'message.received', id: expect.stringMatching(/^sha256-[0-9a-f]{40}$/) });
    // The same bytes delivered again get the same id, so the inbox keeps one.
    const again = receiver.receive(body, { 'x-fanvue-signature': `t=${t - 5},v0=${signPayload(secret, t - 5, body)}` });
    expect(again.events?.[0]?.id).toBe(ok.events?.[0]?.id);
    const envelope = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'checkout_link.subscription.activated', timestamp: 1, data: {} }));
    expect(receiver.receive(envelope, { 'x-fanvue-signature': `t=${t},v0=${signPayload(secret, t, envelope)}` }).events?.[0]).toMatchObject({ id: 'evt_1', type: 'checkout_link.subscription.activated' });
  });

  it('accepts a push during a secret rotation whichever secret the receiver holds, in both header forms', () => {
    const pusher = new WebhookPusher('whsec-old-0123456789', () => now);
    pusher.rotate('whsec-new-0123456789');
    const raw = body.toString();
    const header = pusher.signatureFor(raw);
    expect(header).toMatch(/^t=\d+,v0=[0-9a-f]{64},[0-9a-f]{64}$/);
    for (const held of ['whsec-old-0123456789', 'whsec-new-0123456789']) {
      expect(fanvueWebhook({ webhookSecret: held }, () => now).receive(body, { 'x-fanvue-signature': header }).status).toBe(200);
    }
    expect(fanvueWebhook({ webhookSecret: 'whsec-other-012345' }, () => now).receive(body, { 'x-fanvue-signature': header }).status).toBe(401);
    pusher.finishRotation();
    expect(fanvueWebhook({ webhookSecret: 'whsec-old-0123456789' }, () => now).receive(body, { 'x-fanvue-signature': pusher.signatureFor(raw) }).status).toBe(401);
    expect(parseSignature('t=1,v0=aa,bb')).toEqual({ t: '1', v0: ['aa', 'bb'] });
  });

  it('names an event the same way whichever generation sent it', () => {
    for (const [legacy, current, kind] of [
      ['purchase.new', 'creator.purchase.new', 'purchase'],
      ['tip.new', 'creator.tip.new', 'tip'],
      ['subscription.new', 'creator.subscription.new', 'subscriber'],
      ['follow.new', 'creator.follow.new', 'follower'],
      ['message.received', 'creator.message.received', 'message'],
    ] as const) {
      expect(fanvueEventKind(legacy)).toBe(kind);
      expect(fanvueEventKind(current)).toBe(kind);
    }
    const renamed = Buffer.from(JSON.stringify({ id: 'evt_9', type: 'creator.tip.new', timestamp: 1, data: { amount: 500 } }));
    expect(receiver.receive(renamed, { 'x-fanvue-signature': `t=${t},v0=${signPayload(secret, t, renamed)}` }).events?.[0]).toMatchObject({ id: 'evt_9', type: 'creator.tip.new', kind: 'tip' });
    const flat = Buffer.from(JSON.stringify({ type: 'tip.new', tip: { amount: 500 } }));
    expect(receiver.receive(flat, { 'x-fanvue-signature': `t=${t},v0=${signPayload(secret, t, flat)}` }).events?.[0]).toMatchObject({ type: 'tip.new', kind: 'tip' });
  });

  it('refuses stale, future, short, re-serialised and unsigned pushes', () => {
    const sign = (at: number, raw: Buffer | string = body) => ({ 'x-fanvue-signature': `t=${at},v0=${signPayload(secret, at, raw)}` });
    expect(receiver.receive(body, sign(t - 301)).refused).toBe('stale signature timestamp');
    expect(receiver.receive(body, sign(t + 301)).refused).toBe('stale signature timestamp');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(receiver.receive(reserialised, sign(t)).refused).toBe('signature verification failed');
    expect(receiver.receive(body, { 'x-fanvue-signature': `t=${t},v0=abcd` }).refused).toBe('signature verification failed');
    expect(receiver.receive(body, {}).status).toBe(401);
    expect(fanvueWebhook({}).receive(body, sign(t)).status).toBe(503);
    expect(parseSignature('t=1, v0=aa ,v0=bb')).toEqual({ t: '1', v0: ['aa', 'bb'] });
  });
});
