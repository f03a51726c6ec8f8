import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostHeaderValidation, originValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type ServerEventBus } from '@modelcontextprotocol/server';
import { COMBINED_CONTEXT_URI, contextUri } from '../resources/automation-context.js';
import type { PlatformId, WebhookReceiver } from '../platforms/types.js';
import type { Runtime } from '../runtime.js';
import { createServer } from '../server.js';
import { RedisEventBus } from '../state/redis/event-bus.js';
import { declaredTooLarge, readBody } from './body.js';
import { applyServerTimeouts, serverOptions, webhookGate } from './limits.js';
import { narrowed, narrowFor } from './narrowing.js';
import { DEFAULT_ACCOUNT } from '../accounts/env.js';
import { inboxKey } from '../accounts/inbox.js';

/** MCP messages are small: uploads read local files, they never travel in the request. */
const MCP_BODY_LIMIT = 1024 * 1024;
const WEBHOOK_BODY_LIMIT = 256 * 1024;
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export interface HttpServerHandle {
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Streamable HTTP, stateless: a fresh MCP server per request, so any instance behind a load
 * balancer can answer any request. /mcp needs the bearer token and a local (or allowed) Host
 * and Origin; /webhooks/<platform> is authenticated by the platform's own signature instead.
 */
export async function startHttp(rt: Runtime, opts: { bus?: ServerEventBus } = {}): Promise<HttpServerHandle> {
  const { host, port } = rt.config;
  const token = rt.config.httpToken ?? randomBytes(24).toString('base64url');
  rt.secrets.add(token);
  const expected = Buffer.from(`Bearer ${token}`);

  const allowed = [...new Set([...LOOPBACK, bracketed(host), ...rt.config.allowedHosts])].filter((h) => h !== '0.0.0.0' && h !== '[::]');
  const checkHost = hostHeaderValidation(allowed);
  const checkOrigin = originValidation(allowed);

  // With a shared store, a listen stream held here must hear what another instance published.
  const store = rt.config.store;
  const ownBus = !opts.bus && store.kind === 'redis' ? await RedisEventBus.connect(store.url, { log: rt.log }) : undefined;
  // Headers were checked before the handler ran (a bad one is a 400), so this narrows or keeps rt.
  const mcp = createMcpHandler((ctx) => createServer(narrowed(rt, ctx.requestInfo?.headers), ctx), {
    bus: opts.bus ?? ownBus,
    maxRequestBodySize: MCP_BODY_LIMIT,
    onerror: (err) => rt.log.debug(`mcp: ${err.message}`),
  });
  const serveMcp = toNodeHandler(mcp);
  // Built once: a receiver holds parsed keys, and a push must not pay for parsing them again.
  // `/webhooks/<platform>` is the default (or only) account; `/webhooks/<platform>/<account>` each account.
  const receivers = new Map<string, { id: PlatformId; key: PlatformId; receiver: WebhookReceiver }>();
  for (const e of rt.enabled.values()) {
    if (!e.platform.webhook) continue;
    const main = e.accounts.get(DEFAULT_ACCOUNT) ?? e.accounts.values().next().value;
    for (const a of e.accounts.values()) {
      const target = { id: e.platform.id, key: inboxKey(e.platform.id, a.name), receiver: e.platform.webhook(a.cfg) };
      receivers.set(`${e.platform.id}/${a.name}`, target);
      if (a === main) receivers.set(e.platform.id, target);
    }
  }

  const authorized = (req: IncomingMessage) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const gate = webhookGate(rt.limits.webhookMaxConnections);
  const server = createHttpServer(serverOptions(rt.limits), (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async () => {
      if (url.pathname === '/mcp') {
        if (!checkHost(req, res) || !checkOrigin(req, res)) return;
        if (!authorized(req)) {
          return send(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <CREATOR_MCP_HTTP_TOKEN>' }, { 'www-authenticate': 'Bearer realm="creator-mcp"' });
        }
        const narrowing = narrowFor(rt, req.headers);
        if ('error' in narrowing) return send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32602, message: rt.secrets.redact(narrowing.error) } });
        return serveMcp(req, res);
      }
      const hook = /^\/webhooks\/([a-z]+)(?:\/([a-z0-9_-]{1,32}))?\/?$/.exec(url.pathname);
      if (hook) {
        // Refused before a slot is taken or a byte of body is read, so a flood costs nothing.
        if (!gate.enter(res)) return;
        const where = hook[2] ? `${hook[1]}/${hook[2]}` : (hook[1] ?? '');
        return receiveWebhook(rt, receivers.get(where), where, req, res, mcp.notify);
      }
      if (url.pathname === '/healthz' && req.method === 'GET') return send(res, 200, { status: 'ok' });
      return send(res, 404, { error: 'not_found' });
    };
    route().catch((err: unknown) => {
      rt.log.error(`http: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal_error' });
      else res.destroy();
    });
  });

  applyServerTimeouts(server, rt.limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/mcp`;

  return {
    url,
    token,
    async close() {
      await mcp.close();
      await ownBus?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish, then the sockets are cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    },
  };
}

async function receiveWebhook(
  rt: Runtime,
  target: { id: PlatformId; key: PlatformId; receiver: WebhookReceiver } | undefined,
  platformId: string,
  req: IncomingMessage,
  res: ServerResponse,
  notify: { resourceUpdated(uri: string): void },
): Promise<void> {
  if (!target) return send(res, 404, { error: 'not_found', message: `no webhook receiver for "${platformId}"` });
  if (req.method !== 'POST') return refuse(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
  if (declaredTooLarge(req, WEBHOOK_BODY_LIMIT)) {
    return refuse(res, 413, { error: 'payload_too_large', message: `webhook bodies are limited to ${WEBHOOK_BODY_LIMIT} bytes` });
  }
  const read = await readBody(req, WEBHOOK_BODY_LIMIT, rt.limits.httpBodyTimeoutMs);
  if ('refused' in read) {
    if (read.refused === 413) return refuse(res, 413, { error: 'payload_too_large', message: `webhook bodies are limited to ${WEBHOOK_BODY_LIMIT} bytes` });
    return refuse(res, 408, { error: 'request_timeout', message: `the body must arrive within ${rt.limits.httpBodyTimeoutMs} ms` });
  }
  const body = read.body;

  const verdict = target.receiver.receive(body, req.headers);
  if (verdict.refused) rt.log.warn(`webhook ${platformId}: refused (${verdict.refused})`);
  let stored = 0;
  for (const event of verdict.events ?? []) {
    if (await rt.inbox.record(target.key, event)) stored++;
  }
  if (stored > 0) {
    rt.log.info(`webhook ${platformId}: stored ${stored} new event(s)`);
    notify.resourceUpdated(contextUri(target.id));
    notify.resourceUpdated(COMBINED_CONTEXT_URI);
  }
  res.writeHead(verdict.status, { 'content-type': verdict.contentType ?? 'application/json' });
  res.end(verdict.body);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers without reading the rest of the request and closes the connection, so an unread body cannot follow. */
function refuse(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return void res.destroy();
  res.shouldKeepAlive = false;
  send(res, status, body, { connection: 'close', ...headers });
  res.once('finish', () => res.socket?.destroySoon());
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
