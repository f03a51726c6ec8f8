import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy answers itself instead of passing a request on. */
export interface Interception {
  status: number;
  body: string;
}

/**
 * A real HTTP hop in front of a simulator, the way a careless platform or a proxy would sit:
 * `intercept` may answer a request itself; everything else passes through to `target`.
 */
export async function startInterceptingProxy(intercept: (req: IncomingMessage, url: URL) => Interception | undefined) {
  let target = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const own = intercept(req, new URL(req.url ?? '/', 'http://127.0.0.1'));
      if (own) {
        res.writeHead(own.status, { 'content-type': 'application/json' }).end(own.body);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
      fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (up) => {
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set target(t: string) {
      target = t;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
