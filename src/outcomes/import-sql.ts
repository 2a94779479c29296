import type { Db, Queryable, Tx } from '../platform/db.js';
import type { ImportFault, Layout } from './import-rows.js';
import { STORED_COLUMNS, copyValue, type ReadValue } from './copy-rows.js';

/**
 * The set-based writes of an import job (ADR 0018). Each function is one short transaction's work
 * on a batch of a few thousand values, never the whole file: the embedded database has one
 * connection, and a long statement would make every other request wait.
 *
 * - reading: each batch is COPYed into a temporary table, its repeats found (against itself and
 *   the values written before) and the rest written to indicator_value under the import, which is
 *   not yet applied (indicator_import.applied_seq is null), so no reader sees them;
 * - applying: in the same transaction as each batch's write (ADR 0031), the batch's lines: the
 *   changes to values already held are recorded and counted, still invisible;
 * - publishing: one tiny transaction sets applied_seq; then the versions it superseded are removed
 *   in batches (invisible either way).
 */

/** The columns of a staged value, in COPY order: its number and column in the file, then its row as read (copy-rows.ts), whose last is its line. */
const STAGED_COLUMNS = `seq, col, ${STORED_COLUMNS}, line`;
/** What makes a value different from the one held: a change of any of these is recorded and replaces it. */
const COMPARED = [
  'value',
  'status',
  'numerator',
  'denominator',
  'revision',
  'ci95_lower',
  'ci95_upper',
  'ci998_lower',
  'ci998_upper',
  'value_note',
];
const aliased = (alias: string, suffix: string) => COMPARED.map((c) => `${alias}.${c} AS ${c}${suffix}`).join(', ');
const KEY_MATCH = (a: string, b: string) =>
  `${a}.indicator_id = ${b}.indicator_id AND ${a}.group_code = ${b}.group_code AND ${a}.period_label = ${b}.period_label AND ${a}.area_code = ${b}.area_code`;

function copyLines(values: readonly ReadValue[], firstSeq: number): Buffer {
  const lines = values.map((v, i) => `${firstSeq + i}\t${copyValue(v.column)}\t${v.copyRow}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/**
 * Writes one batch of checked values under the (unapplied) import, numbered from `firstSeq` in file
 * order. A value given twice (same indicator, area, group and period) is a fault on every line after
 * the first, and is not written; nor is one older than the revision held (reported as not replaced).
 */
export async function writeBatch(
  tx: Tx,
  importId: string,
  values: readonly ReadValue[],
  firstSeq: number,
): Promise<{ faults: ImportFault[]; notReplaced: ImportNotice[] }> {
  if (values.length === 0) return { faults: [], notReplaced: [] };
  await tx.query(
    `CREATE TEMPORARY TABLE import_batch (
       seq integer NOT NULL, line integer NOT NULL, col text NOT NULL, indicator_id uuid NOT NULL, area_code text NOT NULL,
       group_code text NOT NULL, period_label text NOT NULL, period_kind text NOT NULL, period_start date NOT NULL,
       value numeric, status text NOT NULL, numerator numeric, denominator numeric,
       period_end date NOT NULL, revision text, ci95_lower numeric, ci95_upper numeric, ci998_lower numeric, ci998_upper numeric, value_note text
     ) ON COMMIT DROP`,
  );
  await tx.copyFrom(`import_batch (${STAGED_COLUMNS})`, copyLines(values, firstSeq));
  const repeats = await tx.query<{ line: number; col: string; first_line: number; first_col: string | null }>(
    `WITH earlier AS (
       SELECT b.seq, v.import_line AS first_line, NULL::text AS first_col
         FROM import_batch b JOIN indicator_value v ON v.import_id = $1 AND ${KEY_MATCH('v', 'b')}
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
    [importId],
  );
  // A value whose stated revision is earlier than the one held (a provisional figure arriving after the
  // final one) does not replace it: it is not written, and is reported. One that states none replaces as any re-import does.
  const kept = await tx.query<{ line: number; col: string; period_label: string; staged: string; held: string }>(
    `DELETE FROM import_batch s USING indicator_value_current v
      WHERE ${KEY_MATCH('v', 's')}
        AND array_position(ARRAY['provisional', 'revised', 'final'], s.revision) < array_position(ARRAY['provisional', 'revised', 'final'], v.revision)
      RETURNING s.line, s.col, s.period_label, s.revision AS staged, v.revision AS held`,
  );
  await tx.query(
    `INSERT INTO indicator_value (${STORED_COLUMNS}, import_id, import_line) SELECT ${STORED_COLUMNS}, $1, line FROM import_batch`,
    [importId],
  );
  return {
    faults: repeats.map((r) => ({
      line: r.line,
      column: r.col,
      kind: 'repeated_value' as const,
      reason: `This value (same indicator, area, group and period) was already given on line ${r.first_line}${r.first_col === null || r.first_col === r.col ? '' : `, column ${r.first_col}`}`,
    })),
    notReplaced: kept.map((r) => ({
      line: r.line,
      column: r.col,
      reason: `Not replaced: the ${r.staged} value for ${r.period_label} is older than the ${r.held} one held, which is kept`,
    })),
  };
}

/** The id the next value written will have at least: the highest now, and one (one probe of the primary key). */
const NEXT_VALUE_ID = '(SELECT coalesce(max(id), 0) + 1 FROM indicator_value)';

/**
 * Where the next value written (by anyone) will be numbered from: the values a batch writes are found from the id
 * before it up (ADR 0051). One probe of the primary key.
 */
export async function nextValueId(q: Queryable): Promise<number> {
  const [row] = await q.query<{ next: number }>(`SELECT ${NEXT_VALUE_ID} AS next`);
  return Number(row?.next ?? 1);
}

/** A value kept as it was, and why: the line and column of the file that would have replaced it. */
export interface ImportNotice {
  line: number;
  column: string;
  reason: string;
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

/**
 * The import's record, not yet applied: nothing it writes is visible until `publishImport`. Its values, written
 * after this, are numbered from `firstValueId` up (ADR 0051): the highest id now, and one.
 */
export async function insertImport(tx: Tx, r: ImportRecord, at: Date): Promise<{ id: string; firstValueId: number }> {
  const [row] = await tx.query<{ id: string; first_value_id: number }>(
    `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults, imported_at, first_value_id)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7, $8, ${NEXT_VALUE_ID}) RETURNING id, first_value_id`,
    [r.areaCode, r.actorUserId, r.actorLabel, r.fileName, r.layout, r.rowsRead, r.faults, at],
  );
  if (!row) throw new Error('indicator_import insert returned no row');
  return { id: row.id, firstValueId: Number(row.first_value_id) };
}

/** The ids an import's values were numbered within, [from, to): from its first (ADR 0051) to the next one to be written. */
export async function valueIdsOf(q: Queryable, importId: string): Promise<{ from: number; to: number }> {
  const [row] = await q.query<{ from: number | null; to: number }>(
    `SELECT first_value_id AS from, ${NEXT_VALUE_ID} AS to FROM indicator_import WHERE id = $1`,
    [importId],
  );
  return { from: Number(row?.from ?? 0), to: Number(row?.to ?? 0) };
}

/**
 * Applies the import's values numbered within [from, to) (ADR 0051): each that changes a value already held is
 * recorded before and after (issue 5: "re-import of the same period replaces it with the change
 * recorded"), and all are counted as new, replaced or unchanged. Still invisible until published.
 */
export async function applyBatch(tx: Tx, importId: string, from: number, to: number): Promise<MergeCounts> {
  const [row] = await tx.query<{ written: number; held: number; replaced: number }>(
    `WITH mine AS (
       SELECT * FROM indicator_value WHERE id >= $2 AND id < $3 AND import_id = $1
     ), held AS (
       -- The value held (as indicator_value_current reads it: the latest applied version), found by one
       -- probe of the version key per value: never a scan of the table, however big it has grown.
       SELECT s.indicator_id, s.area_code, s.group_code, s.period_label, v.import_id AS import_id_before,
              ${aliased('v', '_before')}, ${aliased('s', '_after')}
         FROM mine s
         JOIN LATERAL (
           SELECT o.* FROM indicator_value o LEFT JOIN indicator_import oi ON oi.id = o.import_id
            WHERE ${KEY_MATCH('o', 's')} AND o.import_id IS DISTINCT FROM $1 AND (o.import_id IS NULL OR oi.applied_seq IS NOT NULL)
            ORDER BY coalesce(oi.applied_seq, 0) DESC LIMIT 1) v ON true
     ), changed AS (
       INSERT INTO indicator_value_change (indicator_id, area_code, group_code, period_label, import_id,
              value_before, status_before, numerator_before, denominator_before, import_id_before, revision_before,
              value_after, status_after, numerator_after, denominator_after, revision_after)
       SELECT indicator_id, area_code, group_code, period_label, $1,
              value_before, status_before, numerator_before, denominator_before, import_id_before, revision_before,
              value_after, status_after, numerator_after, denominator_after, revision_after
         FROM held
        WHERE (${COMPARED.map((c) => `${c}_before`).join(', ')}) IS DISTINCT FROM (${COMPARED.map((c) => `${c}_after`).join(', ')})
       RETURNING 1)
     SELECT (SELECT count(*) FROM mine)::int AS written, (SELECT count(*) FROM held)::int AS held, (SELECT count(*) FROM changed)::int AS replaced`,
    [importId, from, to],
  );
  const written = row?.written ?? 0;
  const held = row?.held ?? 0;
  const replaced = row?.replaced ?? 0;
  return { created: written - held, replaced, unchanged: held - replaced };
}

/** The tiny transaction that makes a whole import visible at once: its values become the latest. */
export async function publishImport(
  tx: Tx,
  importId: string,
  counts: MergeCounts & { rowsRead: number; faults: number },
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE indicator_import SET applied_seq = nextval('indicator_import_applied_seq'), imported_at = $7,
            values_created = $2, values_replaced = $3, values_unchanged = $4, rows_read = $5, faults = $6
      WHERE id = $1`,
    [importId, counts.created, counts.replaced, counts.unchanged, counts.rowsRead, counts.faults, at],
  );
}

/** After publishing: removes the older versions that the import's values numbered within [from, to) superseded (invisible already). */
export async function removeSuperseded(q: Queryable, importId: string, from: number, to: number): Promise<void> {
  await q.query(
    `DELETE FROM indicator_value o
      USING indicator_value n, indicator_import mine
      WHERE n.id >= $2 AND n.id < $3 AND n.import_id = $1 AND mine.id = $1 AND mine.applied_seq IS NOT NULL
        AND ${KEY_MATCH('o', 'n')} AND o.import_id IS DISTINCT FROM $1
        AND (o.import_id IS NULL OR (SELECT applied_seq FROM indicator_import WHERE id = o.import_id) < mine.applied_seq)`,
    [importId, from, to],
  );
}

/**
 * Removes up to `limit` rows of an import that was never applied (its recorded changes, then its
 * values, found from its first id up: ADR 0051, then its record), so a failed import leaves nothing
 * behind. Returns 0 when all are gone.
 */
export async function removeUnappliedImport(q: Queryable, importId: string, limit: number): Promise<number> {
  const unapplied = 'EXISTS (SELECT 1 FROM indicator_import WHERE id = $1 AND applied_seq IS NULL)';
  const changes = await q.query(
    `DELETE FROM indicator_value_change WHERE ctid IN (SELECT ctid FROM indicator_value_change WHERE import_id = $1 LIMIT $2) AND ${unapplied} RETURNING 1`,
    [importId, limit],
  );
  if (changes.length > 0) return changes.length;
  const values = await q.query(
    `DELETE FROM indicator_value WHERE id IN (
       SELECT v.id FROM indicator_value v, indicator_import i
        WHERE i.id = $1 AND i.applied_seq IS NULL AND v.id >= coalesce(i.first_value_id, 0) AND v.import_id = $1
        ORDER BY v.id LIMIT $2)
     RETURNING 1`,
    [importId, limit],
  );
  if (values.length > 0) return values.length;
  await q.query(`DELETE FROM indicator_import WHERE id = $1 AND applied_seq IS NULL`, [importId]);
  return 0;
}

/**
 * The embedded engine runs no autovacuum, so without this its planner keeps the statistics of a
 * nearly empty table and each batch's lookups turn into scans of everything written so far. A
 * statement of its own, as the session's own user: ANALYZE is the table owner's, and as the application
 * role the service runs as it was skipped with only a warning, so an import run by the service never
 * refreshed its statistics (ADR 0051; the role is left for this transaction alone, as the embedded
 * `copyFrom` leaves it). A user that does not own the table is still skipped. While the job writes, a small
 * sample (statistics target 10: 3,000 rows) is enough to keep the sizes right, and holds the one
 * embedded connection about as long as a batch (35 ms at 640,000 values, against 300-1,300 ms for
 * the full sample, ADR 0039); the full sample is taken once, before publishing, for the readers.
 */
export async function refreshValueStatistics(db: Db, sample: 'sample' | 'full' = 'full'): Promise<void> {
  await db
    .transaction(async (tx) => {
      await tx.query(`SELECT set_config('role', 'none', true)`);
      if (sample === 'sample') await tx.exec('SET LOCAL default_statistics_target = 10');
      await tx.exec('ANALYZE indicator_value');
    })
    .catch(() => undefined);
}
