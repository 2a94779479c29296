import type { Viewer } from '../children/index.js';
import type { Queryable } from '../platform/db.js';
import type { ActionStatus, ClosureOutcome, NeedLevel } from './form.js';
import type {
  ActionItem,
  AssessmentContent,
  AssessmentRecord,
  AssessmentVersion,
  Consent,
  LeadProfessional,
  PreAssessmentCheck,
  Referral,
  TeamMember,
  TeamReview,
} from './types.js';
import { SHIELD_COLUMNS, SHIELDED_NAME, seesChild, type ShieldColumns } from './visibility.js';

/** Front-line work's reads. Takes db or tx first; one function per question. */

interface AssessmentRow {
  id: string;
  area_code: string;
  child_id: string;
  form_code: string;
  form_version: string;
  status: 'open' | 'closed';
  assessor_user_id: string | null;
  assessor_name: string;
  assessor_organisation_id: string | null;
  assessor_organisation_name: string;
  assessor_service: string;
  on_behalf_of: string;
  draft: AssessmentContent | null;
  draft_saved_at: Date | null;
  draft_saved_by_name: string | null;
  draft_version: number;
  latest_version: number;
  started_at: Date;
  closed_at: Date | null;
  closure_outcome: ClosureOutcome | null;
  closure_note: string;
  imported_from_area: string | null;
}

const toAssessment = (r: AssessmentRow): AssessmentRecord => ({
  id: r.id,
  areaCode: r.area_code,
  childId: r.child_id,
  formCode: r.form_code,
  formVersion: r.form_version,
  status: r.status,
  assessorUserId: r.assessor_user_id,
  assessorName: r.assessor_name,
  assessorOrganisationId: r.assessor_organisation_id,
  assessorOrganisationName: r.assessor_organisation_name,
  assessorService: r.assessor_service,
  onBehalfOf: r.on_behalf_of,
  draft: r.draft,
  draftSavedAt: r.draft_saved_at,
  draftSavedByName: r.draft_saved_by_name,
  draftVersion: r.draft_version,
  latestVersion: r.latest_version,
  startedAt: r.started_at,
  closedAt: r.closed_at,
  closureOutcome: r.closure_outcome,
  closureNote: r.closure_note,
  importedFromArea: r.imported_from_area,
});

/** The episode's row, with the name of whoever saved its draft last (a stale save shows it). */
const SELECT_ASSESSMENT = `SELECT ca.*, ds.display_name AS draft_saved_by_name
  FROM common_assessment ca LEFT JOIN app_user ds ON ds.id = ca.draft_saved_by`;

const isUuid = (v: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** One assessment in an area; FOR UPDATE when a change will follow, so two changes queue. */
export async function findAssessment(
  db: Queryable,
  areaCode: string,
  id: string,
  forUpdate = false,
): Promise<AssessmentRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const sql = `${SELECT_ASSESSMENT} WHERE ca.id = $1 AND ca.area_code = $2${forUpdate ? ' FOR UPDATE OF ca' : ''}`;
  const [row] = await db.query<AssessmentRow>(sql, [id, areaCode]);
  return row ? toAssessment(row) : undefined;
}

export async function findOpenAssessmentForChild(db: Queryable, childId: string): Promise<AssessmentRecord | undefined> {
  const [row] = await db.query<AssessmentRow>(`${SELECT_ASSESSMENT} WHERE ca.child_id = $1 AND ca.status = 'open'`, [childId]);
  return row ? toAssessment(row) : undefined;
}

export async function listVersions(db: Queryable, assessmentId: string): Promise<AssessmentVersion[]> {
  const rows = await db.query<{
    version: number;
    content: AssessmentContent;
    change_note: string;
    completed_by_name: string;
    completed_at: Date;
  }>(
    'SELECT version, content, change_note, completed_by_name, completed_at FROM common_assessment_version WHERE assessment_id = $1 ORDER BY version',
    [assessmentId],
  );
  return rows.map((r) => ({
    version: r.version,
    content: r.content,
    changeNote: r.change_note,
    completedByName: r.completed_by_name,
    completedAt: r.completed_at,
  }));
}

interface ConsentRow {
  id: string;
  kind: Consent['kind'];
  given_by_name: string;
  given_by_relationship: Consent['givenByRelationship'];
  to_record: boolean;
  share_with: { id: string; name: string }[];
  given_on: string;
  method: Consent['method'];
  legal_basis: string;
  decided_by_name: string;
  recorded_by_name: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by_name: string | null;
  withdrawal_note: string;
}

/** Consents, newest first: the first not withdrawn is the one in force. */
export async function listConsents(db: Queryable, assessmentId: string): Promise<Consent[]> {
  const rows = await db.query<ConsentRow>(
    `SELECT c.id, c.kind, c.given_by_name, c.given_by_relationship, c.to_record, c.given_on, c.method, c.legal_basis,
            c.decided_by_name, r.display_name AS recorded_by_name, c.recorded_at, c.withdrawn_at,
            w.display_name AS withdrawn_by_name, c.withdrawal_note,
            COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
                        FROM organisation o WHERE o.id = ANY (c.share_with_organisation_ids)), '[]'::json) AS share_with
       FROM consent c
       JOIN app_user r ON r.id = c.recorded_by
       LEFT JOIN app_user w ON w.id = c.withdrawn_by
      WHERE c.assessment_id = $1
      ORDER BY c.recorded_at DESC, c.id`,
    [assessmentId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    givenByName: r.given_by_name,
    givenByRelationship: r.given_by_relationship,
    toRecord: r.to_record,
    shareWith: r.share_with,
    givenOn: r.given_on,
    method: r.method,
    legalBasis: r.legal_basis,
    decidedByName: r.decided_by_name,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnByName: r.withdrawn_by_name,
    withdrawalNote: r.withdrawal_note,
  }));
}

const TEAM_COLUMNS = `tm.id, tm.involvement_id, tm.user_id, i.practitioner_name, i.service, i.organisation_id, o.name AS organisation_name,
  i.role, i.phone, i.email, tm.joined_on, tm.left_on`;

interface TeamRow {
  id: string;
  involvement_id: string;
  user_id: string | null;
  practitioner_name: string;
  service: string;
  organisation_id: string;
  organisation_name: string;
  role: string;
  phone: string;
  email: string;
  joined_on: string;
  left_on: string | null;
}

const toMember = (r: TeamRow): TeamMember => ({
  id: r.id,
  involvementId: r.involvement_id,
  userId: r.user_id,
  practitionerName: r.practitioner_name,
  service: r.service,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  role: r.role,
  phone: r.phone,
  email: r.email,
  joinedOn: r.joined_on,
  leftOn: r.left_on,
});

export async function listTeam(db: Queryable, assessmentId: string): Promise<TeamMember[]> {
  const rows = await db.query<TeamRow>(
    `SELECT ${TEAM_COLUMNS} FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id JOIN organisation o ON o.id = i.organisation_id
      WHERE tm.assessment_id = $1 ORDER BY tm.left_on NULLS FIRST, tm.joined_on, i.practitioner_name`,
    [assessmentId],
  );
  return rows.map(toMember);
}

export async function listLeadProfessionals(db: Queryable, assessmentId: string): Promise<LeadProfessional[]> {
  const rows = await db.query<{
    id: string;
    team_member_id: string;
    practitioner_name: string;
    user_id: string | null;
    criteria_met: string[];
    appointed_by_name: string;
    appointed_at: Date;
    handover_note: string;
    ended_at: Date | null;
  }>(
    `SELECT lp.id, lp.team_member_id, i.practitioner_name, tm.user_id, lp.criteria_met, u.display_name AS appointed_by_name,
            lp.appointed_at, lp.handover_note, lp.ended_at
       FROM lead_professional lp
       JOIN team_member tm ON tm.id = lp.team_member_id
       JOIN involvement i ON i.id = tm.involvement_id
       JOIN app_user u ON u.id = lp.appointed_by
      WHERE lp.assessment_id = $1
      ORDER BY lp.ended_at NULLS FIRST, lp.appointed_at DESC`,
    [assessmentId],
  );
  return rows.map((r) => ({
    id: r.id,
    teamMemberId: r.team_member_id,
    practitionerName: r.practitioner_name,
    userId: r.user_id,
    criteriaMet: r.criteria_met,
    appointedByName: r.appointed_by_name,
    appointedAt: r.appointed_at,
    handoverNote: r.handover_note,
    endedAt: r.ended_at,
  }));
}

export interface ActionRow {
  id: string;
  need: string;
  action: string;
  owner_team_member_id: string;
  owner_name: string;
  owner_user_id: string | null;
  due_on: string;
  status: ActionStatus;
}

export const ACTION_COLUMNS = `a.id, a.need, a.action, a.owner_team_member_id, i.practitioner_name AS owner_name, tm.user_id AS owner_user_id, a.due_on, a.status`;

export const toAction =
  (today: string) =>
  (r: ActionRow): ActionItem => ({
    id: r.id,
    need: r.need,
    action: r.action,
    ownerTeamMemberId: r.owner_team_member_id,
    ownerName: r.owner_name,
    ownerUserId: r.owner_user_id,
    dueOn: r.due_on,
    status: r.status,
    overdue: (r.status === 'not started' || r.status === 'in progress') && r.due_on < today,
  });

export async function listActions(db: Queryable, assessmentId: string, today: string): Promise<ActionItem[]> {
  const rows = await db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS}
       FROM action_item a JOIN team_member tm ON tm.id = a.owner_team_member_id JOIN involvement i ON i.id = tm.involvement_id
      WHERE a.assessment_id = $1 ORDER BY a.due_on, a.created_at`,
    [assessmentId],
  );
  return rows.map(toAction(today));
}

export async function listReviews(db: Queryable, assessmentId: string): Promise<TeamReview[]> {
  const rows = await db.query<{
    id: string;
    held_on: string;
    attendees: string;
    progress: { need: string; progress: string }[];
    decisions: string;
    recorded_by_name: string;
  }>(
    `SELECT r.id, r.held_on, r.attendees, r.progress, r.decisions, u.display_name AS recorded_by_name
       FROM team_review r JOIN app_user u ON u.id = r.recorded_by WHERE r.assessment_id = $1 ORDER BY r.held_on, r.recorded_at`,
    [assessmentId],
  );
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    attendees: r.attendees,
    progress: r.progress,
    decisions: r.decisions,
    recordedByName: r.recorded_by_name,
  }));
}

const REFERRAL_SELECT = `
  SELECT rf.id, rf.assessment_id, rf.assessment_version, ca.child_id, c.given_name || ' ' || c.family_name AS child_name, ${SHIELD_COLUMNS},
         rf.to_organisation_id, o.name AS to_organisation_name, rf.to_service, rf.reason, rf.level_sought,
         s.display_name AS sent_by_name, s.organisation_id AS sent_by_organisation_id, rf.sent_at, rf.acknowledge_by,
         rf.acknowledged_at, a.display_name AS acknowledged_by_name, rf.decision, rf.decision_reason, rf.decided_at
    FROM referral rf
    JOIN common_assessment ca ON ca.id = rf.assessment_id
    JOIN child c ON c.id = ca.child_id
    JOIN organisation o ON o.id = rf.to_organisation_id
    JOIN app_user s ON s.id = rf.sent_by
    LEFT JOIN app_user a ON a.id = rf.acknowledged_by`;

interface ReferralRow extends ShieldColumns {
  id: string;
  assessment_id: string;
  assessment_version: number;
  child_id: string;
  child_name: string;
  to_organisation_id: string;
  to_organisation_name: string;
  to_service: string;
  reason: string;
  level_sought: NeedLevel;
  sent_by_name: string;
  sent_by_organisation_id: string;
  sent_at: Date;
  acknowledge_by: string;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  decision: Referral['decision'];
  decision_reason: string;
  decided_at: Date | null;
}

const toReferral =
  (today: string, viewer: Viewer) =>
  (r: ReferralRow): Referral => ({
    id: r.id,
    assessmentId: r.assessment_id,
    assessmentVersion: r.assessment_version,
    childId: r.child_id,
    childName: seesChild(r, viewer) ? r.child_name : SHIELDED_NAME,
    toOrganisationId: r.to_organisation_id,
    toOrganisationName: r.to_organisation_name,
    toService: r.to_service,
    reason: r.reason,
    levelSought: r.level_sought,
    sentByName: r.sent_by_name,
    sentByOrganisationId: r.sent_by_organisation_id,
    sentAt: r.sent_at,
    acknowledgeBy: r.acknowledge_by,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedByName: r.acknowledged_by_name,
    decision: r.decision,
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    overdue: r.acknowledged_at === null && r.acknowledge_by < today,
  });

export async function listReferralsOfAssessment(db: Queryable, assessmentId: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(`${REFERRAL_SELECT} WHERE rf.assessment_id = $1 ORDER BY rf.sent_at`, [assessmentId]);
  return rows.map(toReferral(today, viewer));
}

export async function findReferral(
  db: Queryable,
  areaCode: string,
  id: string,
  viewer: Viewer,
  today: string,
): Promise<Referral | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<ReferralRow>(`${REFERRAL_SELECT} WHERE rf.id = $1 AND rf.area_code = $2`, [id, areaCode]);
  return rows.map(toReferral(today, viewer))[0];
}

/** Referrals to an organisation still waiting for a decision, oldest first. */
export async function listReferralsTo(db: Queryable, organisationId: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE rf.to_organisation_id = $1 AND rf.decision IS NULL ORDER BY rf.sent_at`,
    [organisationId],
  );
  return rows.map(toReferral(today, viewer));
}

/** Referrals in the area past their acknowledgement date: they surface to managers (004 para 202). */
export async function listOverdueReferrals(db: Queryable, areaCode: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE rf.area_code = $1 AND rf.acknowledged_at IS NULL AND rf.acknowledge_by < $2 ORDER BY rf.acknowledge_by`,
    [areaCode, today],
  );
  return rows.map(toReferral(today, viewer));
}

export async function listChecks(db: Queryable, childId: string): Promise<PreAssessmentCheck[]> {
  const rows = await db.query<{
    id: string;
    answers: PreAssessmentCheck['answers'];
    decision: PreAssessmentCheck['decision'];
    notes: string;
    checked_by_name: string;
    checked_at: Date;
  }>(
    `SELECT p.id, p.answers, p.decision, p.notes, u.display_name AS checked_by_name, p.checked_at
       FROM pre_assessment_check p JOIN app_user u ON u.id = p.checked_by WHERE p.child_id = $1 ORDER BY p.checked_at DESC`,
    [childId],
  );
  return rows.map((r) => ({
    id: r.id,
    answers: r.answers,
    decision: r.decision,
    notes: r.notes,
    checkedByName: r.checked_by_name,
    checkedAt: r.checked_at,
  }));
}
