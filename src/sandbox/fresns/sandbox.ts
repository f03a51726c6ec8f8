import { ConfigError } from '../../http/errors.js';
import type { SimulatorFactory } from '../types.js';
import { createFresnsSimulator } from './simulator.js';

/** CREATOR_MCP_SANDBOX_FRESNS_VERSION: which Fresns generation the simulator plays (2 by default). */
export function fresnsVersionFromEnv(raw: string | undefined): 2 | 3 {
  if (raw === undefined || raw.trim() === '') return 2;
  if (raw.trim() === '2' || raw.trim() === '3') return Number(raw.trim()) as 2 | 3;
  throw new ConfigError(`CREATOR_MCP_SANDBOX_FRESNS_VERSION must be 2 (Fresns 2.x, /api/v2) or 3 (Fresns 3.x, /api/fresns/v1), not "${raw}"`);
}

export const fresnsSandbox: SimulatorFactory = async (opts) => {
  const apiVersion = opts.fresnsVersion ?? 2;
  const sim = createFresnsSimulator({ latencyMs: opts.latencyMs, seedScale: opts.seedScale, apiVersion });
  await sim.start();
  const c = sim.credentials;
  // 3.x has no password login in its API (the site's account center does it), so a 3.x sandbox
  // hands over a session made as that page would, and names the secret by its 3.x name.
  const login =
    apiVersion === 3
      ? (({ aid, aidToken, uid, uidToken }) => ({ FRESNS_AID: aid, FRESNS_AID_TOKEN: aidToken, FRESNS_UID: uid, FRESNS_UID_TOKEN: uidToken }))(sim.issueSession('sbxAcct1', c.creatorUid))
      : { FRESNS_ACCOUNT: c.account, FRESNS_PASSWORD: c.password };
  return {
    platform: 'fresns',
    baseUrl: sim.baseUrl,
    env: {
      FRESNS_BASE_URL: sim.baseUrl,
      FRESNS_APP_ID: c.appId,
      [apiVersion === 3 ? 'FRESNS_APP_KEY' : 'FRESNS_APP_SECRET']: c.appSecret,
      FRESNS_PLATFORM_ID: String(c.platformId),
      ...login,
    },
    tips: () => [
      `Fresns ${apiVersion}.x simulator: ${sim.baseUrl} (logged in as ${c.account}, user ${c.creatorUid}; CREATOR_MCP_SANDBOX_FRESNS_VERSION=${apiVersion === 3 ? 2 : 3} plays the other generation)`,
      `  someone comments on your latest post: curl -X POST ${sim.baseUrl}/__sandbox/comment`,
      `  expire the session${apiVersion === 3 ? '' : ' (creator-mcp logs in again)'}: curl -X POST ${sim.baseUrl}/__sandbox/expire-sessions`,
      ...(apiVersion === 3 ? [`  a loginToken for fresns_login_with_token: curl -X POST ${sim.baseUrl}/__sandbox/login-token`] : []),
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};
