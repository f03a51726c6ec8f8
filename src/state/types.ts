import type { TokenStore } from '../auth/token-store.js';
import type { NonceStore } from '../consent/nonces.js';
import type { SharedBuckets } from '../http/rate-limit.js';
import type { ReviewLedger } from '../ledger/review-ledger.js';
import type { AuditTrail } from '../safety/audit-log.js';
import type { EventInbox } from '../webhooks/inbox.js';

/**
 * Everything several instances must agree on, behind one seam: the file backend keeps it in the
 * state dir (one machine), the Redis backend in one Redis that every instance reaches.
 */
export interface StateBackend {
  readonly kind: 'file' | 'redis';
  tokens: TokenStore;
  inbox: EventInbox;
  ledger: ReviewLedger;
  audit: AuditTrail;
  nonces: NonceStore;
  /** Rate-limit buckets every instance spends from; undefined = each process counts alone. */
  buckets?: SharedBuckets;
  /** Where the state lives, for `creator-mcp status`: never a password. */
  describe(): string;
  /** Round trips this process has made to a remote store (the bench's figure); absent for files. */
  commandsSent?(): number;
  close(): Promise<void>;
}
