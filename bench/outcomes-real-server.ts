// The server side of `npm run bench -- outcomes-real` (bench/outcomes-real.ts starts it as a child
// process, so the importer's peak memory is this process's alone): an embedded database on disk,
// the demo area without children, the LAIT-sized catalogue, the whole app listening, and the
// generated file. It prints `READY {json}` and serves until it is told to stop.
// The folder is built first by a process of its own (`--setup`, which exits), as an installation's
// database was built before `ctp serve` starts: loading the demo grows the embedded engine's memory,
// which it never gives back, and that is not the importer's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadDemo } from '../src/demo/load.js';
import { useAuditKey } from '../src/platform/audit.js';
import { loadConfig } from '../src/platform/config.js';
import { openDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { buildServices } from '../src/services.js';
import { generate, MEASURES, AREAS } from './generate-lait.js';
import { signInDemoUser } from './sign-in.js';

const setup = process.argv.includes('--setup');
const dir = setup ? (process.argv[process.argv.indexOf('--setup') + 1] ?? '') : fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-real-'));
const dataDir = path.join(dir, 'data');
const layout = process.env.BENCH_LAYOUT === 'lait' ? 'lait' : 'long';
const rows = Number(process.env.BENCH_ROWS ?? 640_000);
const file = path.join(dir, `values-${layout}.csv`);

const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
useAuditKey(config.auditKey);
if (setup) {
  await buildFolder();
  process.exit(0);
}
const built = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--setup', dir], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: process.env,
});
if (built.status !== 0) throw new Error(`building the bench database failed (${String(built.status)})`);
const written = Number(fs.readFileSync(`${file}.rows`, 'utf8'));
const db = await openDb({ databaseUrl: undefined, dataDir });

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

const app = await buildApp({ config, services: buildServices(db, config) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const planner = await signInDemoUser(base, db, config, 'planner@kestrelshire.example');
const viewer = await signInDemoUser(base, db, config, 'board.member@kestrelshire.example');
const rssBefore = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
process.stdout.write(
  `READY ${JSON.stringify({ base, planner, viewer, file, rows: written, bytes: fs.statSync(file).size, layout, rssBefore })}\n`,
);

process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
});
