import type { CallToolResult, InputRequiredResult } from '@modelcontextprotocol/server';
import type { UserChannel } from '../consent/channel.js';
import { describeError } from '../http/errors.js';
import type { SecretSet } from '../http/redact.js';
import type { Logger } from '../log.js';
import type { CallOptions, Operation, PlatformClient } from '../platforms/types.js';
import type { UntrustedMark } from '../safety/marking.js';
import { toToolError, toToolResult } from './result.js';

/**
 * The one path every platform call takes on its way to an agent, whether it started as a tool,
 * a resource template or an automation context. Stages run in this order; later work hooks in
 * by name without a second path (a confirmation before `call`, cleaning and marking untrusted
 * text after `shape`, an audit entry after a write):
 *
 *   validate → confirm → call → shape → clean → redact → audit
 *
 * Every stage may throw; whatever it throws becomes a failed outcome, never a crash.
 */
export const STAGES = ['validate', 'confirm', 'call', 'shape', 'clean', 'redact', 'audit'] as const;
export type StageName = (typeof STAGES)[number];

export interface Invocation {
  /** Tool name or resource URI: what errors and logs call it. */
  name: string;
  args: Record<string, unknown>;
  /** The row, when the call is one operation (tools); absent for composite reads (contexts). */
  op?: Operation;
  options?: CallOptions;
  /** How the confirm stage can reach the user on this request (tools only). */
  user?: UserChannel;
  /** The platform whose rows or context this is; the clean stage reads its untrusted fields. */
  platform?: string;
  /** Which of the platform's accounts acts; confirmations and the audit trail name it. */
  account?: string;
  /** Set by the clean stage: which fields of the value people wrote, for the result to mark. */
  untrusted?: UntrustedMark;
  /** What the confirm stage decided; the audit stage records it. */
  confirmation?: 'not-needed' | 'accepted' | 'declined' | 'cancelled' | 'unavailable' | 'refused-state';
}

/**
 * Thrown by a stage that ends the call with its own answer instead of an error text: a
 * question for the user (input_required) or a refusal it words itself. `call` never runs.
 */
export class StageAnswer extends Error {
  constructor(readonly result: CallToolResult | InputRequiredResult) {
    super('answered by a stage');
    this.name = 'StageAnswer';
  }
}

/** Hooks for the optional stages; each receives the invocation and the value so far. */
export interface StageHooks {
  validate?(inv: Invocation): void | Promise<void>;
  confirm?(inv: Invocation): void | Promise<void>;
  clean?(value: unknown, inv: Invocation): unknown;
  audit?(inv: Invocation, outcome: Outcome): void | Promise<void>;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; stage: StageName };

export interface InvokeDeps {
  secrets: SecretSet;
  log: Logger;
  hooks?: StageHooks;
}

/**
 * Runs the pipeline around `call` (the platform request or the context assembly). The value
 * that comes out is redacted by structure; an error is returned, not thrown.
 */
export async function invoke(
  deps: InvokeDeps,
  inv: Invocation,
  call: (inv: Invocation) => Promise<unknown>,
  shape?: (data: unknown, args: Record<string, unknown>) => unknown,
): Promise<Outcome> {
  const hooks = deps.hooks ?? {};
  let stage: StageName = 'validate';
  let outcome: Outcome;
  try {
    await hooks.validate?.(inv);
    stage = 'confirm';
    await hooks.confirm?.(inv);
    stage = 'call';
    let value = await call(inv);
    stage = 'shape';
    if (shape) value = shape(value, inv.args);
    stage = 'clean';
    if (hooks.clean) value = hooks.clean(value, inv);
    stage = 'redact';
    outcome = { ok: true, value: deps.secrets.redactValue(value) };
  } catch (error) {
    deps.log.debug(`${inv.name}: ${error instanceof Error ? error.message : String(error)} (${stage})`, inv.options?.signal);
    outcome = { ok: false, error, stage };
  }
  if (hooks.audit && inv.op && inv.op.kind !== 'read') {
    try {
      await hooks.audit(inv, outcome);
    } catch (err) {
      deps.log.warn(`${inv.name}: audit failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return outcome;
}

/** A tool call: the row through its client, as an MCP tool result (one `isError` on failure). */
export async function invokeOperation(deps: InvokeDeps, client: PlatformClient, op: Operation, inv: Omit<Invocation, 'op'>): Promise<CallToolResult | InputRequiredResult> {
  const full: Invocation = { ...inv, op };
  const outcome = await invoke(deps, full, (i) => client.call(op, i.args, i.options), op.shape as ((d: unknown, a: Record<string, unknown>) => unknown) | undefined);
  if (outcome.ok) return toToolResult(outcome.value, deps.secrets, full.untrusted);
  // A stage's own answer (a question quoting the arguments) is masked like any result.
  if (outcome.error instanceof StageAnswer) return deps.secrets.redactValue(outcome.error.result);
  return toToolError(outcome.error, inv.name, deps.secrets);
}

/** The sentence an agent reads for a failed read or context section, already redacted. */
export function failureText(deps: Pick<InvokeDeps, 'secrets'>, error: unknown, what: string): string {
  return deps.secrets.redact(describeError(error, what));
}

/**
 * One section of a composite read (an automation context): the view runs inside the pipeline's
 * protection, so a view that throws on an odd answer fails its section in place.
 */
export function section<T, R, F>(
  r: PromiseSettledResult<T>,
  view: (v: T) => R,
  onFail: (error: unknown) => F,
): R | F {
  if (r.status === 'rejected') return onFail(r.reason);
  try {
    return view(r.value);
  } catch (err) {
    return onFail(err);
  }
}
