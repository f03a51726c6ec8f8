import type { FanbookOperation } from '../operation.js';
import { channelOperations } from './channels.js';
import { circleOperations } from './circles.js';
import { creditOperations } from './credits.js';
import { guildOperations } from './guild.js';
import { interactionOperations } from './interaction.js';
import { memberOperations } from './members.js';
import { messageOperations } from './messages.js';
import { oauthOperations } from './oauth.js';
import { roleOperations } from './roles.js';
import { unverifiedOperations } from './unverified.js';
import { updateOperations } from './updates.js';

export const operations: readonly FanbookOperation[] = [
  ...messageOperations,
  ...updateOperations,
  ...interactionOperations,
  ...guildOperations,
  ...memberOperations,
  ...roleOperations,
  ...channelOperations,
  ...circleOperations,
  ...creditOperations,
  ...oauthOperations,
  ...unverifiedOperations,
];

export function operation(name: string): FanbookOperation {
  const found = operations.find((o) => o.name === name);
  if (!found) throw new Error(`fanbook operation ${name} missing`);
  return found;
}
