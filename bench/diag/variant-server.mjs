#!/usr/bin/env node
// Diagnostic: creator-mcp's HTTP server with single pieces swapped out, to attribute its per-call
// cost against bench/bare-server.mjs (driven by bench/diag/variants.mjs). It patches dist/
// internals at run time, so it is an experiment harness, not a supported way to run the server.
//
// VARIANT is a comma list; empty = creator-mcp exactly as `serve --transport http` runs it.
//   custom        own per-request factory: McpServer with tools only (no resources, no
//                 instructions, no logging capability), tools registered by dist/tools/engine.js
//   onetool       (custom) register afdian_query_orders only
//   jsonresult    (custom) tool result = JSON.stringify + SecretSet.redact, instead of
//                 toToolResult (lossless-json stringify + redact)
//   losslessresult (custom) own handler calling toToolResult (same as the engine), for A/B
//                 with jsonresult; prints the time spent in toToolResult on exit
//   als           (own handler) run the upstream call inside mcpLogSink.run(...) like the engine
//   reqany        (own handler) pass AbortSignal.any([mcpReq.signal, http request signal]) like
//                 the engine's requestSignal(); without it the handler passes ctx.mcpReq.signal
//   manualsignal  HttpClient: one AbortController + setTimeout cleared when the call ends,
//                 instead of AbortSignal.any([external, AbortSignal.timeout(30 s)])
//   nosignal      HttpClient: pass only the MCP request's own signal (no timeout at all)
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { hostHeaderValidation, originValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { HttpClient } from '../../dist/http/client.js';
import { mcpLogSink } from '../../dist/log.js';
import { createRuntime } from '../../dist/runtime.js';
import { annotationsFor } from '../../dist/tools/annotations.js';
import { registerTools } from '../../dist/tools/engine.js';
import { toToolResult } from '../../dist/tools/result.js';
import { startHttp } from '../../dist/transports/http.js';

const v = new Set((process.env.VARIANT ?? '').split(',').filter(Boolean));

if (v.has('nosignal')) HttpClient.prototype.signalFor = (external) => external;
if (v.has('manualsignal')) {
  HttpClient.prototype.signalFor = (signal) => signal;
  const send = HttpClient.prototype.send;
  HttpClient.prototype.send = async function (req) {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new DOMException('timed out', 'TimeoutError')), this.opts.timeoutMs);
    const external = req.signal;
    const onAbort = () => ac.abort(external.reason);
    external?.addEventListener('abort', onAbort, { once: true });
    try {
      return await send.call(this, { ...req, signal: ac.signal });
    } finally {
      clearTimeout(timer);
      external?.removeEventListener('abort', onAbort);
    }
  };
}

let resultNs = 0n;
let resultCalls = 0;
process.on('exit', () => {
  if (resultCalls) process.stderr.write(`TIMING toToolResult ${(Number(resultNs) / resultCalls / 1000).toFixed(1)} us/call\n`);
});

const rt = await createRuntime({ ...process.env, CREATOR_MCP_TRANSPORT: 'http', CREATOR_MCP_HTTP_PORT: '0' });

if (!v.has('custom')) {
  const http = await startHttp(rt);
  process.stderr.write(`variant listening on ${http.url}\n`);
} else {
  const tools = v.has('onetool') ? rt.tools.filter((t) => t.name === 'afdian_query_orders') : rt.tools;
  const clients = new Map([...rt.enabled].map(([id, e]) => [id, e.client]));
  const ownHandler = v.has('jsonresult') || v.has('losslessresult');
  const factory = () => {
    const server = new McpServer({ name: 'creator-mcp', version: '0.0.0' }, { capabilities: { tools: {} } });
    if (!ownHandler) {
      registerTools(server, tools, { clients, secrets: rt.secrets, log: rt.log });
      return server;
    }
    for (const { name, platform, op } of tools) {
      const client = clients.get(platform.id);
      server.registerTool(name, { title: op.title, description: op.description, inputSchema: op.input, annotations: annotationsFor(op) }, async (args, ctx) => {
        const http = ctx.http?.req?.signal;
        const signal = v.has('reqany') && http ? AbortSignal.any([ctx.mcpReq.signal, http]) : ctx.mcpReq.signal;
        const upstream = () => client.call(op, args, { signal });
        const data = await (v.has('als') ? mcpLogSink.run(() => undefined, upstream) : upstream());
        const out = op.shape ? op.shape(data, args) : data;
        if (v.has('losslessresult')) {
          const t0 = process.hrtime.bigint();
          const result = toToolResult(out, rt.secrets);
          resultNs += process.hrtime.bigint() - t0;
          resultCalls++;
          return result;
        }
        const raw = JSON.stringify(out);
        const text = rt.secrets.redact(raw);
        return { content: [{ type: 'text', text }], structuredContent: text === raw ? out : JSON.parse(text) };
      });
    }
    return server;
  };
  const expected = Buffer.from(`Bearer ${rt.config.httpToken}`);
  const checkHost = hostHeaderValidation(['localhost', '127.0.0.1', '[::1]']);
  const checkOrigin = originValidation(['localhost', '127.0.0.1', '[::1]']);
  const serve = toNodeHandler(createMcpHandler(factory));
  const server = createHttpServer((req, res) => {
    if (!checkHost(req, res) || !checkOrigin(req, res)) return;
    const got = Buffer.from(req.headers.authorization ?? '');
    if (!(got.length === expected.length && timingSafeEqual(got, expected))) {
      res.writeHead(401);
      res.end();
      return;
    }
    void serve(req, res);
  });
  server.listen(0, '127.0.0.1', () => process.stderr.write(`variant listening on http://127.0.0.1:${server.address().port}/mcp\n`));
}
process.once('SIGTERM', () => process.exit(0));
