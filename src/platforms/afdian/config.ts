import { baseUrlFrom, requireTogether } from '../env-values.js';
import type { Env } from '../types.js';
import { AFDIAN_WEBHOOK_PUBLIC_KEY } from './sign.js';

export interface AfdianConfig {
  baseUrl: string;
  userId: string;
  token: string;
  webhookPublicKey: string;
}

export const AFDIAN_DEFAULT_BASE_URL = 'https://afdian.com';

export function baseUrlOf(env: Env): string {
  return baseUrlFrom(env, 'AFDIAN_API_BASE_URL', AFDIAN_DEFAULT_BASE_URL);
}

/** The open API needs the creator's user_id and API token from https://afdian.com/dashboard/dev. */
export function configure(env: Env): AfdianConfig | undefined {
  requireTogether(env, ['AFDIAN_USER_ID', 'AFDIAN_TOKEN'], 'the open API needs both, from https://afdian.com/dashboard/dev (API 与 Webhook)');
  if (!env.AFDIAN_USER_ID || !env.AFDIAN_TOKEN) return undefined;
  return {
    baseUrl: baseUrlOf(env),
    userId: env.AFDIAN_USER_ID,
    token: env.AFDIAN_TOKEN,
    webhookPublicKey: env.AFDIAN_WEBHOOK_PUBLIC_KEY || AFDIAN_WEBHOOK_PUBLIC_KEY,
  };
}
