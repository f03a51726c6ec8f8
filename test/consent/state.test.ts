import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTokenStore, MemoryTokenStore } from '../../src/auth/token-store.js';
import { UsedNonces } from '../../src/consent/nonces.js';
import { loadConsent } from '../../src/consent/setup.js';
import { argsHash } from '../../src/consent/state.js';

const binding = { tool: 'fanvue_delete_post', argsHash: argsHash({ uuid: 'p1' }), account: 'default' };

/** The sealing key's origins and the spent-nonce record: what lets replicas share questions and no answer count twice. */
describe('confirmation state', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-consent-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const sub = (n: string) => path.join(dir, n);
  const consentOf = (stateDir: string, store: FileTokenStore | MemoryTokenStore, env: Record<string, string> = {}, secretKey?: string) =>
    loadConsent(env, { platforms: [], store, nonces: new UsedNonces(stateDir), secretKey });

  it('is derived from the token store key: two stores with the same CREATOR_MCP_SECRET_KEY open each other’s state, other keys do not', async () => {
    const secret = 'the same passphrase on every replica';
    const a = await consentOf(sub('a'), await FileTokenStore.open({ stateDir: sub('a'), secretKey: secret }));
    const b = await consentOf(sub('b'), await FileTokenStore.open({ stateDir: sub('b'), secretKey: secret }));
    const memory = await consentOf(sub('m'), new MemoryTokenStore(), {}, secret);
    const fileKey = await consentOf(sub('c'), await FileTokenStore.open({ stateDir: sub('c') }));
    const sealed = a.sealer.seal(binding);
    expect(b.sealer.open(sealed, binding).ok).toBe(true);
    expect(memory.sealer.open(sealed, binding).ok).toBe(true);
    expect(fileKey.sealer.open(sealed, binding)).toEqual({ ok: false, reason: 'tampered' });
    const again = await consentOf(sub('c'), await FileTokenStore.open({ stateDir: sub('c') }));
    expect(again.sealer.open(fileKey.sealer.seal(binding), binding).ok).toBe(true);
  });

  it('CREATOR_MCP_STATE_KEY wins over the store key, and a short one is refused', async () => {
    const env = { CREATOR_MCP_STATE_KEY: 'x'.repeat(40) };
    const a = await consentOf(sub('d'), await FileTokenStore.open({ stateDir: sub('d') }), env);
    const b = await consentOf(sub('e'), new MemoryTokenStore(), env);
    expect(b.sealer.open(a.sealer.seal(binding), binding).ok).toBe(true);
    await expect(consentOf(sub('f'), new MemoryTokenStore(), { CREATOR_MCP_STATE_KEY: 'short' })).rejects.toThrow(/at least 32 characters/);
  });

  it('a nonce is spent once even when retries race, and expired entries are removed', async () => {
    let now = 1_000_000;
    const used = new UsedNonces(sub('n'), () => now);
    const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
    const results = await Promise.all(Array.from({ length: 8 }, () => new UsedNonces(sub('n'), () => now).spend(nonce, now + 600_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    for (let i = 0; i < 5; i++) await used.spend(`nonce-number-${i}-xxxxxxxx`, now + 600_000);
    expect(await readdir(path.join(sub('n'), 'confirmations-used'))).toHaveLength(6);
    now += 600_001;
    expect(await used.spend('a-fresh-nonce-after-expiry', now + 600_000)).toBe(true);
    expect(await readdir(path.join(sub('n'), 'confirmations-used'))).toHaveLength(1);
    expect(await used.spend('../escape', now + 1)).toBe(false);
  });
});
