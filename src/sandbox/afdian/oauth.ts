import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim-host.js';
import type { AfdianUser } from './types.js';

const CODE_TTL_MS = 10 * 60 * 1000;

interface Grant {
  clientId: string;
  redirectUri: string;
  expiresAt: number;
}

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  account: AfdianUser;
  now: () => number;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function htmlError(message: string): SimResponse {
  return {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>授权失败</title></head><body><h1>授权失败</h1><p>${escapeHtml(message)}</p></body></html>`,
  };
}

const envelope = (ec: number, em: string, data: unknown): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ ec, em, data }),
});

/** Afdian's OAuth2: authorization code only, consent is automatic here, and the "token" answer is the user profile. */
export class AfdianOAuth {
  readonly #grants = new Map<string, Grant>();

  constructor(private readonly cfg: OAuthConfig) {}

  authorize(req: SimRequest): SimResponse {
    const q = req.query;
    if (q.get('response_type') !== 'code') return htmlError('response_type must be "code"');
    if (q.get('scope') !== 'basic') return htmlError('scope must be "basic"');
    if (q.get('client_id') !== this.cfg.clientId) return htmlError(`unknown client_id: ${q.get('client_id') ?? ''}`);
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    if (state === '') return htmlError('state is required');
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return htmlError('redirect_uri must be an absolute URL');
    }
    const code = randomBytes(16).toString('hex');
    this.#grants.set(code, { clientId: this.cfg.clientId, redirectUri, expiresAt: this.cfg.now() + CODE_TTL_MS });
    target.searchParams.set('code', code);
    target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString(), 'content-type': 'text/html; charset=utf-8' }, body: '' };
  }

  accessToken(req: SimRequest): SimResponse {
    const f = readForm(req);
    const fail = (error: string) => envelope(400, error, { error });
    if (req.method !== 'POST') return fail('method must be POST');
    if (f.get('grant_type') !== 'authorization_code') return fail('unsupported grant_type (expected authorization_code)');
    if (f.get('client_id') !== this.cfg.clientId || f.get('client_secret') !== this.cfg.clientSecret) {
      return fail('invalid client_id or client_secret');
    }
    const code = f.get('code') ?? '';
    const grant = this.#grants.get(code);
    if (!grant) return fail('invalid code: unknown or already used');
    if (grant.expiresAt <= this.cfg.now()) {
      this.#grants.delete(code);
      return fail('invalid code: expired');
    }
    if (f.get('redirect_uri') !== grant.redirectUri) return fail('redirect_uri does not match the authorization request');
    this.#grants.delete(code); // single use
    const a = this.cfg.account;
    return envelope(200, 'ok', { user_id: a.user_id, user_private_id: a.user_private_id, name: a.name, avatar: a.avatar });
  }
}

function readForm(req: SimRequest): URLSearchParams {
  const merged = new URLSearchParams(req.query);
  const type = String(req.headers['content-type'] ?? '');
  let body: URLSearchParams;
  if (type.includes('json')) {
    try {
      const obj = JSON.parse(req.text) as Record<string, unknown>;
      body = new URLSearchParams(Object.entries(obj).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      body = new URLSearchParams();
    }
  } else {
    body = new URLSearchParams(req.text);
  }
  for (const [k, v] of body) merged.set(k, v);
  return merged;
}
