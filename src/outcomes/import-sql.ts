import type { Tx } from '../platform/db.js';
import type { ImportFault, Layout, StagedValue } from './import-rows.js';
import { periodEnd } from './periods.js';

/**
 * The set-based writes of `ctp import indicators`: values are COPYed into a temporary staging table
 * as the file is read, then a fixed number of statements find repeated values, record changes and
 * upsert, whatever the size of the file. No statement runs once per value.
 */

const STAGING = 'indicator_value_staging';

export async function createStaging(tx: Tx): Promise<void> {
  await tx.query(
    `CREATE TEMPORARY TABLE ${STAGING} (
       seq integer NOT NULL, line integer NOT NULL, col text NOT NULL, indicator_id uuid NOT NULL, area_code text NOT NULL,
       group_code text NOT NULL, period_label text NOT NULL, period_kind text NOT NULL, period_start date NOT NULL,
       value numeric, status text NOT NULL, numerator numeric, denominator numeric,
       period_end date NOT NULL, revision text, ci95_lower numeric, ci95_upper numeric, ci998_lower numeric, ci998_upper numeric, value_note text
     ) ON COMMIT DROP`,
  );
}

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
const copyText = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const copyValue = (v: string | number | null): string => (v === null ? '\\N' : copyText(String(v)));

/** Appends values to the staging table; `firstSeq` numbers them in file order. */
export async function stageValues(tx: Tx, values: readonly StagedValue[], firstSeq: number): Promise<void> {
  if (values.length === 0) return;
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
      periodEnd(v.period),
      v.revision ?? null,
      v.ci95Lower ?? null,
      v.ci95Upper ?? null,
      v.ci998Lower ?? null,
      v.ci998Upper ?? null,
      v.valueNote ?? null,
    ]
      .map(copyValue)
      .join('\t'),
  );
  await tx.copyFrom(
    `${STAGING} (seq, line, col, indicator_id, area_code, group_code, period_label, period_kind, period_start, value, status, numerator, denominator,
       period_end, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note)`,
    Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
  );
}

/**
 * A value given twice in the file (same indicator, area, group and period) is a fault on every
 * line after the first; those copies leave the staging table.
 */
export async function removeRepeatedValues(tx: Tx): Promise<ImportFault[]> {
  const rows = await tx.query<{ line: number; col: string; first_line: number; first_col: string }>(
    `DELETE FROM ${STAGING} s USING (
       SELECT seq, first_value(line) OVER w AS first_line, first_value(col) OVER w AS first_col, row_number() OVER w AS n
         FROM ${STAGING}
       WINDOW w AS (PARTITION BY indicator_id, area_code, group_code, period_label ORDER BY seq)
     ) d
     WHERE s.seq = d.seq AND d.n > 1
     RETURNING s.line, s.col, d.first_line, d.first_col`,
  );
  return rows.map((r) => ({
    line: r.line,
    column: r.col,
    kind: 'repeated_value' as const,
    reason: `This value (same indicator, area, group and period) was already given on line ${r.first_line}${r.first_col === r.col ? '' : `, column ${r.first_col}`}`,
  }));
}

/** A value kept as it was, and why: the line and column of the file that would have replaced it. */
export interface ImportNotice {
  line: number;
  column: string;
  reason: string;
}

/**
 * A value whose stated revision is earlier than the one held (a provisional figure arriving after
 * the final one) does not replace it: it leaves the staging table and is reported. A value that
 * states no revision replaces as any re-import does.
 */
export async function keepLaterRevisions(tx: Tx): Promise<ImportNotice[]> {
  const rows = await tx.query<{ line: number; col: string; period_label: string; staged: string; held: string }>(
    `DELETE FROM ${STAGING} s USING indicator_value v
      WHERE v.indicator_id = s.indicator_id AND v.group_code = s.group_code AND v.period_label = s.period_label AND v.area_code = s.area_code
        AND array_position(ARRAY['provisional', 'revised', 'final'], s.revision) < array_position(ARRAY['provisional', 'revised', 'final'], v.revision)
      RETURNING s.line, s.col, s.period_label, s.revision AS staged, v.revision AS held`,
  );
  return rows
    .map((r) => ({
      line: r.line,
      column: r.col,
      reason: `Not replaced: the ${r.staged} value for ${r.period_label} is older than the ${r.held} one held, which is kept`,
    }))
    .sort((a, b) => a.line - b.line);
}

export async function countStaged(tx: Tx): Promise<number> {
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${STAGING}`);
  return row?.n ?? 0;
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

export async function insertImport(tx: Tx, r: ImportRecord): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO indicator_import (area_code, actor_user_id, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7) RETURNING id`,
    [r.areaCode, r.actorUserId, r.actorLabel, r.fileName, r.layout, r.rowsRead, r.faults],
  );
  if (!row) throw new Error('indicator_import insert returned no row');
  return row.id;
}

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
const HELD = COMPARED.map((c) => `v.${c}`).join(', ');
const STAGED = COMPARED.map((c) => `s.${c}`).join(', ');
const EXCLUDED = COMPARED.map((c) => `EXCLUDED.${c}`).join(', ');

/**
 * Writes the staged values: a value for a period already held replaces it, and each one that
 * actually changes is recorded before and after (issue 5: "re-import of the same period replaces
 * it with the change recorded"). A value that did not change keeps the import that brought it.
 */
export async function mergeStaged(tx: Tx, importId: string, staged: number): Promise<MergeCounts> {
  const [existing] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${STAGING} s
      WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = s.indicator_id AND v.group_code = s.group_code
                       AND v.period_label = s.period_label AND v.area_code = s.area_code)`,
  );
  const [changed] = await tx.query<{ n: number }>(
    `WITH changed AS (
       INSERT INTO indicator_value_change (indicator_id, area_code, group_code, period_label, import_id,
              value_before, status_before, numerator_before, denominator_before, import_id_before, revision_before,
              value_after, status_after, numerator_after, denominator_after, revision_after)
       SELECT s.indicator_id, s.area_code, s.group_code, s.period_label, $1,
              v.value, v.status, v.numerator, v.denominator, v.import_id, v.revision,
              s.value, s.status, s.numerator, s.denominator, s.revision
         FROM ${STAGING} s
         JOIN indicator_value v ON v.indicator_id = s.indicator_id AND v.group_code = s.group_code
                               AND v.period_label = s.period_label AND v.area_code = s.area_code
        WHERE (${HELD}) IS DISTINCT FROM (${STAGED})
       RETURNING 1)
     SELECT count(*)::int AS n FROM changed`,
    [importId],
  );
  await tx.query(
    `INSERT INTO indicator_value AS v (indicator_id, area_code, group_code, period_label, period_kind, period_start, period_end,
            value, status, numerator, denominator, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note, import_id)
     SELECT indicator_id, area_code, group_code, period_label, period_kind, period_start, period_end,
            value, status, numerator, denominator, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note, $1
       FROM ${STAGING}
     ON CONFLICT (indicator_id, group_code, period_label, area_code) DO UPDATE
        SET value = EXCLUDED.value, status = EXCLUDED.status, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
            period_kind = EXCLUDED.period_kind, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
            revision = EXCLUDED.revision, ci95_lower = EXCLUDED.ci95_lower, ci95_upper = EXCLUDED.ci95_upper,
            ci998_lower = EXCLUDED.ci998_lower, ci998_upper = EXCLUDED.ci998_upper, value_note = EXCLUDED.value_note,
            import_id = EXCLUDED.import_id
      WHERE (${HELD}) IS DISTINCT FROM (${EXCLUDED})`,
    [importId],
  );
  const replaced = changed?.n ?? 0;
  const held = existing?.n ?? 0;
  const counts = { created: staged - held, replaced, unchanged: held - replaced };
  await tx.query('UPDATE indicator_import SET values_created = $2, values_replaced = $3, values_unchanged = $4 WHERE id = $1', [
    importId,
    counts.created,
    counts.replaced,
    counts.unchanged,
  ]);
  return counts;
}
