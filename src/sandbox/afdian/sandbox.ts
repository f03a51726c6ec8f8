import type { SimulatorFactory } from '../types.js';
import { createAfdianSimulator } from './simulator.js';

export const afdianSandbox: SimulatorFactory = async (opts) => {
  const sim = createAfdianSimulator({ latencyMs: opts.latencyMs, seedScale: opts.seedScale });
  await sim.start();
  const c = sim.credentials;
  return {
    platform: 'afdian',
    baseUrl: sim.baseUrl,
    env: {
      AFDIAN_API_BASE_URL: sim.baseUrl,
      AFDIAN_USER_ID: c.userId,
      AFDIAN_TOKEN: c.token,
      AFDIAN_CLIENT_ID: c.clientId,
      AFDIAN_CLIENT_SECRET: c.clientSecret,
      AFDIAN_WEBHOOK_PUBLIC_KEY: c.webhookPublicKeyPem,
    },
    setWebhookUrl: (url) => {
      sim.webhookUrl = url;
    },
    tips: () => [
      `Afdian simulator: ${sim.baseUrl}`,
      `  new paid order (pushed to the webhook in HTTP mode): curl -X POST ${sim.baseUrl}/__sandbox/orders`,
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};
