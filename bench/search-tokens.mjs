#!/usr/bin/env node
// o200k tokens of tools/list in search mode (--tool-mode search), as a real MCP client receives
// it over HTTP from the sandbox, beside the default list of the same server for comparison.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { MemoryTokenStore } from '../dist/auth/token-store.js';
import { createRuntime } from '../dist/runtime.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { startHttp } from '../dist/transports/http.js';

const TOKEN = 'bench-search-token-0123456789abcdef';
export const SEARCH_BUDGET = 2_000;

async function listTokens(sandbox, flags) {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-bench-search-'));
  const rt = await createRuntime(
    { ...sandbox.env, CREATOR_MCP_STATE_DIR: stateDir, CREATOR_MCP_HTTP_PORT: '0', CREATOR_MCP_HTTP_TOKEN: TOKEN, CREATOR_MCP_LOG_LEVEL: 'error' },
    { flags, store: new MemoryTokenStore(), logWrite: () => undefined },
  );
  const http = await startHttp(rt);
  const client = new Client({ name: 'bench-search', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const tools = (await client.listTools()).tools;
    return { tools: tools.length, tokens: tools.reduce((s, t) => s + encode(JSON.stringify(t)).length, 0), exposed: rt.tools.length };
  } finally {
    await client.close().catch(() => undefined);
    await http.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

export async function measureSearchTokens() {
  const sandbox = await startSandbox();
  try {
    const search = await listTokens(sandbox, { toolsets: 'all', 'tool-mode': 'search' });
    const defaults = await listTokens(sandbox, {});
    const met = search.tokens <= SEARCH_BUDGET;
    const text = [
      `search mode (--toolsets all --tool-mode search): ${search.tools} tools listed for ${search.exposed} reachable, ${search.tokens} o200k tokens (budget ${SEARCH_BUDGET}: ${met ? 'met' : 'NOT met'})`,
      `default tools/list: ${defaults.tools} tools, ${defaults.tokens} o200k tokens`,
    ].join('\n');
    return { search, defaults, met, text };
  } finally {
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await measureSearchTokens()).text);
}
