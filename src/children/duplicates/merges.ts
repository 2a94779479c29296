import type { Queryable } from '../../platform/db.js';
import { visibleSql } from '../records/repository.js';
import type { Viewer } from '../types.js';

/** The merge history's SQL (child_merge): who merged which records when, and whether it was undone. Takes db or tx first. */

export interface MergeHistoryEntry {
  id: string;
  /** The record kept; its name is null when it is shielded from the viewer. */
  kept: { id: string; name: string | null; dateOfBirth: string | null };
  merged: { id: string; name: string | null; dateOfBirth: string | null };
  mergedBy: string;
  mergedAt: Date;
  undoneBy: string | null;
  undoneAt: Date | null;
  /** Not undone, and the kept record has not since been merged into another (what undo asks). */
  undoable: boolean;
}

interface MergeRow {
  id: string;
  kept_id: string;
  kept_name: string;
  kept_born: string;
  kept_visible: boolean;
  merged_id: string;
  merged_name: string;
  merged_born: string;
  merged_visible: boolean;
  merged_by: string;
  merged_at: Date;
  undone_by: string | null;
  undone_at: Date | null;
  undoable: boolean;
}

const MERGES = `
  FROM child_merge m
  JOIN child k ON k.id = m.kept_child_id
  JOIN child g ON g.id = m.merged_child_id
  JOIN app_user mb ON mb.id = m.merged_by
  LEFT JOIN app_user ub ON ub.id = m.undone_by
 WHERE m.area_code = $1`;

const SELECT_MERGE = `SELECT m.id, k.id AS kept_id, k.given_name || ' ' || k.family_name AS kept_name, k.date_of_birth AS kept_born,
       ${visibleSql('k')} AS kept_visible,
       g.id AS merged_id, g.given_name || ' ' || g.family_name AS merged_name, g.date_of_birth AS merged_born,
       ${visibleSql('g')} AS merged_visible,
       mb.display_name AS merged_by, m.merged_at, ub.display_name AS undone_by, m.undone_at,
       (m.undone_at IS NULL AND k.merged_into_id IS NULL) AS undoable
  ${MERGES}`;

const toEntry = (r: MergeRow): MergeHistoryEntry => ({
  id: r.id,
  // Masked here, as the queue is: a record shielded from the viewer is not named (ADR 0005).
  kept: { id: r.kept_id, name: r.kept_visible ? r.kept_name : null, dateOfBirth: r.kept_visible ? r.kept_born : null },
  merged: { id: r.merged_id, name: r.merged_visible ? r.merged_name : null, dateOfBirth: r.merged_visible ? r.merged_born : null },
  mergedBy: r.merged_by,
  mergedAt: new Date(r.merged_at),
  undoneBy: r.undone_by,
  undoneAt: r.undone_at ? new Date(r.undone_at) : null,
  undoable: r.undoable,
});

export async function countMerges(db: Queryable, areaCode: string): Promise<number> {
  const [row] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${MERGES}`, [areaCode]);
  return row?.total ?? 0;
}

/** One page of the area's merges, newest first. */
export async function listMerges(
  db: Queryable,
  areaCode: string,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<MergeHistoryEntry[]> {
  const rows = await db.query<MergeRow>(`${SELECT_MERGE} ORDER BY m.merged_at DESC, m.id LIMIT $4 OFFSET $5`, [
    areaCode,
    viewer.organisationId,
    viewer.designatedSafeguarding,
    page.limit,
    page.offset,
  ]);
  return rows.map(toEntry);
}

/** One merge of the area, as the history shows it; undefined when the area holds none with that id. */
export async function findMerge(db: Queryable, areaCode: string, viewer: Viewer, mergeId: string): Promise<MergeHistoryEntry | undefined> {
  const [row] = await db.query<MergeRow>(`${SELECT_MERGE} AND m.id = $4`, [
    areaCode,
    viewer.organisationId,
    viewer.designatedSafeguarding,
    mergeId,
  ]);
  return row ? toEntry(row) : undefined;
}
