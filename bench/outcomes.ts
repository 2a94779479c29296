// Outcomes benchmark (issue 5 "Speed"): `npm run bench -- outcomes`.
// Loads AREAS x INDICATORS x PERIODS x GROUPS values (152 x 60 x 20 x 8, about 1.5 million, by
// default) through the importer, then times over HTTP, signed in as the demo planner:
//   - the indicator page with its charts (target p95 <= 150 ms), and
//   - the whole-area dashboard of every indicator (target p95 <= 500 ms).
// Smaller runs: BENCH_AREAS, BENCH_INDICATORS, BENCH_PERIODS, BENCH_GROUPS, BENCH_REQUESTS.
// On PostgreSQL, DATABASE_URL names a server database used only to create (and drop) a fresh one.
// bench/outcomes-import.ts measures the importer alone (and its re-import path).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { DEMO_AREA } from '../src/demo/area.js';
import { loadDemo } from '../src/demo/load.js';
import { DEMO_COMPARATORS } from '../src/demo/outcomes.js';
import { importIndicatorValues } from '../src/outcomes/import.js';
import { GROUPS } from '../src/outcomes/types.js';
import { loadConfig } from '../src/platform/config.js';
import { openDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { useAuditKey } from '../src/platform/audit.js';
import { paths } from '../src/platform/paths.js';
import { buildServices } from '../src/services.js';
import { signInDemoUser } from './sign-in.js';

const PLANNER = 'planner@kestrelshire.example';
const WARM_UP = 5;
const TARGETS = { indicator: 150, dashboard: 500 };

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

function labels(frequency: string, count: number): string[] {
  const first = 2010 - count;
  return Array.from({ length: count }, (_, i) => {
    const y = first + i;
    if (frequency === 'quarterly') return `${2000 + Math.floor(i / 4)} Q${(i % 4) + 1}`;
    if (frequency === 'annual') return String(y);
    return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  });
}

/** Writes the long-layout CSV and returns how many values it holds. */
function writeCsv(
  file: string,
  indicators: { code: string; frequency: string }[],
  areas: string[],
  periods: number,
  groups: string[],
): number {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'indicator,area,group,period,value,numerator,denominator\n');
  let n = 0;
  for (const indicator of indicators) {
    const periodLabels = labels(indicator.frequency, periods);
    const lines: string[] = [];
    for (const [p, label] of periodLabels.entries()) {
      for (const area of areas) {
        for (const [g, group] of groups.entries()) {
          n += 1;
          // A value in 37 is suppressed and one in 53 missing, as published tables have them.
          const value = n % 37 === 0 ? 'x' : n % 53 === 0 ? '..' : (20 + ((n * 7919) % 600) / 10 + p * 0.3 - g).toFixed(1);
          const denominator = 1000 + (n % 500);
          const numerator = value === 'x' || value === '..' ? '' : String(Math.round((Number(value) / 100) * denominator));
          lines.push(
            `${indicator.code},${area},${group},${label},${value},${numerator},${value === 'x' || value === '..' ? '' : denominator}`,
          );
        }
      }
    }
    fs.writeSync(fd, `${lines.join('\n')}\n`);
  }
  fs.closeSync(fd);
  return n;
}

async function freshDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { url: undefined, drop: async () => {} };
  const name = `ctp_bench_outcomes_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function timeGets(base: string, cookie: string, urls: string[], requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests + WARM_UP; i += 1) {
    const url = urls[i % urls.length] as string;
    const started = performance.now();
    const response = await fetch(base + url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  return times;
}

export async function runOutcomesBench(): Promise<void> {
  const areaCount = Number(process.env.BENCH_AREAS ?? 152);
  const indicatorCount = Number(process.env.BENCH_INDICATORS ?? 60);
  const periods = Number(process.env.BENCH_PERIODS ?? 20);
  const groups = GROUPS.map((g) => g.code).slice(0, Number(process.env.BENCH_GROUPS ?? 8));
  const requests = Number(process.env.BENCH_REQUESTS ?? 100);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-outcomes-'));
  const database = await freshDatabase();
  const engine = database.url ? 'postgresql' : 'pglite';
  const config = loadConfig({
    ...process.env,
    DATA_DIR: 'memory://',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  const db = await openDb({ databaseUrl: database.url, dataDir: 'memory://' });
  try {
    await migrate(db);
    useAuditKey(config.auditKey);
    await loadDemo(db, config, { children: false });
    // The catalogue's starters and generated national indicators up to the count asked for.
    for (let i = 1; i <= indicatorCount; i += 1) {
      await db.query(
        `INSERT INTO indicator (code, title, unit, polarity, frequency, scope, has_denominator, multiplier, decimals)
         SELECT $1, $2, 'percentage', $3, 'annual', 'national', true, 100, 1
          WHERE (SELECT count(*) FROM indicator WHERE area_code IS NULL) < $4`,
        [`BENCH ${i}`, `Benchmark indicator ${i}`, i % 2 ? 'higher is better' : 'lower is better', indicatorCount],
      );
    }
    await db.query(`INSERT INTO indicator_aim (indicator_id, aim_code)
      SELECT id, 'be-healthy.1' FROM indicator WHERE code LIKE 'BENCH %' ON CONFLICT DO NOTHING`);
    const indicators = await db.query<{ code: string; frequency: string }>(
      'SELECT code, frequency FROM indicator WHERE area_code IS NULL ORDER BY code LIMIT $1',
      [indicatorCount],
    );
    const reference = (await db.query<{ code: string }>("SELECT code FROM reference_area WHERE kind <> 'country' ORDER BY code")).map(
      (r) => r.code,
    );
    const wanted = [DEMO_AREA.code, ...DEMO_COMPARATORS, 'E92000001'];
    const areas = [...wanted, ...reference.filter((c) => !wanted.includes(c))].slice(0, Math.max(areaCount, wanted.length));

    console.log(
      `Outcomes benchmark on ${engine}: ${areas.length} areas x ${indicators.length} indicators x ${periods} periods x ${groups.length} groups, ${os.cpus().length} cores, node ${process.version}`,
    );
    const file = path.join(dir, 'values.csv');
    const values = writeCsv(file, indicators, areas, periods, groups);
    console.log(`  generated ${values.toLocaleString('en-GB')} values (${(fs.statSync(file).size / 1e6).toFixed(0)} MB of CSV)`);
    const report = await importIndicatorValues(db, { file, areaCode: null });
    if (report.status !== 'imported') throw new Error(`import refused: ${JSON.stringify(report.faults.slice(0, 3))}`);
    console.log(
      `  import: ${report.elapsedSeconds.toFixed(1)} s (${Math.round(report.valuesPerSecond).toLocaleString('en-GB')} values/s; created ${report.created}, replaced ${report.replaced})`,
    );
    await db.query(db.engine === 'postgres' ? 'VACUUM ANALYZE indicator_value' : 'ANALYZE indicator_value');

    const app = await buildApp({ config, services: buildServices(db, config) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookie = await signInDemoUser(base, db, config, PLANNER);
    const pages = indicators.map(
      (i, n) => `${paths.outcomesIndicator(i.code)}${n % 2 ? `?group=${groups[1 + (n % (groups.length - 1))] ?? 'fsm'}` : ''}`,
    );
    const indicatorTimes = await timeGets(base, cookie, pages, requests);
    const dashboardTimes = await timeGets(base, cookie, [paths.outcomesDashboard], Math.max(10, Math.round(requests / 5)));
    await app.close();

    const result: Record<string, unknown> = { engine, values, importSeconds: report.elapsedSeconds };
    console.log('\n  page                      n   p50 ms  p95 ms  target');
    for (const [name, times] of [
      ['indicator', indicatorTimes],
      ['dashboard', dashboardTimes],
    ] as const) {
      const p95 = percentile(times, 95);
      console.log(
        `  ${name.padEnd(22)} ${String(times.length).padStart(5)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(7)} ${`≤${TARGETS[name]}`.padStart(7)}${p95 <= TARGETS[name] ? '' : '  MISSED'}`,
      );
      result[name] = { n: times.length, p50: percentile(times, 50), p95, target: TARGETS[name] };
    }
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  } finally {
    await db.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
