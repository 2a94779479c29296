// Loading the child index benchmark's population (bench/children.ts): a national-sized index is
// spread over areas of at most BENCH_AREA_CHILDREN children each (default 1,000,000), as every
// search and duplicate check is within one area. The searched area (the demo's) gets the first
// chunk; each further area its own seed, so its children, NHS numbers and UPNs are its own. Each
// area's CSV is written (streamed from the generator), imported by `ctp import children` in its
// own process, and deleted before the next, so the bench's memory and disk stay bounded whatever
// the count.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_AREA } from '../src/demo/area.js';
import { syntheticChildren, toCsvRow, CSV_COLUMNS } from '../src/demo/synthetic/children.js';
import type { Db } from '../src/platform/db.js';

const SEED = 42;

export interface BenchArea {
  code: string;
  seed: number;
  count: number;
}

/** The areas holding `count` children, at most `perArea` each; the first is the demo area (the one searched). */
export function benchAreas(count: number, perArea: number): BenchArea[] {
  const areas: BenchArea[] = [];
  for (let k = 0, left = count; left > 0; k++, left -= perArea)
    areas.push({ code: k === 0 ? DEMO_AREA.code : `E10000${900 + k}`, seed: SEED + k, count: Math.min(perArea, left) });
  return areas;
}

/** Made-up areas for the chunks after the first (E10000901 ..., never a real ONS code in use). */
export async function createBenchAreas(db: Db, areas: BenchArea[]): Promise<void> {
  for (const [k, area] of areas.entries())
    if (k > 0)
      await db.query(`INSERT INTO area (code, name, kind, region) VALUES ($1, $2, 'unitary', '') ON CONFLICT (code) DO NOTHING`, [
        area.code,
        `Benchmark area ${k}`,
      ]);
}

/** Writes one area's CSV from the generator, a line at a time (backpressure respected); returns seconds. */
export async function writeCsv(file: string, area: BenchArea): Promise<number> {
  const started = performance.now();
  const out = fs.createWriteStream(file);
  const write = (line: string) => (out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(CSV_COLUMNS.join(','));
  for (const child of syntheticChildren({ seed: area.seed, count: area.count, source: 'bench-census' })) await write(toCsvRow(child));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return (performance.now() - started) / 1000;
}

/** Runs the import CLI in its own process; returns wall seconds, peak RSS (MB) and its report. */
export async function importInChild(
  file: string,
  areaCode: string,
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; peakMb: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/ctp.js', 'import', 'children', file, '--area', areaCode], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0));
    } catch {
      /* the process has just ended */
    }
  }, 50);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(poll);
  if (code !== 0) throw new Error(`import failed (exit ${code}):\n${output}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, output };
}

export interface Imported {
  seconds: number;
  peakMb: number;
  /** The floor (issue 19): the same file COPYed into one plain table of text columns on the same server, seconds. */
  copyFloorSeconds?: number;
}

/**
 * The import's floor, measured in the same run: the area's CSV COPYed as it is into one table of text columns
 * (no index, key or trigger), on the same server, in a table made for it and dropped after. What the import adds
 * beyond moving the bytes into the database is the import's ratio to it, comparable from one machine to another.
 */
export async function copyFloor(file: string, databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_floor');
    await client.query(`CREATE TABLE bench_copy_floor (${CSV_COLUMNS.map((c) => `"${c}" text`).join(', ')})`);
    const started = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom('COPY bench_copy_floor FROM STDIN WITH (FORMAT csv, HEADER true)')));
    return (performance.now() - started) / 1000;
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_copy_floor');
    await client.end();
  }
}

/** Generates and imports one area; prints a line for it (and the importer's report for the searched area). */
async function loadArea(dir: string, area: BenchArea, env: NodeJS.ProcessEnv, report: boolean): Promise<Imported> {
  const file = path.join(dir, `children-${area.code}.csv`);
  const generated = await writeCsv(file, area);
  const megabytes = fs.statSync(file).size / 1e6;
  // The searched area's floor, just before its import, on the server the import writes to.
  const floor = report && env.DATABASE_URL ? await copyFloor(file, env.DATABASE_URL) : undefined;
  const run = await importInChild(file, area.code, env);
  fs.rmSync(file);
  console.log(
    `  ${area.code}: ${area.count.toLocaleString('en-GB')} children, ${megabytes.toFixed(0)} MB of CSV generated in ${generated.toFixed(1)} s, ` +
      `imported in ${run.seconds.toFixed(1)} s (${Math.round(area.count / run.seconds).toLocaleString('en-GB')} rows/s), ` +
      `importer peak RSS ${run.peakMb.toFixed(0)} MB, load ${loadAverage()}, ${new Date().toISOString().slice(11, 19)} UTC`,
  );
  if (floor !== undefined)
    console.log(
      `  floor: the same file COPYed into one plain table in ${floor.toFixed(1)} s; the import took ${(run.seconds / floor).toFixed(1)}x that`,
    );
  if (report)
    console.log(
      run.output
        .trim()
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  return { seconds: run.seconds, peakMb: run.peakMb, ...(floor !== undefined ? { copyFloorSeconds: floor } : {}) };
}

/** The areas whose import has finished (a resumed run skips them). */
export const finishedAreas = async (db: Db): Promise<Set<string>> =>
  new Set(
    (await db.query<{ area_code: string }>('SELECT DISTINCT area_code FROM child_import WHERE finished_at IS NOT NULL')).map(
      (r) => r.area_code,
    ),
  );

export const loadAverage = (): string => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * Generates and imports every area whose import has not finished (BENCH_RESUME takes up a run that
 * stopped): the searched area first, alone, then the others `atOnce` at a time (areas import
 * independently, each under its own lock). Returns the wall seconds and the largest importer peak.
 */
export async function loadAreas(
  finished: Set<string>,
  dir: string,
  areas: BenchArea[],
  env: NodeJS.ProcessEnv,
  atOnce: number,
): Promise<Imported> {
  const waiting = areas.filter((a) => !finished.has(a.code));
  if (waiting.length < areas.length) console.log(`  already imported: ${areas.length - waiting.length} area(s)`);
  const started = performance.now();
  let peakMb = 0;
  let copyFloorSeconds: number | undefined;
  const rest = [...waiting];
  if (rest[0] === areas[0]) ({ peakMb, copyFloorSeconds } = await loadArea(dir, rest.shift() as BenchArea, env, true));
  const worker = async () => {
    for (let area = rest.shift(); area; area = rest.shift()) peakMb = Math.max(peakMb, (await loadArea(dir, area, env, false)).peakMb);
  };
  await Promise.all(Array.from({ length: Math.max(1, atOnce) }, worker));
  return { seconds: (performance.now() - started) / 1000, peakMb, ...(copyFloorSeconds !== undefined ? { copyFloorSeconds } : {}) };
}

/** A server database for the bench: BENCH_DATABASE (default ctp_bench_children_PID), made unless BENCH_REUSE=1. */
export async function benchDatabase(serverUrl: string, reuse: boolean) {
  const name = process.env.BENCH_DATABASE ?? `ctp_bench_children_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE must be a plain lower-case name: ${name}`);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (!reuse) await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The database's size on disk and its largest tables and indexes (PostgreSQL only). */
export async function printSizes(db: Db): Promise<Record<string, unknown>> {
  const [total] = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
  const largest = await db.query<{ name: string; kind: string; bytes: string }>(
    `SELECT c.relname AS name, CASE c.relkind WHEN 'i' THEN 'index' ELSE 'table' END AS kind, pg_relation_size(c.oid)::text AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')
      ORDER BY pg_relation_size(c.oid) DESC LIMIT 16`,
  );
  const gb = (bytes: string | undefined) => (Number(bytes ?? 0) / 2 ** 30).toFixed(2);
  console.log(`\n  database size on disk: ${gb(total?.bytes)} GiB; largest relations (pg_relation_size):`);
  for (const r of largest) console.log(`    ${r.kind.padEnd(5)} ${r.name.padEnd(44)} ${gb(r.bytes).padStart(7)} GiB`);
  return { databaseBytes: Number(total?.bytes ?? 0), largest: largest.map((r) => ({ ...r, bytes: Number(r.bytes) })) };
}
