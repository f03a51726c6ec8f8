import type { PlatformId, WebhookLog } from '../platforms/types.js';
import { DEFAULT_ACCOUNT } from './env.js';

/**
 * Where one account's events live in the inbox: the platform's own key for `default` (so a
 * one-account setup keeps its inbox as it was), `<platform>.<account>` for the others, so two
 * accounts of one platform never read each other's events.
 */
export function inboxKey(platform: PlatformId, account: string): PlatformId {
  return (account === DEFAULT_ACCOUNT ? platform : `${platform}.${account}`) as PlatformId;
}

/** The platform and account an inbox key names. */
export function splitInboxKey(key: string): { platform: PlatformId; account: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { platform: key as PlatformId, account: DEFAULT_ACCOUNT } : { platform: key.slice(0, dot) as PlatformId, account: key.slice(dot + 1) };
}

/** The inbox as one account's context reads it. */
export function accountWebhookLog(inbox: WebhookLog, account: string): WebhookLog {
  return { recent: (platform, limit) => inbox.recent(inboxKey(platform, account), limit) };
}
