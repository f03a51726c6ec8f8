import { McpServer, type McpRequestContext } from '@modelcontextprotocol/server';
import { registerAutomationContexts } from './resources/automation-context.js';
import { registerPrompts } from './prompts.js';
import { registerResourceTemplates } from './resources/templates.js';
import type { Runtime } from './runtime.js';
import { registerWaitForEvents } from './tools/builtin/wait-for-events.js';
import { registerTools } from './tools/engine.js';
import { VERSION } from './version.js';

const INSTRUCTIONS = `creator-mcp runs a creator's work on Fanvue, Fanbook, Fresns and Afdian. Tools are named <platform>_<verb>_<object>.
Read <platform>://automation-context (or creator://automation-context) before deciding what to do.
Write tools act on real accounts: a failed write says whether it may have been sent; never repeat one that "may have been sent" without checking first.`;

/**
 * A fresh MCP server over the process-wide runtime. HTTP serving calls this once per request
 * (sharing one instance across clients leaks responses between them), stdio once per connection.
 */
export function createServer(rt: Runtime, ctx: Partial<McpRequestContext> = {}): McpServer {
  const server = new McpServer(
    { name: 'creator-mcp', version: VERSION },
    {
      // Resource updates (a webhook order arrived) reach 2026-07-28 clients through
      // subscriptions/listen; stateless 2025-era serving has no channel to push them on.
      capabilities: { tools: {}, resources: { subscribe: ctx.era === 'modern' }, prompts: {}, logging: {} },
      instructions: INSTRUCTIONS,
    },
  );
  const clients = new Map([...rt.enabled].map(([id, e]) => [id, e.client]));
  registerTools(server, rt.tools, { clients, secrets: rt.secrets, log: rt.log });
  registerWaitForEvents(server, rt);
  registerAutomationContexts(server, rt);
  registerResourceTemplates(server, rt);
  registerPrompts(server);
  return server;
}
