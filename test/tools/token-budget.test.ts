import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';

const SNAP_DIR = path.join(import.meta.dirname, '__toolsnaps__');

/**
 * o200k tokens of every tool as tools/list sends it (the reviewed snapshots of `--toolsets all`).
 * A ratchet: these ceilings are today's figures (with _meta hints, about 23 tokens a tool) and only ever go down. The target is a
 * mean of 150 and no tool over 600; lower the ceilings as rows get shorter.
 */
// 311, not 310: the 46 tools the user must approve (issue 11) carry requiresUserInteraction and one sentence, about 2.5 tokens a tool on the mean.
const MEAN_CEILING = 311;
const MAX_CEILING = 1660;

describe('tool catalog token budget', () => {
  const tools = readdirSync(SNAP_DIR)
    // Operation rows only: the built-in creator_* tools are registered apart and not yet compacted.
    .filter((f) => f.endsWith('.json') && !f.startsWith('creator_'))
    .map((f) => readFileSync(path.join(SNAP_DIR, f), 'utf8'))
    .map((text) => {
      const tool = JSON.parse(text) as { name: string; inputSchema: Record<string, unknown>; annotations?: Record<string, unknown> };
      return { tool, tokens: encode(JSON.stringify(tool)).length };
    });

  it('keeps the mean and the largest tool within budget', () => {
    expect(tools.length).toBeGreaterThan(0);
    const mean = tools.reduce((s, t) => s + t.tokens, 0) / tools.length;
    expect(mean).toBeLessThanOrEqual(MEAN_CEILING);
    const over = tools.filter((t) => t.tokens > MAX_CEILING).map((t) => `${t.tool.name}: ${t.tokens}`);
    expect(over).toEqual([]);
  });

  it('sends no per-tool $schema and the title once', () => {
    expect(tools.filter((t) => '$schema' in t.tool.inputSchema).map((t) => t.tool.name)).toEqual([]);
    expect(tools.filter((t) => t.tool.annotations && 'title' in t.tool.annotations).map((t) => t.tool.name)).toEqual([]);
  });
});
