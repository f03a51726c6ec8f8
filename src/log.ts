import { AsyncLocalStorage } from 'node:async_hooks';
import type { SecretSet } from './http/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The MCP request being served, if any: log lines written while it runs (a retry, a refused
 * webhook) are also sent to that client as MCP log messages, which the SDK filters by the level
 * the client asked for.
 */
export const mcpLogSink = new AsyncLocalStorage<(level: LogLevel, message: string) => void>();

/**
 * Logs go to stderr only: in stdio mode stdout belongs to the protocol. Every line is redacted,
 * because log lines are the usual way secrets escape.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets: SecretSet;
  write?: (line: string) => void;
}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const at = (level: LogLevel) => (message: string) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const safe = options.secrets.redact(message);
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${safe}\n`);
    mcpLogSink.getStore()?.(level, safe);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
