import type { Platform } from '../types.js';
import { createAfdianClient } from './client.js';
import { configure, type AfdianConfig } from './config.js';
import { afdianContext } from './context.js';
import { operations } from './operations.js';
import { loginAfdian } from './login.js';
import { afdianWebhook } from './webhook.js';

export const afdian: Platform<AfdianConfig> = {
  id: 'afdian',
  title: 'Afdian',
  searchTerms: '爱发电 赞助 订单 发电 方案 sponsor order plan',
  toolsets: [
    { id: 'afdian_account', description: 'Credential check' },
    { id: 'afdian_orders', description: 'Orders and their random replies' },
    { id: 'afdian_sponsors', description: 'Sponsors and their plans' },
    { id: 'afdian_plans', description: 'Plans and their auto-replies' },
    { id: 'afdian_messages', description: 'Private messages to users' },
  ],
  operations,
  configure,
  secrets: (cfg) => [cfg.token],
  createClient: (cfg, deps) => createAfdianClient(cfg, deps.http),
  automationContext: afdianContext,
  webhook: (cfg) => afdianWebhook(cfg),
  login: loginAfdian,
};
