import { verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAfdianSimulator } from '../../src/sandbox/afdian/index.js';
import type { AfdianOrder } from '../../src/sandbox/afdian/index.js';
import { Clock } from './afdian-helpers.js';
import type { Envelope } from './afdian-helpers.js';

const clock = new Clock(1_750_000_000_000);
const sim = createAfdianSimulator({ now: clock.now });
beforeAll(() => sim.start());
afterAll(() => sim.stop());

describe('Afdian OAuth2', () => {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const authorizeUrl = (overrides: Record<string, string | null> = {}) => {
    const u = new URL('/oauth2/authorize', sim.baseUrl);
    const q = { response_type: 'code', scope: 'basic', client_id: sim.credentials.clientId, redirect_uri: redirectUri, state: 's-42', ...overrides };
    for (const [k, v] of Object.entries(q)) if (v !== null) u.searchParams.set(k, v);
    return u;
  };
  async function authorize(): Promise<string> {
    const res = await fetch(authorizeUrl(), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(`${loc.origin}${loc.pathname}`).toBe(redirectUri);
    expect(loc.searchParams.get('state')).toBe('s-42');
    return loc.searchParams.get('code') ?? '';
  }
  async function exchange(code: string, overrides: Record<string, string> = {}): Promise<Envelope> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code', client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret,
      code, redirect_uri: redirectUri, ...overrides,
    });
    const res = await fetch(new URL('/api/oauth2/access_token', sim.baseUrl), { method: 'POST', body });
    return (await res.json()) as Envelope;
  }

  it('exchanges a code for the creator profile, once', async () => {
    const code = await authorize();
    expect(code).toMatch(/^[0-9a-f]{32}$/);
    const ok = await exchange(code);
    expect(ok.ec).toBe(200);
    expect(ok.em).toBe('ok');
    expect(ok.data).toEqual({
      user_id: sim.credentials.userId, user_private_id: sim.state.creator.user_private_id,
      name: sim.state.creator.name, avatar: sim.state.creator.avatar,
    });
    const again = await exchange(code);
    expect(again.ec).not.toBe(200);
    expect(again.data.error).toMatch(/already used/);
  });

  it('rejects a wrong secret, a mismatched redirect_uri and an expired code', async () => {
    const code = await authorize();
    const secret = await exchange(code, { client_secret: 'nope' });
    expect(secret.ec).not.toBe(200);
    expect(secret.data.error).toMatch(/client_secret/);
    const redirect = await exchange(code, { redirect_uri: 'http://127.0.0.1:9/other' });
    expect(redirect.ec).not.toBe(200);
    expect(redirect.data.error).toMatch(/redirect_uri/);
    expect((await exchange(code, { grant_type: 'client_credentials' })).ec).not.toBe(200);
    clock.ms += 10 * 60 * 1000 + 1;
    const expired = await exchange(code);
    expect(expired.ec).not.toBe(200);
    expect(expired.data.error).toMatch(/expired/);
    expect((await exchange(await authorize())).ec).toBe(200);
  });

  it.each([
    ['client_id', 'someone-else'],
    ['response_type', 'token'],
    ['scope', 'all'],
    ['redirect_uri', null],
    ['state', null],
  ])('answers 400 HTML when %s is %s', async (key, value) => {
    const res = await fetch(authorizeUrl({ [key]: value }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(key);
  });
});

describe('Afdian webhooks', () => {
  const received: { body: string; type: string | undefined }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), type: req.headers['content-type'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ec":200,"em":""}');
    });
  });
  let receiverUrl = '';
  beforeAll(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/afdian`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  const verifies = (o: Pick<AfdianOrder, 'out_trade_no' | 'user_id' | 'plan_id' | 'total_amount'>, sign: string) =>
    // The documented signed string, spelled out here rather than imported, so a wrong implementation cannot agree with itself.
    verify('sha256', Buffer.from(o.out_trade_no + o.user_id + o.plan_id + o.total_amount), sim.credentials.webhookPublicKeyPem, Buffer.from(sign, 'base64'));

  it('pushes a signed body for a new order', async () => {
    sim.webhookUrl = receiverUrl;
    const { order, push } = await sim.createOrder();
    expect(push).toEqual({ status: 200, body: '{"ec":200,"em":""}' });
    expect(received).toHaveLength(1);
    expect(received[0]?.type).toBe('application/json');
    expect(received[0]?.body).toBe(sim.webhookBody(order));
    const body = JSON.parse(received[0]?.body ?? '') as { ec: number; em: string; data: { type: string; order: AfdianOrder & { plan_title: string }; sign: string } };
    expect(body.ec).toBe(200);
    expect(body.data.type).toBe('order');
    expect(body.data.order).toMatchObject(order);
    expect(body.data.order.plan_title).toBe(sim.state.plans.find((p) => p.plan_id === order.plan_id)?.name ?? '');
    expect(verifies(body.data.order, body.data.sign)).toBe(true);
    const tampered = { ...body.data.order, total_amount: `${body.data.order.total_amount}1` };
    expect(verifies(tampered, body.data.sign)).toBe(false);
    expect(sim.state.deliveries.at(-1)).toMatchObject({ out_trade_no: order.out_trade_no, url: receiverUrl, status: 200 });
  });

  it('is driven by the control endpoints', async () => {
    sim.webhookUrl = undefined;
    const put = await fetch(`${sim.baseUrl}/__sandbox/webhook-url`, { method: 'PUT', body: JSON.stringify({ url: receiverUrl }) });
    expect(put.status).toBe(200);
    expect(sim.webhookUrl).toBe(receiverUrl);
    const plan = sim.state.plans[2];
    const res = await fetch(`${sim.baseUrl}/__sandbox/orders`, { method: 'POST', body: JSON.stringify({ plan_id: plan?.plan_id, remark: '来自控制台' }) });
    const created = (await res.json()) as { order: AfdianOrder; push: { status: number } };
    expect(created.order).toMatchObject({ plan_id: plan?.plan_id, remark: '来自控制台', status: 2 });
    expect(created.push.status).toBe(200);
    expect(received.at(-1)?.body).toBe(sim.webhookBody(created.order));
    const bad = await fetch(`${sim.baseUrl}/__sandbox/orders`, { method: 'POST', body: JSON.stringify({ total_amount: 5 }) });
    expect(bad.status).toBe(400);
    const state = (await (await fetch(`${sim.baseUrl}/__sandbox/state`)).json()) as { counts: Record<string, number> };
    expect(state.counts.orders).toBe(sim.state.orders.length);
    expect(state.counts.webhookDeliveries).toBe(2);
  });

  it('reports an unreachable receiver as status 0', async () => {
    sim.webhookUrl = 'http://127.0.0.1:9/unreachable';
    const { push } = await sim.createOrder();
    expect(push?.status).toBe(0);
  });
});
