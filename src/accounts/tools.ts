import * as z from 'zod';
import type { Operation, PlatformClient, PlatformId } from '../platforms/types.js';
import type { CatalogEntry } from '../tools/catalog.js';

interface WithAccounts {
  accounts: ReadonlyMap<string, unknown>;
}

/**
 * The tools of a platform with several accounts take `account`; with one account nothing
 * changes (no argument, the same schema and snapshot as before accounts existed). `configured`
 * is every account before a request pinned some (X-MCP-Accounts): pinned to one, the argument
 * stays as an optional enum of that one, so a call naming another account is refused, not
 * silently rerouted.
 */
export function withAccountArgument(
  entries: readonly CatalogEntry[],
  enabled: ReadonlyMap<PlatformId, WithAccounts>,
  configured: ReadonlyMap<PlatformId, WithAccounts> = enabled,
): CatalogEntry[] {
  return entries.flatMap((e) => {
    const names = [...(enabled.get(e.platform.id)?.accounts.keys() ?? [])];
    const several = (configured.get(e.platform.id)?.accounts.size ?? 0) > 1;
    // A row with its own `account` argument (a login by email) cannot also take ours; with
    // several accounts such logins come from each account's variables instead.
    if (several) return 'account' in (e.input ?? e.op.input).shape ? [] : [{ ...e, accounts: names }];
    if (e.accounts) {
      const { accounts: _dropped, ...rest } = e;
      return [rest];
    }
    return [e];
  });
}

// One schema object per (row input, account list), so the JSON Schema is converted once per process.
const schemas = new WeakMap<Operation['input'], Map<string, Operation['input']>>();

/** The row's input with the `account` enum added last: required, or optional when only one is left (pinned). */
export function accountInput(input: Operation['input'], platformTitle: string, accounts: readonly string[]): Operation['input'] {
  let byList = schemas.get(input);
  if (!byList) schemas.set(input, (byList = new Map()));
  const key = accounts.join(',');
  let schema = byList.get(key);
  if (!schema) {
    const names = z.enum(accounts as [string, ...string[]]);
    const account = (accounts.length === 1 ? names.optional() : names).describe(`Which ${platformTitle} account acts (creator_list_accounts lists them).`);
    byList.set(key, (schema = input.extend({ account })));
  }
  return schema;
}

/** The client a validated call goes to, and its arguments without `account`. */
export function routeCall(
  entry: CatalogEntry,
  args: Record<string, unknown>,
  fallback: PlatformClient,
  byAccount: ReadonlyMap<string, PlatformClient> | undefined,
): { client: PlatformClient; args: Record<string, unknown>; account?: string } {
  if (!entry.accounts) return { client: fallback, args };
  const { account: named, ...rest } = args;
  const account = named ?? (entry.accounts.length === 1 ? entry.accounts[0] : undefined);
  const client = typeof account === 'string' && entry.accounts.includes(account) ? byAccount?.get(account) : undefined;
  // Validation refuses other names first; this guards a caller that skipped it: nothing is sent.
  if (!client) throw new Error(`account must be one of ${entry.accounts.join(', ')}, not ${JSON.stringify(account)}`);
  return { client, args: rest, account: account as string };
}
