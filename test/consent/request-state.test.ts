import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ACCEPT, MASS, httpClient, massArgs, sent, text } from './helpers.js';

interface Asked {
  resultType?: string;
  requestState?: string;
  inputRequests?: Record<string, { method: string; params: { message: string } }>;
}

const STATE_KEY = 'a-shared-state-key-for-every-instance-0123456789';

/** The first round by hand: what a 2026-07-28 client receives before the user answers. */
async function question(client: Client, args: Record<string, unknown> = massArgs()): Promise<Asked> {
  return (await client.callTool({ name: MASS, arguments: args }, { allowInputRequired: true })) as unknown as Asked;
}

/** The retry a client sends once the user answered, with whatever state it holds. */
function retry(client: Client, requestState: string, args: Record<string, unknown> = massArgs(), answer = ACCEPT) {
  return client.callTool({ name: MASS, arguments: args, inputResponses: { confirm: answer }, requestState } as never, { allowInputRequired: true });
}

/**
 * The sealed requestState of 2026-07-28 questions: the client holds it between the question and
 * the answer, so it must not be able to change, stretch, reuse or redirect it. Each refusal
 * sends nothing (the simulator's processed count).
 */
describe('requestState', () => {
  let h: Harness;
  let other: Harness;
  let stranger: Harness;
  let clock = Date.now();
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_CONFIRM: 'risky', CREATOR_MCP_STATE_KEY: STATE_KEY }, consent: { now: () => clock } });
    other = await startHarness({ env: { CREATOR_MCP_CONFIRM: 'risky', CREATOR_MCP_STATE_KEY: STATE_KEY }, store: new MemoryTokenStore() });
    stranger = await startHarness({ env: { CREATOR_MCP_CONFIRM: 'risky', CREATOR_MCP_STATE_KEY: `${STATE_KEY}-but-another` } });
    client = await httpClient(h, 'auto', { answer: ACCEPT, manual: true });
  });
  afterAll(async () => {
    await Promise.all([h?.close(), other?.close(), stranger?.close()]);
  });

  it('the question is an input_required result with the elicitation and a sealed state that reveals nothing', async () => {
    const q = await question(client);
    expect(q.resultType).toBe('input_required');
    expect(q.inputRequests?.confirm?.method).toBe('elicitation/create');
    expect(q.inputRequests?.confirm?.params.message).toMatch(/^Send this 28-character message to the/);
    expect(q.requestState).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(q.requestState!.slice(3), 'base64url').toString('latin1')).not.toMatch(/fanvue|default|nonce/);
  });

  it('accepted once: exactly one request; the same answer replayed: refused, nothing more sent', async () => {
    const q = await question(client);
    const before = sent(h);
    const first = await retry(client, q.requestState!);
    expect(first.isError, text(first)).toBeFalsy();
    expect(sent(h) - before).toBe(1);
    const again = await retry(client, q.requestState!);
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/^The confirmation for fanvue_send_mass_message was refused: it was already used once\. Nothing was sent\./);
    expect(sent(h) - before).toBe(1);
  });

  it('tampered: one changed character is refused and sends nothing', async () => {
    const q = await question(client);
    const s = q.requestState!;
    const i = s.length - 10;
    const tampered = `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    const before = sent(h);
    const r = await retry(client, tampered);
    expect(text(r)).toMatch(/was refused: it was altered or sealed with another key/);
    expect(sent(h) - before).toBe(0);
    const junk = await retry(client, 'not-a-state');
    expect(text(junk)).toMatch(/is not a confirmation this server issued/);
    expect(sent(h) - before).toBe(0);
  });

  it('for other arguments or another tool: refused, nothing sent', async () => {
    const q = await question(client, massArgs('the text the user saw'));
    const before = sent(h);
    const r = await retry(client, q.requestState!, massArgs('a different text the user never saw'));
    expect(text(r)).toMatch(/was issued for another tool, other arguments or another account/);
    expect(sent(h) - before).toBe(0);
  });

  it('expired after 10 minutes: refused, nothing sent', async () => {
    const q = await question(client);
    clock += 10 * 60_000 + 1;
    const before = sent(h);
    const r = await retry(client, q.requestState!);
    expect(text(r)).toMatch(/expired \(a question is valid for 10 minutes\)/);
    expect(sent(h) - before).toBe(0);
  });

  it('another instance with the same key accepts the answer; one with another key refuses it', async () => {
    clock = Date.now();
    const q = await question(client);
    const elsewhere = await httpClient(stranger, 'auto', { answer: ACCEPT, manual: true });
    const refused = await retry(elsewhere, q.requestState!);
    expect(text(refused)).toMatch(/altered or sealed with another key/);
    expect(sent(stranger)).toBe(0);
    const peer = await httpClient(other, 'auto', { answer: ACCEPT, manual: true });
    const before = sent(other);
    const r = await retry(peer, q.requestState!);
    expect(r.isError, text(r)).toBeFalsy();
    expect(sent(other) - before).toBe(1);
  });
});
