import { RateLimiter } from '../../http/rate-limit.js';
import type { Platform } from '../types.js';
import { createAfdianClient } from './client.js';
import { configure, type AfdianConfig } from './config.js';
import { afdianContext } from './context.js';
import { operations } from './operations.js';
import { loginAfdian } from './login.js';
import { afdianWebhook } from './webhook.js';
import { afdianUntrusted } from './untrusted.js';

export const afdian: Platform<AfdianConfig> = {
  id: 'afdian',
  title: 'Afdian',
  searchTerms: '爱发电 赞助 订单 发电 方案 sponsor order plan',
  untrusted: afdianUntrusted,
  toolsets: [
    { id: 'afdian_account', description: 'Credential check' },
    { id: 'afdian_orders', description: 'Orders and their random replies' },
    { id: 'afdian_sponsors', description: 'Sponsors and their plans' },
    { id: 'afdian_plans', description: 'Plans and their auto-replies' },
    { id: 'afdian_messages', description: 'Private messages to users' },
  ],
  operations,
  configure,
  accountVariables: ['AFDIAN_USER_ID', 'AFDIAN_TOKEN'],
  secrets: (cfg) => [cfg.token],
  createClient: (cfg, deps) => createAfdianClient(cfg, deps.http),
  // Afdian limits private messages to 10 per second and 1000 per hour and documents no answer for
  // going beyond: sends wait their turn here instead. Afdian counts when a message arrives, not
  // when it left, so the second is stretched: a burst's first requests may arrive late.
  http: () => ({
    rateLimiter: new RateLimiter({
      limit: 10,
      windowMs: 1_250,
      also: [{ limit: 1_000, windowMs: 3_600_000 }],
      bucketOf: (url) => (url.endsWith('/api/open/send-msg') ? 'send-msg' : undefined),
    }),
  }),
  automationContext: afdianContext,
  webhook: (cfg) => afdianWebhook(cfg),
  login: loginAfdian,
};
