import type { SimulatorFactory } from '../types.js';
import { createFanbookSimulator, CONTROL_DROP, CONTROL_EXPIRE, CONTROL_JOIN, CONTROL_MESSAGES, SANDBOX_REDIRECT_URI } from './simulator.js';

export const fanbookSandbox: SimulatorFactory = async (opts) => {
  const sim = createFanbookSimulator({ latencyMs: opts.latencyMs, seedScale: opts.seedScale });
  await sim.start();
  const c = sim.credentials;
  const chat = [...sim.state.channels.values()].find((ch) => ch.guild_id === sim.seed.main && ch.type === 0 && ch.name === '闲聊');
  return {
    platform: 'fanbook',
    baseUrl: sim.baseUrl,
    env: {
      FANBOOK_API_BASE_URL: sim.baseUrl,
      FANBOOK_GATEWAY_URL: sim.gatewayUrl,
      FANBOOK_BOT_TOKEN: c.botToken,
      FANBOOK_CLIENT_ID: c.clientId,
      FANBOOK_CLIENT_SECRET: c.clientSecret,
      FANBOOK_REDIRECT_URI: SANDBOX_REDIRECT_URI,
      FANBOOK_GUILD_IDS: [sim.seed.main, sim.seed.limited].join(','),
      // The simulated bot is off the send whitelist, like a new bot: about one message a second.
      FANBOOK_SENDS_PER_SECOND: String(sim.model.sendLimitPerSecond),
    },
    registerRedirectUri: (uri) => {
      sim.oauth.redirectUris.add(uri);
    },
    tips: () => [
      `Fanbook simulator: ${sim.baseUrl}`,
      `  a member @mentions the bot (the gateway pushes it to creator_wait_for_events): curl -X POST ${sim.baseUrl}${CONTROL_MESSAGES} -H 'content-type: application/json' -d '{"chat_id":"${chat?.channel_id ?? ''}","text":"\${@!${sim.state.bot.id}} hello"}'`,
      `  a member writes to the bot privately: curl -X POST ${sim.baseUrl}${CONTROL_MESSAGES} -H 'content-type: application/json' -d '{"dm":true,"text":"hi"}'`,
      `  a new member joins: curl -X POST ${sim.baseUrl}${CONTROL_JOIN}; drop the gateway connection: curl -X POST ${sim.baseUrl}${CONTROL_DROP}`,
      `  expire the OAuth access tokens (after \`creator-mcp login fanbook --sandbox\`): curl -X POST ${sim.baseUrl}${CONTROL_EXPIRE}`,
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};
