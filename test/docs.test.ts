import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCatalog } from '../src/docs/catalog.js';
import { loadPlatforms } from '../src/platforms/index.js';

const platforms = await loadPlatforms();

describe('README', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  it('has the generated tool catalog up to date (run `npm run docs` when this fails)', () => {
    expect(readme).toBe(withCatalog(readme, platforms));
  });
  it('names every tool', () => {
    for (const p of platforms) for (const op of p.operations) expect(readme).toContain(`\`${p.id}_${op.name}\``);
  });
});
