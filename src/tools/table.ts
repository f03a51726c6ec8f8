import {
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type InputRequiredResult,
  type McpServer,
  type ServerContext,
  type StandardSchemaWithJSON,
  type Tool,
  type ToolAnnotations,
} from '@modelcontextprotocol/server';

type Args = Record<string, unknown>;
export type ToolSchema = StandardSchemaWithJSON<Args, Args>;

export interface ToolConfig {
  title?: string;
  description?: string;
  inputSchema?: ToolSchema;
  annotations?: ToolAnnotations;
  _meta?: Record<string, unknown>;
}

export type ToolCallback = (args: Args, ctx: ServerContext) => CallToolResult | InputRequiredResult | Promise<CallToolResult | InputRequiredResult>;

/** What registers tools: the table below, shaped like McpServer.registerTool so tool modules need not know which. */
export interface ToolRegistrar {
  registerTool(name: string, config: ToolConfig, handler: ToolCallback): void;
}

interface Registered {
  schema?: ToolSchema;
  handler: ToolCallback;
}

const EMPTY_INPUT = { type: 'object', properties: {} } as const;

/**
 * Every tool of one configuration, built once per process and served by each request's fresh
 * McpServer. Registering 200+ tools on every HTTP request cost more than the call itself (each
 * registration builds an executor and re-sorts handlers); installing two request handlers that
 * point at this table costs the same for 7 tools or 300. The handlers do what McpServer's own
 * tools/list and tools/call do: the same definitions, validation text and error results.
 */
export class ToolTable implements ToolRegistrar {
  private readonly byName = new Map<string, Registered>();
  private readonly definitions: Array<{ name: string; config: ToolConfig }> = [];
  private listed?: Tool[];

  registerTool(name: string, config: ToolConfig, handler: ToolCallback): void {
    if (this.byName.has(name)) throw new Error(`Tool ${name} is already registered`);
    this.byName.set(name, { schema: config.inputSchema, handler });
    this.definitions.push({ name, config });
    this.listed = undefined;
  }

  get size(): number {
    return this.byName.size;
  }

  /** tools/list's answer, converted once: JSON Schema conversion is the costly part of a list. */
  list(): Tool[] {
    this.listed ??= this.definitions.map(({ name, config }) => ({
      name,
      title: config.title,
      description: config.description,
      inputSchema: (config.inputSchema ? inputJsonSchema(config.inputSchema) : EMPTY_INPUT) as Tool['inputSchema'],
      annotations: config.annotations,
      _meta: config._meta,
    }));
    return this.listed;
  }

  /** Installs tools/list and tools/call on a fresh server built without the tools capability. */
  serve(server: McpServer): void {
    const low = server.server;
    low.registerCapabilities({ tools: { listChanged: true } });
    low.setRequestHandler('tools/list', () => ({ tools: this.list() }));
    low.setRequestHandler('tools/call', async (request, ctx) => {
      const { name, arguments: args } = request.params;
      const tool = this.byName.get(name);
      if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${name} not found`);
      try {
        const checked = tool.schema ? await validateToolArgs(name, tool.schema, args ?? {}) : { ok: true as const, value: {} };
        if (!checked.ok) return errorResult(checked.message);
        const result = await tool.handler(checked.value, ctx);
        if (isInputRequiredResult(result)) return result;
        return low.projectCallToolResult(result, undefined);
      } catch (error) {
        if (error instanceof ProtocolError && error.code === ProtocolErrorCode.UrlElicitationRequired) throw error;
        return errorResult(error instanceof Error ? error.message : String(error));
      }
    });
  }
}

/** The JSON Schema tools/list shows for an input schema (MCP tool inputs are objects). */
export function inputJsonSchema(schema: ToolSchema): Record<string, unknown> {
  const json = schema['~standard'].jsonSchema.input({ target: 'draft-2020-12' });
  if (json.type !== undefined && json.type !== 'object') throw new Error(`tool input schemas must describe objects, not ${JSON.stringify(json.type)}`);
  return { type: 'object', ...json };
}

/**
 * Validates as the SDK's tools/call does (Standard Schema issues, "path: message" joined by
 * ", ", the same prefix), so an agent sees the same text from a direct call and from
 * creator_call_tool. The SDK does not export its validator; the search-mode test compares both.
 */
export async function validateToolArgs(name: string, schema: ToolSchema, args: Args): Promise<{ ok: true; value: Args } | { ok: false; message: string }> {
  const r = await schema['~standard'].validate(args);
  if (!r.issues?.length) return { ok: true, value: (r as { value: Args }).value };
  const text = r.issues.map((i) => (i.path?.length ? `${i.path.map((p) => String(typeof p === 'object' ? p.key : p)).join('.')}: ${i.message}` : i.message)).join(', ');
  return { ok: false, message: `Input validation error: Invalid arguments for tool ${name}: ${text}` };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
