import type { ErrorReader } from '../../http/client.js';
import { FANVUE_API_VERSION } from './config.js';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export const LOGIN_HINT = 'The Fanvue login is no longer valid: run `creator-mcp login fanvue`.';

/**
 * Fanvue has no single error envelope ({error}, {message}, {errors: []}, OAuth's
 * {error, error_description}); this reads all of them and says what to do for each status.
 */
export const readFanvueError: ErrorReader = (status, body) => {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the core shows the start of the text.
  }
  const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e): e is string => typeof e === 'string').join('; ') : undefined;
  const error = text(parsed.error);
  const message = text(parsed.message) ?? text(parsed.error_description) ?? (errors || undefined) ?? error;
  // OAuth error codes (invalid_grant…) are identifiers; the API's `error` is prose.
  const code = error && /^[a-z_]+$/.test(error) ? error : undefined;
  return { code, message, hint: hintFor(status, parsed, message) };
};

function hintFor(status: number, body: Record<string, unknown>, message: string | undefined): string | undefined {
  switch (status) {
    case 400:
      if (/version/i.test(`${text(body.error) ?? ''} ${message ?? ''}`)) {
        return `Fanvue refused the API version this creator-mcp sends (${FANVUE_API_VERSION}): update creator-mcp.`;
      }
      return 'Fanvue refused the request as sent: fix what the message names; nothing was changed.';
    case 401:
      return LOGIN_HINT;
    case 403:
      return 'The login lacks a scope for this, or the account may not do it (creator-only feature, agency admin, someone else’s resource).';
    case 404:
      return 'Nothing with that uuid or name exists for this account: list first (e.g. fanvue_list_chats, fanvue_list_media) and use a returned id.';
    case 409:
      return 'That name is already taken: choose another one or use the existing item.';
    case 410: {
      const next = text(body.nextVersion);
      return `Fanvue retired API version ${FANVUE_API_VERSION}${next ? ` (the next one is ${next})` : ''}: update creator-mcp.`;
    }
    case 503:
      return 'A Fanvue service is temporarily unavailable; try again in a few minutes.';
    default:
      return undefined;
  }
}
