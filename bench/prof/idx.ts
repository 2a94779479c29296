// Profiling (ADR 0018 "Speed and memory"): the CPU cost of COPYing 2,500 values into indicator_value
// with all its indexes and foreign keys, and without each, alternating rounds, every round rolled back.
//   node --import tsx bench/prof/idx.ts DIR   (DIR built by bench/prof/setup.ts and imported into once)
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
const [dir = ''] = process.argv.slice(2);
const db = await PGlite.create(path.join(dir, 'data', 'pgdata'), {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
});
const q = async (s: string, p: unknown[] = [], o?: object) => (await db.query<Record<string, unknown>>(s, p, o)).rows;
const cols = `indicator_id, area_code, group_code, period_label, period_kind, period_start, period_end, value, status, numerator, denominator, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note`;
const [imp] = await q(
  `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults) VALUES (NULL, NULL, 'x', 'x', 'long', 0,0,0,0,0) RETURNING id`,
);
const src = await q(
  `SELECT indicator_id, area_code, group_code, period_label, period_kind, period_start::text, period_end::text, value, status, numerator, denominator, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note FROM indicator_value WHERE import_id IS NOT NULL LIMIT 2500`,
);
const c = (v: unknown) => (v === null ? '\\N' : String(v));
const noFk = 'ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_indicator_id_fkey, DROP CONSTRAINT indicator_value_import_id_fkey';
const variants: Record<string, string> = {
  full: '',
  noFk,
  statementCheck: `${noFk};
    CREATE FUNCTION prof_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      PERFORM 1 FROM indicator i WHERE i.id IN (SELECT DISTINCT indicator_id FROM new_values) FOR KEY SHARE;
      IF EXISTS (SELECT 1 FROM (SELECT DISTINCT indicator_id FROM new_values) n WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.id = n.indicator_id))
      THEN RAISE foreign_key_violation USING MESSAGE = 'x'; END IF;
      RETURN NULL; END $$;
    CREATE TRIGGER prof_check AFTER INSERT ON indicator_value REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION prof_check()`,
  noLine: 'DROP INDEX indicator_value_import_line_idx',
  noAreaGroup: 'DROP INDEX indicator_value_area_group_idx',
  onlyKeys: `DROP INDEX indicator_value_import_line_idx; DROP INDEX indicator_value_area_group_idx; ${noFk}`,
};
const sums: Record<string, number[]> = {};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let round = 0; round < 8; round++) {
  for (const [name, ddl] of Object.entries(variants)) {
    const text =
      src
        .map((r, i) =>
          [...cols.split(', ').map((k) => (k === 'period_label' ? `${String(r[k])}r${round}${name}` : c(r[k]))), String(imp?.id), i].join(
            '\t',
          ),
        )
        .join('\n') + '\n';
    await q('BEGIN');
    if (ddl) await db.exec(ddl);
    const t = cpu();
    await q(`COPY indicator_value (${cols}, import_id, import_line) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    if (round > 1) (sums[name] ??= []).push(cpu() - t);
    await q('ROLLBACK');
  }
}
for (const [k, v] of Object.entries(sums)) {
  v.sort((a, b) => a - b);
  console.log(k, 'median cpu ms per 2500', (v[Math.floor(v.length / 2)] ?? 0).toFixed(1), 'min', (v[0] ?? 0).toFixed(1));
}
await db.close();
