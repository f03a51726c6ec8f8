import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow, createAfdianSimulator } from '../../src/sandbox/afdian/index.js';
import type { AfdianOrder } from '../../src/sandbox/afdian/index.js';
import { call, cents, Clock, md5, send, signFields } from './afdian-helpers.js';
import type { Envelope } from './afdian-helpers.js';

// Official doc vector: token 123, user_id abc, ts 1624339905, params {"a":333}.
const VECTOR = { user_id: 'abc', params: '{"a":333}', ts: 1624339905, sign: 'a4acc28b81598b7e5d84ebdc3e91710c' };

describe('Afdian open API: signature and error codes', () => {
  const clock = new Clock((VECTOR.ts + 30) * 1000);
  const sim = createAfdianSimulator({ userId: 'abc', token: '123', now: clock.now });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it('accepts the official vector on ping and echoes the request', async () => {
    expect(md5('123params{"a":333}ts1624339905user_idabc')).toBe(VECTOR.sign);
    const r = await send(sim, 'ping', VECTOR);
    expect(r).toEqual({ ec: 200, em: 'pong', data: { uid: 'abc', request: VECTOR } });
  });

  it.each(['user_id', 'params', 'ts', 'sign'])('answers 400001 when %s is missing or empty', async (field) => {
    const { [field as keyof typeof VECTOR]: _omit, ...rest } = VECTOR;
    expect((await send(sim, 'ping', rest)).ec).toBe(400001);
    expect((await send(sim, 'ping', { ...VECTOR, [field]: '' })).ec).toBe(400001);
  });

  it('answers 400003 when params is not a JSON string', async () => {
    const r = await send(sim, 'ping', signFields(sim, '{a:333}', VECTOR.ts));
    expect(r.ec).toBe(400003);
    expect((await send(sim, 'ping', { ...VECTOR, params: { a: 333 } })).ec).toBe(400003);
  });

  it('answers 400002 when ts is more than 3600 s off, either way', async () => {
    const late = await send(sim, 'ping', signFields(sim, VECTOR.params, clock.sec - 3601));
    expect(late.ec).toBe(400002);
    expect(late.em).toBe('ts is outdated, 3600s latency was allowed');
    expect((await send(sim, 'ping', signFields(sim, VECTOR.params, clock.sec + 3601))).ec).toBe(400002);
    expect((await send(sim, 'ping', signFields(sim, VECTOR.params, clock.sec - 3600))).ec).toBe(200);
  });

  it('answers 400004 for an unknown user_id even when signed with the token', async () => {
    expect((await send(sim, 'ping', signFields(sim, VECTOR.params, VECTOR.ts, 'abd'))).ec).toBe(400004);
  });

  it('answers 400005 with the kv_string minus the token', async () => {
    const r = await send(sim, 'ping', { ...VECTOR, sign: md5('wrong') });
    expect(r.ec).toBe(400005);
    expect(r.data.debug.kv_string).toBe('params{"a":333}ts1624339905user_idabc');
    expect(md5(`123${String(r.data.debug.kv_string)}`)).toBe(VECTOR.sign);
  });

  it('checks in the documented order', async () => {
    const stale = VECTOR.ts - 7200;
    expect((await send(sim, 'ping', { params: 'nope', ts: stale, sign: 'x' })).ec).toBe(400001);
    expect((await send(sim, 'ping', { user_id: 'zzz', params: 'nope', ts: stale, sign: 'x' })).ec).toBe(400003);
    expect((await send(sim, 'ping', { user_id: 'zzz', params: '{}', ts: stale, sign: 'x' })).ec).toBe(400002);
    expect((await send(sim, 'ping', { user_id: 'zzz', params: '{}', ts: VECTOR.ts, sign: 'x' })).ec).toBe(400004);
  });

  it('hashes params exactly as received', async () => {
    const spaced = '{"a": 333}';
    expect(signFields(sim, spaced, VECTOR.ts).sign).toBe('5af0596acd37ace44667868392543e63');
    expect((await send(sim, 'ping', signFields(sim, spaced, VECTOR.ts))).ec).toBe(200);
    expect((await send(sim, 'ping', { ...VECTOR, params: spaced })).ec).toBe(400005);
  });

  it('accepts form and query-string encodings', async () => {
    expect(await send(sim, 'ping', VECTOR, 'form')).toMatchObject({ ec: 200, em: 'pong' });
    expect(await send(sim, 'ping', VECTOR, 'query')).toMatchObject({ ec: 200, em: 'pong' });
    expect((await send(sim, 'ping', { ...VECTOR, sign: md5('x') }, 'form')).ec).toBe(400005);
  });

  it('answers ec 404 for an unknown endpoint', async () => {
    expect((await send(sim, 'query-everything', VECTOR)).ec).toBe(404);
  });
});

describe('Afdian orders and sponsors', () => {
  const clock = new Clock(1_750_000_000_000);
  const sim = createAfdianSimulator({ now: clock.now });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  async function allOrders(): Promise<AfdianOrder[]> {
    const out: AfdianOrder[] = [];
    for (let page = 1; ; page++) {
      const r = await call(sim, clock, 'query-order', { page, per_page: 100 });
      out.push(...(r.data.list as AfdianOrder[]));
      if (page >= r.data.total_page) return out;
    }
  }

  it('seeds the same data for the same clock', () => {
    const twin = createAfdianSimulator({ now: clock.now });
    expect(twin.state.orders).toEqual(sim.state.orders);
    expect(twin.state.plans).toEqual(sim.state.plans);
    expect(sim.state.orders).toHaveLength(120);
  });

  it('pages orders newest first with consistent totals', async () => {
    const first = await call(sim, clock, 'query-order', {});
    expect(first.ec).toBe(200);
    expect(first.data.list).toHaveLength(50);
    expect(first.data.total_count).toBe(120);
    expect(first.data.total_page).toBe(3);
    const pages: AfdianOrder[] = [];
    for (const page of [1, 2, 3]) pages.push(...(await call(sim, clock, 'query-order', { page })).data.list);
    expect(new Set(pages.map((o) => o.out_trade_no)).size).toBe(120);
    const stamps = pages.map((o) => o.out_trade_no.slice(0, 14));
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect((await call(sim, clock, 'query-order', { page: 4 })).data.list).toEqual([]);
  });

  it('accepts numeric strings and clamps per_page to 1..100', async () => {
    const all = await allOrders();
    const r = await call(sim, clock, 'query-order', { page: '2', per_page: '7' });
    expect(r.data.total_page).toBe(18);
    expect(r.data.list).toEqual(all.slice(7, 14));
    expect((await call(sim, clock, 'query-order', { per_page: 500 })).data.list).toHaveLength(100);
    expect((await call(sim, clock, 'query-order', { per_page: 0 })).data.total_page).toBe(120);
  });

  it('returns orders in the documented shape', async () => {
    const all = await allOrders();
    const amount = /^\d+\.\d{2}$/;
    for (const o of all) {
      expect(o.out_trade_no).toMatch(/^\d{27}$/);
      expect(o.status).toBe(2);
      for (const a of [o.total_amount, o.show_amount, o.discount]) expect(a).toMatch(amount);
      expect(o.product_type === 1).toBe(o.sku_detail.length > 0);
      expect(o.product_type === 1).toBe(o.address_person !== '');
    }
    expect(all.some((o) => o.product_type === 1)).toBe(true);
    expect(all.some((o) => o.plan_id === '')).toBe(true);
    expect(all.some((o) => o.discount !== '0.00')).toBe(true);
  });

  it('filters by out_trade_no and then ignores the page', async () => {
    const all = await allOrders();
    const wanted = [all[60], all[3]].map((o) => o?.out_trade_no ?? '');
    const r = await call(sim, clock, 'query-order', { page: 3, out_trade_no: `${wanted.join(',')},123` });
    expect(r.data.list.map((o: AfdianOrder) => o.out_trade_no).sort()).toEqual([...wanted].sort());
    expect(r.data.total_count).toBe(2);
  });

  it('derives sponsors from the orders', async () => {
    const all = await allOrders();
    const users = new Set(all.map((o) => o.user_id));
    const first = await call(sim, clock, 'query-sponsor', { page: 1 });
    expect(first.data.list).toHaveLength(20);
    expect(first.data.total_count).toBe(users.size);
    expect(first.data.total_page).toBe(Math.ceil(users.size / 20));
    const sponsors = [];
    for (let page = 1; page <= first.data.total_page; page++) {
      sponsors.push(...(await call(sim, clock, 'query-sponsor', { page: String(page) })).data.list);
    }
    expect(new Set(sponsors.map((s) => s.user.user_id))).toEqual(users);
    const planNames = new Set(sim.state.plans.map((p) => p.name));
    for (const s of sponsors) {
      const mine = all.filter((o) => o.user_id === s.user.user_id);
      expect(cents(s.all_sum_amount)).toBe(mine.reduce((sum, o) => sum + cents(o.show_amount), 0n));
      expect(s.first_pay_time).toBeLessThanOrEqual(s.last_pay_time);
      for (const p of s.sponsor_plans) expect(mine.some((o) => o.plan_id === p.plan_id)).toBe(true);
      expect(s.current_plan.name === '' || planNames.has(s.current_plan.name)).toBe(true);
    }
    expect(sponsors.some((s) => s.current_plan.name !== '')).toBe(true);
    expect(sponsors.some((s) => s.current_plan.name === '')).toBe(true);
  });

  it('filters sponsors by user_id', async () => {
    const ids = [...sim.state.sponsors.keys()].slice(0, 2);
    const r = await call(sim, clock, 'query-sponsor', { user_id: ids.join(',') });
    expect(r.data.list.map((s: { user: { user_id: string } }) => s.user.user_id).sort()).toEqual([...ids].sort());
  });

  it('adds created orders on top and updates the sponsor', async () => {
    const plan = sim.state.plans[1];
    const sponsorId = sim.state.orders[0]?.user_id ?? '';
    const before = (await call(sim, clock, 'query-sponsor', { user_id: sponsorId })).data.list[0];
    clock.ms += 60_000;
    const { order, push } = await sim.createOrder({ plan_id: plan?.plan_id, user_id: sponsorId, month: 1, discount: '0.00' });
    expect(push).toBeUndefined();
    expect(order.total_amount).toBe(plan?.price);
    const r = await call(sim, clock, 'query-order', { per_page: 1 });
    expect(r.data.list[0]).toEqual(order);
    expect(r.data.total_count).toBe(121);
    const after = (await call(sim, clock, 'query-sponsor', { user_id: sponsorId })).data.list[0];
    expect(cents(after.all_sum_amount) - cents(before.all_sum_amount)).toBe(cents(order.show_amount));
    expect(after.last_pay_time).toBe(clock.sec);
    expect(after.current_plan.plan_id).toBe(plan?.plan_id);
    await expect(sim.createOrder({ plan_id: 'nope' })).rejects.toThrow(/unknown plan_id/);
  });
});

describe('Afdian plan replies', () => {
  const clock = new Clock(1_750_000_000_000);
  const sim = createAfdianSimulator({ now: clock.now });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());
  const plan = () => sim.state.plans[0]!;
  const goods = () => sim.state.plans.find((p) => p.product_type === 1)!;
  const queryPlan = async (planId: string) => (await call(sim, clock, 'query-plan', { plan_id: planId })).data.plan;

  it('query-plan shows the plan with skus and the misspelt random reply field', async () => {
    const p = await queryPlan(goods().plan_id);
    expect(p).toMatchObject({ plan_id: goods().plan_id, price: goods().price, product_type: 1, replay_random_content: '' });
    expect(p.skus).toHaveLength(2);
    expect(p.skus[0]).toMatchObject({ plan_id: goods().plan_id, reply_random_content: expect.any(String) });
    expect((await call(sim, clock, 'query-plan', {})).ec).toBe(400001);
    expect((await call(sim, clock, 'query-plan', { plan_id: 'nope' })).ec).not.toBe(200);
  });

  it('auto_reply overwrites; append adds a line; overwrite replaces', async () => {
    const id = plan().plan_id;
    const original = (await queryPlan(id)).replay_random_content as string;
    expect(original).not.toBe('');
    const ok = await call(sim, clock, 'update-plan-reply', { plan_id: id, auto_reply: '感谢！' });
    expect(ok).toEqual({ ec: 200, em: 'success', data: {} });
    expect((await queryPlan(id)).reply_content).toBe('感谢！');
    await call(sim, clock, 'update-plan-reply', { plan_id: id, auto_random_reply: '新的一行', update_random_reply_type: 'append' });
    expect((await queryPlan(id)).replay_random_content).toBe(`${original}\n新的一行`);
    await call(sim, clock, 'update-plan-reply', { plan_id: id, auto_random_reply: 'ONLY', update_random_reply_type: 'overwrite' });
    const after = await queryPlan(id);
    expect(after.replay_random_content).toBe('ONLY');
    expect(after.reply_content).toBe('感谢！');
  });

  it('updates a sku by sku_id', async () => {
    const sku = goods().skus[1];
    await call(sim, clock, 'update-plan-reply', { sku_id: sku?.sku_id, auto_reply: 'sku 回复', auto_random_reply: 'S1\nS2', update_random_reply_type: 'overwrite' });
    const p = await queryPlan(goods().plan_id);
    expect(p.skus[1]).toMatchObject({ reply_content: 'sku 回复', reply_random_content: 'S1\nS2' });
    expect(p.reply_content).not.toBe('sku 回复');
  });

  it('rejects ambiguous or incomplete updates with a clear em', async () => {
    const id = plan().plan_id;
    const both = await call(sim, clock, 'update-plan-reply', { plan_id: id, sku_id: goods().skus[0]?.sku_id, auto_reply: 'x' });
    expect(both.ec).toBe(400001);
    expect(both.em).toMatch(/plan_id or sku_id/);
    expect((await call(sim, clock, 'update-plan-reply', { auto_reply: 'x' })).ec).toBe(400001);
    const noType = await call(sim, clock, 'update-plan-reply', { plan_id: id, auto_random_reply: 'x' });
    expect(noType.ec).toBe(400001);
    expect(noType.em).toMatch(/update_random_reply_type/);
    expect((await call(sim, clock, 'update-plan-reply', { plan_id: id, auto_random_reply: 'x', update_random_reply_type: 'replace' })).ec).toBe(400001);
    const unknown = await call(sim, clock, 'update-plan-reply', { plan_id: 'nope', auto_reply: 'x' });
    expect(unknown.ec).not.toBe(200);
    expect(unknown.em).toMatch(/plan not found/);
    expect((await call(sim, clock, 'update-plan-reply', { sku_id: 'nope', auto_reply: 'x' })).em).toMatch(/sku not found/);
    expect((await queryPlan(id)).replay_random_content).not.toMatch(/x$/);
  });

  it('query-random-reply returns the line drawn at payment', async () => {
    expect((await call(sim, clock, 'query-random-reply', {})).ec).toBe(400001);
    const [withReply] = [...sim.state.randomReplies.entries()];
    const r = await call(sim, clock, 'query-random-reply', { out_trade_no: withReply?.[0] });
    expect(r.data.list).toEqual([{ out_trade_no: withReply?.[0], content: withReply?.[1] }]);
    await call(sim, clock, 'update-plan-reply', { plan_id: plan().plan_id, auto_random_reply: 'DRAWN', update_random_reply_type: 'overwrite' });
    const { order } = await sim.createOrder({ plan_id: plan().plan_id });
    const fresh = await call(sim, clock, 'query-random-reply', { out_trade_no: `${order.out_trade_no},000` });
    expect(fresh.data.list).toEqual([{ out_trade_no: order.out_trade_no, content: 'DRAWN' }]);
  });
});

describe('Afdian send-msg', () => {
  const clock = new Clock(1_750_000_000_000);
  const sim = createAfdianSimulator({ now: clock.now });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());
  const recipient = () => sim.state.orders[0]?.user_id ?? '';
  const msg = (content = 'hi'): Promise<Envelope> => call(sim, clock, 'send-msg', { recipient: recipient(), content });

  it('records messages and validates fields', async () => {
    expect(await msg('你好')).toMatchObject({ ec: 200 });
    expect(sim.state.messages.at(-1)).toEqual({ recipient: recipient(), content: '你好', sent_at: clock.sec });
    expect((await call(sim, clock, 'send-msg', { recipient: recipient() })).ec).toBe(400001);
    expect(sim.state.messages).toHaveLength(1);
    const state = (await (await fetch(`${sim.baseUrl}/__sandbox/state`)).json()) as { counts: { messages: number }; lastMessages: unknown[] };
    expect(state.counts.messages).toBe(1);
    expect(state.lastMessages).toEqual(sim.state.messages);
  });

  it('delivers to any Afdian user, not only the creator’s sponsors', async () => {
    expect(await call(sim, clock, 'send-msg', { recipient: '0123456789abcdef0123456789abcdef', content: 'hello stranger' })).toMatchObject({ ec: 200 });
    expect(sim.state.messages.at(-1)).toMatchObject({ recipient: '0123456789abcdef0123456789abcdef' });
  });

  it('records when each message arrived, so tests can measure a client’s pace against 10/s and 1000/h', () => {
    expect(sim.messageArrivals.length).toBe(sim.state.messages.length);
    expect(busiestWindow([0, 100, 999, 1000, 1500], 1000)).toBe(3);
    expect(busiestWindow([], 1000)).toBe(0);
  });
});
