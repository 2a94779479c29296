import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Migrates one database per run; each test file copies it (test/helpers/db.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own copy of the database; two cores run two files at a time.
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
  },
});
