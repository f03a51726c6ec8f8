import type { McpServer, ServerContext, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { SecretSet } from '../http/redact.js';
import { linkSignals } from '../http/timing.js';
import { forwardCallLogs, type Logger, type LogLevel } from '../log.js';
import type { PlatformClient, PlatformId } from '../platforms/types.js';
import { annotationsFor } from './annotations.js';
import type { CatalogEntry } from './catalog.js';
import { metaFor } from './hints.js';
import { withCachedJsonSchema } from './schema-cache.js';
import { invokeOperation, type StageHooks } from './invoke.js';

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
export function registerTools(server: McpServer, entries: readonly CatalogEntry[], deps: EngineDeps): void {
  for (const entry of entries) {
    server.registerTool(entry.name, toolDefinition(entry), toolHandler(entry, deps));
  }
}

/** What tools/list shows of a row (creator_find_tools returns the same, converted to JSON Schema). */
export function toolDefinition({ platform, op, input }: CatalogEntry) {
  return { title: op.title, description: op.description, inputSchema: withCachedJsonSchema((input ?? op.input) as StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>), annotations: annotationsFor(op, input !== undefined), _meta: metaFor(platform, op) };
}

/** The handler of a row's tool: the direct tool and creator_call_tool both run this one. */
export function toolHandler({ name, platform, op }: CatalogEntry, deps: EngineDeps) {
  const client = deps.clients.get(platform.id);
  if (!client) throw new Error(`no client for enabled platform ${platform.id}`);
  return async (args: Record<string, unknown>, ctx: ServerContext) => {
    const call = requestSignal(ctx);
    forwardCallLogs(call.signal, forwardLogs(ctx, name));
    try {
      return await invokeOperation(deps, client, op, { name, platform: platform.id, args, options: { signal: call.signal, progress: progressReporter(ctx) } });
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
