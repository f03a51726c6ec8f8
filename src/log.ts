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
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${options.secrets.redact(message)}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
