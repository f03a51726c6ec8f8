import { configuredAccounts } from '../accounts/configured.js';
import type { TokenRecord } from '../auth/token-store.js';
import { loadConfig } from '../config.js';
import { loadPlatforms } from '../platforms/index.js';
import type { Env } from '../platforms/types.js';
import { openState } from '../state/open.js';
import type { StateBackend } from '../state/types.js';
import { VERSION } from '../version.js';
import { sandboxLoginDir } from './sandbox-env.js';

/** Non-secret fields of a stored login worth showing. */
const SHOWN = ['name', 'user_id', 'username', 'uid', 'aid', 'scope'];

function describeRecord(r: TokenRecord): string {
  const who = SHOWN.filter((k) => typeof r.data[k] === 'string' || typeof r.data[k] === 'number').map((k) => `${k} ${String(r.data[k])}`);
  const expiry = r.expiresAt === undefined ? '' : r.expiresAt > Date.now() ? `, expires ${new Date(r.expiresAt).toISOString()}` : ', expired';
  return `${r.account === 'default' ? '' : `[${r.account}] `}${who.join(', ') || 'stored'} (saved ${new Date(r.updatedAt).toISOString()}${expiry})`;
}

export async function runStatus(env: Env, flags: Record<string, unknown> = {}): Promise<number> {
  const config = loadConfig(flags.sandbox ? { ...env, CREATOR_MCP_STATE_DIR: sandboxLoginDir(env) } : env);
  const out: string[] = [`creator-mcp ${VERSION}`, `State dir: ${config.stateDir}`];
  let records: TokenRecord[] = [];
  let storeError: string | undefined;
  let state: StateBackend | undefined;
  try {
    state = await openState({ store: config.store, stateDir: config.stateDir, secretKey: config.secretKey });
    out.push(`Store: ${state.describe()}`);
    out.push(`Token store: ${state.tokens.describe()}`);
    records = await state.tokens.list();
  } catch (err) {
    storeError = err instanceof Error ? err.message : String(err);
    out.push(`Token store: unreadable: ${storeError}`);
  } finally {
    await state?.close().catch(() => undefined);
  }
  out.push('', 'Platforms:');
  const platforms = await loadPlatforms();
  for (const p of platforms) {
    const logins = records.filter((x) => x.platform === p.id);
    let accounts: ReturnType<typeof configuredAccounts> = [];
    let state: string;
    try {
      accounts = configuredAccounts(p, env, logins.map((r) => r.account));
      state = accounts.length === 0 ? 'not configured' : accounts.length === 1 ? 'configured' : `configured, ${accounts.length} accounts`;
    } catch (err) {
      state = `misconfigured: ${err instanceof Error ? err.message : String(err)}`;
    }
    out.push(`  ${p.id.padEnd(8)} ${state}`);
    // With several accounts each gets its line (source, then its login when one is stored).
    if (accounts.length > 1) {
      for (const a of accounts) {
        const login = logins.find((r) => r.account === a.name);
        out.push(`           account ${a.name} (${a.source})${login ? `: ${describeRecord(login)}` : ''}`);
      }
    }
    const shown = accounts.length > 1 ? new Set(accounts.map((a) => a.name)) : new Set<string>();
    for (const r of logins.filter((x) => !shown.has(x.account))) out.push(`           login: ${describeRecord(r)}`);
  }
  const known = new Set(platforms.map((p) => p.id as string));
  for (const r of records.filter((x) => !known.has(x.platform))) out.push(`  ${r.platform.padEnd(8)} login: ${describeRecord(r)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  // A wrong key or a damaged store is a config mistake: scripts must not read this status as fine.
  if (storeError !== undefined) {
    process.stderr.write(`creator-mcp: ${storeError}\n`);
    return 2;
  }
  return 0;
}
