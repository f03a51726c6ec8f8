import * as z from 'zod';
import { MemoryTokenStore } from '../auth/token-store.js';
import { loadConfig, type ServerFlags } from '../config.js';
import { loadPlatforms } from '../platforms/index.js';
import type { Env } from '../platforms/types.js';
import { createRuntime } from '../runtime.js';
import { annotationsFor } from '../tools/annotations.js';
import { selectTools, type CatalogEntry } from '../tools/catalog.js';

export function describeTool(e: CatalogEntry) {
  return {
    name: e.name,
    title: e.op.title,
    description: e.op.description,
    platform: e.platform.id,
    toolset: e.op.toolset,
    kind: e.op.kind,
    annotations: annotationsFor(e.op, e.input !== undefined),
    inputSchema: z.toJSONSchema(e.input ?? e.op.input, { io: 'input' }),
  };
}

/** The catalog this configuration would expose; `--all` ignores which platforms are configured. */
export async function runTools(env: Env, flags: Record<string, unknown>): Promise<number> {
  let entries: readonly CatalogEntry[];
  if (flags.all) {
    const platforms = await loadPlatforms();
    const config = loadConfig(env, flags as ServerFlags);
    entries = selectTools(platforms, new Set(platforms.map((p) => p.id)), { ...config.filters, toolsets: config.filters.toolsets ?? ['all'] });
  } else {
    const rt = await createRuntime(env, { flags: flags as ServerFlags, store: new MemoryTokenStore() });
    entries = rt.tools;
    await rt.state.close();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(entries.map(describeTool), null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    process.stdout.write('No tools: no platform is configured (see README.md), or the filters exclude everything. Try --all.\n');
    return 0;
  }
  const width = Math.max(...entries.map((e) => e.name.length));
  const byToolset = new Map<string, CatalogEntry[]>();
  for (const e of entries) byToolset.set(e.op.toolset, [...(byToolset.get(e.op.toolset) ?? []), e]);
  for (const [toolset, group] of byToolset) {
    const ts = group[0]?.platform.toolsets.find((t) => t.id === toolset);
    process.stdout.write(`\n${toolset}${ts ? ` - ${ts.description}` : ''}\n`);
    for (const e of group) process.stdout.write(`  ${e.name.padEnd(width)}  ${e.op.kind.padEnd(11)}  ${e.op.title}\n`);
  }
  return 0;
}
