import type { ServerContext } from '@modelcontextprotocol/server';
import { userChannel } from '../consent/channel.js';
import type { SecretSet } from '../http/redact.js';
import { linkSignals } from '../http/timing.js';
import { forwardCallLogs, type Logger, type LogLevel } from '../log.js';
import type { PlatformClient, PlatformId } from '../platforms/types.js';
import { annotationsFor } from './annotations.js';
import type { CatalogEntry } from './catalog.js';
import { metaFor } from './hints.js';
import { prebuiltInputSchema, schemaKey } from './prebuilt-schemas.js';
import { withCachedJsonSchema } from './schema-cache.js';
import { invokeOperation, type StageHooks } from './invoke.js';
import { accountInput, routeCall } from '../accounts/tools.js';
import type { ToolRegistrar, ToolSchema } from './table.js';

export interface EngineDeps {
  /** The client of each platform's first account: where a tool without an `account` argument goes. */
  clients: ReadonlyMap<PlatformId, PlatformClient>;
  /** Every account's client, by platform, for tools that take `account`; and the first account's name. */
  accounts?: ReadonlyMap<PlatformId, { first: string; clients: ReadonlyMap<string, PlatformClient> }>;
  secrets: SecretSet;
  log: Logger;
  /** Optional pipeline stages (confirmation, cleaning, audit); see invoke.ts. */
  hooks?: StageHooks;
}

/**
 * The only code that turns operation rows into MCP tools. The SDK validates arguments against
 * the row's zod schema before the handler runs, so invalid input never reaches a platform.
 */
export function registerTools(server: ToolRegistrar, entries: readonly CatalogEntry[], deps: EngineDeps): void {
  for (const entry of entries) {
    server.registerTool(entry.name, toolDefinition(entry), toolHandler(entry, deps));
  }
}

/** What tools/list shows of a row (creator_find_tools returns the same, converted to JSON Schema). */
export function toolDefinition(entry: CatalogEntry) {
  const { name, platform, op, input, confirmed } = entry;
  return {
    title: op.title,
    description: confirmed ? `${op.description} ${ASKS_USER}` : op.description,
    // The build precomputed the schemas without `account`; with several accounts it is converted once at run time.
    inputSchema: withCachedJsonSchema(entryInput(entry) as unknown as ToolSchema, entry.accounts ? undefined : prebuiltInputSchema(schemaKey(name, input !== undefined))),
    annotations: annotationsFor(op, input !== undefined),
    // Claude Code asks the user on every call of such a tool, even in bypass mode.
    _meta: confirmed ? { ...metaFor(platform, op), 'anthropic/requiresUserInteraction': true } : metaFor(platform, op),
  };
}

/** The input a tool validates against: the row's (or its read-only variant), with `account` when the platform has several. */
export function entryInput({ platform, op, input, accounts }: CatalogEntry) {
  return accounts ? accountInput(input ?? op.input, platform.title, accounts) : (input ?? op.input);
}

/** One short sentence: catalogs are paid per token. */
export const ASKS_USER = 'The user must approve each call.';

/** The handler of a row's tool: the direct tool and creator_call_tool both run this one. */
export function toolHandler(entry: CatalogEntry, deps: EngineDeps) {
  const { name, platform, op } = entry;
  const fallback = deps.clients.get(platform.id);
  if (!fallback) throw new Error(`no client for enabled platform ${platform.id}`);
  const accounts = deps.accounts?.get(platform.id);
  return async (args: Record<string, unknown>, ctx: ServerContext) => {
    const routed = routeCall(entry, args, fallback, accounts?.clients);
    const call = requestSignal(ctx);
    forwardCallLogs(call.signal, forwardLogs(ctx, name));
    try {
      return await invokeOperation(deps, routed.client, op, {
        name,
        platform: platform.id,
        account: routed.account ?? accounts?.first,
        args: routed.args,
        options: { signal: call.signal, progress: progressReporter(ctx) },
        user: userChannel(ctx),
      });
    } finally {
      call.dispose();
    }
  };
}

/**
 * A 2026-era client cancels through the protocol; a 2025-era client of the stateless HTTP
 * transport can only hang up, which aborts the HTTP request, not the MCP one. Either ends the call.
 */
function requestSignal(ctx: ServerContext) {
  return linkSignals([ctx.mcpReq.signal, ctx.http?.req?.signal]);
}

function forwardLogs(ctx: ServerContext, logger: string) {
  return (level: LogLevel, message: string) => {
    void ctx.mcpReq.log(level === 'warn' ? 'warning' : level, message, logger).catch(() => undefined);
  };
}

function progressReporter(ctx: ServerContext) {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return undefined;
  return (progress: number, total?: number, message?: string) => {
    void ctx.mcpReq
      .notify({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } })
      .catch(() => undefined);
  };
}
