import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..', '..');
export const CLI = path.join(root, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Child processes run dist/, so a stale build would prove the old code: fail loudly instead.
 * `npm test` and `npm run reliability` build first.
 */
export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  if (statSync(CLI).mtimeMs < newestMtime(path.join(root, 'src')) - 1000) {
    throw new Error('dist/ is older than src/: run `npm run build` so the child processes test the current code.');
  }
}
