import { configDefaults, defineConfig } from 'vitest/config';

// A default export, against our convention (docs/ARCHITECTURE.md, Conventions), because Vitest only reads a config file's default export.
export default defineConfig({
  test: {
    include: ['engine/src/**/*.test.ts', 'sdk/src/**/*.test.ts', 'nodes/**/*.test.ts', 'editor/src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests need Chromium and an engine of their own: `pnpm test:e2e` (vitest.e2e.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    // One Postgres for the whole run (or DATABASE_URL); each test file takes its own schema
    // from test/support/test-database.ts, so files stay parallel in the default forks pool.
    globalSetup: ['test/support/global-setup.ts'],
    // Two files at a time even on two cores (Vitest's default there is one): most of a file's time
    // is spent waiting on Postgres, a separate process, so one worker leaves a core idle.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
