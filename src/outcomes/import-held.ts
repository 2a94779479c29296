import type { Queryable } from '../platform/db.js';
import { applyBatch, type MergeCounts } from './import-sql.js';

/**
 * What the values held looked like when an import job started (ADR 0039): which indicators hold any
 * value at all, and the last import applied. A batch none of whose indicators hold a value has
 * nothing to be compared with, so applying it (one probe of the version key per value, about a third
 * of the engine's work per value) is skipped and its values are counted new. That is the first
 * import of a publisher's measures, the big case. If another import is applied while the job runs
 * (two processes on one PostgreSQL server), the skipped batches are applied after all, before publishing
 * (`applySkipped`), so the counts and the changes recorded are those a full apply would give.
 */
export interface HeldAtStart {
  indicators: ReadonlySet<string>;
  appliedSeq: number;
}

/** One probe per indicator of the catalogue (the version key leads with the indicator): never a scan of the values. */
export async function heldAtStart(q: Queryable): Promise<HeldAtStart> {
  const [rows, [seq]] = await Promise.all([
    q.query<{ id: string }>(`SELECT i.id FROM indicator i WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = i.id)`),
    q.query<{ seq: number }>(`SELECT coalesce(max(applied_seq), 0)::bigint AS seq FROM indicator_import`),
  ]);
  return { indicators: new Set(rows.map((r) => r.id)), appliedSeq: Number(seq?.seq ?? 0) };
}

/** The ids [from, to) a batch's values were numbered within (ADR 0051), when it was not applied, and the values it counted new. */
export interface SkippedIds {
  from: number;
  to: number;
  created: number;
}

/** True when an import was applied after `appliedSeq` (by another job): what was skipped must be applied. */
export async function appliedSince(q: Queryable, appliedSeq: number): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM indicator_import WHERE applied_seq > $1 LIMIT 1', [appliedSeq]);
  return rows.length > 0;
}

/**
 * The ids of a published import's values that superseded nothing, so its clean-up need not look at them: the skipped
 * batches' (their indicators held no value when the job started), unless an import was applied between the job's
 * start and its own publishing, whose values the skipped ones then replaced. None when the import is not applied.
 */
export async function idsSupersedingNothing(
  q: Queryable,
  importId: string,
  held: HeldAtStart,
  skipped: readonly SkippedIds[],
): Promise<readonly SkippedIds[]> {
  if (skipped.length === 0) return [];
  const [row] = await q.query<{ alone: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM indicator_import o WHERE o.applied_seq > $2 AND o.applied_seq < i.applied_seq) AS alone
       FROM indicator_import i WHERE i.id = $1 AND i.applied_seq IS NOT NULL`,
    [importId, held.appliedSeq],
  );
  return row?.alone ? skipped : [];
}

/**
 * Applies the skipped batches after all, each in its own transaction (invisible, as when written),
 * when another import was applied since the job started: their values counted new are counted again
 * against what is held now. `between` runs after each (the job's pacing).
 */
export async function applySkipped(
  db: { transaction<T>(fn: (tx: Parameters<typeof applyBatch>[0]) => Promise<T>): Promise<T> },
  importId: string,
  skipped: readonly SkippedIds[],
  counts: MergeCounts,
  between: () => Promise<void>,
): Promise<void> {
  for (const ids of skipped) {
    const c = await db.transaction((tx) => applyBatch(tx, importId, ids.from, ids.to));
    counts.created += c.created - ids.created;
    counts.replaced += c.replaced;
    counts.unchanged += c.unchanged;
    await between();
  }
}

/** The id ranges [from, to) of [start, end) outside the `skip` ranges (sorted, not overlapping, as a job records them). */
export function idsToClean(start: number, end: number, skip: readonly SkippedIds[]): [number, number][] {
  const ranges: [number, number][] = [];
  let from = start;
  for (const s of skip) {
    if (s.from > from) ranges.push([from, Math.min(s.from, end)]);
    from = Math.max(from, s.to);
  }
  if (from < end) ranges.push([from, end]);
  return ranges.filter(([a, b]) => a < b);
}
