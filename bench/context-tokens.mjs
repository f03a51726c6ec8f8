// Tokens (o200k_base, as a client receives the resource text) of every AutomationContext on the
// sandbox seed and on a ten-times seed, read through a real MCP client over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { MemoryTokenStore } from '../dist/auth/token-store.js';
import { createRuntime } from '../dist/runtime.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { startHttp } from '../dist/transports/http.js';

const TOKEN = 'bench-context-token-0123456789abcdef';
export const CONTEXT_URIS = ['creator', 'afdian', 'fanvue', 'fanbook', 'fresns'].map((p) => `${p}://automation-context`);
export const CONTEXT_BUDGETS = { 'creator://automation-context': 8_000, default: 4_000 };

async function measureScale(seedScale) {
  const sandbox = await startSandbox({ seedScale });
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-ctx-'));
  const rt = await createRuntime(
    { ...sandbox.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_PORT: '0', CREATOR_MCP_HTTP_TOKEN: TOKEN, CREATOR_MCP_LOG_LEVEL: 'error' },
    { store: new MemoryTokenStore(), logWrite: () => undefined },
  );
  const http = await startHttp(rt);
  const client = new Client({ name: 'bench-context', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const out = {};
    for (const uri of CONTEXT_URIS) {
      const text = (await client.readResource({ uri })).contents[0].text;
      out[uri] = { tokens: encode(text).length, chars: text.length };
    }
    return out;
  } finally {
    await client.close().catch(() => undefined);
    await http.close();
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Resolves with figures per URI and a printable block; `met` is false if any context is over its budget. */
export async function measureContextTokens() {
  const seed = await measureScale(1);
  const tenfold = await measureScale(10);
  const budget = (uri) => CONTEXT_BUDGETS[uri] ?? CONTEXT_BUDGETS.default;
  const met = CONTEXT_URIS.every((u) => seed[u].tokens <= budget(u) && tenfold[u].tokens <= budget(u));
  const lines = [
    'AutomationContext tokens (o200k_base, resource text as the client receives it):',
    ...CONTEXT_URIS.map((u) => `  ${u.padEnd(30)} seed ${String(seed[u].tokens).padStart(5)}  ten-times seed ${String(tenfold[u].tokens).padStart(5)}  budget ${budget(u)}`),
    `  within budget on both seeds: ${met ? 'met' : 'NOT met'}`,
  ];
  return { seed, tenfold, met, text: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureContextTokens();
  console.log(r.text);
}
