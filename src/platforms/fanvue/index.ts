import type { Platform } from '../types.js';
import { createFanvueClient } from './client.js';
import { FANVUE_API_VERSION, configure, secretsOf, type FanvueConfig } from './config.js';
import { fanvueContext } from './context.js';
import { readFanvueError } from './errors.js';
import { guides } from './guides.js';
import { loginFanvue } from './login.js';
import { operations } from './operations/index.js';
import { confirmations } from './confirm.js';
import { fanvueRateLimiter } from './rate-limit.js';
import { resourceTemplates } from './resources.js';
import { toolsets } from './toolsets.js';
import { fanvueWebhook } from './webhook.js';
import { fanvueUntrusted } from './untrusted.js';

export const fanvue: Platform<FanvueConfig> = {
  id: 'fanvue',
  title: 'Fanvue',
  searchTerms: 'Fanvue creator fans subscribers PPV',
  untrusted: fanvueUntrusted,
  toolsets,
  operations,
  configure,
  accountVariables: ['FANVUE_ACCESS_TOKEN', 'FANVUE_REFRESH_TOKEN'],
  secrets: secretsOf,
  basicAuth: (cfg) => [{ id: cfg.clientId, secret: cfg.clientSecret }],
  createClient: createFanvueClient,
  http: (cfg) => ({
    readError: readFanvueError,
    rateLimiter: fanvueRateLimiter(cfg),
    defaultHeaders: { 'x-fanvue-api-version': FANVUE_API_VERSION },
  }),
  resourceTemplates,
  guides,
  confirmations,
  automationContext: (client, deps, opts) => fanvueContext(client, deps, opts),
  webhook: (cfg) => fanvueWebhook(cfg),
  login: loginFanvue,
};
