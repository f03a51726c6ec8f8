import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:fast`: unit tests, invariants and request tables, in seconds. No child processes
 * (test/setup/no-children.ts refuses them) and no full end-to-end flows; harness tests here start
 * only the simulator they need. The whole suite (`npm test`) still runs every file below.
 */
export default defineConfig({
  test: {
    include: [
      'test/auth/loopback.test.ts',
      'test/auth/oauth-session.test.ts',
      'test/consent/**/*.test.ts',
      'test/context/kit.test.ts',
      'test/context/ledger.test.ts',
      'test/context/odd-json.test.ts',
      'test/docs.test.ts',
      'test/http/**/*.test.ts',
      'test/platforms/**/*.test.ts',
      'test/sandbox/**/*.test.ts',
      'test/tools/catalog.test.ts',
      'test/tools/invariants.test.ts',
      'test/tools/token-budget.test.ts',
    ],
    // Serves over stdio, a child process: it runs in the whole suite.
    exclude: [...configDefaults.exclude, 'test/consent/confirm-stdio.test.ts'],
    setupFiles: ['test/setup/no-unhandled.ts', 'test/setup/no-children.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One worker per core at most and modules shared between files: on a shared 2-core box the
    // cost of the loop is CPU, and importing src once instead of once per file is most of it.
    pool: 'threads',
    isolate: false,
  },
});
