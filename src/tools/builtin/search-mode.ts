import * as z from 'zod';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { CatalogEntry } from '../catalog.js';
import { entryInput, registerTools, toolDefinition, toolHandler, type EngineDeps } from '../engine.js';
import { toToolResult } from '../result.js';
import { errorResult, inputJsonSchema, validateToolArgs, type ToolRegistrar, type ToolSchema } from '../table.js';
import { withCachedJsonSchema } from '../schema-cache.js';
import { indexFor } from '../tool-search.js';

export const FIND_TOOLS = 'creator_find_tools';
export const CALL_TOOL = 'creator_call_tool';
const MAX_LIMIT = 20;

const findInput = z.object({
  query: z.string().min(1).max(200).describe('What you want to do, in English or Chinese, e.g. "give a member a role", "赞助 订单", or a tool name.'),
  platform: z.string().max(32).optional().describe('Only tools of this platform id (fanvue, fanbook, fresns, afdian).'),
  toolset: z.string().max(64).optional().describe('Only tools of this toolset id, e.g. fanbook_roles.'),
  limit: z.number().int().min(1).max(MAX_LIMIT).default(5).describe('Default 5.'),
});

const callInput = z.object({
  name: z.string().min(1).max(64).describe(`A tool name exactly as ${FIND_TOOLS} returns it.`),
  arguments: z.record(z.string(), z.unknown()).default({}).describe('The tool\'s arguments, matching the inputSchema that creator_find_tools returned.'),
});

const schema = (s: z.ZodType) => withCachedJsonSchema(s as unknown as ToolSchema);

/**
 * Search mode: the catalog stays behind two tools, so a client pays for a few definitions, not
 * for every tool. The core rows (alwaysLoad) stay listed. creator_call_tool runs the very
 * handler the direct tool would (engine.toolHandler), so validation, read-only and toolset
 * filters (a tool outside `entries` is not exposed) and every invoke stage apply unchanged.
 */
export function registerSearchMode(server: ToolRegistrar, entries: readonly CatalogEntry[], deps: EngineDeps): void {
  registerTools(server, entries.filter((e) => e.op.alwaysLoad), deps);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const index = indexFor(entries);

  server.registerTool(
    FIND_TOOLS,
    {
      title: 'Find tools',
      description: `Search mode: finds the tools for a task and returns their full definitions (name, description, inputSchema, annotations), best match first. Call one with ${CALL_TOOL}.`,
      inputSchema: schema(findInput),
      annotations: { readOnlyHint: true, openWorldHint: false },
      _meta: { 'anthropic/searchHint': 'search discover catalog 查找 工具', 'anthropic/alwaysLoad': true },
    },
    async (args: Record<string, unknown>) => {
      const { query, platform, toolset, limit } = args as z.output<typeof findInput>;
      const found = index.search(query, (e) => (!platform || e.platform.id === platform) && (!toolset || e.op.toolset === toolset));
      const tools = found.slice(0, limit).map(definitionOf);
      return toToolResult({ tools, matched: found.length, exposed: entries.length }, deps.secrets);
    },
  );

  server.registerTool(
    CALL_TOOL,
    {
      title: 'Call a tool',
      description: `Search mode: calls a tool that ${FIND_TOOLS} returned, with the same validation, effects and errors as calling it directly.`,
      inputSchema: schema(callInput),
      // What it does is the called tool's; its own annotations cannot promise less than the worst.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
      _meta: { 'anthropic/searchHint': 'run invoke execute 调用 工具', 'anthropic/alwaysLoad': true },
    },
    async (args: Record<string, unknown>, ctx: ServerContext) => {
      const { name, arguments: toolArgs } = args as z.output<typeof callInput>;
      const entry = byName.get(name);
      if (!entry) return errorResult(`Tool ${name} is not exposed by this server's configuration. Call ${FIND_TOOLS} with what you want to do to get the names you can call.`);
      const checked = await validateToolArgs(entry.name, schema(entryInput(entry) as z.ZodType), toolArgs);
      if (!checked.ok) return errorResult(checked.message);
      return toolHandler(entry, deps)(checked.value, ctx);
    },
  );
}

/** The JSON a client would have seen in tools/list for this tool. */
function definitionOf(entry: CatalogEntry) {
  const def = toolDefinition(entry);
  return { name: entry.name, title: def.title, description: def.description, inputSchema: inputJsonSchema(def.inputSchema), annotations: def.annotations };
}
