import { defineConfig } from 'vitest/config';
import { FirstAdminFirst } from './test/e2e/support/first-admin-first.ts';

// `pnpm test:e2e`: the browser tests (test/e2e), apart from `pnpm test` because they need Chromium
// and a running engine. A default export, against our convention (docs/ARCHITECTURE.md,
// Conventions), because Vitest only reads a config file's default export.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    // One engine for the run, started the way a person starts it.
    globalSetup: ['test/e2e/support/global-setup.ts'],
    // One browser at a time: the machine has two cores, shared with the engine under test.
    fileParallelism: false,
    // The setup link works only while nobody has an account: the file that follows it goes first.
    sequence: { sequencer: FirstAdminFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
