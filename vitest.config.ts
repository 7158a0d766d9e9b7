import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most suites spend their time waiting on a server, a browser or a database, not on a
    // core: two files per core keep a small machine busy (CI's two cores: 4 files at once).
    maxWorkers: Math.min(8, Math.max(4, availableParallelism())),
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
