#!/usr/bin/env node
// The baseline for `npm run bench`: the smallest honest MCP SDK v2 server doing the same job as
// creator-mcp's afdian_query_orders. One tool, the same Afdian signing (inline, no creator-mcp
// code), the same upstream, the same serving entries (createMcpHandler + toNodeHandler over
// Streamable HTTP, serveStdio over stdio) and a bearer check, so only creator-mcp's own
// overhead shows up in the comparison.
//
//   node bench/bare-server.mjs            Streamable HTTP on 127.0.0.1 (BARE_PORT, default 0)
//   node bench/bare-server.mjs --stdio    stdio
//
// Env: AFDIAN_API_BASE_URL, AFDIAN_USER_ID, AFDIAN_TOKEN; BARE_HTTP_TOKEN (HTTP bearer).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';

// md5(token + "params" + params + "ts" + ts + "user_id" + user_id), as Afdian documents it.
const sign = ({ token, userId }, params, ts) =>
  createHash('md5').update(`${token}params${params}ts${ts}user_id${userId}`, 'utf8').digest('hex');

async function queryOrders(cfg, args) {
  const business = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  const params = Object.keys(business).length ? JSON.stringify(business) : '{"empty":true}';
  const ts = Math.floor(Date.now() / 1000);
  const res = await cfg.fetch(`${cfg.baseUrl}/api/open/query-order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ user_id: cfg.userId, params, ts, sign: sign(cfg, params, ts) }),
  });
  const envelope = await res.json();
  if (envelope.ec !== 200) throw new Error(`Afdian ec ${envelope.ec}: ${envelope.em}`);
  return envelope.data ?? {};
}

// Built once, like creator-mcp's operation rows: building a zod schema per request costs more
// than everything else the factory does.
const QUERY_ORDERS_INPUT = z.object({
  page: z.number().int().min(1).optional(),
  per_page: z.number().int().min(1).max(100).optional(),
});

/** One fresh server per serving unit (HTTP request / stdio connection); exported for bench/diag/inproc.mjs. */
export function createBareServer(cfg) {
  const server = new McpServer({ name: 'bare-afdian', version: '0.0.0' }, { capabilities: { tools: {} } });
  server.registerTool(
    'query_orders',
    {
      description: 'Lists Afdian orders, newest first.',
      inputSchema: QUERY_ORDERS_INPUT,
    },
    async (args) => {
      try {
        const data = await queryOrders(cfg, args);
        return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
      } catch (err) {
        return { content: [{ type: 'text', text: String(err?.message ?? err) }], isError: true };
      }
    },
  );
  return server;
}

async function main() {
  const cfg = {
    baseUrl: (process.env.AFDIAN_API_BASE_URL ?? 'https://afdian.com').replace(/\/+$/, ''),
    userId: process.env.AFDIAN_USER_ID ?? '',
    token: process.env.AFDIAN_TOKEN ?? '',
    fetch: globalThis.fetch,
  };
  const createServer = () => createBareServer(cfg);

  if (process.argv.includes('--stdio')) {
    const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
    serveStdio(() => createServer());
    process.stdin.once('end', () => process.exit(0));
    return;
  }

  const expected = Buffer.from(`Bearer ${process.env.BARE_HTTP_TOKEN ?? ''}`);
  const authorized = (req) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const handler = createMcpHandler(() => createServer());
  const serve = toNodeHandler(handler);
  const server = createHttpServer((req, res) => {
    if (!authorized(req)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"unauthorized"}');
      return;
    }
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(Number(process.env.BARE_PORT ?? 0), '127.0.0.1', () => {
    process.stderr.write(`bare listening on http://127.0.0.1:${server.address().port}/mcp\n`);
  });
  const stop = () => {
    void handler.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) await main();
