import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Bodies larger than this are logged without their bytes (headers keep content-length). */
const LOGGED_BODY_MAX = 1024 * 1024;

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  text: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type SimRoute = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** A websocket (or other) upgrade on the simulator's own port: a platform gateway. */
export type SimUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export type FaultKind =
  | 'status-before' // answer `status` without calling the route: the platform did not process it
  | 'status-after' // call the route (state changes), then answer `status` instead of its response
  | 'timeout-after' // call the route, then never answer (hold the socket until the client gives up)
  | 'reset-before' // reset the connection without processing
  | 'reset-after' // process, then reset the connection
  | 'truncated-after' // process, then send the first half of the body (full Content-Length) and close
  | 'non-json-after' // process, then answer 200 with an HTML error page
  | 'body-before' // answer `status` (200) with `body` verbatim, without calling the route
  | 'body-after' // call the route (state changes), then answer `status` (200) with `body` instead
  | 'echo-before'; // answer `status` (200) with the request itself (method, URL, headers, body), as a careless proxy or token endpoint would

export interface Fault {
  kind: FaultKind;
  status?: number;
  retryAfter?: string;
  pathPrefix?: string;
  /** how many matching requests this fault hits; default 1, `Infinity` for every one */
  times?: number;
  /**
   * body-*: the raw body text to answer with (any bytes a platform might send: JSON or not).
   * echo-before: a template, so the echo can sit inside the platform's envelope or an OAuth error:
   * `"{{echo}}"` becomes the request as a JSON object, `"{{echo-text}}"` the same as one JSON string.
   */
  body?: string;
  /** body-*: the Content-Type sent with `body`; default JSON */
  contentType?: string;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const REQUEST_LOG_SIZE = 1000;

interface QueuedFault extends Fault {
  remaining: number;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

// Gateways in front of real platforms answer errors with HTML; clients must not assume JSON.
const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/**
 * Real HTTP server on 127.0.0.1 for one platform simulator, with fault injection so tests can reproduce the
 * ambiguous outcomes of real networks (processed-but-unanswered, answered-but-unprocessed).
 */
export class SimulatorHost {
  latencyMs: number;
  readonly name: string;
  readonly #route: SimRoute;
  readonly #upgrade: SimUpgrade | undefined;
  #server: Server | undefined;
  #baseUrl: string | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #faults: QueuedFault[] = [];
  readonly #processed = new Map<string, number>();
  readonly #requests: SimRequest[] = [];

  constructor(name: string, route: SimRoute, opts: { latencyMs?: number; upgrade?: SimUpgrade } = {}) {
    this.name = name;
    this.#route = route;
    this.#upgrade = opts.upgrade;
    this.latencyMs = opts.latencyMs ?? 0;
  }

  get baseUrl(): string {
    if (this.#baseUrl === undefined) throw new Error(`simulator ${this.name} is not started`);
    return this.#baseUrl;
  }

  get requests(): readonly SimRequest[] {
    return this.#requests;
  }

  start(port = 0): Promise<string> {
    if (this.#baseUrl !== undefined) return Promise.resolve(this.#baseUrl);
    const server = createServer((req, res) => {
      // A route answer Node refuses to write (e.g. an invalid header) must not crash the process hosting the tests.
      this.#handle(req, res).catch((err: unknown) => {
        if (res.headersSent) return void res.destroy();
        send(res, json(500, { error: 'simulator_host_failed', message: err instanceof Error ? err.message : String(err) }));
      });
    });
    // Without a handler Node destroys upgrade requests, as a server without websockets would.
    if (this.#upgrade) server.on('upgrade', this.#upgrade);
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const { port: bound } = server.address() as AddressInfo;
        this.#server = server;
        this.#baseUrl = `http://127.0.0.1:${bound}`;
        resolve(this.#baseUrl);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.#server;
    if (!server) return Promise.resolve();
    this.#server = undefined;
    this.#baseUrl = undefined;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    // Held (timeout-after) and keep-alive sockets would otherwise keep close() waiting forever.
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Sees every answer a route gives (before faults replace it): tests take real bodies from it to mutate. */
  onAnswer: ((req: SimRequest, answer: SimResponse) => void) | undefined;

  injectFault(f: Fault): void {
    this.#faults.push({ ...f, remaining: f.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  processed(pathPrefix = ''): number {
    let n = 0;
    for (const [path, count] of this.#processed) if (path.startsWith(pathPrefix)) n += count;
    return n;
  }

  #takeFault(path: string): Fault | undefined {
    const i = this.#faults.findIndex((f) => f.pathPrefix === undefined || path.startsWith(f.pathPrefix));
    const f = this.#faults[i];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.#faults.splice(i, 1);
    return f;
  }

  #record(req: SimRequest): void {
    // The log keeps the last REQUEST_LOG_SIZE requests; with their bodies, a 2 GiB upload in 8 MiB
    // parts kept 2 GiB alive in the simulator's process. A large body is logged by its size only.
    if (req.rawBody.length > LOGGED_BODY_MAX) req = { method: req.method, path: req.path, query: req.query, headers: req.headers, rawBody: Buffer.alloc(0), text: '' };
    this.#requests.push(req);
    if (this.#requests.length > REQUEST_LOG_SIZE) this.#requests.shift();
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#timers.delete(t);
        resolve();
      }, ms);
      this.#timers.add(t);
    });
  }

  async #invoke(req: SimRequest): Promise<SimResponse> {
    this.#processed.set(req.path, (this.#processed.get(req.path) ?? 0) + 1);
    try {
      return await this.#route(req);
    } catch (err) {
      return json(500, { error: 'simulator_route_failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  #faultFromRequest(text: string): SimResponse {
    let f: Partial<Fault>;
    try {
      f = JSON.parse(text) as Partial<Fault>;
    } catch {
      return json(400, { error: 'body must be a JSON fault: {kind, status?, retryAfter?, pathPrefix?, times?, body?, contentType?}' });
    }
    if (!f.kind || !FAULT_KINDS.includes(f.kind)) return json(400, { error: `kind must be one of ${FAULT_KINDS.join(', ')}` });
    if (f.kind.startsWith('body-') && typeof f.body !== 'string') return json(400, { error: `${f.kind} needs "body": the raw text to answer with` });
    // JSON has no Infinity: a negative or absent-but-wanted "every request" is spelt as a large count.
    if (f.times !== undefined && (typeof f.times !== 'number' || !(f.times >= 1))) return json(400, { error: 'times must be a number ≥ 1' });
    this.injectFault(f as Fault);
    return json(200, { queued: f });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'aborted') return;
    const target = req.url ?? '/';
    // Concatenate rather than resolve, so a path like `//a/b` stays a path instead of becoming a host.
    const url = target.startsWith('/') ? new URL(`http://127.0.0.1${target}`) : new URL(target, 'http://127.0.0.1');
    const rawBody = body === 'too-large' ? Buffer.alloc(0) : body;
    let text: string | undefined;
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      // Decoded when read: an 8 MiB upload part is never read as text, and decoding every one cost a copy.
      get text() {
        return (text ??= rawBody.toString('utf8'));
      },
    };
    this.#record(simReq);
    if (body === 'too-large') {
      await this.#sleep(this.latencyMs);
      return send(res, json(413, { error: 'payload_too_large', limit: MAX_BODY_BYTES }, { connection: 'close' }));
    }

    // Every simulator takes faults over HTTP too, so a sandbox run in another process can be
    // made to misbehave (tests, and people trying how creator-mcp copes).
    if (simReq.path === '/__sandbox/faults' && simReq.method === 'POST') return send(res, this.#faultFromRequest(simReq.text));
    if (simReq.path === '/__sandbox/faults' && simReq.method === 'DELETE') {
      this.clearFaults();
      return send(res, json(200, { cleared: true }));
    }

    const fault = this.#takeFault(simReq.path);
    if (fault?.kind === 'reset-before') {
      await this.#sleep(this.latencyMs);
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'status-before') {
      await this.#sleep(this.latencyMs);
      return send(res, faultStatus(fault, 503));
    }
    if (fault?.kind === 'body-before') {
      await this.#sleep(this.latencyMs);
      return send(res, faultBody(fault));
    }
    if (fault?.kind === 'echo-before') {
      await this.#sleep(this.latencyMs);
      return send(res, echo(simReq, target, fault));
    }

    const answer = await this.#invoke(simReq);
    this.onAnswer?.(simReq, answer);
    await this.#sleep(this.latencyMs);
    switch (fault?.kind) {
      case undefined:
        return send(res, answer);
      case 'body-after':
        return send(res, faultBody(fault));
      case 'status-after':
        return send(res, faultStatus(fault, 500));
      case 'timeout-after':
        return; // never answer; stop() or the client's abort closes the socket
      case 'reset-after':
        req.socket.resetAndDestroy();
        return;
      case 'truncated-after':
        return sendTruncated(res, answer);
      case 'non-json-after':
        return send(res, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_ERROR_PAGE });
    }
  }
}

export const FAULT_KINDS: readonly FaultKind[] = [
  'status-before',
  'status-after',
  'timeout-after',
  'reset-before',
  'reset-after',
  'truncated-after',
  'non-json-after',
  'body-before',
  'body-after',
  'echo-before',
];

function faultBody(f: Fault): SimResponse {
  return { status: f.status ?? 200, headers: { 'content-type': f.contentType ?? 'application/json; charset=utf-8' }, body: f.body ?? '' };
}

/** The request as received, headers and all: what a debug proxy or a careless token endpoint sends back. */
function echo(req: SimRequest, target: string, f: Fault): SimResponse {
  const text = JSON.stringify({ method: req.method, url: target, headers: req.headers, body: req.text });
  if (f.body === undefined) return { status: f.status ?? 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: text };
  // Function replacers, so `$` in a request is never read as a replacement pattern.
  const body = f.body.replace('"{{echo}}"', () => text).replace('"{{echo-text}}"', () => JSON.stringify(text));
  return { status: f.status ?? 200, headers: { 'content-type': f.contentType ?? 'application/json; charset=utf-8' }, body };
}

function faultStatus(f: Fault, fallback: number): SimResponse {
  const status = f.status ?? fallback;
  const headers: Record<string, string> = f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {};
  return json(status, { error: 'sandbox_fault', kind: f.kind, status }, headers);
}

function send(res: ServerResponse, r: SimResponse): void {
  if (res.destroyed) return;
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
  res.end(body);
}

function sendTruncated(res: ServerResponse, r: SimResponse): void {
  if (res.destroyed) return;
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  // Announce the full length so the client sees a connection cut mid-body, as on a real dropped link.
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)));
  res.socket?.end();
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      // Keep draining without storing, so the client can finish sending and read the 413.
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('aborted'));
    // 'close' also follows a normal 'end'; the promise has settled by then, so this only catches aborts.
    req.on('close', () => resolve('aborted'));
  });
}
