import { inputRequired, inputResponse, type CallToolResult, type ElicitRequestFormParams } from '@modelcontextprotocol/server';
import type { PlatformClient, PlatformId } from '../platforms/types.js';
import type { CatalogEntry } from '../tools/catalog.js';
import { StageAnswer, type Invocation } from '../tools/invoke.js';
import { describeCall, type DescribeKit } from './describe.js';
import type { NonceStore } from './nonces.js';
import { needsConfirmation, type ConfirmPolicy } from './policy.js';
import { argsHash, STATE_TTL_MS, type StateSealer } from './state.js';

/** What the confirm stage decided; the audit stage reads it from `Invocation.confirmation`. */
export type ConfirmationOutcome = 'not-needed' | 'accepted' | 'declined' | 'cancelled' | 'unavailable' | 'refused-state';

type AccountClients = ReadonlyMap<PlatformId, { clients: ReadonlyMap<string, PlatformClient> }>;

/** Process-wide: the policy, the key that seals questions, and the record of spent answers. */
export interface Consent {
  policy: ConfirmPolicy;
  sealer: StateSealer;
  used: NonceStore;
}

// A call that names no account acts as the platform's only one; the state is bound to its name.
const ACCOUNT = 'default';
const KEY = 'confirm';
// A box the user ticks, default unticked: a client that accepts forms on its own sends false.
const SCHEMA: ElicitRequestFormParams['requestedSchema'] = {
  type: 'object',
  properties: { confirm: { type: 'boolean', title: 'Yes, do this', description: 'Tick to approve exactly what is described above.', default: false } },
  required: ['confirm'],
};

const REFUSED: Record<string, string> = {
  malformed: 'is not a confirmation this server issued',
  tampered: 'was altered or sealed with another key',
  expired: `expired (a question is valid for ${STATE_TTL_MS / 60_000} minutes)`,
  mismatched: 'was issued for another tool, other arguments or another account',
  replayed: 'was already used once',
};

/**
 * The confirm stage: decides per call with needsConfirmation() and, when the user must
 * approve, asks them through the client (never the model) before anything is sent. Anything
 * but an approval ends the call with a StageAnswer, so `call` never runs.
 */
export function confirmStage(consent: Consent, entries: readonly CatalogEntry[], clients: ReadonlyMap<PlatformId, PlatformClient>, accounts?: AccountClients) {
  const byName = indexOf(entries);
  return async (inv: Invocation): Promise<void> => {
    const entry = byName.get(inv.name);
    if (!inv.op || !entry || !needsConfirmation(consent.policy, inv.name, inv.op)) {
      inv.confirmation = 'not-needed';
      return;
    }
    const user = inv.user;
    const refuse = (outcome: ConfirmationOutcome, text: string): never => {
      inv.confirmation = outcome;
      throw new StageAnswer(refusal(text));
    };
    if (!user) return refuse('unavailable', unavailable(inv.name, consent.policy.mode, 'it has no channel to the user'));
    const binding = { tool: inv.name, argsHash: argsHash(inv.args), account: inv.account ?? ACCOUNT };
    const ask = () => describeCall(entry.platform, inv.op!, inv.args, kitFor(entry, clients, inv, accounts));

    if (user.modern) {
      if (user.requestState !== undefined) {
        const opened = consent.sealer.open(user.requestState, binding);
        if (!opened.ok) return refuse('refused-state', stateRefused(inv.name, opened.reason));
        const answer = inputResponse(user.inputResponses, KEY);
        if (answer.kind === 'elicit') {
          const verdict = verdictOf(answer.action, answer.content);
          if (verdict !== 'accepted') return refuse(verdict, answered(inv.name, verdict));
          if (!(await consent.used.spend(opened.state.nonce, opened.state.exp))) return refuse('refused-state', stateRefused(inv.name, 'replayed'));
          inv.confirmation = 'accepted';
          return;
        }
      }
      if (!user.canElicit) return refuse('unavailable', unavailable(inv.name, consent.policy.mode, 'the client did not declare the elicitation capability'));
      const message = await ask();
      // Not a refusal: the client shows the question and calls again with the answer.
      throw new StageAnswer(inputRequired({ inputRequests: { [KEY]: inputRequired.elicit({ message, requestedSchema: SCHEMA }) }, requestState: consent.sealer.seal(binding) }));
    }

    if (user.statelessHttp) return refuse('unavailable', unavailable(inv.name, consent.policy.mode, 'a 2025-era client over HTTP cannot be asked during a call (that HTTP is stateless)'));
    const message = await ask();
    let result;
    try {
      result = await user.elicit({ mode: 'form', message, requestedSchema: SCHEMA }, { signal: inv.options?.signal, timeout: STATE_TTL_MS });
    } catch (err) {
      if (inv.options?.signal?.aborted) {
        // The call itself was cancelled while the user was being asked: nothing is sent.
        inv.confirmation = 'cancelled';
        throw err;
      }
      return refuse('unavailable', unavailable(inv.name, consent.policy.mode, reasonOf(err)));
    }
    const verdict = verdictOf(result.action, result.content);
    if (verdict !== 'accepted') return refuse(verdict, answered(inv.name, verdict));
    inv.confirmation = 'accepted';
  };
}

// HTTP builds a server per request; the catalog it indexes lives as long as the runtime.
const indexes = new WeakMap<readonly CatalogEntry[], Map<string, CatalogEntry>>();
function indexOf(entries: readonly CatalogEntry[]): Map<string, CatalogEntry> {
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = new Map(entries.map((e) => [e.name, e]))));
  return index;
}

function verdictOf(action: string, content: Record<string, unknown> | undefined): 'accepted' | 'declined' | 'cancelled' {
  if (action === 'accept') return content?.confirm === true ? 'accepted' : 'declined';
  return action === 'cancel' ? 'cancelled' : 'declined';
}

/** Count reads for the question go through the same platform client, bounded by the call's signal. */
function kitFor(entry: CatalogEntry, clients: ReadonlyMap<PlatformId, PlatformClient>, inv: Invocation, accounts?: AccountClients): DescribeKit {
  const client = (inv.account ? accounts?.get(entry.platform.id)?.clients.get(inv.account) : undefined) ?? clients.get(entry.platform.id);
  return {
    where: `on ${entry.platform.title} account ${inv.account ?? ACCOUNT}`,
    async read(opName, args) {
      const op = entry.platform.operations.find((o) => o.name === opName && o.kind === 'read');
      if (!op || !client) return undefined;
      return client.call(op, args, { signal: inv.options?.signal }).catch(() => undefined);
    },
  };
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // The SDK's wording for a client that did not declare the capability.
  if (/does not support|capabilit/i.test(message)) return 'the client did not declare the elicitation capability';
  return `asking the user failed (${message})`;
}

function refusal(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function unavailable(tool: string, mode: string, why: string): string {
  return (
    `${tool} needs the user's approval (CREATOR_MCP_CONFIRM=${mode}), but the user cannot be asked: ${why}. Nothing was sent. ` +
    `Use a client that supports MCP elicitation (a 2026-07-28 client, or elicitation over stdio), add ${tool} to CREATOR_MCP_CONFIRM_EXEMPT, or set CREATOR_MCP_CONFIRM=off.`
  );
}

function answered(tool: string, verdict: 'declined' | 'cancelled'): string {
  return verdict === 'declined'
    ? `The user declined ${tool}: nothing was sent. Do not try again unless the user asks for it.`
    : `The user closed the question about ${tool} without answering: nothing was sent. Ask the user before trying again.`;
}

function stateRefused(tool: string, reason: string): string {
  return `The confirmation for ${tool} was refused: it ${REFUSED[reason] ?? 'is not valid'}. Nothing was sent. Call ${tool} again to ask the user afresh.`;
}
