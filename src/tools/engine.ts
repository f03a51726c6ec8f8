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
import type { ToolRegistrar, ToolSchema } from './table.js';

export interface EngineDeps {
  clients: ReadonlyMap<PlatformId, PlatformClient>;
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
export function toolDefinition({ name, platform, op, input, confirmed }: CatalogEntry) {
  return {
    title: op.title,
    description: confirmed ? `${op.description} ${ASKS_USER}` : op.description,
    inputSchema: withCachedJsonSchema((input ?? op.input) as unknown as ToolSchema, prebuiltInputSchema(schemaKey(name, input !== undefined))),
    annotations: annotationsFor(op, input !== undefined),
    // Claude Code asks the user on every call of such a tool, even in bypass mode.
    _meta: confirmed ? { ...metaFor(platform, op), 'anthropic/requiresUserInteraction': true } : metaFor(platform, op),
  };
}

/** One short sentence: catalogs are paid per token. */
export const ASKS_USER = 'The user must approve each call.';

/** The handler of a row's tool: the direct tool and creator_call_tool both run this one. */
export function toolHandler({ name, platform, op }: CatalogEntry, deps: EngineDeps) {
  const client = deps.clients.get(platform.id);
  if (!client) throw new Error(`no client for enabled platform ${platform.id}`);
  return async (args: Record<string, unknown>, ctx: ServerContext) => {
    const call = requestSignal(ctx);
    forwardCallLogs(call.signal, forwardLogs(ctx, name));
    try {
      return await invokeOperation(deps, client, op, { name, platform: platform.id, args, options: { signal: call.signal, progress: progressReporter(ctx) }, user: userChannel(ctx) });
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
