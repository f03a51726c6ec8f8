import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { PlatformError } from '../../../src/http/errors.js';
import { SecretSet } from '../../../src/http/redact.js';
import { silentLogger } from '../../../src/log.js';
import { configure } from '../../../src/platforms/fresns/config.js';
import { FresnsVersion, STATUS_PATH } from '../../../src/platforms/fresns/detect.js';

const BASE = { FRESNS_BASE_URL: 'https://club.example.com', FRESNS_APP_ID: 'app', FRESNS_APP_SECRET: 'secret-123456' };

/** A unit test of the probe alone, so fetch is mocked: what each kind of site answers on the 3.x status path. */
function probeWith(answer: () => Response, env: Record<string, string> = {}) {
  const seen: string[] = [];
  const fetch = (async (url: string) => {
    seen.push(String(url));
    return answer();
  }) as unknown as typeof globalThis.fetch;
  const http = new HttpClient({ platform: 'Fresns', secrets: new SecretSet(), log: silentLogger, fetch, baseDelayMs: 1, maxAttempts: 2 });
  return { versions: new FresnsVersion(configure({ ...BASE, ...env })!, http, silentLogger), seen };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Fresns version detection (FRESNS_API_VERSION=auto)', () => {
  it('3.x: the status file answers; asked once, then kept', async () => {
    const { versions, seen } = probeWith(() => json(200, { name: 'Fresns', activate: true, deactivateDescribe: { default: '' } }));
    expect(await Promise.all([versions.get(), versions.get()])).toEqual([3, 3]);
    expect(await versions.get()).toBe(3);
    expect(seen).toEqual([`https://club.example.com${STATUS_PATH}`]);
  });

  it('2.x: a 404, or a page of the site instead of the status file', async () => {
    expect(await probeWith(() => json(404, { message: 'The route could not be found.' })).versions.get()).toBe(2);
    expect(await probeWith(() => new Response('<html>theme page</html>', { status: 200 })).versions.get()).toBe(2);
    expect(await probeWith(() => json(200, { code: 0, message: 'ok', data: [] })).versions.get()).toBe(2);
  });

  it('a failing site is reported, not guessed, and asked again next time', async () => {
    let status = 503;
    const { versions, seen } = probeWith(() => (status === 503 ? json(503, {}) : json(200, { activate: true })));
    await expect(versions.get()).rejects.toBeInstanceOf(PlatformError);
    status = 200;
    expect(await versions.get()).toBe(3);
    expect(seen.length).toBe(3);
  });

  it('a configured version never probes', async () => {
    const { versions, seen } = probeWith(() => json(404, {}), { FRESNS_API_VERSION: '3' });
    expect(await versions.get()).toBe(3);
    expect(seen).toEqual([]);
  });
});
