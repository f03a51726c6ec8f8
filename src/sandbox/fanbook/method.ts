import type { SimRequest } from '../sim-host.js';
import type { Model } from './model.js';
import type { Params, Reply } from './wire.js';

/** A finished answer a handler returns instead of a result (e.g. message/getList's other envelope). */
export class Raw {
  constructor(readonly reply: Reply) {}
}

export interface BotMethod {
  /** HTTP methods Fanbook accepts for it. */
  http: readonly string[];
  /** Answer as text/plain, as Fanbook does for some methods. */
  plain?: boolean;
  handle(p: Params, m: Model, req: SimRequest): unknown;
}

export type MethodTable = Record<string, BotMethod>;

export const post = (handle: BotMethod['handle'], plain = false): BotMethod => ({ http: ['POST'], handle, plain });
export const get = (handle: BotMethod['handle']): BotMethod => ({ http: ['GET'], handle, plain: true });
