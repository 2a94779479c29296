import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so the two workers end together rather than one finishing a long file
 * alone: the accessibility parts, then the other browser files, then the rest, each group in vitest's
 * own order (longest last time, or largest, first); the accessibility coverage check last of all, as
 * it waits for the parts to finish.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      if (file.moduleId.endsWith('/test/browser/accessibility-coverage.test.ts')) return 3;
      if (file.moduleId.includes('/test/browser/accessibility-')) return 0;
      return file.moduleId.includes('/test/browser/') ? 1 : 2;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

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
    // Files share their worker's loaded modules (each still has a database and an app of its own):
    // importing the app afresh for every file was a third of the suite's time.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
  },
});
