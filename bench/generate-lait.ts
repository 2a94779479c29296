// A generator of big indicator files for `npm run bench -- outcomes-real` (issue 15), also a script:
//   node --import tsx bench/generate-lait.ts OUT.csv [--layout lait|long] [--rows 640000]
// The LAIT layout is the Local Authority Interactive Tool's whole dataset as published: columns
// `Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region`, 434 measures, 170 areas
// (150 local authorities by DfE number, the nine regions, England and ten more), every period form
// (2014, 2014-15, 2014/15, 2014-16, 2014/15-16/17, suffixes (OT), (Rev), (Final), (prov)), values
// `-` and E-notation like 4.798E-2. The long layout (`indicator,area,period,value`, ours) holds the
// same number of rows with the period forms and numbers our reader takes, for measuring before the
// LAIT reader lands; its measures and areas are given by the caller (codes the catalogue holds).
import fs from 'node:fs';

export const LAIT_HEADER = ['Short Desc', 'Data item', 'Years', 'LA and Regions', 'Values', 'LA Number', 'Region'];
export const MEASURES = 434;
export const AREAS = 170;
export const ROWS = 640_000;

const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
];
const SUFFIXES = ['', ' (OT)', ' (Rev)', ' (Final)', ' (prov)', ''];

/** A deterministic pseudo-random number in [0, 1) for row i (the same file every run). */
const noise = (i: number): number => ((i * 2654435761) % 4294967296) / 4294967296;

/** The measure's period labels, one of each published form by the measure's number. */
export function laitPeriods(measure: number, count: number): string[] {
  const first = 2024 - count;
  return Array.from({ length: count }, (_, k) => {
    const y = first + k;
    const yy = (n: number) => String(n % 100).padStart(2, '0');
    const suffix = SUFFIXES[(measure + k) % SUFFIXES.length] ?? '';
    switch (measure % 5) {
      case 0:
        return `${y}${suffix}`;
      case 1:
        return `${y}-${yy(y + 1)}${suffix}`;
      case 2:
        return `${y}/${yy(y + 1)}${suffix}`;
      case 3:
        return `${y}-${yy(y + 2)}`;
      default:
        return `${y}/${yy(y + 1)}-${yy(y + 2)}/${yy(y + 3)}`;
    }
  });
}

/** A value as LAIT prints it: a number, now and then `-`, and small ones in E-notation. */
function laitValue(i: number): string {
  if (i % 41 === 0) return '-';
  const v = noise(i) * 100;
  return i % 13 === 0 ? (v / 1000).toExponential(3).toUpperCase() : v.toFixed(1);
}

/** For a LAIT file the service can read end to end: measure codes its catalogue holds and real DfE LA numbers (160 of them). */
export interface LaitTarget {
  codes: string[];
  laNumbers: string[];
}

export interface LongTarget {
  /** Indicator codes the catalogue holds, with how each is counted. */
  indicators: { code: string; frequency: string }[];
  /** Area codes the service knows. */
  areas: string[];
}

function longPeriods(frequency: string, count: number): string[] {
  const first = 2024 - count;
  return Array.from({ length: count }, (_, k) => {
    const y = first + k;
    return frequency === 'annual' ? String(y) : `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  });
}

/**
 * Writes `rows` data rows, measure by measure, area by area; each measure has as many periods as
 * spread the rows evenly (8 or 9 for the real file's 640,000 rows). Returns the rows written.
 */
export function generate(file: string, options: { layout: 'lait' | 'long'; rows?: number; long?: LongTarget; lait?: LaitTarget }): number {
  const rows = options.rows ?? ROWS;
  const measures = options.layout === 'long' ? (options.long?.indicators.length ?? 0) : MEASURES;
  const areaCount = options.layout === 'long' ? (options.long?.areas.length ?? 0) : AREAS;
  if (measures === 0 || areaCount === 0) throw new Error('the long layout needs the indicators and areas to name');
  const perMeasure = rows / (measures * areaCount);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${options.layout === 'lait' ? LAIT_HEADER.join(',') : 'indicator,area,period,value'}\n`);
  let written = 0;
  let owed = 0;
  for (let m = 0; m < measures && written < rows; m += 1) {
    owed += perMeasure;
    // The last measure takes what is left, so the file has exactly `rows` rows.
    const periods = m === measures - 1 ? Math.ceil((rows - written) / areaCount) : Math.max(1, Math.floor(owed));
    owed -= periods;
    const lines: string[] = [];
    const indicator = options.long?.indicators[m];
    const labels = options.layout === 'lait' ? laitPeriods(m, periods) : longPeriods(indicator?.frequency ?? 'annual', periods);
    for (let a = 0; a < areaCount && written < rows; a += 1) {
      for (const label of labels) {
        if (written >= rows) break;
        const i = written;
        if (options.layout === 'lait') {
          // 150 LAs by DfE number (3 digits), then the nine regions and England, then ten more LAs.
          const isRegion = a >= 150 && a < 159;
          const isEngland = a === 159;
          const name = isEngland ? 'England' : isRegion ? (REGIONS[a - 150] ?? 'Region') : `Authority ${a}`;
          const own = options.lait?.laNumbers[a < 150 ? a : a - 10];
          const number = isEngland || isRegion ? '' : (own ?? String(201 + a * 5).padStart(3, '0'));
          const region = isEngland ? '' : (REGIONS[a % REGIONS.length] ?? '');
          lines.push(
            [
              `"Measure ${m + 1}, as published"`,
              options.lait?.codes[m] ?? `M${String(m + 1).padStart(3, '0')}`,
              label,
              `"${name}"`,
              laitValue(i),
              number,
              region,
            ].join(','),
          );
        } else {
          const value = i % 41 === 0 ? '-' : (noise(i) * 100).toFixed(1);
          lines.push(`${indicator?.code ?? ''},${options.long?.areas[a] ?? ''},${label},${value}`);
        }
        written += 1;
      }
    }
    fs.writeSync(out, `${lines.join('\n')}\n`);
  }
  fs.closeSync(out);
  return written;
}

// As a script: the LAIT layout (no catalogue needed), or the long one for the codes LAIT 1..434 and given areas.
if (process.argv[1]?.endsWith('generate-lait.ts')) {
  const [file, ...rest] = process.argv.slice(2);
  const option = (name: string) => rest[rest.indexOf(name) + 1];
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/generate-lait.ts OUT.csv [--layout lait|long] [--rows N]\n');
    process.exit(2);
  }
  const layout = rest.includes('--layout') && option('--layout') === 'long' ? 'long' : 'lait';
  const rows = rest.includes('--rows') ? Number(option('--rows')) : ROWS;
  const long = {
    indicators: Array.from({ length: MEASURES }, (_, m) => ({ code: `LAIT ${m + 1}`, frequency: m % 2 ? 'annual' : 'academic' })),
    areas: Array.from({ length: AREAS }, (_, a) => `E0${6000001 + a}`),
  };
  const n = generate(file, { layout, rows, long });
  process.stdout.write(`${n.toLocaleString('en-GB')} rows written to ${file} (${layout} layout)\n`);
}
