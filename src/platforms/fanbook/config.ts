import { parseBool } from '../../config.js';
import { ConfigError } from '../../http/errors.js';
import { baseUrlFrom, requireTogether } from '../env-values.js';
import type { Env } from '../types.js';

export interface FanbookConfig {
  baseUrl: string;
  /** Bot API credential; it travels in the URL path, so it is registered as a secret. */
  botToken?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  /**
   * Guilds the AutomationContext describes. The bot API cannot list the bot's guilds, so they
   * come from here and, after `creator-mcp login fanbook`, from the logged-in user's guilds.
   */
  guildIds: string[];
  /** Listen to the bot gateway (events); on by default with a bot token, FANBOOK_GATEWAY=off disables it. */
  gateway: boolean;
  gatewayUrl: string;
  /** Messages the bot may send per second (FANBOOK_SENDS_PER_SECOND); sends are paced to it. */
  sendsPerSecond: number;
}

/**
 * Fanbook limits a bot that is not on its send whitelist to about one message a second (10002);
 * a whitelisted bot sets its own allowance.
 */
export const DEFAULT_SENDS_PER_SECOND = 1;

function sendsPerSecondOf(env: Env): number {
  const raw = env.FANBOOK_SENDS_PER_SECOND;
  if (raw === undefined || raw.trim() === '') return DEFAULT_SENDS_PER_SECOND;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 1000) {
    throw new ConfigError(`FANBOOK_SENDS_PER_SECOND must be a whole number from 1 to 1000 (messages the bot may send per second), not "${raw}"`);
  }
  return n;
}

/** The official doc's host; every SDK uses a1.fanbook.mobi with the same paths. */
export const FANBOOK_DEFAULT_BASE_URL = 'https://a1.fanbook.cn';

/** The gateway both public SDKs and the official websocket doc connect to. */
export const FANBOOK_DEFAULT_GATEWAY_URL = 'wss://gateway-bot.fanbook.mobi/websocket';

/** Checked at start like the base URL: a typo would otherwise show only as endless reconnects. */
function gatewayUrlOf(env: Env): string {
  const raw = env.FANBOOK_GATEWAY_URL?.trim();
  if (!raw) return FANBOOK_DEFAULT_GATEWAY_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`FANBOOK_GATEWAY_URL must be a URL such as ${FANBOOK_DEFAULT_GATEWAY_URL}, not "${raw}"`);
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') throw new ConfigError(`FANBOOK_GATEWAY_URL must start with wss:// or ws://, not "${raw}"`);
  if (url.username || url.password || url.search || url.hash) throw new ConfigError(`FANBOOK_GATEWAY_URL must be the bare gateway address without credentials, ?query or #fragment (creator-mcp adds the query), not "${raw}"`);
  return url.href;
}

export function baseUrlOf(env: Env): string {
  return baseUrlFrom(env, 'FANBOOK_API_BASE_URL', FANBOOK_DEFAULT_BASE_URL);
}

/** Enabled by a bot token, or by OAuth client credentials alone (open API tools only). */
export function configure(env: Env): FanbookConfig | undefined {
  requireTogether(env, ['FANBOOK_CLIENT_ID', 'FANBOOK_CLIENT_SECRET'], 'the OAuth open API needs both, from the Fanbook developer console');
  const botToken = env.FANBOOK_BOT_TOKEN || undefined;
  const clientId = env.FANBOOK_CLIENT_ID || undefined;
  const clientSecret = env.FANBOOK_CLIENT_SECRET || undefined;
  const gateway = parseBool('FANBOOK_GATEWAY', env.FANBOOK_GATEWAY, true);
  const gatewayUrl = gatewayUrlOf(env);
  if (!botToken && !(clientId && clientSecret)) return undefined;
  return {
    gateway: gateway && Boolean(botToken),
    gatewayUrl,
    sendsPerSecond: sendsPerSecondOf(env),
    baseUrl: baseUrlOf(env),
    botToken,
    clientId,
    clientSecret,
    redirectUri: env.FANBOOK_REDIRECT_URI || undefined,
    guildIds: (env.FANBOOK_GUILD_IDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d{1,19}$/.test(s)),
  };
}
