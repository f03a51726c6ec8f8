import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { Platform } from '../platforms/types.js';
import { selectTools, type CatalogEntry, type ToolFilters } from '../tools/catalog.js';
import { needsConfirmation } from '../consent/policy.js';
import { toolDefinition } from '../tools/engine.js';

/**
 * What a client pays for the catalog, computed from the rows so the README's figures follow every
 * change of a description or of the schema emission (`npm run docs`). Only for the generator and
 * its test: gpt-tokenizer is a devDependency.
 */

/** A tool as tools/list sends it (the engine's definition, its input as JSON Schema 2020-12). */
export function listedTool(entry: CatalogEntry) {
  const def = toolDefinition(entry);
  return {
    name: entry.name,
    title: def.title,
    description: def.description,
    inputSchema: def.inputSchema['~standard'].jsonSchema.input({ target: 'draft-2020-12' }),
    annotations: def.annotations,
    _meta: def._meta,
  };
}

export interface Listing {
  tools: number;
  tokens: number;
  mean: number;
  max?: { name: string; tokens: number };
}

function measure(entries: readonly CatalogEntry[]): Listing {
  let tokens = 0;
  let max: Listing['max'];
  for (const e of entries) {
    const n = encode(JSON.stringify(listedTool(e))).length;
    tokens += n;
    if (!max || n > max.tokens) max = { name: e.name, tokens: n };
  }
  return { tools: entries.length, tokens, mean: entries.length ? Math.round(tokens / entries.length) : 0, max };
}

/**
 * Every platform counts as configured, under the default confirmation policy: the figures
 * describe what each setting would list, with the hint and sentence of the tools the user approves.
 */
export function selected(platforms: readonly Platform[], filters: ToolFilters): CatalogEntry[] {
  const policy = { mode: 'risky' as const, exempt: new Set<string>() };
  return selectTools(platforms, new Set(platforms.map((p) => p.id)), filters).map((e) => (needsConfirmation(policy, e.name, e.op) ? { ...e, confirmed: true } : e));
}
const listing = (platforms: readonly Platform[], filters: ToolFilters) => measure(selected(platforms, filters));

const n = (v: number) => v.toLocaleString('en-US');
const row = (what: string, l: Listing) => `| ${what} | ${n(l.tools)} | ${n(l.tokens)} | ${n(l.mean)} |`;

/** The client section's table: what each usual setting lists, in tools and o200k tokens. */
export function figuresMarkdown(platforms: readonly Platform[]): string {
  const all = listing(platforms, { toolsets: ['all'] });
  const core = measure(selected(platforms, { toolsets: ['all'] }).filter((e) => e.op.alwaysLoad));
  const out = [
    '| Setting | Tools | o200k tokens | Per tool |',
    '| --- | --- | --- | --- |',
    row('default (no `--toolsets`)', listing(platforms, {})),
    row('`--toolsets all`', all),
    row('`--toolsets all --read-only`', listing(platforms, { toolsets: ['all'], readOnly: true })),
    ...platforms.map((p) => row(`\`--toolsets ${p.id}\``, listing(platforms, { toolsets: [p.id] }))),
    row('always-loaded core (listed in search mode, with `creator_find_tools` and `creator_call_tool`)', core),
    '',
    `Platform tools only (the built-in \`creator_*\` tools add a few hundred tokens); the largest tool is \`${all.max?.name}\` (${n(all.max?.tokens ?? 0)} tokens).`,
  ];
  return out.join('\n');
}

/** Tokens of each toolset, for the catalog's summary table. */
export function toolsetTokens(platforms: readonly Platform[], toolset: string): Listing {
  return listing(platforms, { toolsets: [toolset] });
}
