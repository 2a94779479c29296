// Profiling (ADR 0031): where one import batch's time goes on the embedded engine, statement by
// statement: the COPY, applying it (changes against the values held), the job's progress, the commit.
//   node --import tsx bench/prof/batch.ts DIR   (DIR built by bench/prof/setup.ts and imported into once)
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { STORED_COLUMNS } from '../../src/outcomes/copy-rows.js';
import { applyBatch } from '../../src/outcomes/import-sql.js';
import type { Tx } from '../../src/platform/db.js';
const [dir = '', sizeArg = '2500'] = process.argv.slice(2);
const size = Number(sizeArg);
const db = await PGlite.create(path.join(dir, 'data', 'pgdata'), {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
});
const q = async (s: string, p: unknown[] = [], o?: object) => (await db.query<Record<string, unknown>>(s, p, o)).rows;
const tx = { query: async (s: string, p: unknown[] = []) => q(s, p) } as unknown as Tx;
const [imp] = await q(
  `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults) VALUES (NULL, NULL, 'x', 'x', 'long', 0,0,0,0,0) RETURNING id`,
);
const [job] = await q(`SELECT id FROM import_job LIMIT 1`);
const src = await q(
  `SELECT ${STORED_COLUMNS.replace(/period_start/, 'period_start::text').replace(/period_end/, 'period_end::text')} FROM indicator_value WHERE import_id IS NOT NULL LIMIT ${size}`,
);
const c = (v: unknown) => (v === null ? '\\N' : String(v));
const cols = STORED_COLUMNS.split(',').map((s) => s.trim());
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const steps: Record<string, number[]> = {};
const time = async (name: string, f: () => Promise<unknown>) => {
  const t = cpu();
  await f();
  (steps[name] ??= []).push(cpu() - t);
};
for (let round = 0; round < 10; round++) {
  const text =
    src
      .map((r, i) =>
        [...cols.map((k) => (k === 'period_label' ? `${String(r[k])}r${round}` : c(r[k]))), String(imp?.id), round * size + i].join('\t'),
      )
      .join('\n') + '\n';
  await time('begin', () => q('BEGIN'));
  await time('copy', () =>
    q(`COPY indicator_value (${STORED_COLUMNS}, import_id, import_line) FROM '/dev/blob'`, [], { blob: new Blob([text]) }),
  );
  await time('apply', () => applyBatch(tx, String(imp?.id), round * size, (round + 1) * size));
  await time('progress', () => q(`UPDATE import_job SET rows_read = $2, heartbeat_at = $3 WHERE id = $1`, [job?.id, round, new Date()]));
  await time('commit', () => q('COMMIT'));
}
for (const [k, v] of Object.entries(steps)) {
  const s = v.slice(2).sort((a, b) => a - b);
  console.log(k.padEnd(10), 'median cpu ms', (s[Math.floor(s.length / 2)] ?? 0).toFixed(1), 'min', (s[0] ?? 0).toFixed(1));
}
await db.close();
