// Profiling (ADR 0039): the CPU of a COPY of 2,500 values into indicator_value as it is, and without each
// index, the reference trigger, the surrogate key, all of them, unlogged, or into a temporary table.
//   node --import tsx bench/prof/copy-variants.ts DIR base|notrig|noareaidx|noversion|noline|nopk|bare|unlogged|temp
// (DIR: a copy of a folder built by setup.ts and imported into once; the variant changes it.)
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { STORED_COLUMNS } from '../../src/outcomes/copy-rows.js';
const [dir = '', variant = 'base', sizeArg = '2500'] = process.argv.slice(2);
const size = Number(sizeArg);
const db = await PGlite.create(path.join(dir, 'data', 'pgdata'), {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
});
const q = async (s: string, p: unknown[] = [], o?: object) => (await db.query<Record<string, unknown>>(s, p, o)).rows;
console.log((await q(`SELECT datcollate, datctype, datlocprovider FROM pg_database WHERE datname = current_database()`))[0]);
const [imp] = await q(
  `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults) VALUES (NULL, NULL, 'x', 'x', 'long', 0,0,0,0,0) RETURNING id`,
);
const src = await q(
  `SELECT ${STORED_COLUMNS.replace(/period_start/, 'period_start::text').replace(/period_end/, 'period_end::text')} FROM indicator_value WHERE import_id IS NOT NULL LIMIT ${size}`,
);
const c = (v: unknown) => (v === null ? '\\N' : String(v));
const cols = STORED_COLUMNS.split(',').map((s) => s.trim());
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let target = 'indicator_value';
const setup: Record<string, string[]> = {
  base: [],
  notrig: ['DROP TRIGGER indicator_value_references_on_insert ON indicator_value'],
  noareaidx: ['DROP INDEX indicator_value_area_group_idx'],
  noversion: ['DROP INDEX indicator_value_version_key'],
  noline: ['DROP INDEX indicator_value_import_line_idx'],
  nopk: ['ALTER TABLE indicator_value DROP COLUMN id'],
  bare: [
    'DROP TRIGGER indicator_value_references_on_insert ON indicator_value',
    'DROP INDEX indicator_value_area_group_idx',
    'DROP INDEX indicator_value_version_key',
    'DROP INDEX indicator_value_import_line_idx',
    'ALTER TABLE indicator_value DROP COLUMN id',
  ],
  unlogged: ['ALTER TABLE indicator_value SET UNLOGGED'],
  temp: ['CREATE TEMP TABLE tv AS SELECT * FROM indicator_value LIMIT 0'],
};
for (const s of setup[variant] ?? []) await q(s);
if (variant === 'temp') target = 'tv';
const times: number[] = [];
for (let round = 0; round < 12; round++) {
  const text =
    src
      .map((r, i) =>
        [...cols.map((k) => (k === 'period_label' ? `${String(r[k])}r${round}` : c(r[k]))), String(imp?.id), round * size + i].join('\t'),
      )
      .join('\n') + '\n';
  const blob = new Blob([text]);
  await q('BEGIN');
  const t = cpu();
  await q(`COPY ${target} (${STORED_COLUMNS}, import_id, import_line) FROM '/dev/blob'`, [], { blob });
  times.push(cpu() - t);
  await q('COMMIT');
}
const s = times.slice(2).sort((a, b) => a - b);
console.log(
  variant.padEnd(10),
  'copy median cpu ms',
  (s[Math.floor(s.length / 2)] ?? 0).toFixed(1),
  'us/value',
  (((s[Math.floor(s.length / 2)] ?? 0) * 1000) / size).toFixed(1),
  'min',
  (s[0] ?? 0).toFixed(1),
);
await db.close();
