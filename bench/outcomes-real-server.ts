// The server side of `npm run bench -- outcomes-real` (bench/outcomes-real.ts starts it as a child
// process, so the importer's peak memory is this process's alone): an embedded database on disk,
// the demo area without children, the LAIT-sized catalogue, the whole app listening, and the
// generated file. It prints `READY {json}` and serves until it is told to stop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadDemo } from '../src/demo/load.js';
import { useAuditKey } from '../src/platform/audit.js';
import { loadConfig } from '../src/platform/config.js';
import { openDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { buildServices } from '../src/services.js';
import { generate, MEASURES, AREAS } from './generate-lait.js';
import { signInDemoUser } from './sign-in.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-bench-real-'));
const dataDir = path.join(dir, 'data');
const layout = process.env.BENCH_LAYOUT === 'lait' ? 'lait' : 'long';
const rows = Number(process.env.BENCH_ROWS ?? 640_000);

const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
const db = await openDb({ databaseUrl: undefined, dataDir });
await migrate(db);
useAuditKey(config.auditKey);
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
const file = path.join(dir, `values-${layout}.csv`);
const written = generate(file, { layout, rows, long: { indicators, areas: known } });

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
