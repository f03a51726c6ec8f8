import { createRequire, syncBuiltinESMExports } from 'node:module';

/**
 * `npm run test:fast` promises no child processes: a test that spawns one (a server over stdio,
 * a lock-stress worker, `mount`) is what made a fast loop hang for minutes on a loaded machine.
 * Such a test fails here at once, naming itself, and belongs in the full suite only.
 */
const cp = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  cp[name] = () => {
    throw new Error(`child_process.${name} in npm run test:fast: this test spawns processes, so it belongs in the full suite (npm test), not in vitest.fast.config.ts`);
  };
}
syncBuiltinESMExports();
