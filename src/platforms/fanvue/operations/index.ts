import type { FanvueOperation } from '../operation.js';
import { accountOperations } from './account.js';
import { agencyOperations } from './agency.js';
import { audienceOperations } from './audience.js';
import { chatOperations } from './chats.js';
import { creatorMirrors } from './creator-mirrors.js';
import { insightsOperations } from './insights.js';
import { mediaOperations } from './media.js';
import { messageOperations } from './messages.js';
import { postOperations } from './posts.js';
import { trackingOperations } from './tracking.js';
import { vaultOperations } from './vault.js';

/** The creator's own API: every operation of Fanvue's spec outside /agencies and /creators. */
export const selfOperations: readonly FanvueOperation[] = [
  ...accountOperations,
  ...chatOperations,
  ...messageOperations,
  ...audienceOperations,
  ...postOperations,
  ...mediaOperations,
  ...vaultOperations,
  ...insightsOperations,
  ...trackingOperations,
];

export const operations: readonly FanvueOperation[] = [...selfOperations, ...agencyOperations, ...creatorMirrors(selfOperations)];

export function operation(name: string): FanvueOperation {
  const found = operations.find((o) => o.name === name);
  if (!found) throw new Error(`fanvue operation ${name} missing`);
  return found;
}
