import { sqlState, type Tx } from '../platform/db.js';
import { appliedSince, type HeldAtStart } from './import-held.js';
import type { ImportFault, StagedValue } from './import-rows.js';
import { COPY_ROW_COLUMNS, copyTextUnder, type ReadValue } from './copy-rows.js';
import { writeBatch, type ImportNotice } from './import-sql.js';

/**
 * The common road of an import batch (ADR 0018, measured in its "Speed" section): the batch's own
 * repeats found in memory, the revision rule asked only of the values that state an earlier revision
 * than final, and the rest COPYed straight into indicator_value under the unapplied import: one
 * statement, no temporary table, no second pass over the rows. A value given in an earlier batch
 * breaks the version key (indicator, group, period, area, import): the batch's transaction is rolled
 * back and the batch written again by the careful road (`writeBatch`: staged in a temporary table, each
 * repeat named with the line it repeats). Either road writes the same rows and reports the same faults.
 */

const keyOf = (v: StagedValue): string => `${v.indicatorId}\u0000${v.group}\u0000${v.period.label}\u0000${v.areaCode}`;

/** Revisions that a held value can outrank (a final value never is older than another). */
const OUTRANKABLE = new Set(['provisional', 'revised']);

/** The batch's values given twice within it: every one after the first is a fault naming the first. */
function withoutRepeats<V extends StagedValue>(values: readonly V[]): { kept: V[]; faults: ImportFault[] } {
  const first = new Map<string, V>();
  const kept: V[] = [];
  const faults: ImportFault[] = [];
  for (const v of values) {
    const key = keyOf(v);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, v);
      kept.push(v);
      continue;
    }
    faults.push({
      line: v.line,
      column: v.column,
      kind: 'repeated_value',
      reason: `This value (same indicator, area, group and period) was already given on line ${earlier.line}${earlier.column === v.column ? '' : `, column ${earlier.column}`}`,
    });
  }
  return { kept, faults };
}

/**
 * The values (by index) whose stated revision is earlier than the one held: they are not written. A value can be
 * held only for an indicator that held one when the job started, or one an import applied since then brought
 * (import-held.ts): while none has been applied, the values of the other indicators are not asked about (the
 * first import of a publisher's measures, where most values state a revision, asked about every one for nothing).
 */
async function olderThanHeld(tx: Tx, values: readonly StagedValue[], held: HeldAtStart | null): Promise<Map<number, string>> {
  let asked = values.flatMap((v, i) => (v.revision && OUTRANKABLE.has(v.revision) ? [i] : []));
  // Whether an import was applied since matters only when some value asked about is of an indicator not held then.
  const heldThen = (i: number) => held?.indicators.has((values[i] as StagedValue).indicatorId) ?? true;
  if (held && !asked.every(heldThen) && !(await appliedSince(tx, held.appliedSeq))) asked = asked.filter(heldThen);
  if (asked.length === 0) return new Map();
  const column = <T>(f: (v: StagedValue) => T) => asked.map((i) => f(values[i] as StagedValue));
  const rows = await tx.query<{ i: number; held: string }>(
    `SELECT k.i, v.revision AS held
       FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS k (i, indicator_id, group_code, period_label, area_code, revision)
       JOIN indicator_value_current v
         ON v.indicator_id = k.indicator_id AND v.group_code = k.group_code AND v.period_label = k.period_label AND v.area_code = k.area_code
      WHERE array_position(ARRAY['provisional', 'revised', 'final'], k.revision) < array_position(ARRAY['provisional', 'revised', 'final'], v.revision)`,
    [
      asked,
      column((v) => v.indicatorId),
      column((v) => v.group),
      column((v) => v.period.label),
      column((v) => v.areaCode),
      column((v) => v.revision),
    ],
  );
  return new Map(rows.map((r) => [r.i, r.held]));
}

/**
 * A value of the batch was given in an earlier batch (the version key refused the COPY): the batch's transaction is
 * rolled back by throwing this, and the batch is written again by the careful road, which names the line it repeats.
 */
export class RepeatOfEarlierBatch extends Error {
  constructor() {
    super('A value of this batch was given in an earlier batch');
  }
}

/**
 * Writes one batch of checked values under the (unapplied) import: the same rows, faults and notices
 * as `writeBatch`, by the common road unless `careful`; `stored` is how many values were written. `held`:
 * what was held when the job started (null: ask about every value). The common road throws
 * `RepeatOfEarlierBatch` when a value repeats one of an earlier batch: the caller rolls the batch's
 * transaction back and writes it again carefully. No savepoint around the COPY: a repeat across batches
 * is rare, and the savepoint and its release were two statements of every batch (ADR 0048).
 */
export async function writeValues(
  tx: Tx,
  importId: string,
  values: readonly ReadValue[],
  firstSeq: number,
  held: HeldAtStart | null,
  careful = false,
): Promise<{ faults: ImportFault[]; notReplaced: ImportNotice[]; stored: number }> {
  if (values.length === 0) return { faults: [], notReplaced: [], stored: 0 };
  if (careful) {
    const written = await writeBatch(tx, importId, values, firstSeq);
    // Each value not stored is a repeat (a fault) or older than the one held (a notice).
    return { ...written, stored: values.length - written.faults.length - written.notReplaced.length };
  }
  const { kept, faults } = withoutRepeats(values);
  const older = await olderThanHeld(tx, kept, held);
  const notReplaced: ImportNotice[] = [];
  const rows: string[] = [];
  kept.forEach((v, i) => {
    const held = older.get(i);
    if (held === undefined) rows.push(v.copyRow);
    else
      notReplaced.push({
        line: v.line,
        column: v.column,
        reason: `Not replaced: the ${v.revision ?? ''} value for ${v.period.label} is older than the ${held} one held, which is kept`,
      });
  });
  if (rows.length === 0) return { faults, notReplaced, stored: 0 };
  try {
    await tx.copyFrom(`indicator_value (${COPY_ROW_COLUMNS}, import_id)`, Buffer.from(copyTextUnder(rows, importId), 'utf8'));
  } catch (error) {
    throw sqlState(error) === '23505' ? new RepeatOfEarlierBatch() : error;
  }
  return { faults, notReplaced, stored: rows.length };
}
