import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Runtime } from '../runtime.js';
import { createServer } from '../server.js';

/** stdout carries only protocol messages; everything else goes to stderr through the logger. */
export function startStdio(rt: Runtime): { close(): Promise<void> } {
  const handle = serveStdio((ctx) => createServer(rt, ctx), {
    onerror: (err) => rt.log.error(`stdio: ${err.message}`),
  });
  rt.log.info(`creator-mcp on stdio with ${rt.tools.length} tools (${[...rt.enabled.keys()].join(', ') || 'no platform configured'})`);
  return handle;
}
