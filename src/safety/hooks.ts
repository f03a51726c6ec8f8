import type { SecretSet } from '../http/redact.js';
import type { Platform } from '../platforms/types.js';
import type { Invocation, Outcome, StageHooks } from '../tools/invoke.js';
import type { AuditTrail } from './audit-log.js';
import { deliveryOf, errorSummary, summarizeArgs, summarizeResult } from './audit-summary.js';
import { markOf } from './marking.js';
import type { SafetySettings } from './settings.js';
import { cleanUntrusted } from './untrusted.js';

export interface SafetyDeps {
  platforms: readonly Platform[];
  settings: SafetySettings;
  audit: AuditTrail;
  secrets: SecretSet;
}

/**
 * The clean and audit stages of the invoke pipeline. Cleaning follows the platform's declared
 * untrusted fields and leaves the mark on the invocation for the result to carry; the audit
 * stage runs after every write (invoke.ts skips reads), whatever its outcome.
 */
export function safetyHooks(d: SafetyDeps): Required<Pick<StageHooks, 'clean' | 'audit'>> {
  const rules = new Map(d.platforms.flatMap((p) => (p.untrusted ? [[p.id as string, p.untrusted] as const] : [])));
  return {
    clean(value: unknown, inv: Invocation): unknown {
      const r = inv.platform === undefined ? undefined : rules.get(inv.platform);
      if (!r) return value;
      const out = cleanUntrusted(value, r, { lockdown: d.settings.lockdown, operation: inv.op?.name });
      inv.untrusted = markOf(out.report);
      return out.value;
    },
    async audit(inv: Invocation, outcome: Outcome): Promise<void> {
      const delivery = deliveryOf(outcome);
      const account = inv.account ?? 'default';
      const summary = outcome.ok ? summarizeResult(outcome.value) : undefined;
      await d.audit.append(
        d.secrets.redactValue({
          time: new Date().toISOString(),
          tool: inv.name,
          platform: inv.platform,
          account,
          args: summarizeArgs(inv.args),
          confirmation: inv.confirmation ?? 'not-needed',
          outcome: outcome.ok ? 'ok' : 'error',
          ...(summary ? { result: summary } : {}),
          ...(outcome.ok ? {} : { error: errorSummary(outcome, inv.name, d.secrets) }),
          delivery,
          mayHaveBeenProcessed: delivery !== 'not-processed',
        }),
      );
    },
  };
}
