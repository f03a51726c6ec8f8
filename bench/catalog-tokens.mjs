#!/usr/bin/env node
// o200k tokens of the tool catalog as a client receives it (the JSON of each tool object in
// tools/list), read from the reviewed snapshots so it needs no server: default list is not
// distinguished here, every snapshot is one tool of `--toolsets all`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';

const SNAP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'tools', '__toolsnaps__');

export function measureCatalogTokens(dir = SNAP_DIR) {
  const perTool = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const tool = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      return { name: tool.name, tokens: encode(JSON.stringify(tool)).length };
    });
  const total = perTool.reduce((s, t) => s + t.tokens, 0);
  const max = perTool.reduce((m, t) => (t.tokens > m.tokens ? t : m), { name: '', tokens: 0 });
  return { tools: perTool.length, total, mean: Math.round(total / perTool.length), max, perTool };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureCatalogTokens();
  console.log(`all tools: ${r.tools} tools, ${r.total} o200k tokens, mean ${r.mean}, max ${r.max.tokens} (${r.max.name})`);
  for (const t of [...r.perTool].sort((a, b) => b.tokens - a.tokens).slice(0, 10)) console.log(`  ${t.tokens}\t${t.name}`);
}
