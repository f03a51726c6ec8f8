import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './http/errors.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import type { Env } from './platforms/types.js';
import type { ToolFilters } from './tools/catalog.js';

export interface ServerFlags {
  transport?: string;
  host?: string;
  port?: string;
  'read-only'?: boolean;
  toolsets?: string;
  tools?: string;
  'exclude-tools'?: string;
  'tool-mode'?: string;
}

/** `tools` is the contract's name; `all` is what the first release called it, still accepted. */
export const TOOL_MODES = ['tools', 'search'] as const;
export type ToolMode = (typeof TOOL_MODES)[number];

/** A tool-mode value as the user wrote it, or undefined when it is not one. */
export function parseToolMode(v: string): ToolMode | undefined {
  if (v === 'all') return 'tools';
  return (TOOL_MODES as readonly string[]).includes(v) ? (v as ToolMode) : undefined;
}

/** Where shared state lives: the state dir of this machine, or one Redis every instance reaches. */
export type StoreConfig = { kind: 'file' } | { kind: 'redis'; url: string };

/**
 * A Redis URL needs CREATOR_MCP_SECRET_KEY: a generated key file sits in one instance's state
 * dir, and instances that seal tokens with different keys cannot read each other's logins.
 */
function parseStore(v: string | undefined, secretKey: string | undefined): StoreConfig {
  if (v === undefined || v === '' || v === 'file') return { kind: 'file' };
  if (/^rediss?:\/\/[^\s]+$/.test(v)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (!parsed?.hostname) throw new ConfigError(`CREATOR_MCP_STORE is not a valid Redis URL: ${maskStoreUrl(v)} (e.g. redis://127.0.0.1:6380/0)`);
    if (!secretKey?.trim()) {
      throw new ConfigError('CREATOR_MCP_STORE is a Redis URL, so CREATOR_MCP_SECRET_KEY is required: set the same key on every instance (e.g. the output of `openssl rand -base64 32`)');
    }
    return { kind: 'redis', url: v };
  }
  throw new ConfigError(`CREATOR_MCP_STORE must be "file" or a redis:// or rediss:// URL, not "${maskStoreUrl(v)}"`);
}

/**
 * A store URL fit to print: any password replaced by ***. Everything up to the last `@` is the
 * user part, since a generated password may hold `/` or `@` (and then the URL may not parse).
 */
export function maskStoreUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)(\S*)@/i, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon >= 0 ? `${auth.slice(0, colon)}:***` : '***'}@`;
  });
}

/** The password in a store URL, so it is masked wherever it might appear (a Redis error may quote it). */
export function storePassword(url: string | undefined): string | undefined {
  const auth = url?.match(/^[a-z][a-z0-9+.-]*:\/\/(\S*)@/i)?.[1];
  const colon = auth?.indexOf(':') ?? -1;
  return auth && colon >= 0 ? auth.slice(colon + 1) : undefined;
}

export interface ServerConfig {
  transport: 'stdio' | 'http';
  host: string;
  port: number;
  /** Bearer token for /mcp; generated at start when unset. */
  httpToken?: string;
  /** Extra Host/Origin names accepted besides the loopback names and the bind host. */
  allowedHosts: string[];
  filters: ToolFilters;
  /** `search`: tools/list shows creator_find_tools, creator_call_tool and the core; `all`: every exposed tool. */
  toolMode: ToolMode;
  stateDir: string;
  /** CREATOR_MCP_STORE: file (default) or a Redis URL. */
  store: StoreConfig;
  secretKey?: string;
  logLevel: LogLevel;
  uploadDir?: string;
}

const list = (v: string | undefined) =>
  v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/**
 * A boolean setting. Only the documented spellings count: `CREATOR_MCP_READ_ONLY=y` silently
 * meaning "off" would expose every write tool to an agent the user meant to restrict.
 */
export function parseBool(name: string, v: string | undefined, fallback = false): boolean {
  if (v === undefined || v === '') return fallback;
  const lower = v.toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  throw new ConfigError(`${name} must be one of ${[...TRUE, ...FALSE].join(', ')}, not "${v}"`);
}

/** XDG state dir (the token store is state, not config), with the usual fallbacks. */
export function defaultStateDir(env: Env): string {
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'creator-mcp');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'creator-mcp', 'state');
  return path.join(os.homedir(), '.local', 'state', 'creator-mcp');
}

/** Flags win over environment variables; every bad value is one ConfigError line. */
export function loadConfig(env: Env, flags: ServerFlags = {}): ServerConfig {
  const transport = flags.transport ?? env.CREATOR_MCP_TRANSPORT ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'http') {
    throw new ConfigError(`--transport must be "stdio" or "http", not "${transport}"`);
  }
  const portText = flags.port ?? env.CREATOR_MCP_HTTP_PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const logLevel = (env.CREATOR_MCP_LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`CREATOR_MCP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.CREATOR_MCP_LOG_LEVEL}"`);
  }
  const token = env.CREATOR_MCP_HTTP_TOKEN;
  if (token !== undefined && token.length < 16) {
    throw new ConfigError('CREATOR_MCP_HTTP_TOKEN must be at least 16 characters (or unset, to have one generated)');
  }
  const modeText = flags['tool-mode'] ?? env.CREATOR_MCP_TOOL_MODE ?? 'tools';
  const toolMode = parseToolMode(modeText);
  if (!toolMode) throw new ConfigError(`--tool-mode must be "tools" or "search", not "${modeText}"`);
  const store = parseStore(env.CREATOR_MCP_STORE, env.CREATOR_MCP_SECRET_KEY);
  return {
    transport,
    host: flags.host ?? env.CREATOR_MCP_HTTP_HOST ?? '127.0.0.1',
    port,
    httpToken: token,
    allowedHosts: list(env.CREATOR_MCP_ALLOWED_HOSTS) ?? [],
    filters: {
      toolsets: list(flags.toolsets ?? env.CREATOR_MCP_TOOLSETS),
      tools: list(flags.tools ?? env.CREATOR_MCP_TOOLS),
      excludeTools: list(flags['exclude-tools'] ?? env.CREATOR_MCP_EXCLUDE_TOOLS),
      readOnly: flags['read-only'] === true || parseBool('CREATOR_MCP_READ_ONLY', env.CREATOR_MCP_READ_ONLY),
    },
    toolMode,
    stateDir: env.CREATOR_MCP_STATE_DIR || defaultStateDir(env),
    store,
    secretKey: env.CREATOR_MCP_SECRET_KEY || undefined,
    logLevel,
    uploadDir: env.CREATOR_MCP_UPLOAD_DIR || undefined,
  };
}
