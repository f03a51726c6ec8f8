import type { HttpClient } from '../../http/client.js';
import type { HttpMethod } from '../types.js';
import { VERSION } from '../../version.js';
import type { FresnsConfig } from './config.js';
import { unwrap } from './envelope.js';
import type { ApiVersion } from './operations/versions.js';
import { sign, type SignedValues } from './sign.js';

/** The four session header values; any of them may be missing. */
export interface Session {
  aid?: string;
  aidToken?: string;
  uid?: string;
  uidToken?: string;
}

export interface SendSpec {
  /** Decides the signature: MD5 + `&AppSecret=` for 2.x, SHA-256 + `&AppKey=` for 3.x. */
  version: ApiVersion;
  method: HttpMethod;
  path: string;
  query?: URLSearchParams;
  json?: Record<string, unknown>;
  form?: FormData;
  session: Session;
  retry: 'read' | 'write';
  signal?: AbortSignal;
}

export interface Answer {
  data: unknown;
  message: string;
  warning?: { code: number; message: string };
}

/**
 * Minimal Device-Info: Fresns requires networkIpv4 or networkIpv6; creator-mcp does not know the
 * user's public address, so it reports loopback (the server logs it, nothing depends on it).
 */
export const DEVICE_INFO = Buffer.from(JSON.stringify({ agent: `creator-mcp/${VERSION}`, type: 'Desktop', networkIpv4: '127.0.0.1' }), 'utf8').toString('base64');

/** Every header a Fresns request carries, signed for this instant. */
export function fresnsHeaders(cfg: FresnsConfig, session: Session, nowMs: number, version: ApiVersion = 2): Record<string, string> {
  const signed: SignedValues = {
    'X-Fresns-App-Id': cfg.appId,
    'X-Fresns-Client-Platform-Id': cfg.platformId,
    'X-Fresns-Client-Version': cfg.clientVersion,
    'X-Fresns-Aid': session.aid,
    'X-Fresns-Aid-Token': session.aid ? session.aidToken : undefined,
    'X-Fresns-Uid': session.aid ? session.uid : undefined,
    'X-Fresns-Uid-Token': session.aid && session.uid ? session.uidToken : undefined,
    'X-Fresns-Signature-Timestamp': nowMs,
  };
  const headers: Record<string, string> = { accept: 'application/json', 'X-Fresns-Client-Device-Info': DEVICE_INFO };
  for (const [k, v] of Object.entries(signed)) if (v !== undefined && v !== '') headers[k] = String(v);
  if (cfg.langTag) headers['X-Fresns-Client-Lang-Tag'] = cfg.langTag;
  if (cfg.timezone) headers['X-Fresns-Client-Timezone'] = cfg.timezone;
  headers['X-Fresns-Signature'] = sign(signed, cfg.appSecret, version === 3 ? 'v3-sha256' : 'v2-md5');
  return headers;
}

/** One signed request and its unwrapped envelope; sessions and retries are the caller's. */
export class FresnsTransport {
  constructor(
    private readonly cfg: FresnsConfig,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  async send(spec: SendSpec): Promise<Answer> {
    const headers = fresnsHeaders(this.cfg, spec.session, this.now(), spec.version);
    let body: string | FormData | undefined;
    if (spec.form) body = spec.form;
    else if (spec.json) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
    const qs = spec.query?.toString();
    const { data } = await this.http.sendJson({
      method: spec.method,
      url: `${this.cfg.baseUrl}${spec.path}${qs ? `?${qs}` : ''}`,
      headers,
      body,
      retry: spec.retry,
      signal: spec.signal,
    });
    return unwrap(data, spec.retry === 'write');
  }
}
