import type { SimulatorFactory } from '../types.js';
import { createFresnsSimulator } from './simulator.js';

export const fresnsSandbox: SimulatorFactory = async (opts) => {
  const sim = createFresnsSimulator({ latencyMs: opts.latencyMs, seedScale: opts.seedScale });
  await sim.start();
  const c = sim.credentials;
  return {
    platform: 'fresns',
    baseUrl: sim.baseUrl,
    env: {
      FRESNS_BASE_URL: sim.baseUrl,
      FRESNS_APP_ID: c.appId,
      FRESNS_APP_SECRET: c.appSecret,
      FRESNS_PLATFORM_ID: String(c.platformId),
      FRESNS_ACCOUNT: c.account,
      FRESNS_PASSWORD: c.password,
    },
    tips: () => [
      `Fresns simulator: ${sim.baseUrl} (logged in as ${c.account}, user ${c.creatorUid})`,
      `  someone comments on your latest post: curl -X POST ${sim.baseUrl}/__sandbox/comment`,
      `  expire the session (creator-mcp logs in again): curl -X POST ${sim.baseUrl}/__sandbox/expire-sessions`,
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};
