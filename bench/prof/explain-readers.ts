// Profiling (ADR 0031): which of indicator_value's indexes the readers' queries use, on either engine.
//   node --import tsx bench/prof/explain-readers.ts DIR            (an embedded folder imported into)
//   DATABASE_URL=postgres://... node --import tsx bench/prof/explain-readers.ts --fill 120000
// --fill migrates the database and writes that many synthetic values first (a throwaway server database).
// COARSE=true first takes the statistics an import job takes while it writes (a 3,000-row sample, ADR 0039).
import path from 'node:path';
import { openDb } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';

const args = process.argv.slice(2);
const fill = args[0] === '--fill' ? Number(args[1]) : 0;
const db = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: fill ? 'memory://' : path.join(args[0] ?? '', 'data') });
if (fill) {
  await migrate(db);
  await db.query(`INSERT INTO indicator (code, title, unit, polarity, frequency, scope, has_denominator, multiplier, decimals)
    SELECT 'X ' || m, 'X ' || m, 'percentage', 'higher is better', 'annual', 'national', false, 100, 1 FROM generate_series(1, 400) m ON CONFLICT DO NOTHING`);
  const [imp] = await db.query<{ id: string }>(`INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults, applied_seq)
    VALUES (NULL, NULL, 'x', 'x', 'long', 0, 0, 0, 0, 0, nextval('indicator_import_applied_seq')) RETURNING id`);
  await db.query(`INSERT INTO indicator_value (indicator_id, area_code, group_code, period_label, period_kind, period_start, period_end, value, status, import_id, import_line)
    SELECT i.id, 'E0600' || lpad((n % 170)::text, 4, '0'), 'all', (2000 + n / 170 % 20)::text, 'calendar year', make_date(2000 + n / 170 % 20, 1, 1), make_date(2000 + n / 170 % 20, 12, 31), n, 'value', $1, n
      FROM generate_series(0, $2::int - 1) n JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM indicator WHERE code LIKE 'X %') i ON i.k = n / 3400 % 400`, [imp?.id, fill]);
  await db.query('ANALYZE');
}
if (process.env.COARSE === 'true')
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL default_statistics_target = 10');
    await tx.exec('ANALYZE indicator_value');
  });
const [some] = await db.query<{ indicator_id: string; area_code: string; period_label: string }>(
  `SELECT indicator_id, area_code, period_label FROM indicator_value_current ORDER BY period_start DESC, area_code LIMIT 1`,
);
const readers: Record<string, [string, unknown[]]> = {
  'indicator page: a series (listValueSeries)': [
    `SELECT * FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id WHERE v.indicator_id = $1 AND v.group_code = ANY ($2::text[]) AND v.area_code = ANY ($3::text[])`,
    [some?.indicator_id, ['all'], [some?.area_code]],
  ],
  'indicator page: every area in a period (listValuesForPeriod)': [
    `SELECT * FROM indicator_value_current v WHERE v.indicator_id = $1 AND v.group_code = $2 AND v.period_label = $3`,
    [some?.indicator_id, 'all', some?.period_label],
  ],
  'indicator page: latest period (findLatestPeriod)': [
    `SELECT period_label FROM indicator_value_current WHERE indicator_id = $1 AND group_code = $2 ORDER BY period_start DESC LIMIT 1`,
    [some?.indicator_id, 'all'],
  ],
  'dashboard, waiting: an area’s values': [`SELECT count(*) FROM indicator_value_current v WHERE v.area_code = $1 AND v.group_code = 'all'`, [some?.area_code]],
};
for (const [name, [sql, params]] of Object.entries(readers)) {
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  const lines = plan.map((r) => r['QUERY PLAN']);
  const used = [...new Set(lines.flatMap((l) => /(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)/.exec(l)?.[1] ?? []))];
  const scans = lines.filter((l) => /Seq Scan on indicator_value/.test(l)).length;
  console.log(`${name}: ${used.join(', ') || '(no index)'}${scans ? `; seq scans of indicator_value: ${scans}` : ''}`);
}
await db.close();
