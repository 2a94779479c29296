// Benchmark runner: `npm run bench [-- <name>]` runs one named benchmark (default: platform).
// Each benchmark starts its own server and prints a table plus a `BENCH_RESULT {json}` line.
import { runAuditBench } from './audit.js';
import { runChildrenBench } from './children.js';
import { runOutcomesBench } from './outcomes.js';
import { runOutcomesRealBench } from './outcomes-real.js';
import { runPlatformBench } from './platform.js';
import { runSyntheticBench } from './synthetic.js';

const BENCHES: Record<string, () => Promise<void>> = {
  platform: runPlatformBench,
  children: runChildrenBench,
  audit: runAuditBench,
  outcomes: runOutcomesBench,
  'outcomes-real': runOutcomesRealBench,
  synthetic: runSyntheticBench,
};

const DEFAULT_BENCH = 'platform';

async function main(): Promise<number> {
  const name = process.argv[2] ?? DEFAULT_BENCH;
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`Unknown benchmark "${name}". Available: ${Object.keys(BENCHES).join(', ')}\n`);
    return 1;
  }
  await bench();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
