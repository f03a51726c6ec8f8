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
}

/** The official doc's host; every SDK uses a1.fanbook.mobi with the same paths. */
export const FANBOOK_DEFAULT_BASE_URL = 'https://a1.fanbook.cn';

export function baseUrlOf(env: Env): string {
  return baseUrlFrom(env, 'FANBOOK_API_BASE_URL', FANBOOK_DEFAULT_BASE_URL);
}

/** Enabled by a bot token, or by OAuth client credentials alone (open API tools only). */
export function configure(env: Env): FanbookConfig | undefined {
  requireTogether(env, ['FANBOOK_CLIENT_ID', 'FANBOOK_CLIENT_SECRET'], 'the OAuth open API needs both, from the Fanbook developer console');
  const botToken = env.FANBOOK_BOT_TOKEN || undefined;
  const clientId = env.FANBOOK_CLIENT_ID || undefined;
  const clientSecret = env.FANBOOK_CLIENT_SECRET || undefined;
  if (!botToken && !(clientId && clientSecret)) return undefined;
  return {
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
