import { PlatformError } from '../../http/errors.js';
import type { HttpClient } from '../../http/client.js';
import { retryClass } from '../../http/request-kit.js';
import type { CallOptions, Operation, PlatformClient } from '../types.js';
import type { AfdianConfig } from './config.js';
import { signRequest } from './sign.js';

/** What Afdian's `ec` codes mean for the person fixing them. */
const HINTS: Record<number, string> = {
  400001: 'A required parameter is missing: check the tool arguments.',
  400002: "Afdian refused the request timestamp: check this machine's clock (Afdian allows 3600 s of skew).",
  400003: 'Afdian could not parse params as JSON; this is a creator-mcp bug, please report it.',
  400004: 'No valid API token for AFDIAN_USER_ID: check AFDIAN_USER_ID and AFDIAN_TOKEN at https://afdian.com/dashboard/dev.',
  400005: 'The signature was refused: AFDIAN_TOKEN does not belong to AFDIAN_USER_ID. Copy both again from https://afdian.com/dashboard/dev.',
};

/**
 * Afdian has no documented "no params" form; `{"empty":true}` is what both TypeScript SDKs send
 * and is known to be accepted.
 */
const EMPTY_PARAMS = '{"empty":true}';

export function createAfdianClient(cfg: AfdianConfig, http: HttpClient, now: () => number = Date.now): PlatformClient {
  return {
    async call(op: Operation, input: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
      const business = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const params = Object.keys(business).length ? JSON.stringify(business) : EMPTY_PARAMS;
      const ts = Math.floor(now() / 1000);
      const body = JSON.stringify({ user_id: cfg.userId, params, ts, sign: signRequest(cfg.token, params, ts, cfg.userId) });
      const { data } = await http.sendJson({
        method: op.method,
        url: `${cfg.baseUrl}${op.path}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        retry: retryClass(op.kind),
        signal: options.signal,
      });
      return unwrap(data, http.platform);
    },
  };
}

/** `{ec, em, data}` with HTTP 200 even on failure: `ec` decides. */
export function unwrap(body: unknown, platform: string): unknown {
  const envelope = body as { ec?: unknown; em?: unknown; data?: unknown } | null;
  if (!envelope || typeof envelope !== 'object' || typeof envelope.ec !== 'number') {
    throw new PlatformError({
      platform,
      status: 200,
      platformMessage: 'the answer is not an Afdian {ec, em, data} envelope',
      delivery: 'unknown',
      hint: 'Check AFDIAN_API_BASE_URL points at Afdian.',
    });
  }
  if (envelope.ec !== 200) {
    throw new PlatformError({
      platform,
      status: 200,
      code: envelope.ec,
      platformMessage: typeof envelope.em === 'string' && envelope.em ? envelope.em : 'request refused',
      hint: HINTS[envelope.ec],
      delivery: 'not-processed',
    });
  }
  return envelope.data ?? {};
}
