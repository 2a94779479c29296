import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { visibleSql } from '../records/repository.js';
import type { PendingDuplicate, Viewer } from '../types.js';

/**
 * Identity matching (domain brief §3): the same child arrives from several sources. Records
 * with the same identifier are the same child; records with the same date of birth and names
 * that look or sound alike are probably the same child, and a person decides.
 */

/** The trigram similarity at which two names are alike (import/duplicates.ts's bulk search uses it too). */
export const ALIKE_SIMILARITY = 0.5;

/** The rule of ALIKE on names already lower-cased and their Double Metaphone codes already worked out (import/duplicates.ts). */
export const ALIKE_WORKED_OUT = (lowerA: string, lowerB: string, soundA: string, soundB: string): string =>
  `(similarity(${lowerA}, ${lowerB}) >= ${ALIKE_SIMILARITY} OR (${soundA} = ${soundB} AND ${soundA} <> ''))`;

/** Two names alike enough to ask a person: trigram similarity or the same Double Metaphone code. */
export const ALIKE = (a: string, b: string): string =>
  ALIKE_WORKED_OUT(`lower(${a})`, `lower(${b})`, `dmetaphone(${a})`, `dmetaphone(${b})`);

/**
 * Queues every active record that is probably the same child as `childId`: same date of birth,
 * family and given names alike, and no identifier that proves them different people.
 * Returns how many new pairs were queued.
 */
export async function findLikelyDuplicates(tx: Tx | Queryable, areaCode: string, childId: string): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO possible_duplicate (area_code, child_id, other_child_id, score, reasons)
     SELECT a.area_code, least(a.id, b.id), greatest(a.id, b.id),
            (similarity(lower(a.family_name), lower(b.family_name)) + similarity(lower(a.given_name), lower(b.given_name))) / 2,
            concat_ws('; ', 'same date of birth',
              CASE WHEN lower(a.family_name) = lower(b.family_name) THEN 'same family name' ELSE 'family names alike' END,
              CASE WHEN lower(a.given_name) = lower(b.given_name) THEN 'same given name' ELSE 'given names alike' END,
              CASE WHEN a.postcode <> '' AND a.postcode = b.postcode THEN 'same postcode' END)
       FROM child a
       JOIN child b ON b.area_code = a.area_code AND b.date_of_birth = a.date_of_birth AND b.id <> a.id AND b.merged_into_id IS NULL
      WHERE a.area_code = $1 AND a.id = $2 AND a.merged_into_id IS NULL
        AND ${ALIKE('a.family_name', 'b.family_name')}
        AND ${ALIKE('a.given_name', 'b.given_name')}
        AND NOT (a.nhs_number IS NOT NULL AND b.nhs_number IS NOT NULL AND a.nhs_number <> b.nhs_number)
        AND NOT (a.upn IS NOT NULL AND b.upn IS NOT NULL AND a.upn <> b.upn)
     ON CONFLICT (child_id, other_child_id) DO NOTHING
     RETURNING id`,
    [areaCode, childId],
  );
  return rows.length;
}

/** A likely duplicate pair, as the review queue decides about it. */
export interface PossibleDuplicate {
  id: string;
  childId: string;
  otherChildId: string;
  status: string;
  score: number;
  reasons: string;
}

/** The pair, locked for the decision; undefined when the area holds no such pair. */
export async function lockPossibleDuplicate(tx: Tx, areaCode: string, id: string): Promise<PossibleDuplicate | undefined> {
  const [row] = await tx.query<{ id: string; child_id: string; other_child_id: string; status: string; score: number; reasons: string }>(
    'SELECT id, child_id, other_child_id, status, score, reasons FROM possible_duplicate WHERE id = $1 AND area_code = $2 FOR UPDATE',
    [id, areaCode],
  );
  return row
    ? { id: row.id, childId: row.child_id, otherChildId: row.other_child_id, status: row.status, score: row.score, reasons: row.reasons }
    : undefined;
}

interface PendingRow {
  id: string;
  score: number;
  reasons: string;
  found_at: Date;
  child_id: string;
  child_given_name: string;
  child_family_name: string;
  child_date_of_birth: string;
  other_id: string;
  other_given_name: string;
  other_family_name: string;
  other_date_of_birth: string;
}

/**
 * Pending pairs in the area whose records are both active and both visible to the viewer ($2
 * organisation, $3 designated safeguarding): a shielded record is not named to those who may not see it.
 */
const PENDING_PAIRS = `
  FROM possible_duplicate d
  JOIN child a ON a.id = d.child_id AND a.merged_into_id IS NULL
  JOIN child b ON b.id = d.other_child_id AND b.merged_into_id IS NULL
 WHERE d.area_code = $1 AND d.status = 'pending'
   AND ${visibleSql('a')} AND ${visibleSql('b')}`;

const visibleTo = (areaCode: string, viewer: Viewer) => [areaCode, viewer.organisationId, viewer.designatedSafeguarding];

/** How many pending pairs the viewer may see. */
export async function countPendingPairs(tx: Queryable, areaCode: string, viewer: Viewer): Promise<number> {
  const [counted] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total ${PENDING_PAIRS}`, visibleTo(areaCode, viewer));
  return counted?.total ?? 0;
}

/** One page of the pending pairs the viewer may see, most alike first (then oldest), each with both records named. */
export async function listPendingPairs(
  tx: Tx,
  areaCode: string,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<PendingDuplicate[]> {
  const rows = await tx.query<PendingRow>(
    `SELECT d.id, d.score, d.reasons, d.found_at,
          a.id AS child_id, a.given_name AS child_given_name, a.family_name AS child_family_name,
          a.date_of_birth AS child_date_of_birth,
          b.id AS other_id, b.given_name AS other_given_name, b.family_name AS other_family_name,
          b.date_of_birth AS other_date_of_birth
   ${PENDING_PAIRS}
    ORDER BY d.score DESC, d.found_at, d.id
    LIMIT $4 OFFSET $5`,
    [...visibleTo(areaCode, viewer), page.limit, page.offset],
  );
  return rows.map((r) => ({
    id: r.id,
    score: r.score,
    reasons: r.reasons,
    foundAt: r.found_at,
    child: { id: r.child_id, givenName: r.child_given_name, familyName: r.child_family_name, dateOfBirth: r.child_date_of_birth },
    other: { id: r.other_id, givenName: r.other_given_name, familyName: r.other_family_name, dateOfBirth: r.other_date_of_birth },
  }));
}

export async function markKeptApart(tx: Tx, id: string, userId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE possible_duplicate SET status = 'kept apart', decided_by = $2, decided_at = $3 WHERE id = $1`, [id, userId, at]);
}

export async function markMerged(tx: Tx, id: string, userId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE possible_duplicate SET status = 'merged', decided_by = $2, decided_at = $3 WHERE id = $1`, [id, userId, at]);
}

/** An undone merge puts its pair back in the queue. */
export async function markPendingAgain(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE possible_duplicate SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = $1`, [id]);
}

/** The child index's own kinds of row a merge moves by their child_id. Names move apart: their kind changes too. */
export type MovableKind = 'carers' | 'involvements' | 'sourceRecords';

/**
 * Each kind's move to the kept record ($1 merged, $2 kept; returns the ids moved) and back on undo
 * ($1 merged, $2 the ids).
 */
const MOVES: Record<MovableKind, { toKept: string; back: string }> = {
  carers: {
    toKept: 'UPDATE carer SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE carer SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  involvements: {
    toKept: 'UPDATE involvement SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE involvement SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  sourceRecords: {
    toKept: 'UPDATE child_source_record SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE child_source_record SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
};
export const MOVABLE_KINDS: readonly MovableKind[] = ['carers', 'involvements', 'sourceRecords'];

/** Moves the merged record's rows of one kind to the kept record; returns their ids. */
export async function moveRowsToKept(tx: Tx, kind: MovableKind, mergedId: string, keptId: string): Promise<string[]> {
  return (await tx.query<{ id: string }>(MOVES[kind].toKept, [mergedId, keptId])).map((r) => r.id);
}

/** Moves rows of one kind back to the merged record. */
export async function moveRowsBack(tx: Tx, kind: MovableKind, mergedId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query(MOVES[kind].back, [mergedId, ids]);
}

/** Moves every name of the merged record to the kept one, its current name becoming an alternative; returns each with the kind it had. */
export async function moveNamesToKept(tx: Tx, mergedId: string, keptId: string): Promise<{ id: string; kind: string }[]> {
  const names = await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM child_name WHERE child_id = $1', [mergedId]);
  await tx.query(
    `UPDATE child_name SET child_id = $2, kind = CASE WHEN kind = 'current' THEN 'alternative' ELSE kind END
      WHERE id = ANY($1::uuid[])`,
    [names.map((n) => n.id), keptId],
  );
  return names;
}

/** Moves names back to the merged record, each with the kind it had. */
export async function moveNamesBack(tx: Tx, mergedId: string, names: readonly { id: string; kind: string }[]): Promise<void> {
  if (names.length === 0) return;
  await tx.query(
    `UPDATE child_name n SET child_id = $1, kind = m.kind FROM unnest($2::uuid[], $3::text[]) AS m(id, kind) WHERE n.id = m.id`,
    [mergedId, names.map((n) => n.id), names.map((n) => n.kind)],
  );
}

/** Gives a record without a current name its own name (child.given_name, family_name) back as the current one. */
export async function restoreCurrentName(tx: Tx, childId: string): Promise<void> {
  await tx.query(
    `INSERT INTO child_name (child_id, area_code, kind, given_name, family_name)
     SELECT c.id, c.area_code, 'current', c.given_name, c.family_name FROM child c
      WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM child_name n WHERE n.child_id = c.id AND n.kind = 'current')`,
    [childId],
  );
}

/** Records merged into the merged record before now lead to the kept one; returns their ids. */
export async function redirectEarlierMerges(tx: Tx, mergedId: string, keptId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('UPDATE child SET merged_into_id = $2 WHERE merged_into_id = $1 RETURNING id', [
    mergedId,
    keptId,
  ]);
  return rows.map((r) => r.id);
}

/** On undo: records merged into the merged record before lead to it again. */
export async function restoreEarlierMerges(tx: Tx, mergedId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query('UPDATE child SET merged_into_id = $1 WHERE id = ANY($2::uuid[])', [mergedId, ids]);
}

/** Marks a record merged into another, as a new version. */
export async function markChildMergedInto(tx: Tx, mergedId: string, keptId: string, at: Date): Promise<void> {
  await tx.query('UPDATE child SET merged_into_id = $2, version = version + 1, updated_at = $3 WHERE id = $1', [mergedId, keptId, at]);
}

/** Makes a merged record active again, as a new version. */
export async function markChildActiveAgain(tx: Tx, childId: string, at: Date): Promise<void> {
  await tx.query('UPDATE child SET merged_into_id = NULL, version = version + 1, updated_at = $2 WHERE id = $1', [childId, at]);
}

/** A new version of a record whose contents a merge changed. */
export async function bumpChildVersion(tx: Tx, childId: string, at: Date): Promise<void> {
  await tx.query('UPDATE child SET version = version + 1, updated_at = $2 WHERE id = $1', [childId, at]);
}

/** The record a child was merged into, or null; undefined when there is no such child. */
export async function findMergedIntoId(tx: Tx, childId: string): Promise<string | null | undefined> {
  const [row] = await tx.query<{ merged_into_id: string | null }>('SELECT merged_into_id FROM child WHERE id = $1', [childId]);
  return row?.merged_into_id;
}

/** A merge as child_merge keeps it; `moved` as stored (what undo moves back). */
export interface StoredMerge {
  keptChildId: string;
  mergedChildId: string;
  possibleDuplicateId: string | null;
  moved: Record<string, unknown>;
  undoneAt: Date | null;
}

export async function insertMerge(
  tx: Tx,
  m: {
    areaCode: string;
    keptId: string;
    mergedId: string;
    possibleDuplicateId: string;
    moved: Record<string, unknown>;
    mergedBy: string;
    mergedAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO child_merge (area_code, kept_child_id, merged_child_id, possible_duplicate_id, moved, merged_by, merged_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [m.areaCode, m.keptId, m.mergedId, m.possibleDuplicateId, JSON.stringify(m.moved), m.mergedBy, m.mergedAt],
  );
  return row.id;
}

/** The merge, locked for undoing it; undefined when the area holds no such merge. */
export async function lockMerge(tx: Tx, areaCode: string, mergeId: string): Promise<StoredMerge | undefined> {
  const [m] = await tx.query<{
    kept_child_id: string;
    merged_child_id: string;
    possible_duplicate_id: string | null;
    moved: Record<string, unknown>;
    undone_at: Date | null;
  }>(
    'SELECT kept_child_id, merged_child_id, possible_duplicate_id, moved, undone_at FROM child_merge WHERE id = $1 AND area_code = $2 FOR UPDATE',
    [mergeId, areaCode],
  );
  return m
    ? {
        keptChildId: m.kept_child_id,
        mergedChildId: m.merged_child_id,
        possibleDuplicateId: m.possible_duplicate_id,
        moved: m.moved,
        undoneAt: m.undone_at,
      }
    : undefined;
}

export async function markMergeUndone(tx: Tx, mergeId: string, userId: string, at: Date): Promise<void> {
  await tx.query('UPDATE child_merge SET undone_by = $2, undone_at = $3 WHERE id = $1', [mergeId, userId, at]);
}
