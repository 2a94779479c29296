import { childProblems, type ChildMergeHook } from '../children/index.js';
import type { Tx } from '../platform/db.js';
import type { AppError } from '../platform/errors.js';

/**
 * When two child records merge, the front-line records of the merged one (pre-assessment checklists,
 * common assessments with everything attached to them, the level of need history) move to the kept
 * record with it, and back when the merge is undone. The kept record's level of need is then the
 * latest change on either record.
 */

/** The front line's kinds of row a merge moves by their child_id, named as child_merge.moved keeps them. */
type FrontLineKind = 'preAssessmentChecks' | 'commonAssessments' | 'needLevelChanges';

/** Each kind's move to the kept record ($1 merged, $2 kept; returns the ids moved) and back on undo ($1 merged, $2 the ids). */
const MOVES: Record<FrontLineKind, { toKept: string; back: string }> = {
  preAssessmentChecks: {
    toKept: 'UPDATE pre_assessment_check SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE pre_assessment_check SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  commonAssessments: {
    toKept: 'UPDATE common_assessment SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE common_assessment SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  needLevelChanges: {
    toKept: 'UPDATE need_level_change SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE need_level_change SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
};
const KINDS: readonly FrontLineKind[] = ['preAssessmentChecks', 'commonAssessments', 'needLevelChanges'];

/** The open common assessments of either child, oldest first. */
async function listOpenAssessmentsOfEither(
  tx: Tx,
  childIds: readonly string[],
): Promise<{ assessorName: string; assessorService: string }[]> {
  const rows = await tx.query<{ assessor_name: string; assessor_service: string }>(
    `SELECT assessor_name, assessor_service FROM common_assessment
      WHERE child_id = ANY($1::uuid[]) AND status = 'open'
      ORDER BY started_at`,
    [childIds],
  );
  return rows.map((r) => ({ assessorName: r.assessor_name, assessorService: r.assessor_service }));
}

/** 004 para 198: a child has one open common assessment at most (index common_assessment_one_open). */
const bothOpenAssessments = (detail: string): AppError =>
  childProblems.bothOpenAssessments(
    `These records cannot be merged: both have an open common assessment (${detail}), and a child may have only one open common assessment. Close one of the assessments first, then merge the records.`,
  );

export const assessmentMergeHook: ChildMergeHook = {
  async refuse(tx, { keptId, mergedId }) {
    const open = await listOpenAssessmentsOfEither(tx, [keptId, mergedId]);
    if (open.length > 1) throw bothOpenAssessments(open.map((a) => `started by ${a.assessorName}, ${a.assessorService}`).join('; '));
  },

  async moveToKept(tx, { keptId, mergedId }) {
    const moved: Record<FrontLineKind, string[]> = { preAssessmentChecks: [], commonAssessments: [], needLevelChanges: [] };
    for (const kind of KINDS) moved[kind] = (await tx.query<{ id: string }>(MOVES[kind].toKept, [mergedId, keptId])).map((r) => r.id);
    return moved;
  },

  async moveBack(tx, { mergedId }, moved) {
    for (const kind of KINDS) {
      const ids = moved[kind] ?? [];
      if (ids.length > 0) await tx.query(MOVES[kind].back, [mergedId, ids]);
    }
  },

  /** A unique index said no while moving: two open assessments met (a race with starting one). */
  explainFailure(error) {
    const message = error instanceof Error ? error.message : '';
    return message.includes('common_assessment_one_open') ? bothOpenAssessments('one was started while merging') : undefined;
  },
};
