import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database; two cores run two files at a time.
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
  },
});
