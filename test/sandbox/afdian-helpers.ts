import { createHash } from 'node:crypto';
import type { AfdianSimulator } from '../../src/sandbox/afdian/index.js';

export const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** A clock the tests move by hand. */
export class Clock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  get sec(): number {
    return Math.floor(this.ms / 1000);
  }
}

export interface Envelope {
  ec: number;
  em: string;
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary payloads
}

export type Encoding = 'json' | 'form' | 'query';

export function signFields(sim: AfdianSimulator, params: string, ts: number, userId = sim.credentials.userId) {
  const sign = md5(`${sim.credentials.token}params${params}ts${ts}user_id${userId}`);
  return { user_id: userId, params, ts, sign };
}

export async function send(sim: AfdianSimulator, endpoint: string, fields: Record<string, unknown>, encoding: Encoding = 'json'): Promise<Envelope> {
  const url = new URL(`/api/open/${endpoint}`, sim.baseUrl);
  const init: RequestInit = { method: 'POST' };
  const flat = Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]);
  if (encoding === 'json') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(fields);
  } else if (encoding === 'form') {
    init.body = new URLSearchParams(flat); // fetch sets application/x-www-form-urlencoded
  } else {
    for (const [k, v] of flat) url.searchParams.set(k, v);
  }
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Envelope;
}

/** Signed call with the simulator's credentials and the given clock. */
export function call(sim: AfdianSimulator, clock: Clock, endpoint: string, params: unknown, encoding: Encoding = 'json'): Promise<Envelope> {
  const p = typeof params === 'string' ? params : JSON.stringify(params);
  return send(sim, endpoint, signFields(sim, p, clock.sec), encoding);
}

export function cents(amount: string): bigint {
  const [whole = '', frac = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
}
