// Regenerates the tool catalog in README.md from the operation rows (run via `npm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { withCatalog } from '../dist/docs/catalog.js';
import { loadPlatforms } from '../dist/platforms/index.js';

const platforms = await loadPlatforms();

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withCatalog(before, platforms);
writeFileSync(path, after);
console.log(before === after ? 'README.md tool catalog is up to date' : 'README.md tool catalog regenerated');
