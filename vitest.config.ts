import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fails a file in which any unhandledRejection/uncaughtException happened.
    setupFiles: ['test/setup/no-unhandled.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real HTTP simulators and child processes; forks keep them isolated.
    pool: 'forks',
  },
});
