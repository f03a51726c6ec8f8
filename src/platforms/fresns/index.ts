import type { Platform } from '../types.js';
import { createFresnsClient } from './client.js';
import { configure, secretsOf, type FresnsConfig } from './config.js';
import { fresnsContext, resourceTemplates } from './context.js';
import { readError } from './envelope.js';
import { guides } from './guides.js';
import { operations } from './operations/index.js';
import { routeFor } from './operations/versions.js';
import { fresnsUntrusted } from './untrusted.js';

export const fresns: Platform<FresnsConfig> = {
  id: 'fresns',
  title: 'Fresns',
  searchTerms: '帖子 评论 发帖 用户 私信 通知 community',
  untrusted: fresnsUntrusted,
  toolsets: [
    { id: 'fresns_global', description: 'Site configuration, dictionaries and common helpers' },
    { id: 'fresns_account', description: 'Account login, profile, wallet and deletion' },
    { id: 'fresns_users', description: 'Users, profiles, likes/follows/blocks and the user login' },
    { id: 'fresns_messages', description: 'Notifications and private conversations' },
    { id: 'fresns_content', description: 'Groups, hashtags, posts and comments' },
    { id: 'fresns_editor', description: 'Publishing: quick publish, uploads and drafts' },
    { id: 'fresns_search', description: 'Search users, groups, hashtags, posts and comments' },
  ],
  operations,
  configure,
  accountVariables: ['FRESNS_ACCOUNT', 'FRESNS_PASSWORD', 'FRESNS_ACCOUNT_TYPE', 'FRESNS_COUNTRY_CODE', 'FRESNS_USER', 'FRESNS_USER_PASSWORD', 'FRESNS_AID', 'FRESNS_AID_TOKEN', 'FRESNS_UID', 'FRESNS_UID_TOKEN'],
  // With FRESNS_API_VERSION=auto the union is listed (detection waits for the first call, so
  // listing tools stays offline); a tool the detected site lacks then answers with a clear error.
  offers: (cfg, op) => cfg.apiVersion === 'auto' || routeFor(op, cfg.apiVersion) !== undefined,
  secrets: secretsOf,
  http: () => ({ readError }),
  createClient: (cfg, deps) => createFresnsClient(cfg, deps),
  automationContext: fresnsContext,
  resourceTemplates,
  guides,
};
