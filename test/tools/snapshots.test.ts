import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/client';
import { startHarness, type Harness } from '../helpers/harness.js';

const SNAP_DIR = path.join(import.meta.dirname, '__toolsnaps__');

/**
 * Each tool exactly as tools/list shows it to agents. A change to a schema, a description or an
 * annotation shows up as a reviewed diff; `npm run test:update` rewrites the files. In CI a
 * missing snapshot fails (vitest does not write snapshots when CI is set).
 */
describe('tool definitions (toolsnaps)', () => {
  let h: Harness;
  let tools: Tool[];
  beforeAll(async () => {
    // What users see: the default confirmation policy (the harness turns it off for write tests).
    h = await startHarness({ flags: { toolsets: 'all' }, env: { CREATOR_MCP_CONFIRM: 'risky' } });
    tools = (await (await h.client()).listTools()).tools;
  });
  afterAll(() => h.close());

  it('has a snapshot for every tool, and no snapshot of a removed tool', () => {
    const files = readdirSync(SNAP_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    const stale = files.filter((f) => !tools.some((t) => t.name === f));
    expect(stale, 'snapshots of tools that no longer exist: delete them').toEqual([]);
  });

  it('matches each snapshot', async () => {
    // New snapshots are written only on request (npm run test:update), never as a side effect
    // of an ordinary run: a snapshot is a reviewed file, not a cache.
    const missing = tools.filter((t) => !existsSync(path.join(SNAP_DIR, `${t.name}.json`))).map((t) => t.name);
    if (!process.env.UPDATE_TOOLSNAPS) expect(missing, 'missing snapshots: run `npm run test:update` and review them').toEqual([]);
    for (const tool of tools) {
      await expect(`${JSON.stringify(sortKeys(tool), null, 2)}\n`).toMatchFileSnapshot(path.join(SNAP_DIR, `${tool.name}.json`));
    }
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
