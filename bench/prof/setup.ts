// Profiling (ADR 0018 "Speed and memory"): builds a data folder (migrations, the demo without children,
// the 434 measures, 170 areas) and the file, in a process of its own.
//   node --import tsx bench/prof/setup.ts DIR [ROWS]   (the long layout)
import fs from 'node:fs';
import path from 'node:path';
import { loadDemo } from '../../src/demo/load.js';
import { useAuditKey } from '../../src/platform/audit.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDb } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { generate, MEASURES, AREAS } from '../generate-lait.js';

const [dir, rowsArg, layoutArg] = process.argv.slice(2);
if (!dir) throw new Error('dir');
const rows = Number(rowsArg ?? 120000);
const layout = layoutArg === 'lait' ? 'lait' : 'long';
const dataDir = path.join(dir, 'data');
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
const db = await openDb({ databaseUrl: undefined, dataDir });
await migrate(db);
useAuditKey(config.auditKey);
await loadDemo(db, config, { children: false });
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
const known = (await db.query<{ code: string }>('SELECT code FROM reference_area ORDER BY code')).map((r) => r.code);
for (let i = 0; known.length < AREAS; i += 1) {
  const code = `E0699${String(i).padStart(4, '0')}`;
  await db.query(`INSERT INTO area (code, name, kind, region) VALUES ($1, $2, 'county', 'South West') ON CONFLICT DO NOTHING`, [
    code,
    `Bench area ${i}`,
  ]);
  known.push(code);
}
const counts = await db.query(`SELECT (SELECT count(*) FROM indicator_value) AS values, pg_database_size(current_database()) AS bytes`);
console.log(JSON.stringify(counts));
const file = path.join(dir, `values-${layout}.csv`);
generate(file, { layout, rows, long: { indicators, areas: known } });
await db.close();
console.log('rss MB', process.memoryUsage().rss / 1048576, 'file', fs.statSync(file).size);
