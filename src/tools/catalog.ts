import { ConfigError } from '../http/errors.js';
import type { Operation, Platform } from '../platforms/types.js';
import { readOnlyInput } from './read-only.js';

export const TOOL_NAME = /^[a-z0-9_]{1,64}$/;

export interface CatalogEntry {
  name: string;
  platform: Platform;
  op: Operation;
  /** The input this configuration exposes when it differs from the row's (read-only mode). */
  input?: Operation['input'];
  /** The user approves each call (the confirmation policy); the definition says so. */
  confirmed?: boolean;
  /** The platform's accounts when it has several: the tool then takes a required `account` argument, one of these. */
  accounts?: readonly string[];
}

export interface ToolFilters {
  /** Toolset ids, platform ids (their default toolsets) or `all`; undefined = every default toolset. */
  toolsets?: readonly string[];
  /** Tool names exposed in addition to the toolsets (alone, when no toolsets are named). */
  tools?: readonly string[];
  excludeTools?: readonly string[];
  readOnly?: boolean;
}

export function toolName(platform: Platform, op: Operation): string {
  return `${platform.id}_${op.name}`;
}

/** Every operation of every platform, configured or not: what names are checked against. */
export function fullCatalog(platforms: readonly Platform[]): CatalogEntry[] {
  return platforms.flatMap((platform) => platform.operations.map((op) => ({ name: toolName(platform, op), platform, op })));
}

/**
 * The tools one configuration exposes, in a deterministic order. A misspelt toolset or tool
 * name is a startup error rather than a silently missing tool. Read-only wins over everything.
 */
export function selectTools(
  all: readonly Platform[],
  enabled: ReadonlySet<string>,
  filters: ToolFilters,
): CatalogEntry[] {
  const catalog = fullCatalog(all);
  const names = new Set(catalog.map((e) => e.name));
  const toolsetIds = new Set(all.flatMap((p) => p.toolsets.map((t) => t.id)));
  for (const name of [...(filters.tools ?? []), ...(filters.excludeTools ?? [])]) {
    if (!names.has(name)) throw new ConfigError(`unknown tool "${name}" (run \`creator-mcp tools --all\` to list every tool name)`);
  }
  const platformIds = new Set(all.map((p) => p.id as string));
  for (const t of filters.toolsets ?? []) {
    if (t !== 'all' && !toolsetIds.has(t) && !platformIds.has(t)) {
      throw new ConfigError(`unknown toolset "${t}"; known: all, ${[...platformIds, ...toolsetIds].join(', ')}`);
    }
  }

  const chosenToolsets = new Set<string>();
  const requested = filters.toolsets ?? (filters.tools?.length ? [] : all.map((p) => p.id));
  for (const t of requested) {
    for (const p of all) {
      for (const ts of p.toolsets) {
        if (t === 'all' || t === ts.id || (t === p.id && ts.default !== false)) chosenToolsets.add(ts.id);
      }
    }
  }
  const extra = new Set(filters.tools ?? []);
  const excluded = new Set(filters.excludeTools ?? []);
  const chosen = catalog.filter(
    (e) =>
      enabled.has(e.platform.id) &&
      (chosenToolsets.has(e.op.toolset) || extra.has(e.name)) &&
      !excluded.has(e.name) &&
      (!filters.readOnly || e.op.kind === 'read'),
  );
  return filters.readOnly ? chosen.map((e) => (e.op.mutates ? { ...e, input: readOnlyInput(e.op) } : e)) : chosen;
}
