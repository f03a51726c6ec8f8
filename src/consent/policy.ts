import { ConfigError } from '../http/errors.js';
import type { Env, Operation } from '../platforms/types.js';
import { riskFor, type RiskOverrides } from './risk.js';

export type ConfirmMode = 'risky' | 'writes' | 'off';

export interface ConfirmPolicy {
  mode: ConfirmMode;
  exempt: ReadonlySet<string>;
}

const MODES: readonly ConfirmMode[] = ['risky', 'writes', 'off'];

/** CREATOR_MCP_CONFIRM and CREATOR_MCP_CONFIRM_EXEMPT; an unknown tool name is a typo that would silently weaken consent. */
export function loadConfirmPolicy(env: Env, knownTools: ReadonlySet<string>): ConfirmPolicy {
  const raw = (env.CREATOR_MCP_CONFIRM ?? 'risky').trim().toLowerCase();
  if (!MODES.includes(raw as ConfirmMode)) {
    throw new ConfigError(`CREATOR_MCP_CONFIRM must be one of ${MODES.join(', ')}, not "${env.CREATOR_MCP_CONFIRM}"`);
  }
  const exempt = (env.CREATOR_MCP_CONFIRM_EXEMPT ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = exempt.filter((t) => !knownTools.has(t));
  if (unknown.length > 0) {
    throw new ConfigError(`CREATOR_MCP_CONFIRM_EXEMPT names unknown tool(s): ${unknown.join(', ')} (see creator-mcp tools)`);
  }
  return { mode: raw as ConfirmMode, exempt: new Set(exempt) };
}

/** Whether the user must approve this tool before it is sent. */
export function needsConfirmation(
  policy: ConfirmPolicy,
  tool: string,
  op: Pick<Operation, 'kind' | 'name'>,
  overrides?: RiskOverrides,
): boolean {
  if (policy.mode === 'off' || op.kind === 'read' || policy.exempt.has(tool)) return false;
  if (policy.mode === 'writes') return true;
  return riskFor(op, overrides).size > 0;
}
