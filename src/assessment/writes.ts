import { insertReturning, type Tx } from '../platform/db.js';
import type { ChecklistDecision, ClosureOutcome } from './form.js';
import type { GivenNeedLevel } from './levels/service.js';
import type { AssessmentContent, AssessmentRecord, ConsentKind } from './types.js';
import { endTeamMembership } from './team/repository.js';

/**
 * The assessment's own changes (checks, episodes, drafts, versions, consents, closure, level of need). Each runs inside the caller's
 * transaction, beside its audit entry, and is dated with the time the service's clock gives (never the database's now()).
 */

export async function insertCheck(
  tx: Tx,
  c: {
    areaCode: string;
    childId: string;
    answers: Record<string, string>;
    decision: ChecklistDecision;
    notes: string;
    checkedBy: string;
    checkedAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO pre_assessment_check (area_code, child_id, answers, decision, notes, checked_by, checked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.areaCode, c.childId, JSON.stringify(c.answers), c.decision, c.notes, c.checkedBy, c.checkedAt],
  );
  return row.id;
}

/** An episode as it is started: who assesses, on which form; the rest (status, drafts, versions) starts empty. */
export type NewAssessment = Pick<
  AssessmentRecord,
  | 'areaCode'
  | 'childId'
  | 'formCode'
  | 'formVersion'
  | 'assessorUserId'
  | 'assessorName'
  | 'assessorOrganisationId'
  | 'assessorOrganisationName'
  | 'assessorService'
  | 'onBehalfOf'
  | 'startedAt'
> & {
  /** The assessor's service on the area's list; null only for an episode from another area whose service this area does not list. */
  assessorServiceId: string | null;
  /** Set with importedAt when the episode came from another area. */
  importedFromArea?: string | null;
  importedAt?: Date | null;
};

export async function insertAssessment(tx: Tx, a: NewAssessment): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO common_assessment (area_code, child_id, form_code, form_version, assessor_user_id, assessor_name, assessor_organisation_id,
                                    assessor_organisation_name, assessor_service, on_behalf_of, started_at, imported_from_area, imported_at,
                                    assessor_service_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id`,
    [
      a.areaCode,
      a.childId,
      a.formCode,
      a.formVersion,
      a.assessorUserId,
      a.assessorName,
      a.assessorOrganisationId,
      a.assessorOrganisationName,
      a.assessorService,
      a.onBehalfOf,
      a.startedAt,
      a.importedFromArea ?? null,
      a.importedFromArea ? (a.importedAt ?? a.startedAt) : null,
      a.assessorServiceId,
    ],
  );
  return row.id;
}

/** Saves the draft and moves its version on; returns the new version. */
export async function saveDraft(tx: Tx, assessmentId: string, content: AssessmentContent, userId: string, savedAt: Date): Promise<number> {
  const row = await insertReturning<{ draft_version: number }>(
    tx,
    `UPDATE common_assessment SET draft = $2, draft_saved_at = $4, draft_saved_by = $3, draft_version = draft_version + 1
      WHERE id = $1 RETURNING draft_version`,
    [assessmentId, JSON.stringify(content), userId, savedAt],
  );
  return row.draft_version;
}

/** Discards the draft; its version moves on, so a save based on the discarded draft is stale. */
export async function discardDraft(tx: Tx, assessmentId: string): Promise<void> {
  await tx.query(
    'UPDATE common_assessment SET draft = NULL, draft_saved_at = NULL, draft_saved_by = NULL, draft_version = draft_version + 1 WHERE id = $1',
    [assessmentId],
  );
}

/** Locks the content as the next version and clears the draft. */
export async function insertVersion(
  tx: Tx,
  v: {
    areaCode: string;
    assessmentId: string;
    version: number;
    content: AssessmentContent;
    changeNote: string;
    completedBy: string | null;
    completedByName: string;
    completedAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO common_assessment_version (area_code, assessment_id, version, content, change_note, completed_by, completed_by_name, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [v.areaCode, v.assessmentId, v.version, JSON.stringify(v.content), v.changeNote, v.completedBy, v.completedByName, v.completedAt],
  );
  await tx.query(
    `UPDATE common_assessment SET latest_version = $2, draft = NULL, draft_saved_at = NULL, draft_saved_by = NULL,
            draft_version = draft_version + 1 WHERE id = $1`,
    [v.assessmentId, v.version],
  );
}

export interface NewConsent {
  areaCode: string;
  assessmentId: string;
  kind: ConsentKind;
  givenByName: string;
  givenByRelationship: string;
  toRecord: boolean;
  shareWith: string[];
  givenOn: string;
  method: string;
  legalBasis: string;
  decidedByName: string;
  recordedBy: string;
  recordedAt: Date;
}

export async function insertConsent(tx: Tx, c: NewConsent): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO consent (area_code, assessment_id, kind, given_by_name, given_by_relationship, to_record, share_with_organisation_ids,
                          given_on, method, legal_basis, decided_by_name, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      c.areaCode,
      c.assessmentId,
      c.kind,
      c.givenByName,
      c.givenByRelationship,
      c.toRecord,
      c.shareWith,
      c.givenOn,
      c.method,
      c.legalBasis,
      c.decidedByName,
      c.recordedBy,
      c.recordedAt,
    ],
  );
  return row.id;
}

export async function withdrawConsent(tx: Tx, consentId: string, userId: string, note: string, withdrawnAt: Date): Promise<void> {
  await tx.query('UPDATE consent SET withdrawn_at = $4, withdrawn_by = $2, withdrawal_note = $3 WHERE id = $1 AND withdrawn_at IS NULL', [
    consentId,
    userId,
    note,
    withdrawnAt,
  ]);
}

export async function closeAssessment(
  tx: Tx,
  assessmentId: string,
  outcome: ClosureOutcome,
  note: string,
  userId: string | null,
  closedAt: Date,
): Promise<void> {
  await tx.query(
    `UPDATE common_assessment SET status = 'closed', closed_at = $5, closed_by = $4, closure_outcome = $2, closure_note = $3, draft = NULL WHERE id = $1`,
    [assessmentId, outcome, note, userId, closedAt],
  );
  await tx.query('UPDATE lead_professional SET ended_at = $2 WHERE assessment_id = $1 AND ended_at IS NULL', [assessmentId, closedAt]);
  // The team disbands: each member's involvement through it ends too.
  const members = await tx.query<{ id: string }>('SELECT id FROM team_member WHERE assessment_id = $1 AND left_on IS NULL', [assessmentId]);
  await endTeamMembership(
    tx,
    members.map((m) => m.id),
    closedAt.toISOString().slice(0, 10),
    { by: userId, at: closedAt },
  );
}

/** Records a level of need when it differs from the child's current one; true when it changed. */
export async function recordNeedLevel(
  tx: Tx,
  c: {
    areaCode: string;
    childId: string;
    level: GivenNeedLevel;
    source: string;
    assessmentId: string | null;
    changedBy: string | null;
    changedAt: Date;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO need_level_change (area_code, child_id, level, national_level, scheme_id, source, assessment_id, changed_by, changed_at)
     SELECT $1, $2, $3, $8, $9, $4, $5, $6, $7
      WHERE $3 IS DISTINCT FROM (SELECT level FROM need_level_change WHERE child_id = $2 ORDER BY changed_at DESC, id LIMIT 1)
     RETURNING id`,
    [c.areaCode, c.childId, c.level.level, c.source, c.assessmentId, c.changedBy, c.changedAt, c.level.nationalLevel, c.level.schemeId],
  );
  return rows.length === 1;
}
