import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/platforms/fanvue/webhook.js';
import { fanSendsMessage, newSubscriber } from '../../src/sandbox/fanvue/control.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back only to assert on it
type Json = Record<string, any>;

describe('Fanvue webhook receiver (POST /webhooks/fanvue)', () => {
  let h: Harness;
  let sim: FanvueSimulator;
  let hook: string;
  const post = (body: string, signature?: string) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-fanvue-signature': signature } : {}) }, body }).then(async (r) => ({ status: r.status, body: await r.text() }));
  // What the receiver stored; the context shows only a short list of them.
  const events = async (): Promise<Json[]> => (await h.rt.inbox.recent('fanvue', 1_000)) as unknown as Json[];

  beforeAll(async () => {
    h = await startHarness();
    sim = fanvueOf(h);
    hook = `${new URL(h.http.url).origin}/webhooks/fanvue`;
  });
  afterAll(() => h.close());

  it('stores a signed message.received push from the simulator, and a new subscriber', async () => {
    const fan = [...sim.creator.chats.keys()][0]!;
    const { message, push } = await fanSendsMessage(sim, fan, 'Hi from the webhook');
    expect(push?.status).toBe(200);
    const { fan: subscriber, push: subscribed } = await newSubscriber(sim);
    expect(subscribed?.status).toBe(200);
    const list = await events();
    expect(list.find((e) => e.type === 'message.received')?.payload).toMatchObject({ messageUuid: message.uuid, message: { text: 'Hi from the webhook' }, sender: { uuid: fan } });
    expect(list.find((e) => e.type === 'subscription.new')?.payload.subscriber.uuid).toBe(subscriber.uuid);
  });

  it('stores a redelivery (new signature, same body) once', async () => {
    const { push } = await fanSendsMessage(sim, undefined, 'Delivered twice');
    const body = JSON.stringify(push?.payload);
    const again = await post(body, sim.webhooks.signatureFor(body));
    expect(again.status).toBe(200);
    const later = await post(body, sim.webhooks.signatureFor(body, Math.floor(Date.now() / 1000) - 10));
    expect(later.status).toBe(200);
    expect((await events()).filter((e) => e.payload.message?.text === 'Delivered twice')).toHaveLength(1);
  });

  it('refuses forged, stale, unsigned and malformed pushes, and stores none of them', async () => {
    const before = (await events()).length;
    const body = JSON.stringify({ messageUuid: 'forged', message: { text: 'forged' } });
    const t = Math.floor(Date.now() / 1000);
    const cases: Array<[string | undefined, string, number]> = [
      [undefined, body, 401],
      ['t=123', body, 401],
      [`t=${t},v0=${signPayload('wrong-secret-0000', t, body)}`, body, 401],
      [`t=${t},v0=${signPayload(sim.credentials.webhookSecret, t, body).slice(0, 40)}`, body, 401],
      [`t=${t - 600},v0=${signPayload(sim.credentials.webhookSecret, t - 600, body)}`, body, 401],
      [`t=${t},v0=${signPayload(sim.credentials.webhookSecret, t, body)}`, `${body} `.replace('forged', 'tampered'), 401],
      [`t=${t},v0=${signPayload(sim.credentials.webhookSecret, t, 'not json')}`, 'not json', 400],
    ];
    for (const [signature, payload, status] of cases) expect((await post(payload, signature)).status, signature ?? 'unsigned').toBe(status);
    expect((await events()).length).toBe(before);
    expect(h.logs.some((l) => l.includes('webhook fanvue: refused (stale signature timestamp)'))).toBe(true);
    expect(h.logs.some((l) => l.includes('webhook fanvue: refused (signature verification failed)'))).toBe(true);
  });

  it('tells a listening 2026-era client that the context changed', async () => {
    const modern = await h.client('auto');
    const updates: string[] = [];
    modern.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    const sub = await modern.listen({ resourceSubscriptions: ['fanvue://automation-context'] });
    try {
      await fanSendsMessage(sim, undefined, 'Ping for listeners');
      await expect.poll(() => updates, { timeout: 3_000 }).toContain('fanvue://automation-context');
    } finally {
      await sub.close();
    }
  });
});
