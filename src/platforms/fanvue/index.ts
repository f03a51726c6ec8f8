import type { Platform } from '../types.js';
import { createFanvueClient } from './client.js';
import { FANVUE_API_VERSION, configure, secretsOf, type FanvueConfig } from './config.js';
import { fanvueContext } from './context.js';
import { readFanvueError } from './errors.js';
import { agencyGuide } from './agency-guide.js';
import { guides } from './guides.js';
import type { FanvueExtras } from './operation.js';
import { operations } from './operations/index.js';
import { confirmations } from './confirm.js';
import { fanvueRateLimiter } from './rate-limit.js';
import { resourceTemplates } from './resources.js';
import { toolsets } from './toolsets.js';
import { fanvueWebhook } from './webhook.js';
import { fanvueUntrusted } from './untrusted.js';

export const fanvue: Platform<FanvueConfig, FanvueExtras> = {
  id: 'fanvue',
  title: 'Fanvue',
  searchTerms: {
    fanvue_account: 'creator',
    fanvue_chats: 'fans DM',
    fanvue_audience: 'fans',
    fanvue_posts: 'PPV',
    fanvue_media: 'vault photos videos',
    fanvue_insights: 'revenue fans',
    fanvue_tracking: 'campaign',
    fanvue_agency: 'creator manager',
  },
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
  guides: [...guides, agencyGuide(operations)],
  confirmations,
  automationContext: (client, deps, opts) => fanvueContext(client, deps, opts),
  webhook: (cfg) => fanvueWebhook(cfg),
  // Loaded when someone logs in: the OAuth library is not needed to serve.
  login: async (env, deps) => (await import('./login.js')).loginFanvue(env, deps),
};
