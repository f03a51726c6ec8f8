import { isInteger, isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import type { SimRequest, SimResponse } from '../sim-host.js';

/**
 * Fanbook's wire format, both ways, without losing a digit: request numbers are read as
 * LosslessNumber, and answers write numeric IDs from their decimal strings.
 */
export const num = (id: string | null | undefined): LosslessNumber | null => (id === null || id === undefined ? null : new LosslessNumber(id));

export interface Reply extends SimResponse {
  /** For tests and the request log: what Fanbook-side error this was. */
  code?: number;
}

/** Fanbook serves some answers as text/plain (the DevOpen SDK notes it); clients must parse them anyway. */
export function ok(result: unknown, plain = false): Reply {
  return {
    status: 200,
    headers: { 'content-type': plain ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' },
    body: stringify({ ok: true, result }) ?? 'null',
  };
}

/** The official Java SDK reads err_code, the DevOpen TS SDK error_code; Fanbook's answers carry error_code. */
export function fail(code: number, description: string, status = 200): Reply {
  return {
    status,
    code,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ ok: false, error_code: code, description }),
  };
}

export function rawJson(status: number, value: unknown, plain = false): Reply {
  return {
    status,
    headers: { 'content-type': plain ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' },
    body: stringify(value) ?? 'null',
  };
}

/** A 1001 refusal, thrown from deep inside a handler. */
export class BadParam extends Error {
  constructor(message: string) {
    super(message);
  }
}

export type Fields = Record<string, unknown>;

/** The request's parameters: JSON (lossless), form-urlencoded, or the query string for GET. */
export function readFields(req: SimRequest): Fields {
  if (req.method === 'GET') return Object.fromEntries(req.query);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(req.text));
  if (req.text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = parse(req.text);
  } catch {
    throw new BadParam('请求体不是合法的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadParam('请求体必须是 JSON 对象');
  return parsed as Fields;
}

/**
 * Typed access to one call's fields, strict like Fanbook's backend: an Integer parameter must be a
 * JSON integer, a String parameter a JSON string. Form and query values are all text and are
 * accepted for both.
 */
export class Params {
  constructor(
    readonly fields: Fields,
    private readonly textual: boolean,
  ) {}

  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null && this.fields[name] !== '';
  }

  int(name: string): string;
  int(name: string, optional: true): string | undefined;
  int(name: string, optional = false): string | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null || v === '') {
      if (optional) return undefined;
      throw new BadParam(`缺少参数 ${name}`);
    }
    if (isLosslessNumber(v) && isInteger(v.value)) return v.value.replace(/^-?0+(?=\d)/, '');
    if (this.textual && typeof v === 'string' && /^-?\d+$/.test(v)) return v;
    throw new BadParam(`参数 ${name} 类型错误：应为整数 (Integer)`);
  }

  str(name: string): string;
  str(name: string, optional: true): string | undefined;
  str(name: string, optional = false): string | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null || v === '') {
      if (optional) return undefined;
      throw new BadParam(`缺少参数 ${name}`);
    }
    if (typeof v === 'string') return v;
    throw new BadParam(`参数 ${name} 类型错误：应为字符串 (String)`);
  }

  /** A small number (limit, size, duration…), given either way. */
  count(name: string, fallback: number): number {
    const v = this.fields[name];
    if (v === undefined || v === null || v === '') return fallback;
    const n = isLosslessNumber(v) ? Number(v.value) : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isInteger(n)) throw new BadParam(`参数 ${name} 类型错误`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new BadParam(`参数 ${name} 类型错误：应为布尔值`);
  }

  /** An array whose elements must all be JSON integers. */
  ints(name: string, optional = false): string[] | undefined {
    return this.#list(name, optional, (v) => (isLosslessNumber(v) && isInteger(v.value) ? v.value : undefined), '整数');
  }

  /** An array whose elements must all be JSON strings. */
  strs(name: string, optional = false): string[] | undefined {
    return this.#list(name, optional, (v) => (typeof v === 'string' ? v : undefined), '字符串');
  }

  object(name: string, optional = false): Fields | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) {
      if (optional) return undefined;
      throw new BadParam(`缺少参数 ${name}`);
    }
    if (typeof v !== 'object' || Array.isArray(v) || isLosslessNumber(v)) throw new BadParam(`参数 ${name} 类型错误：应为对象`);
    return v as Fields;
  }

  #list(name: string, optional: boolean, read: (v: unknown) => string | undefined, what: string): string[] | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) {
      if (optional) return undefined;
      throw new BadParam(`缺少参数 ${name}`);
    }
    if (!Array.isArray(v)) throw new BadParam(`参数 ${name} 类型错误：应为数组`);
    return v.map((e) => {
      const r = read(e);
      if (r === undefined) throw new BadParam(`参数 ${name} 的元素类型错误：应为${what}`);
      return r;
    });
  }
}

/** Plain JSON view of parsed fields (LosslessNumber → number or digit string), e.g. to store reply_markup. */
export function plain(value: unknown): unknown {
  if (isLosslessNumber(value)) return isInteger(value.value) && !Number.isSafeInteger(Number(value.value)) ? value.value : Number(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
