import { AuthRequiredError, CancelledError, describeError, PlatformError, type Delivery } from '../http/errors.js';
import type { SecretSet } from '../http/redact.js';
import type { Outcome } from '../tools/invoke.js';

/**
 * What an audit entry may say about arguments and results: ids, numbers and booleans as they are,
 * every other string only as its length. A message body, a password or a token never reaches the
 * audit file, even one that no secret list knows about.
 */
const ID_KEY = /(^|_)(id|ids|uuid|uuids|pid|cid|gid|uid|aid|fsid|hid|cursor|page)$|[a-z](Id|Ids|Uuid|Uuids|Pid|Cid|Gid|Uid|Fsid)$/;
const ID_VALUE = /^[A-Za-z0-9_.:@-]{1,80}$/;
const MAX_KEYS = 30;
const MAX_ITEMS = 20;

export function summarizeArgs(value: unknown, key = '', depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return ID_KEY.test(key) && ID_VALUE.test(value) ? value : { chars: value.length };
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => summarizeArgs(v, key, depth + 1));
    return value.length > MAX_ITEMS ? { items: items, total: value.length } : items;
  }
  if (typeof value === 'object') {
    if (depth >= 3) return { keys: Object.keys(value).length };
    const entries = Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS);
    return Object.fromEntries(entries.map(([k, v]) => [k, summarizeArgs(v, k, depth + 1)]));
  }
  return typeof value;
}

/** A result's ids and counts only (what was created or changed), never its text. */
export function summarizeResult(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS)) {
    if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string' && ID_KEY.test(k) && ID_VALUE.test(v)) out[k] = v;
    else if (Array.isArray(v)) out[k] = { items: v.length };
    else if (depth < 1 && v && typeof v === 'object') {
      const inner = summarizeResult(v, depth + 1);
      if (inner && Object.keys(inner).length) out[k] = inner;
    }
  }
  return out;
}

/** Whether the platform may have acted: what an operator checks before redoing a failed write. */
export function deliveryOf(outcome: Outcome): Delivery {
  if (outcome.ok) return 'processed';
  if (outcome.stage === 'validate' || outcome.stage === 'confirm') return 'not-processed';
  if (outcome.stage !== 'call') return 'processed';
  const err = outcome.error;
  if (err instanceof PlatformError || err instanceof CancelledError) return err.delivery;
  if (err instanceof AuthRequiredError) return 'not-processed';
  return 'unknown';
}

export function errorSummary(outcome: Outcome, tool: string, secrets: SecretSet): string | undefined {
  if (outcome.ok) return undefined;
  const text = secrets.redact(describeError(outcome.error, tool));
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
