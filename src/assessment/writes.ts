import type { User } from '../platform/auth/repository.js';
import { todayIso } from '../platform/dates.js';
import type { Tx } from '../platform/db.js';
import { insertInvolvement } from '../children/index.js';
import type { ActionStatus, ChecklistDecision, ClosureOutcome, NeedLevel } from './form.js';
import type { AssessmentContent, ConsentKind } from './types.js';

/** Front-line work's changes. Each runs inside the caller's transaction, beside its audit entry. */

export async function insertCheck(
  tx: Tx,
  c: { areaCode: string; childId: string; answers: Record<string, string>; decision: ChecklistDecision; notes: string; checkedBy: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO pre_assessment_check (area_code, child_id, answers, decision, notes, checked_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.areaCode, c.childId, JSON.stringify(c.answers), c.decision, c.notes, c.checkedBy],
  );
  return row?.id ?? '';
}

export interface NewAssessment {
  areaCode: string;
  childId: string;
  formCode: string;
  formVersion: string;
  assessorUserId: string | null;
  assessorName: string;
  assessorOrganisationId: string | null;
  assessorOrganisationName: string;
  assessorService: string;
  onBehalfOf: string;
  importedFromArea?: string | null;
}

export async function insertAssessment(tx: Tx, a: NewAssessment): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO common_assessment (area_code, child_id, form_code, form_version, assessor_user_id, assessor_name, assessor_organisation_id,
                                    assessor_organisation_name, assessor_service, on_behalf_of, imported_from_area, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END)
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
      a.importedFromArea ?? null,
    ],
  );
  return row?.id ?? '';
}

/** Saves the draft and moves its version on; returns the new version. */
export async function saveDraft(tx: Tx, assessmentId: string, content: AssessmentContent, userId: string): Promise<number> {
  const [row] = await tx.query<{ draft_version: number }>(
    `UPDATE common_assessment SET draft = $2, draft_saved_at = now(), draft_saved_by = $3, draft_version = draft_version + 1
      WHERE id = $1 RETURNING draft_version`,
    [assessmentId, JSON.stringify(content), userId],
  );
  if (!row) throw new Error(`assessment ${assessmentId} to save a draft on is missing`);
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
    completedAt?: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO common_assessment_version (area_code, assessment_id, version, content, change_note, completed_by, completed_by_name, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now()))`,
    [
      v.areaCode,
      v.assessmentId,
      v.version,
      JSON.stringify(v.content),
      v.changeNote,
      v.completedBy,
      v.completedByName,
      v.completedAt ?? null,
    ],
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
}

export async function insertConsent(tx: Tx, c: NewConsent): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO consent (area_code, assessment_id, kind, given_by_name, given_by_relationship, to_record, share_with_organisation_ids,
                          given_on, method, legal_basis, decided_by_name, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12) RETURNING id`,
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
    ],
  );
  return row?.id ?? '';
}

export async function withdrawConsent(tx: Tx, consentId: string, userId: string, note: string): Promise<void> {
  await tx.query(
    'UPDATE consent SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_note = $3 WHERE id = $1 AND withdrawn_at IS NULL',
    [consentId, userId, note],
  );
}

export async function insertTeamMember(
  tx: Tx,
  m: { areaCode: string; assessmentId: string; involvementId: string; userId: string | null; joinedOn: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO team_member (area_code, assessment_id, involvement_id, user_id, joined_on) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [m.areaCode, m.assessmentId, m.involvementId, m.userId, m.joinedOn],
  );
  return row?.id ?? '';
}

/** The signed-in practitioner joins the team: involved in the child index, from the date given. */
export async function joinTeamAsSelf(
  tx: Tx,
  user: User,
  j: { childId: string; assessmentId: string; service: string; joinedOn: string },
): Promise<string> {
  const involvementId = await insertInvolvement(tx, j.childId, user.areaCode, user.id, {
    service: j.service,
    organisationId: user.organisationId,
    practitionerUserId: user.id,
    practitionerName: user.displayName,
    role: user.jobTitle,
    phone: '',
    email: user.email,
    sensitive: false,
    startedOn: j.joinedOn,
  });
  return insertTeamMember(tx, {
    areaCode: user.areaCode,
    assessmentId: j.assessmentId,
    involvementId,
    userId: user.id,
    joinedOn: j.joinedOn,
  });
}

/** Members leave the team on a date; their involvements in the child index, made by joining, end with them. */
export async function endTeamMembership(tx: Tx, memberIds: readonly string[], leftOn: string): Promise<void> {
  await tx.query(
    `UPDATE involvement i SET ended_on = GREATEST($2::date, i.started_on)
       FROM team_member tm
      WHERE tm.id = ANY ($1::uuid[]) AND tm.left_on IS NULL AND i.id = tm.involvement_id AND i.ended_on IS NULL`,
    [memberIds, leftOn],
  );
  await tx.query('UPDATE team_member SET left_on = GREATEST($2::date, joined_on) WHERE id = ANY ($1::uuid[]) AND left_on IS NULL', [
    memberIds,
    leftOn,
  ]);
}

export async function appointLeadProfessional(
  tx: Tx,
  a: { areaCode: string; assessmentId: string; teamMemberId: string; criteriaMet: string[]; appointedBy: string; handoverNote: string },
): Promise<string> {
  await tx.query('UPDATE lead_professional SET ended_at = now() WHERE assessment_id = $1 AND ended_at IS NULL', [a.assessmentId]);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO lead_professional (area_code, assessment_id, team_member_id, criteria_met, appointed_by, handover_note)
     VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING id`,
    [a.areaCode, a.assessmentId, a.teamMemberId, a.criteriaMet, a.appointedBy, a.handoverNote],
  );
  return row?.id ?? '';
}

export async function insertAction(
  tx: Tx,
  a: { areaCode: string; assessmentId: string; need: string; action: string; ownerTeamMemberId: string; dueOn: string; createdBy: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO action_item (area_code, assessment_id, need, action, owner_team_member_id, due_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [a.areaCode, a.assessmentId, a.need, a.action, a.ownerTeamMemberId, a.dueOn, a.createdBy],
  );
  return row?.id ?? '';
}

export async function setActionStatus(tx: Tx, assessmentId: string, actionId: string, status: ActionStatus): Promise<boolean> {
  const rows = await tx.query('UPDATE action_item SET status = $3, updated_at = now() WHERE id = $2 AND assessment_id = $1 RETURNING id', [
    assessmentId,
    actionId,
    status,
  ]);
  return rows.length === 1;
}

export async function insertReview(
  tx: Tx,
  r: {
    areaCode: string;
    assessmentId: string;
    heldOn: string;
    attendees: string;
    progress: { need: string; progress: string }[];
    decisions: string;
    recordedBy: string;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO team_review (area_code, assessment_id, held_on, attendees, progress, decisions, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.areaCode, r.assessmentId, r.heldOn, r.attendees, JSON.stringify(r.progress), r.decisions, r.recordedBy],
  );
  return row?.id ?? '';
}

export async function closeAssessment(
  tx: Tx,
  assessmentId: string,
  outcome: ClosureOutcome,
  note: string,
  userId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE common_assessment SET status = 'closed', closed_at = now(), closed_by = $4, closure_outcome = $2, closure_note = $3, draft = NULL WHERE id = $1`,
    [assessmentId, outcome, note, userId],
  );
  await tx.query('UPDATE lead_professional SET ended_at = now() WHERE assessment_id = $1 AND ended_at IS NULL', [assessmentId]);
  // The team disbands: each member's involvement through it ends too.
  const members = await tx.query<{ id: string }>('SELECT id FROM team_member WHERE assessment_id = $1 AND left_on IS NULL', [assessmentId]);
  await endTeamMembership(
    tx,
    members.map((m) => m.id),
    todayIso(),
  );
}

/** Records a level of need when it differs from the child's current one; true when it changed. */
export async function recordNeedLevel(
  tx: Tx,
  c: { areaCode: string; childId: string; level: NeedLevel; source: string; assessmentId: string | null; changedBy: string | null },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO need_level_change (area_code, child_id, level, source, assessment_id, changed_by)
     SELECT $1, $2, $3, $4, $5, $6
      WHERE $3 IS DISTINCT FROM (SELECT level FROM need_level_change WHERE child_id = $2 ORDER BY changed_at DESC, id LIMIT 1)
     RETURNING id`,
    [c.areaCode, c.childId, c.level, c.source, c.assessmentId, c.changedBy],
  );
  return rows.length === 1;
}

export async function insertReferral(
  tx: Tx,
  r: {
    areaCode: string;
    assessmentId: string;
    assessmentVersion: number;
    toOrganisationId: string;
    toService: string;
    reason: string;
    levelSought: NeedLevel;
    sentBy: string;
    acknowledgeBy: string;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO referral (area_code, assessment_id, assessment_version, to_organisation_id, to_service, reason, level_sought, sent_by, acknowledge_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [r.areaCode, r.assessmentId, r.assessmentVersion, r.toOrganisationId, r.toService, r.reason, r.levelSought, r.sentBy, r.acknowledgeBy],
  );
  return row?.id ?? '';
}

export async function acknowledgeReferral(tx: Tx, referralId: string, userId: string): Promise<void> {
  await tx.query('UPDATE referral SET acknowledged_at = now(), acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL', [
    referralId,
    userId,
  ]);
}

export async function decideReferral(
  tx: Tx,
  referralId: string,
  decision: 'accepted' | 'returned',
  reason: string,
  userId: string,
): Promise<void> {
  await tx.query(
    `UPDATE referral SET decision = $2, decision_reason = $3, decided_at = now(), decided_by = $4,
            acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by = COALESCE(acknowledged_by, $4)
      WHERE id = $1`,
    [referralId, decision, reason, userId],
  );
}
