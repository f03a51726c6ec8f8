#!/usr/bin/env node
// o200k tokens of the tool catalog as a client receives it (the JSON of each tool object in
// tools/list), read from the reviewed snapshots (every tool of `--toolsets all`, the built-in
// creator_* tools included) so it needs no server. The default list is measured live by
// search-tokens.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';

const SNAP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'tools', '__toolsnaps__');
/** The issue's bounds over every tool; test/tools/token-budget.test.ts holds the same numbers. */
export const CATALOG_BUDGET = { mean: 150, max: 600 };

const sum = (xs) => xs.reduce((s, t) => s + t.tokens, 0);
const largest = (xs) => xs.reduce((m, t) => (t.tokens > m.tokens ? t : m), { name: '', tokens: 0 });

export function measureCatalogTokens(dir = SNAP_DIR) {
  const perTool = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const tool = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      return { name: tool.name, tokens: encode(JSON.stringify(tool)).length };
    });
  const total = sum(perTool);
  const max = largest(perTool);
  const mean = Math.round(total / perTool.length);
  const byPrefix = new Map();
  for (const t of perTool) {
    const p = t.name.split('_')[0];
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), t]);
  }
  const platforms = [...byPrefix].map(([platform, tools]) => ({ platform, tools: tools.length, total: sum(tools), mean: Math.round(sum(tools) / tools.length), max: largest(tools) }));
  const over = perTool.filter((t) => t.tokens > CATALOG_BUDGET.max).length;
  const met = mean <= CATALOG_BUDGET.mean && over === 0;
  const text = [
    `tool catalog (all ${perTool.length} tools, o200k tokens as tools/list sends them): ${total} total, mean ${mean}/tool, max ${max.tokens} (${max.name})`,
    ...platforms.map((p) => `  ${p.platform.padEnd(8)} ${String(p.tools).padStart(4)} tools  ${String(p.total).padStart(6)} total  mean ${String(p.mean).padStart(4)}  max ${p.max.tokens} (${p.max.name})`),
    `  budget mean <= ${CATALOG_BUDGET.mean} and every tool <= ${CATALOG_BUDGET.max}: ${met ? 'met' : `NOT met (${over} tools over ${CATALOG_BUDGET.max})`}`,
  ].join('\n');
  return { tools: perTool.length, total, mean, max, perTool, platforms, over, met, text };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureCatalogTokens();
  console.log(r.text);
  console.log('largest:');
  for (const t of [...r.perTool].sort((a, b) => b.tokens - a.tokens).slice(0, 10)) console.log(`  ${t.tokens}\t${t.name}`);
}
