// The folder of `npm run bench -- outcomes-real` (bench/outcomes-real.ts runs this first, as a process of
// its own, then the service on the folder as an installation runs it: `ctp serve`, so the importer's
// peak memory is that process's alone, and is the shipped command's: compiled when `npm run build`
// made dist/ and src/ has not changed since, tsx otherwise, ADR 0039). Builds an embedded database on
// disk with the demo area without children and the LAIT-sized catalogue, and the generated file,
// then prints `READY {json}` and exits. Loading the demo grows the embedded engine's memory, which it
// never gives back, and that is not the importer's.
//   node --import tsx bench/outcomes-real-server.ts DIR
import fs from 'node:fs';
import path from 'node:path';
import { loadDemo } from '../src/demo/load.js';
import { useAuditKey } from '../src/platform/audit.js';
import { loadConfig } from '../src/platform/config.js';
import { openDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { generate, MEASURES, AREAS } from './generate-lait.js';

const dir = process.argv[2] ?? '';
if (!dir) throw new Error('usage: outcomes-real-server.ts DIR');
const dataDir = path.join(dir, 'data');
const layout = process.env.BENCH_LAYOUT === 'long' ? 'long' : 'lait';
const rows = Number(process.env.BENCH_ROWS ?? 640_000);
const file = path.join(dir, `values-${layout}.csv`);

const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
useAuditKey(config.auditKey);
await buildFolder();
process.stdout.write(`READY ${JSON.stringify({ dataDir, file, rows: Number(fs.readFileSync(`${file}.rows`, 'utf8')), bytes: fs.statSync(file).size, layout })}\n`);
process.exit(0);

async function buildFolder(): Promise<void> {
  const db = await openDb({ databaseUrl: undefined, dataDir });
  await migrate(db);
  await loadDemo(db, config, { children: false });
  // The 434 measures as national indicators, alternately by calendar and academic year.
  for (let m = 1; m <= MEASURES; m += 1) {
    await db.query(
      `INSERT INTO indicator (code, title, unit, polarity, frequency, scope, has_denominator, multiplier, decimals)
     VALUES ($1, $2, 'percentage', 'higher is better', $3, 'national', false, 100, 1) ON CONFLICT DO NOTHING`,
      [`LAIT ${m}`, `LAIT measure ${m}`, m % 2 ? 'academic year' : 'annual'],
    );
  }
  const indicators = await db.query<{ code: string; frequency: string }>(
    `SELECT code, frequency FROM indicator WHERE code LIKE 'LAIT %' ORDER BY code`,
  );
  // 170 areas: every reference area (local authorities and England), and installed areas to make up the number.
  const known = (await db.query<{ code: string }>('SELECT code FROM reference_area ORDER BY code')).map((r) => r.code);
  for (let i = 0; known.length < AREAS; i += 1) {
    const code = `E0699${String(i).padStart(4, '0')}`;
    await db.query(`INSERT INTO area (code, name, kind, region) VALUES ($1, $2, 'county', 'South West') ON CONFLICT DO NOTHING`, [
      code,
      `Bench area ${i}`,
    ]);
    known.push(code);
  }
  // For the LAIT layout: measure codes as Data item (academic years: every period form LAIT prints is
  // one of theirs) and 160 real DfE LA numbers, so the file reads end to end.
  const lait = { codes: [] as string[], laNumbers: [] as string[] };
  if (layout === 'lait') {
    for (let m = 1; m <= MEASURES; m += 1) {
      const code = `LAIT_M${String(m).padStart(3, '0')}`;
      lait.codes.push(code);
      await db.query(
        `INSERT INTO indicator (code, title, unit, polarity, frequency, scope, has_denominator, multiplier, decimals)
         VALUES ($1, $2, 'percentage', 'higher is better', 'academic year', 'national', false, 100, 1) ON CONFLICT DO NOTHING`,
        [code, `LAIT measure ${m}`],
      );
    }
    const numbers = await db.query<{ n: string }>(
      `SELECT DISTINCT la_number AS n FROM reference_area WHERE la_number IS NOT NULL ORDER BY la_number LIMIT 160`,
    );
    lait.laNumbers = numbers.map((r) => r.n);
  }
  fs.writeFileSync(`${file}.rows`, String(generate(file, { layout, rows, long: { indicators, areas: known }, lait })));
  await db.close();
}
