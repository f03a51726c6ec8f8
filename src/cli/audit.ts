import { loadConfig } from '../config.js';
import { ConfigError } from '../http/errors.js';
import type { Env } from '../platforms/types.js';
import { AuditLog, type AuditEntry, type AuditTrail } from '../safety/audit-log.js';
import { loadSafetySettings } from '../safety/settings.js';
import { openState } from '../state/open.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since 24h`, `--since 30m`, `--since 7d` or an ISO time; undefined = everything kept. */
export function parseSince(text: string | undefined, now = Date.now()): number {
  if (text === undefined) return 0;
  const rel = /^(\d+)([mhdw])$/.exec(text.trim());
  if (rel) return now - Number(rel[1]) * (UNITS[rel[2] as string] as number);
  const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) throw new ConfigError(`--since must be a duration such as 30m, 24h, 7d, 2w or an ISO time such as 2026-01-31T12:00:00Z, not "${text}"`);
  return at;
}

function line(e: AuditEntry): string {
  const result = e.outcome === 'ok' ? `ok${e.result && Object.keys(e.result).length ? ` ${JSON.stringify(e.result)}` : ''}` : `error (${e.mayHaveBeenProcessed ? `may have been processed: ${e.delivery}` : 'not processed'}): ${e.error ?? ''}`;
  return `${e.time}  ${e.tool}  [${e.account}]  confirmation ${e.confirmation}  args ${JSON.stringify(e.args)}  → ${result}`;
}

export async function runAudit(env: Env, flags: Record<string, unknown>): Promise<number> {
  const config = loadConfig(env);
  const settings = loadSafetySettings(env);
  const since = parseSince(flags.since as string | undefined);
  const bounds = { maxBytes: settings.auditMaxBytes, maxAgeMs: settings.auditMaxAgeMs, maxFiles: settings.auditMaxFiles };
  let log: AuditTrail;
  let entries: AuditEntry[];
  // Reading the file trail must not create a key file or anything else in the state dir.
  if (config.store.kind === 'file') {
    log = new AuditLog(config.stateDir, bounds);
    entries = await log.read(since);
  } else {
    const state = await openState({ store: config.store, stateDir: config.stateDir, secretKey: config.secretKey, audit: bounds });
    log = state.audit;
    entries = await log.read(since).finally(() => state.close());
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    process.stdout.write(`No writes recorded${flags.since ? ` since ${new Date(since).toISOString()}` : ''} (audit trail: ${log.where}).\n`);
    return 0;
  }
  process.stdout.write(`${entries.map(line).join('\n')}\n`);
  return 0;
}
