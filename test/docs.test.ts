import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCatalog } from '../src/docs/catalog.js';
import { listedTool, selected } from '../src/docs/figures.js';
import { loadPlatforms } from '../src/platforms/index.js';

const platforms = await loadPlatforms();

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

describe('README', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  it('has the generated tool catalog and client figures up to date (run `npm run docs` when this fails)', () => {
    expect(readme).toBe(withCatalog(readme, platforms));
  });
  it('names every tool', () => {
    for (const p of platforms) for (const op of p.operations) expect(readme).toContain(`\`${p.id}_${op.name}\``);
  });
  it('counts the tokens of each tool exactly as tools/list sends it (the reviewed snapshots)', () => {
    const entries = selected(platforms, { toolsets: ['all'] });
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const snap = JSON.parse(readFileSync(path.join(import.meta.dirname, 'tools', '__toolsnaps__', `${e.name}.json`), 'utf8')) as unknown;
      expect(sortKeys(listedTool(e)), e.name).toEqual(snap);
    }
  });
});
