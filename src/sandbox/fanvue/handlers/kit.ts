import type { SimResponse } from '../../sim-host.js';
import type { Creator, FanvueWorld } from '../types.js';
import type { ViewContext } from '../views.js';

/** What every API handler sees: the creator acted for (self, or /creators/{uuid}), parsed input. */
export interface Ctx {
  world: FanvueWorld;
  creator: Creator;
  params: Record<string, string>;
  query: Query;
  body: Record<string, unknown>;
  now: number;
  view: ViewContext;
}

export type Handler = (ctx: Ctx) => SimResponse;

export class Query {
  constructor(private readonly q: URLSearchParams) {}

  str(name: string): string | undefined {
    return this.q.get(name) ?? undefined;
  }

  int(name: string): number | undefined {
    const v = this.q.get(name);
    return v === null ? undefined : Number(v);
  }

  bool(name: string, dflt: boolean): boolean {
    const v = this.q.get(name);
    return v === null ? dflt : v === 'true';
  }

  /** Comma-joined or repeated, whichever the parameter uses. */
  list(name: string): string[] | undefined {
    const all = this.q.getAll(name);
    if (all.length === 0) return undefined;
    return all.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  }

  paging(): { page?: number; size?: number } {
    return { page: this.int('page'), size: this.int('size') };
  }
}

const json = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

export const ok = (value: unknown) => json(200, value);
export const created = (value: unknown) => json(201, value);
export const noContent = (): SimResponse => ({ status: 204, body: '' });
export const notFound = (message: string) => json(404, { message });
export const badRequest = (message: string) => json(400, { message });
export const conflict = (message: string) => json(409, { message });
export const forbidden = (error: string) => json(403, { error });

export const iso = (ms: number) => new Date(ms).toISOString();

export function inRange(date: string, start: string | undefined, end: string | undefined): boolean {
  const t = Date.parse(date);
  return (start === undefined || t >= Date.parse(start)) && (end === undefined || t < Date.parse(end));
}
