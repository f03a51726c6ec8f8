import type { SimulatorFactory } from '../types.js';
import { FanvueSimulator } from './simulator.js';

export const fanvueSandbox: SimulatorFactory = async (opts) => {
  const sim = new FanvueSimulator({ latencyMs: opts.latencyMs, seedScale: opts.seedScale });
  await sim.start();
  return {
    platform: 'fanvue',
    baseUrl: sim.baseUrl,
    env: sim.env(),
    setWebhookUrl: (url) => {
      sim.webhooks.url = url;
    },
    tips: () => [
      `Fanvue simulator: ${sim.baseUrl} (authorization server ${sim.authBaseUrl}), logged in as @${sim.creator.handle}`,
      `  a fan writes to you (pushed to the webhook in HTTP mode): curl -X POST ${sim.baseUrl}/__sandbox/fan-messages`,
      `  a new subscriber: curl -X POST ${sim.baseUrl}/__sandbox/subscribers; let the access token expire: curl -X POST ${sim.baseUrl}/__sandbox/expire-tokens`,
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};
