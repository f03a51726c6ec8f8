import type { ErrorReader } from '../../http/client.js';
import { PlatformError } from '../../http/errors.js';
import { parseJsonLossless } from '../../http/json.js';

/** Bot API error codes (community-collected; Fanbook publishes no full list) and what fixes them. */
const HINTS: Record<string, string> = {
  '1001':
    'A parameter is missing, has the wrong type or content Fanbook cannot parse: check the arguments (IDs are decimal strings; with parse_mode "Fanbook" the text must be rich-text or card JSON).',
  '1008': 'The bot is not a member of that guild (server): add the bot to the guild first, or check guild_id/chat_id.',
  '1011': 'That guild does not exist: check guild_id (a decimal string with all its digits).',
  '1012':
    "The bot lacks the permission for this in that guild or channel: grant it in the Fanbook open platform (bot → permissions: manage roles, mute, kick, manage messages…) and re-add the bot with access to the channel.",
  '1021': 'That channel does not exist or the bot cannot see it: check the ID with fanbook_list_channels.',
  '1037': 'The user has closed private messages: only they can open them again (privacy settings); reach them in a guild channel with a mention instead.',
  '1038': 'The user has blocked this bot: only the user can unblock it; do not retry.',
  '10002':
    'The bot is not on Fanbook\'s send whitelist, which limits it to about one message per second: wait at least 1 s before sending again; for more, apply to Fanbook (official account 10001) with the bot id.',
};

const BOT_TOKEN_HINT =
  'Fanbook refused the bot token: check FANBOOK_BOT_TOKEN (open platform → your app → bot → token) and FANBOOK_API_BASE_URL.';
const LOGIN_HINT = 'The Fanbook login is missing, expired or revoked: run `creator-mcp login fanbook`.';

interface Refusal {
  code?: string | number;
  message?: string;
  /** Which Fanbook API answered: the bot API, the open API or the OAuth token endpoint. */
  api: 'bot' | 'open' | 'oauth' | 'unknown';
}

/** Reads whichever of Fanbook's error shapes a body has. */
function refusalOf(body: unknown): Refusal {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { api: 'unknown' };
  const b = body as Record<string, unknown>;
  const text = (...vs: unknown[]) => vs.find((v): v is string => typeof v === 'string' && v !== '');
  const code = (...vs: unknown[]) => vs.find((v): v is string | number => (typeof v === 'number' || typeof v === 'string') && v !== '');
  if ('ok' in b) return { api: 'bot', code: code(b.error_code, b.err_code), message: text(b.description, b.message) };
  if ('status' in b) return { api: 'open', code: code(b.code, b.err), message: text(b.desc, b.message, b.err) };
  if ('error' in b) return { api: 'oauth', code: code(b.error), message: text(b.error_description, b.error) };
  return { api: 'unknown' };
}

function hintFor(r: Refusal, status: number): string | undefined {
  const known = r.code === undefined ? undefined : HINTS[String(r.code)];
  if (known) return known;
  if (r.api === 'oauth' && r.code === 'invalid_client') return 'Check FANBOOK_CLIENT_ID and FANBOOK_CLIENT_SECRET.';
  if (r.api === 'oauth' || r.api === 'open') return status === 401 || status === 403 || r.code === 'invalid_grant' ? LOGIN_HINT : undefined;
  if (status === 401 || status === 403 || String(r.code) === '401' || String(r.code) === '403') return BOT_TOKEN_HINT;
  if (status === 404) return `${BOT_TOKEN_HINT} A 404 also means an unknown method.`;
  return undefined;
}

/** The Platform `http()` hook: what a non-2xx Fanbook answer means (HTTP 400s carry Fanbook codes). */
export const readFanbookError: ErrorReader = (status, body) => {
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(body);
  } catch {
    return { hint: hintFor({ api: 'unknown' }, status) };
  }
  const r = refusalOf(parsed);
  return { code: r.code, message: r.message, hint: hintFor(r, status) };
};

/** `{ok: true, result}` → result; `{ok: false, …}` at HTTP 200 → one actionable error. */
export function unwrapBot(body: unknown, platform: string): unknown {
  const b = body as Record<string, unknown> | null;
  if (b && typeof b === 'object' && typeof b.ok === 'boolean') {
    if (b.ok) return b.result ?? null;
    throw refused(b, platform);
  }
  // message/getList answers in the open-API envelope even on the bot API.
  if (b && typeof b === 'object' && typeof b.status === 'boolean') return unwrapOpen(b, platform);
  throw notAnEnvelope(platform, '{ok, result}');
}

/** `{status: true, data}` → data (open API and message/getList). */
export function unwrapOpen(body: unknown, platform: string): unknown {
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b !== 'object' || typeof b.status !== 'boolean') throw notAnEnvelope(platform, '{status, data}');
  if (b.status) return b.data ?? null;
  throw refused(b, platform);
}

function refused(body: Record<string, unknown>, platform: string): PlatformError {
  const r = refusalOf(body);
  return new PlatformError({
    platform,
    status: 200,
    code: r.code,
    platformMessage: r.message ?? 'request refused',
    hint: hintFor(r, 200),
    delivery: 'not-processed',
  });
}

function notAnEnvelope(platform: string, shape: string): PlatformError {
  return new PlatformError({
    platform,
    status: 200,
    platformMessage: `the answer is not a Fanbook ${shape} envelope`,
    delivery: 'unknown',
    hint: 'Check that FANBOOK_API_BASE_URL points at Fanbook (https://a1.fanbook.cn).',
  });
}
