import type { Server, ServerOptions, ServerResponse } from 'node:http';
import type { Limits } from '../limits.js';

/**
 * Node checks header and request deadlines on a timer; its 30 s default would let a 200 ms
 * deadline run for 30 s, so the check runs at a fraction of the shortest deadline.
 */
export function serverOptions(limits: Limits): ServerOptions {
  const shortest = Math.min(limits.httpHeadersTimeoutMs, limits.httpBodyTimeoutMs);
  return {
    // Node refuses a headers deadline longer than the request deadline.
    headersTimeout: Math.min(limits.httpHeadersTimeoutMs, limits.httpBodyTimeoutMs),
    // requestTimeout ends when the request is fully received, so a long /mcp response stream is not cut by it.
    requestTimeout: limits.httpBodyTimeoutMs,
    keepAliveTimeout: limits.httpIdleTimeoutMs,
    connectionsCheckingInterval: Math.max(25, Math.min(30_000, Math.floor(shortest / 4))),
  };
}

/**
 * No socket inactivity timeout (server.timeout stays 0): an /mcp SSE stream may be silent for
 * minutes while a tool runs. Idle keep-alive sockets are bounded by keepAliveTimeout, slow
 * senders by the header and request deadlines, and webhook bodies by their own read deadline.
 */
export function applyServerTimeouts(server: Server, limits: Limits): void {
  server.timeout = 0;
  server.keepAliveTimeout = limits.httpIdleTimeoutMs;
}

/** Counts webhook requests in flight; over the cap a request gets 503 and Retry-After before its body is read. */
export function webhookGate(max: number) {
  let active = 0;
  return {
    get active() {
      return active;
    },
    enter(res: ServerResponse): boolean {
      if (active >= max) {
        res.shouldKeepAlive = false;
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', connection: 'close' });
        res.end(JSON.stringify({ error: 'busy', message: `more than ${max} webhook requests at once (CREATOR_MCP_WEBHOOK_MAX_CONNECTIONS)` }));
        res.once('finish', () => res.socket?.destroySoon());
        return false;
      }
      active++;
      // 'close' fires once per response, finished or cut, so the slot is always given back.
      res.once('close', () => active--);
      return true;
    },
  };
}
