import type { ErrorReader } from '../../http/client.js';
import { PlatformError } from '../../http/errors.js';
import { unusableAnswer } from '../../http/request-kit.js';

export const PLATFORM = 'Fresns';

/** The session was refused (expired, revoked, wrong): logging in again can fix it. */
export const SESSION_REFUSED = new Set([31502, 31503, 31504, 31505, 31602, 31603]);
/** The route needs a login that was not sent. */
export const LOGIN_MISSING = new Set([31501, 31601]);
export const isSessionCode = (code: number) => SESSION_REFUSED.has(code) || LOGIN_MISSING.has(code);

const LOGIN_HELP =
  'set FRESNS_ACCOUNT and FRESNS_PASSWORD (creator-mcp then logs in by itself), or FRESNS_AID, FRESNS_AID_TOKEN, FRESNS_UID and FRESNS_UID_TOKEN, or log in with fresns_login_account and fresns_login_user';

const KEYS = 'Panel → App Center → Keys';

/** What each Fresns code means for the person fixing it. Ranges are matched after exact codes. */
const EXACT: Record<number, string> = {
  31101: `FRESNS_PLATFORM_ID is not a platform this site knows: use the key's platform number (${KEYS}).`,
  31102: `FRESNS_PLATFORM_ID does not match the platform of the key FRESNS_APP_ID: set it to the key's platform (${KEYS}).`,
  31103: 'This account or user may not sign in from this platform: check FRESNS_PLATFORM_ID and the account settings.',
  31201: 'The site refused FRESNS_CLIENT_VERSION: set it to a version the site accepts (semver such as 1.0.0).',
  31202: 'The site refused FRESNS_CLIENT_VERSION: set it to a version the site accepts (semver such as 1.0.0).',
  31301: `FRESNS_APP_ID is unknown or the key is disabled: copy an enabled key's App ID from ${KEYS}.`,
  31302: `The signature was refused: FRESNS_APP_SECRET (FRESNS_APP_KEY) does not belong to FRESNS_APP_ID, or FRESNS_API_VERSION does not match the site (2.x signs with MD5, 3.x with SHA-256). Copy both again from ${KEYS}.`,
  31303: "The request timestamp is more than 10 minutes away from the site's clock: fix this machine's clock (enable NTP) and try again.",
  31304: `The key FRESNS_APP_ID is not a main API key: create a key of type "Main API" in ${KEYS}.`,
  31305: `The key FRESNS_APP_ID is read-only: writes need a key with write access (${KEYS}).`,
  31401: 'The site does not know FRESNS_LANG_TAG: use one of its language tags (fresns_get_configs keys "language_menus") or unset it.',
  31402: 'FRESNS_TIMEZONE is not a valid UTC offset (e.g. +8): fix or unset it.',
  31501: `No account is logged in: ${LOGIN_HELP}.`,
  31502: `The session's account is unknown to the site: ${LOGIN_HELP}.`,
  31503: `The account session token was lost or revoked: ${LOGIN_HELP}.`,
  31504: `The account session expired: ${LOGIN_HELP}.`,
  31505: `The account session token is wrong (FRESNS_AID_TOKEN?): ${LOGIN_HELP}.`,
  31506: "The loginToken is unknown to the site (Fresns 3.x): get a new one from the site's account center and call fresns_login_with_token again.",
  31507: "The loginToken has expired (5 minutes) or was already used (Fresns 3.x): get a new one from the site's account center.",
  31601: `No user is logged in: ${LOGIN_HELP} (FRESNS_USER picks the user when the account has several).`,
  31602: `The session's user does not belong to the logged-in account (FRESNS_UID?): ${LOGIN_HELP}.`,
  31603: `The user session token is wrong or expired (FRESNS_UID_TOKEN?): ${LOGIN_HELP}.`,
  31701: 'The X-Fresns-Client-Device-Info header did not arrive: check that proxies in front of the site forward X-Fresns-* headers.',
  31702: 'The site could not read X-Fresns-Client-Device-Info (Base64 of a JSON object): check that proxies forward it unchanged.',
  31703: 'X-Fresns-Client-Device-Info lacks networkIpv4/networkIpv6: check that proxies forward it unchanged.',
  33100: 'This API is switched off on the site (Panel → Systems): ask the site administrator.',
  33101: `The site is in private mode and this needs a member: ${LOGIN_HELP}.`,
  33102: 'The site mode is misconfigured on the server (site_mode): ask the site administrator.',
  33301: 'The text contains a word the site blocks: check fresns_list_block_words and rephrase.',
  33302: 'The text is too long for the site: shorten it (see fresns_get_editor_config).',
};

const RANGES: ReadonlyArray<[number, number, string]> = [
  [30000, 30999, 'An argument was refused: fix the one named in the message and call again.'],
  [32000, 32999, 'A plugin the site relies on failed or is not configured: ask the site administrator, or retry later.'],
  [33200, 33299, 'The verification code is wrong or expired: send a new one with fresns_send_verify_code.'],
  [33400, 33499, "The site refuses this network address: ask the site administrator."],
  [34300, 34399, 'Login refused: check the account (FRESNS_ACCOUNT, FRESNS_ACCOUNT_TYPE email/phone, FRESNS_COUNTRY_CODE) and the password (FRESNS_PASSWORD; FRESNS_USER_PASSWORD for a user password).'],
  [34000, 34999, 'The account refused this: check the account fields (email/phone, country code, password, verification code).'],
  [35100, 35199, 'The username or nickname was refused: pick another that follows the site rules.'],
  [35200, 35299, 'The user is missing, banned or deactivated: check the uid/username.'],
  [35300, 35399, "The user's role does not allow this: check the role permissions (fresns_list_roles) or ask an administrator."],
  [36000, 36999, "Your user's role or the content's settings do not allow this (Fresns 36xxx permissions): check fresns_get_editor_config or fresns_get_user_panel, or ask a site administrator to grant the permission."],
  [37000, 37999, 'The content was not found, was deleted or is not visible to you: check the id (gid, hid, pid, cid, fid) in a list first.'],
  [38000, 38999, 'The draft cannot do this in its current state or fails the editor checks: read it with fresns_get_draft and fresns_get_editor_config.'],
];

export function hintFor(code: number, message = ''): string | undefined {
  // Header validation failures share 30000 with argument errors; a missing header is no argument.
  if (code === 30000 && /device info/i.test(message)) return EXACT[31701];
  if (code === 30000 && /\b(app id|platform id|version|signature|timestamp|aid token|uid token)\b/i.test(message)) {
    return 'A required X-Fresns-* header was refused: check FRESNS_APP_ID, FRESNS_PLATFORM_ID and FRESNS_CLIENT_VERSION, and that proxies forward X-Fresns-* headers.';
  }
  return EXACT[code] ?? RANGES.find(([lo, hi]) => code >= lo && code <= hi)?.[2];
}

interface Envelope {
  code: number;
  message?: unknown;
  data?: unknown;
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'number';
}

/**
 * `{code, message, data}`, with HTTP 200 even for failures: `code` decides. A success whose
 * message is "[3xxxx] …" is a Fresns warning (e.g. a list the site hides) and is kept visible.
 */
export function unwrap(body: unknown, write: boolean): { data: unknown; message: string; warning?: { code: number; message: string } } {
  if (!isEnvelope(body)) {
    throw unusableAnswer({
      platform: PLATFORM,
      status: 200,
      message: 'the answer is not a Fresns {code, message, data} envelope',
      retry: write ? 'write' : 'read',
      hint: 'Check that FRESNS_BASE_URL is the site root of a Fresns site (the API lives under /api/v2 in 2.x, /api/fresns/v1 in 3.x) and that FRESNS_API_VERSION matches it.',
    });
  }
  const message = typeof body.message === 'string' ? body.message : '';
  if (body.code !== 0) {
    throw new PlatformError({
      platform: PLATFORM,
      status: 200,
      code: body.code,
      platformMessage: message || 'request refused',
      hint: hintFor(body.code, message),
      delivery: 'not-processed',
    });
  }
  const warned = /^\[(3\d{4})\]\s*(.*)$/s.exec(message);
  return { data: body.data ?? null, message, ...(warned ? { warning: { code: Number(warned[1]), message: warned[2] ?? '' } } : {}) };
}

/** Non-200 answers (a missing route, a server error) may still carry a Fresns envelope. */
export const readError: ErrorReader = (status, body) => {
  const routeHint =
    status === 404 ? 'This route does not exist on the site: FRESNS_BASE_URL must be the root of a Fresns site, and FRESNS_API_VERSION must match it (2 = /api/v2, 3 = /api/fresns/v1; auto detects it).' : undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isEnvelope(parsed)) {
      const message = typeof parsed.message === 'string' ? parsed.message : undefined;
      return { code: parsed.code, message, hint: hintFor(parsed.code, message) ?? routeHint };
    }
  } catch {
    // not JSON: the HTTP client reports the status and the start of the body
  }
  return { hint: routeHint };
};
