// Profiling (ADR 0039): how long ANALYZE of indicator_value holds the embedded connection, full and
// with a statistics target of 10, and for two columns.   node --import tsx bench/prof/analyze.ts DIR
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
const [dir = ''] = process.argv.slice(2);
const db = await PGlite.create(path.join(dir, 'data', 'pgdata'), { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] });
console.log((await db.query('SELECT count(*) AS n, pg_relation_size(\'indicator_value\')/8192 AS pages FROM indicator_value')).rows);
for (const [label, sql] of [
  ['default', 'ANALYZE indicator_value'],
  ['default', 'ANALYZE indicator_value'],
  ['target10', 'ANALYZE indicator_value'],
  ['cols', 'ANALYZE indicator_value (import_id, import_line)'],
  ['default', 'ANALYZE indicator_value'],
  ['target10', 'ANALYZE indicator_value'],
] as const) {
  await db.exec(`SET default_statistics_target = ${label === 'target10' ? 10 : 100}`);
  const t = performance.now();
  await db.exec(sql);
  console.log(label, sql, Math.round(performance.now() - t), 'ms');
}
await db.close();
