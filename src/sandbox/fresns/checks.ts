import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SimError, type RouteLogin } from './router.js';
import type { SimKey, SimState } from './types.js';

/**
 * The simulator's own implementation of Fresns' header checks (`checkHeaders` + `verifySign` +
 * the public-mode whitelist), written independently of the client's signer so that a shared
 * mistake cannot make both sides agree.
 */

const SIGN_KEYS = [
  'X-Fresns-Aid',
  'X-Fresns-Aid-Token',
  'X-Fresns-App-Id',
  'X-Fresns-Client-Platform-Id',
  'X-Fresns-Client-Version',
  'X-Fresns-Signature-Timestamp',
  'X-Fresns-Uid',
  'X-Fresns-Uid-Token',
];

/** PHP urlencode, byte by byte. */
function phpUrlencode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const alnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    if (alnum || byte === 0x2e || byte === 0x5f || byte === 0x2d) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `SignHelper::makeSign`: array_filter, ksort, http_build_query, then `&AppSecret=` and MD5 in
 * 2.x, `&AppKey=` and SHA-256 in 3.x.
 */
export function makeSign(headers: Record<string, string | undefined>, appSecret: string, version: 2 | 3 = 2): string {
  const kept = SIGN_KEYS.filter((k) => {
    const v = headers[k];
    return v !== undefined && v !== '' && v !== '0';
  });
  kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.map((k) => `${phpUrlencode(k)}=${phpUrlencode(headers[k] as string)}`).join('&');
  if (version === 3) return createHash('sha256').update(`${query}&AppKey=${appSecret}`).digest('hex');
  return createHash('md5').update(`${query}&AppSecret=${appSecret}`).digest('hex');
}

export interface Verified {
  key: SimKey;
  aid?: string;
  uid?: number;
}

const h = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.trim();
};
const required = (field: string) => new SimError(30000, `The ${field} field is required.`);

function checkDeviceInfo(raw: string): void {
  let decoded: string;
  try {
    // Fresns replaces control bytes with spaces before parsing.
    decoded = [...Buffer.from(raw, 'base64').toString('utf8')].map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch)).join('').trim();
  } catch {
    decoded = '';
  }
  if (decoded === '') throw new SimError(31701, 'Device information cannot be empty');
  let info: unknown;
  try {
    info = JSON.parse(decoded);
  } catch {
    throw new SimError(31702, 'Device information format error');
  }
  if (!info || typeof info !== 'object' || Array.isArray(info)) throw new SimError(31702, 'Device information format error');
  const { networkIpv4: v4, networkIpv6: v6 } = info as { networkIpv4?: unknown; networkIpv6?: unknown };
  if (v4 === undefined && v6 === undefined) throw new SimError(31703, 'Device information is missing the network IP');
  if (v4 !== undefined && (typeof v4 !== 'string' || !/^(\d{1,3})(\.\d{1,3}){3}$/.test(v4))) throw new SimError(31702, 'Device information format error: networkIpv4');
}

/** Every check in the order Fresns runs them; throws the first failure as a Fresns code. */
export function verifyHeaders(state: SimState, headers: IncomingHttpHeaders, nowMs: number, login: RouteLogin, write: boolean, version: 2 | 3 = 2): Verified {
  const v: Record<string, string | undefined> = {};
  for (const k of [...SIGN_KEYS, 'X-Fresns-Client-Device-Info', 'X-Fresns-Signature']) v[k] = h(headers, k);

  // CheckHeadersDTO
  const appId = v['X-Fresns-App-Id'];
  const platform = v['X-Fresns-Client-Platform-Id'];
  const ts = v['X-Fresns-Signature-Timestamp'];
  if (!appId) throw required('app id');
  if (!platform) throw required('platform id');
  if (!/^\d+$/.test(platform) || Number(platform) < 1 || Number(platform) > 11) throw new SimError(30000, 'The platform id must be between 1 and 11.');
  if (!v['X-Fresns-Client-Version']) throw required('version');
  if (!v['X-Fresns-Client-Device-Info']) throw required('device info');
  if (v['X-Fresns-Aid'] && !v['X-Fresns-Aid-Token']) throw new SimError(30000, 'The aid token field is required when aid is present.');
  if (v['X-Fresns-Uid'] && !/^\d+$/.test(v['X-Fresns-Uid'] as string)) throw new SimError(30000, 'The uid must be an integer.');
  if (v['X-Fresns-Uid'] && !v['X-Fresns-Uid-Token']) throw new SimError(30000, 'The uid token field is required when uid is present.');
  if (!v['X-Fresns-Signature']) throw required('signature');
  if (!ts) throw required('timestamp');
  if (!/^\d{10,13}$/.test(ts)) throw new SimError(30000, 'The timestamp must be between 10 and 13 digits.');

  checkDeviceInfo(v['X-Fresns-Client-Device-Info'] as string);

  // verifySign
  const key = state.keys.find((k) => k.appId === appId);
  if (!key || !key.enabled) throw new SimError(31301, 'App ID does not exist or is disabled');
  if (key.type !== 'core') throw new SimError(31304, 'The key does not have the right to request this API');
  if (key.platformId !== Number(platform)) throw new SimError(31102, 'The platform does not match the key');
  const skewOk = ts.length === 10 ? Math.abs(Math.floor(nowMs / 1000) - Number(ts)) <= 600 : Math.abs(nowMs - Number(ts)) <= 600_000;
  if (!skewOk) throw new SimError(31303, 'Signature has expired');
  if (makeSign(v, key.appSecret, version) !== v['X-Fresns-Signature']) throw new SimError(31302, 'Signature error');

  let aid: string | undefined;
  let uid: number | undefined;
  if (v['X-Fresns-Aid']) {
    aid = v['X-Fresns-Aid'];
    if (!state.accounts.some((a) => a.aid === aid)) throw new SimError(31502, 'Account does not exist');
    const session = state.accountTokens.get(v['X-Fresns-Aid-Token'] as string);
    if (!session || session.aid !== aid) throw new SimError(31505, 'Account token is incorrect');
    if (session.expiresAt !== null && session.expiresAt < nowMs) throw new SimError(31504, 'Account login has expired, please login again');
  }
  if (v['X-Fresns-Uid']) {
    uid = Number(v['X-Fresns-Uid']);
    const user = state.users.find((u) => u.uid === uid);
    if (!user || user.aid !== aid) throw new SimError(31602, 'The user does not belong to this account');
    const session = state.userTokens.get(v['X-Fresns-Uid-Token'] as string);
    if (!session || session.uid !== uid || (session.expiresAt !== null && session.expiresAt < nowMs)) {
      throw new SimError(31603, 'User token is incorrect or has expired');
    }
  }

  // CheckHeaderByWhitelist (public mode): with both aid and uid everything is allowed.
  if (!(aid && uid !== undefined)) {
    if ((login === 'aid' || login === 'uid') && !aid) throw new SimError(31501, 'Account not logged in');
    if (login === 'uid' && uid === undefined) throw new SimError(31601, 'User not logged in');
  }
  if (write && key.readOnly) throw new SimError(31305, 'This key is read-only and cannot perform write operations');
  return { key, aid, uid };
}
