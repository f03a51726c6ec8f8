import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loopbackLogin } from '../../src/auth/loopback.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('loopbackLogin', () => {
  it('refuses a callback without its state (login CSRF) and keeps waiting for the real one', async () => {
    const port = await freePort();
    let state = '';
    const opened: string[] = [];
    const done = loopbackLogin({
      redirectUri: `http://127.0.0.1:${port}/callback`,
      authorizeUrl: (s) => {
        state = s;
        return `http://127.0.0.1:1/authorize?state=${s}`;
      },
      openBrowser: (url) => opened.push(url),
      print: () => undefined,
      timeoutMs: 10_000,
    });
    await expect.poll(() => opened.length).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/callback?code=stolen&state=wrong`)).status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${port}/callback?code=real&state=${state}`)).status).toBe(200);
    await expect(done).resolves.toMatchObject({ code: 'real' });
  });
});
