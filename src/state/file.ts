import { FileTokenStore } from '../auth/token-store.js';
import { UsedNonces } from '../consent/nonces.js';
import { FileReviewLedger } from '../ledger/review-ledger.js';
import { AuditLog } from '../safety/audit-log.js';
import { WebhookInbox } from '../webhooks/inbox.js';
import type { StateOptions } from './open.js';
import type { StateBackend } from './types.js';

/** Today's embedded store: everything under the state dir, shared by processes on one machine. */
export async function openFileState(opts: StateOptions): Promise<StateBackend> {
  const { stateDir, secretKey, inbox, audit, now } = opts;
  const tokens = await FileTokenStore.open({ stateDir, secretKey });
  return {
    kind: 'file',
    tokens,
    inbox: new WebhookInbox(stateDir, { ...inbox, now }),
    ledger: new FileReviewLedger(stateDir),
    audit: new AuditLog(stateDir, { ...audit, now }),
    nonces: new UsedNonces(stateDir, now),
    describe: () => `file (state dir ${stateDir})`,
    close: async () => undefined,
  };
}
