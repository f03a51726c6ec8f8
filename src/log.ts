import type { SecretSet } from './http/redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * `call` is the AbortSignal of the tool call a line belongs to, when it belongs to one: the
 * line then also reaches that MCP client (see `forwardCallLogs`).
 */
export interface Logger {
  debug(message: string, call?: AbortSignal): void;
  info(message: string, call?: AbortSignal): void;
  warn(message: string, call?: AbortSignal): void;
  error(message: string, call?: AbortSignal): void;
}

const callSinks = new WeakMap<AbortSignal, (level: LogLevel, message: string) => void>();

/**
 * Lines logged for a tool call (a retry, a deprecation) also go to its MCP client as log
 * messages, which the SDK filters by the level the client asked for. The call's AbortSignal
 * identifies it: every layer already passes it down for cancellation, so no other plumbing (and
 * no AsyncLocalStorage, whose promise hooks slow every await in the process) is needed.
 */
export function forwardCallLogs(call: AbortSignal, sink: (level: LogLevel, message: string) => void): void {
  callSinks.set(call, sink);
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
  const at = (level: LogLevel) => (message: string, call?: AbortSignal) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const safe = oneLine(options.secrets.redact(message));
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${safe}\n`);
    if (call) callSinks.get(call)?.(level, safe);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Upstream text (a platform's error message, a fan's display name) reaches log lines; a newline
 * in it would forge a line of its own. Control and line-separator characters are escaped.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
