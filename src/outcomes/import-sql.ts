import type { Queryable, Tx } from '../platform/db.js';
import type { ImportFault, Layout, StagedValue } from './import-rows.js';

/**
 * The set-based writes of an import job (ADR 0018). Each function is one short transaction's work
 * on a batch of a few thousand values, never the whole file: the embedded database has one
 * connection, and a long statement would make every other request wait.
 *
 * - reading: each batch is COPYed into a temporary table, its repeats found (against itself and
 *   the values staged before), and the rest appended to import_job_value;
 * - applying: each range of staged values records its changes and writes new versions of the
 *   values, invisible until the import is applied (indicator_import.applied_seq);
 * - publishing: one tiny transaction sets applied_seq; then the versions it superseded and the
 *   staged values are removed in batches (invisible either way).
 */

/** The columns of a staged value, in COPY order (after seq). */
const VALUE_COLUMNS =
  'line, col, indicator_id, area_code, group_code, period_label, period_kind, period_start, value, status, numerator, denominator';
const KEY_MATCH = (a: string, b: string) =>
  `${a}.indicator_id = ${b}.indicator_id AND ${a}.group_code = ${b}.group_code AND ${a}.period_label = ${b}.period_label AND ${a}.area_code = ${b}.area_code`;

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
const copyText = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const copyValue = (v: string | number | null): string => (v === null ? '\\N' : copyText(String(v)));

function copyLines(values: readonly StagedValue[], firstSeq: number): Buffer {
  const lines = values.map((v, i) =>
    [
      firstSeq + i,
      v.line,
      v.column,
      v.indicatorId,
      v.areaCode,
      v.group,
      v.period.label,
      v.period.kind,
      v.period.start,
      v.value,
      v.status,
      v.numerator,
      v.denominator,
    ]
      .map(copyValue)
      .join('\t'),
  );
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/**
 * Stages one batch of checked values, numbered from `firstSeq` in file order. A value given twice
 * (same indicator, area, group and period) is a fault on every line after the first, and is not staged.
 */
export async function stageBatch(tx: Tx, jobId: string, values: readonly StagedValue[], firstSeq: number): Promise<ImportFault[]> {
  if (values.length === 0) return [];
  await tx.query(
    `CREATE TEMPORARY TABLE import_batch (
       seq integer NOT NULL, line integer NOT NULL, col text NOT NULL, indicator_id uuid NOT NULL, area_code text NOT NULL,
       group_code text NOT NULL, period_label text NOT NULL, period_kind text NOT NULL, period_start date NOT NULL,
       value numeric, status text NOT NULL, numerator numeric, denominator numeric
     ) ON COMMIT DROP`,
  );
  await tx.copyFrom(`import_batch (seq, ${VALUE_COLUMNS})`, copyLines(values, firstSeq));
  const repeats = await tx.query<{ line: number; col: string; first_line: number; first_col: string }>(
    `WITH earlier AS (
       SELECT b.seq, s.line AS first_line, s.col AS first_col
         FROM import_batch b JOIN import_job_value s ON s.job_id = $1 AND ${KEY_MATCH('s', 'b')}
     ), within AS (
       SELECT seq, first_value(line) OVER w AS first_line, first_value(col) OVER w AS first_col, row_number() OVER w AS n
         FROM import_batch WINDOW w AS (PARTITION BY indicator_id, area_code, group_code, period_label ORDER BY seq)
     ), repeated AS (
       SELECT seq, first_line, first_col FROM earlier
       UNION ALL
       SELECT seq, first_line, first_col FROM within WHERE n > 1 AND seq NOT IN (SELECT seq FROM earlier)
     )
     DELETE FROM import_batch b USING repeated r WHERE b.seq = r.seq
     RETURNING b.line, b.col, r.first_line, r.first_col`,
    [jobId],
  );
  await tx.query(`INSERT INTO import_job_value (job_id, seq, ${VALUE_COLUMNS}) SELECT $1, seq, ${VALUE_COLUMNS} FROM import_batch`, [
    jobId,
  ]);
  return repeats.map((r) => ({
    line: r.line,
    column: r.col,
    kind: 'repeated_value' as const,
    reason: `This value (same indicator, area, group and period) was already given on line ${r.first_line}${r.first_col === r.col ? '' : `, column ${r.first_col}`}`,
  }));
}

export async function stagedSeqRange(q: Queryable, jobId: string): Promise<{ count: number; last: number }> {
  const [row] = await q.query<{ n: number; last: number | null }>(
    'SELECT count(*)::int AS n, max(seq) AS last FROM import_job_value WHERE job_id = $1',
    [jobId],
  );
  return { count: row?.n ?? 0, last: row?.last ?? -1 };
}

export interface ImportRecord {
  actorUserId: string | null;
  actorLabel: string;
  areaCode: string | null;
  fileName: string;
  layout: Layout;
  rowsRead: number;
  faults: number;
}

export interface MergeCounts {
  created: number;
  replaced: number;
  unchanged: number;
}

/** The import's record, not yet applied: nothing it writes is visible until `publishImport`. */
export async function insertImport(tx: Tx, r: ImportRecord): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7) RETURNING id`,
    [r.areaCode, r.actorUserId, r.actorLabel, r.fileName, r.layout, r.rowsRead, r.faults],
  );
  if (!row) throw new Error('indicator_import insert returned no row');
  return row.id;
}

/**
 * Applies the staged values with seq in [from, to): a value for a period already held is written as
 * a new version, and each one that actually changes is recorded before and after (issue 5:
 * "re-import of the same period replaces it with the change recorded"). A value that did not change
 * is not written again: it keeps the import that brought it. Both stay invisible until published.
 */
export async function applyBatch(tx: Tx, jobId: string, importId: string, from: number, to: number): Promise<MergeCounts> {
  const batch = `SELECT * FROM import_job_value WHERE job_id = $1 AND seq >= $3 AND seq < $4`;
  const [counts] = await tx.query<{ staged: number; held: number }>(
    `SELECT count(*)::int AS staged, count(v.indicator_id)::int AS held
       FROM import_job_value s LEFT JOIN indicator_value_current v ON ${KEY_MATCH('v', 's')}
      WHERE s.job_id = $1 AND s.seq >= $2 AND s.seq < $3`,
    [jobId, from, to],
  );
  const [changed] = await tx.query<{ n: number }>(
    `WITH changed AS (
       INSERT INTO indicator_value_change (indicator_id, area_code, group_code, period_label, import_id,
              value_before, status_before, numerator_before, denominator_before, import_id_before,
              value_after, status_after, numerator_after, denominator_after)
       SELECT s.indicator_id, s.area_code, s.group_code, s.period_label, $2,
              v.value, v.status, v.numerator, v.denominator, v.import_id,
              s.value, s.status, s.numerator, s.denominator
         FROM (${batch}) s JOIN indicator_value_current v ON ${KEY_MATCH('v', 's')}
        WHERE (v.value, v.status, v.numerator, v.denominator) IS DISTINCT FROM (s.value, s.status, s.numerator, s.denominator)
       RETURNING 1)
     SELECT count(*)::int AS n FROM changed`,
    [jobId, importId, from, to],
  );
  await tx.query(
    `INSERT INTO indicator_value (indicator_id, area_code, group_code, period_label, period_kind, period_start, value, status, numerator, denominator, import_id)
     SELECT s.indicator_id, s.area_code, s.group_code, s.period_label, s.period_kind, s.period_start, s.value, s.status, s.numerator, s.denominator, $2
       FROM (${batch}) s
      WHERE NOT EXISTS (SELECT 1 FROM indicator_value_current v WHERE ${KEY_MATCH('v', 's')}
                           AND (v.value, v.status, v.numerator, v.denominator) IS NOT DISTINCT FROM (s.value, s.status, s.numerator, s.denominator))`,
    [jobId, importId, from, to],
  );
  const staged = counts?.staged ?? 0;
  const held = counts?.held ?? 0;
  const replaced = changed?.n ?? 0;
  return { created: staged - held, replaced, unchanged: held - replaced };
}

/** The tiny transaction that makes a whole import visible at once: its values become the latest. */
export async function publishImport(tx: Tx, importId: string, counts: MergeCounts): Promise<void> {
  await tx.query(
    `UPDATE indicator_import SET applied_seq = nextval('indicator_import_applied_seq'), imported_at = now(),
            values_created = $2, values_replaced = $3, values_unchanged = $4
      WHERE id = $1`,
    [importId, counts.created, counts.replaced, counts.unchanged],
  );
}

/**
 * After publishing: removes, for the staged values with seq in [from, to), the older versions this
 * import superseded (invisible already), then those staged values. Returns how many staged values went.
 */
export async function removeSupersededAndStaged(q: Queryable, jobId: string, importId: string | null, from: number, to: number): Promise<number> {
  if (importId) {
    await q.query(
      `DELETE FROM indicator_value o
        USING import_job_value s, indicator_import mine
        WHERE s.job_id = $1 AND s.seq >= $3 AND s.seq < $4 AND mine.id = $2 AND mine.applied_seq IS NOT NULL
          AND ${KEY_MATCH('o', 's')} AND o.import_id IS DISTINCT FROM $2
          AND (o.import_id IS NULL OR (SELECT applied_seq FROM indicator_import WHERE id = o.import_id) < mine.applied_seq)`,
      [jobId, importId, from, to],
    );
  }
  const removed = await q.query('DELETE FROM import_job_value WHERE job_id = $1 AND seq >= $2 AND seq < $3 RETURNING 1', [jobId, from, to]);
  return removed.length;
}

/**
 * Removes up to `limit` rows of an import that was never applied (its recorded changes, then its
 * values, then its record), so a failed import leaves nothing behind. Returns 0 when all are gone.
 */
export async function removeUnappliedImport(q: Queryable, importId: string, limit: number): Promise<number> {
  const unapplied = 'EXISTS (SELECT 1 FROM indicator_import WHERE id = $1 AND applied_seq IS NULL)';
  for (const table of ['indicator_value_change', 'indicator_value']) {
    const gone = await q.query(
      `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE import_id = $1 LIMIT $2) AND ${unapplied} RETURNING 1`,
      [importId, limit],
    );
    if (gone.length > 0) return gone.length;
  }
  await q.query(`DELETE FROM indicator_import WHERE id = $1 AND applied_seq IS NULL`, [importId]);
  return 0;
}

/** Removes up to `limit` staged values of a job that will not be applied. */
export async function removeStagedValues(q: Queryable, jobId: string, limit: number): Promise<number> {
  const rows = await q.query(
    'DELETE FROM import_job_value WHERE ctid IN (SELECT ctid FROM import_job_value WHERE job_id = $1 LIMIT $2) RETURNING 1',
    [jobId, limit],
  );
  return rows.length;
}
