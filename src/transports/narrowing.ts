import { readOnlyInput } from '../tools/read-only.js';
import type { IncomingHttpHeaders } from 'node:http';
import { parseBool, parseToolMode } from '../config.js';
import { ConfigError } from '../http/errors.js';
import type { Runtime } from '../runtime.js';
import { selectTools } from '../tools/catalog.js';
import { withAccountArgument } from '../accounts/tools.js';
import type { PlatformId } from '../platforms/types.js';

/** Headers an HTTP client sends to see less than the server exposes (GitHub's MCP server names). */
export const NARROWING_HEADERS = ['x-mcp-toolsets', 'x-mcp-tools', 'x-mcp-exclude-tools', 'x-mcp-readonly', 'x-mcp-tool-mode', 'x-mcp-accounts'] as const;

/** Distinct narrowings kept built; a client cycling header values cannot grow memory past this. */
const CACHE_MAX = 64;
const cache = new WeakMap<Runtime, Map<string, Runtime>>();

export type Narrowed = { rt: Runtime } | { error: string };

const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(',') : h);
const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * The runtime as one request may see it: the configured tools, intersected with what the
 * headers select. Only ever a subset (read-only can be switched on, not off; search mode on, not
 * off), so a header cannot reach a tool the operator did not expose. A bad value is an error,
 * never ignored: a client that asked for read-only must not silently get writes.
 */
export function narrowFor(rt: Runtime, headers: IncomingHttpHeaders | Headers): Narrowed {
  const get = (name: string) => (headers instanceof Headers ? (headers.get(name) ?? undefined) : one(headers[name]));
  const values = NARROWING_HEADERS.map(get);
  if (values.every((v) => v === undefined)) return { rt };
  const key = JSON.stringify(values);
  const hit = cache.get(rt)?.get(key);
  if (hit) return { rt: hit };
  const [toolsets, tools, exclude, readOnly, mode, accounts] = values;
  try {
    const ro = parseBool('X-MCP-Readonly', readOnly);
    const toolMode = mode === undefined ? undefined : parseToolMode(mode);
    if (mode !== undefined && !toolMode) throw new ConfigError(`X-MCP-Tool-Mode must be "tools" or "search", not "${mode}"`);
    const wanted = {
      toolsets: header('X-MCP-Toolsets', toolsets),
      tools: header('X-MCP-Tools', tools),
      excludeTools: header('X-MCP-Exclude-Tools', exclude),
    };
    // Unknown names are refused against every loaded platform, like the startup flags.
    const selected = wanted.toolsets || wanted.tools
      ? new Set(named(wanted.toolsets ? 'X-MCP-Toolsets' : 'X-MCP-Tools', () => selectTools(rt.platforms, new Set(rt.enabled.keys()), { toolsets: wanted.toolsets, tools: wanted.tools })).map((e) => e.name))
      : undefined;
    named('X-MCP-Exclude-Tools', () => selectTools(rt.platforms, new Set(), { excludeTools: wanted.excludeTools }));
    const excluded = new Set(wanted.excludeTools ?? []);
    const narrowed = rt.tools
      .filter((e) => (!selected || selected.has(e.name)) && !excluded.has(e.name) && (!ro || e.op.kind === 'read'))
      // A read with state-changing arguments is exposed with them fixed, as in configured read-only mode.
      .map((e) => (ro && e.op.mutates && !e.input ? { ...e, input: readOnlyInput(e.op) } : e));
    const readOnlyNow = rt.config.filters.readOnly || ro;
    const enabled = accounts === undefined ? rt.enabled : pinAccounts(rt.enabled, accounts);
    const next: Runtime = {
      ...rt,
      enabled,
      tools: enabled === rt.enabled ? narrowed : withAccountArgument(narrowed, enabled, rt.enabled),
      config: { ...rt.config, toolMode: toolMode === 'search' ? 'search' : rt.config.toolMode, filters: { ...rt.config.filters, readOnly: readOnlyNow } },
    };
    let entries = cache.get(rt);
    if (!entries) cache.set(rt, (entries = new Map()));
    if (entries.size >= CACHE_MAX) entries.delete(entries.keys().next().value as string);
    entries.set(key, next);
    return { rt: next };
  } catch (err) {
    if (err instanceof ConfigError) return { error: err.message };
    throw err;
  }
}

/** For the server factory, after narrowFor accepted the same headers (so this cannot fail there). */
export function narrowed(rt: Runtime, headers: Headers | undefined): Runtime {
  const n = headers ? narrowFor(rt, headers) : { rt };
  if ('error' in n) throw new Error(n.error);
  return n.rt;
}

function named<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${name}: ${err.message}`);
    throw err;
  }
}

function header(name: string, v: string | undefined): string[] | undefined {
  const items = list(v);
  if (items && items.length === 0) throw new ConfigError(`${name} must name at least one value (comma-separated), or be left out`);
  return items;
}

/**
 * `X-MCP-Accounts: fanbook=shop2,afdian=main`: the pinned platforms keep only the named accounts
 * (their tools' `account` enum narrows; with one left it becomes optional and calls without it
 * go there); other platforms are untouched. Naming a platform or account that is not configured is an
 * error, so a typo never silently leaves a client on every account.
 */
function pinAccounts(enabled: Runtime['enabled'], value: string): Runtime['enabled'] {
  const pairs = header('X-MCP-Accounts', value) ?? [];
  const wanted = new Map<string, Set<string>>();
  for (const pair of pairs) {
    const m = /^([a-z]+)=([^=]+)$/.exec(pair);
    if (!m) throw new ConfigError(`X-MCP-Accounts: "${pair}" must be platform=account, e.g. fanbook=shop2`);
    const [, id, name] = m as unknown as [string, string, string];
    const e = enabled.get(id as PlatformId);
    if (!e) throw new ConfigError(`X-MCP-Accounts: "${id}" is not an enabled platform here (enabled: ${[...enabled.keys()].join(', ') || 'none'})`);
    if (!e.accounts.has(name)) throw new ConfigError(`X-MCP-Accounts: ${id} has no account "${name}" (its accounts: ${[...e.accounts.keys()].join(', ')})`);
    wanted.set(id, (wanted.get(id) ?? new Set()).add(name));
  }
  const next = new Map(enabled);
  for (const [id, names] of wanted) {
    const e = enabled.get(id as PlatformId)!;
    const accounts = new Map([...e.accounts].filter(([name]) => names.has(name)));
    const first = accounts.values().next().value!;
    next.set(id as PlatformId, { ...e, cfg: first.cfg, client: first.client, deps: first.deps, accounts });
  }
  return next;
}
