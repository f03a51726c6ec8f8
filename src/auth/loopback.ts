import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { ConfigError } from '../http/errors.js';

export interface LoopbackLoginOptions {
  /** Must be an http:// URL on a loopback host; the callback server listens exactly there. */
  redirectUri: string;
  authorizeUrl(state: string): string;
  openBrowser: boolean | ((url: string) => void);
  /** Where the URL and progress are shown (stderr). */
  print(line: string): void;
  timeoutMs?: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The browser half of an authorization-code login: a one-shot callback server on the redirect
 * URI, a random `state` checked on return, and the browser opened (or the URL printed).
 * Resolves with the authorization code.
 */
export async function loopbackLogin(opts: LoopbackLoginOptions): Promise<{ code: string; params: URLSearchParams }> {
  const redirect = parseRedirect(opts.redirectUri);
  const state = randomBytes(16).toString('base64url');
  const url = opts.authorizeUrl(state);

  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const got = new URL(req.url ?? '/', redirect.origin);
      if (got.pathname !== redirect.pathname) {
        res.writeHead(404).end();
        return;
      }
      const finish = (status: number, text: string, outcome: () => void) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
        res.end(`<!doctype html><meta charset="utf-8"><title>creator-mcp</title><p>${text}</p>`);
        clearTimeout(timer);
        server.close();
        server.closeAllConnections();
        outcome();
      };
      const returned = Buffer.from(got.searchParams.get('state') ?? '');
      const expected = Buffer.from(state);
      if (returned.length !== expected.length || !timingSafeEqual(returned, expected)) {
        // A callback without our state may be forged (login CSRF): refuse it, keep waiting.
        res.writeHead(400, { 'content-type': 'text/plain' }).end('state mismatch');
        return;
      }
      const error = got.searchParams.get('error');
      const code = got.searchParams.get('code');
      if (error || !code) {
        const why = `${error ?? 'no code'}${got.searchParams.get('error_description') ? `: ${got.searchParams.get('error_description')}` : ''}`;
        finish(400, 'Login failed. You can close this tab.', () => reject(new Error(`the authorization server refused the login (${why})`)));
        return;
      }
      finish(200, 'Logged in to creator-mcp. You can close this tab.', () => resolve({ code, params: got.searchParams }));
    });
    const timer = setTimeout(() => {
      server.close();
      server.closeAllConnections();
      reject(new Error('no login callback within the time limit; run the command again'));
    }, opts.timeoutMs ?? 5 * 60_000);
    server.once('error', (err) => {
      clearTimeout(timer);
      reject(new ConfigError(`cannot listen on the redirect URI ${opts.redirectUri}: ${err.message}`));
    });
    server.listen(Number(redirect.port || 80), redirect.hostname.replace(/^\[|\]$/g, ''), () => {
      opts.print(`Open this URL to log in:\n\n  ${url}\n`);
      if (typeof opts.openBrowser === 'function') opts.openBrowser(url);
      else if (opts.openBrowser) openInBrowser(url);
    });
  });
}

function parseRedirect(uri: string): URL {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new ConfigError(`the redirect URI "${uri}" is not a URL`);
  }
  if (u.protocol !== 'http:' || !LOOPBACK_HOSTS.has(u.hostname)) {
    throw new ConfigError(`the redirect URI must be a loopback http URL such as http://127.0.0.1:8788/callback, not "${uri}"`);
  }
  return u;
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed already; a missing opener is not an error.
  }
}
