import type { Operation } from '../platforms/types.js';

/** What a write can do that the user may not want: undo is impossible, many people see it, or money moves. */
export type Risk = 'destructive' | 'audience' | 'money';

/** Per-platform corrections by tool-less operation name; data, so rows stay untouched. */
export type RiskOverrides = Readonly<Record<string, readonly Risk[]>>;

// Derived from the row's name like the annotations are derived from its kind, so no row can omit it.
const AUDIENCE = /(^|_)(mass|broadcast|bulk|announce|all)(_|$)|members?_roles?|_roles?$/;
const MONEY = /(^|_)(price|prices|pricing|paid|refund|credit|credits|payout|tip|tips|discount|ppv)(_|$)/;

export function riskFor(op: Pick<Operation, 'kind' | 'name'>, overrides: RiskOverrides = {}): ReadonlySet<Risk> {
  const fixed = overrides[op.name];
  if (fixed) return new Set(fixed);
  if (op.kind === 'read') return new Set();
  const risks = new Set<Risk>();
  if (op.kind === 'destructive') risks.add('destructive');
  if (AUDIENCE.test(op.name)) risks.add('audience');
  if (MONEY.test(op.name)) risks.add('money');
  return risks;
}
