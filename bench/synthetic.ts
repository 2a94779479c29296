// The synthetic data generators (src/demo/synthetic/): how fast the demo and the children benchmark
// get their population. `npm run bench -- synthetic`; the count can be set with BENCH_SYNTHETIC_ROWS.
import { nearDuplicates, syntheticChildren, toCsvRow } from '../src/demo/synthetic/children.js';

const DEFAULT_ROWS = 200_000;

interface Timed {
  rows: number;
  ms: number;
}

function time(run: () => number): Timed {
  const started = performance.now();
  const rows = run();
  return { rows, ms: performance.now() - started };
}

const perSecond = (t: Timed): number => Math.round(t.rows / (t.ms / 1000));

export function runSyntheticBench(): Promise<void> {
  const count = Number(process.env['BENCH_SYNTHETIC_ROWS'] ?? DEFAULT_ROWS);
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_SYNTHETIC_ROWS must be a positive whole number, not ${count}`);

  const generate = time(() => {
    let rows = 0;
    for (const _ of syntheticChildren({ seed: 1, count })) rows++;
    return rows;
  });
  let bytes = 0;
  const csv = time(() => {
    let rows = 0;
    for (const c of syntheticChildren({ seed: 1, count })) {
      bytes += toCsvRow(c).length + 1;
      rows++;
    }
    return rows;
  });
  // Rows here are the originals read; how many near-duplicates they gave is reported apart.
  let duplicated = 0;
  const duplicates = time(() => {
    for (const _ of nearDuplicates(syntheticChildren({ seed: 1, count }), { seed: 11, rate: 0.05, source: 'child-health' })) duplicated++;
    return count;
  });

  console.log(`\n  synthetic children, ${count.toLocaleString('en-GB')} rows (seed 1)`);
  console.log('  step                       rows       ms     rows/s');
  const line = (label: string, t: Timed) =>
    console.log(`  ${label.padEnd(22)} ${String(t.rows).padStart(8)} ${t.ms.toFixed(0).padStart(8)} ${String(perSecond(t)).padStart(10)}`);
  line('generate', generate);
  line('generate + CSV', csv);
  line('near-duplicates (5%)', duplicates);
  console.log(`  CSV: ${(bytes / 1e6).toFixed(1)} MB; near-duplicates made: ${duplicated}`);

  const result = {
    bench: 'synthetic',
    rows: count,
    generateMs: Math.round(generate.ms),
    generateRowsPerSecond: perSecond(generate),
    csvMs: Math.round(csv.ms),
    csvRowsPerSecond: perSecond(csv),
    csvMegabytes: Math.round(bytes / 1e5) / 10,
    nearDuplicates: duplicated,
    nearDuplicatesMs: Math.round(duplicates.ms),
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  return Promise.resolve();
}
