import type { Platform } from '../types.js';
import { createFanbookClient } from './client.js';
import { configure, type FanbookConfig } from './config.js';
import { fanbookContext, guildTemplate } from './context.js';
import { readFanbookError } from './errors.js';
import { listenFanbook } from './listen.js';
import { guides } from './guides.js';
import { loginFanbook } from './login.js';
import { operations } from './operations/index.js';
import { confirmations } from './confirm.js';
import { fanbookUntrusted } from './untrusted.js';

export const fanbook: Platform<FanbookConfig> = {
  id: 'fanbook',
  title: 'Fanbook',
  searchTerms: '频道 服务器 角色 成员 消息 圈子 guild',
  untrusted: fanbookUntrusted,
  toolsets: [
    { id: 'fanbook_messages', description: 'Send, edit, delete, pin and react to messages; poll for new ones' },
    { id: 'fanbook_interaction', description: 'Interactive message cards: slots that users click' },
    { id: 'fanbook_guild', description: 'The bot, guilds, members, moderation (mute, kick), emoji and invites' },
    { id: 'fanbook_roles', description: 'Guild roles and who holds them' },
    { id: 'fanbook_channels', description: 'Channels, their message lists, and private chats' },
    { id: 'fanbook_circles', description: 'Circles: the forum-like post feed of a guild' },
    { id: 'fanbook_credits', description: 'Honour and game-record cards on member profiles' },
    { id: 'fanbook_oauth', description: 'The OAuth open API of the logged-in user (creator-mcp login fanbook)' },
    {
      id: 'fanbook_unverified',
      description: 'Methods only one Fanbook document describes, unconfirmed by any SDK (opt-in)',
      default: false,
    },
  ],
  operations,
  configure,
  // A bot's guilds are its own: another bot is not a member of them.
  accountVariables: ['FANBOOK_BOT_TOKEN', 'FANBOOK_GUILD_IDS'],
  // The bot token sits in every bot API URL path; the core also masks any /api/bot/<segment>.
  secrets: (cfg) => [cfg.botToken, cfg.clientSecret].filter((s): s is string => Boolean(s)),
  basicAuth: (cfg) => [{ id: cfg.clientId, secret: cfg.clientSecret }],
  createClient: (cfg, deps) => createFanbookClient(cfg, deps),
  http: () => ({ readError: readFanbookError }),
  resourceTemplates: [guildTemplate],
  guides,
  automationContext: fanbookContext,
  confirmations,
  listen: listenFanbook,
  login: loginFanbook,
};
