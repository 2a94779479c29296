import type { Queryable } from '../platform/db.js';
import { isUuid } from '../platform/ids.js';
import {
  ASSESSMENT_STATUSES,
  CHECKLIST_DECISIONS,
  CLOSURE_OUTCOMES,
  CONSENT_KINDS,
  CONSENT_METHODS,
  CONSENT_RELATIONSHIPS,
} from './form.js';
import type { AssessmentContent, AssessmentRecord, AssessmentVersion, Consent, PreAssessmentCheck } from './types.js';
import { SHIELD_COLUMNS, type ShieldColumns } from './visibility.js';

/** The assessment's own reads: episodes, versions, consents and checks. Takes db or tx first; one function per question. */

interface AssessmentRow {
  id: string;
  area_code: string;
  child_id: string;
  form_code: string;
  form_version: string;
  status: string;
  assessor_user_id: string | null;
  assessor_name: string;
  assessor_organisation_id: string | null;
  assessor_organisation_name: string;
  assessor_service: string;
  /** The service's name on the area's list now (null when the episode names none of the list). */
  assessor_service_now: string | null;
  on_behalf_of: string;
  draft: AssessmentContent | null;
  draft_saved_at: Date | null;
  draft_saved_by_name: string | null;
  draft_version: number;
  latest_version: number;
  started_at: Date;
  closed_at: Date | null;
  closure_outcome: string | null;
  closure_note: string;
  imported_from_area: string | null;
}

const toAssessment = (r: AssessmentRow): AssessmentRecord => ({
  id: r.id,
  areaCode: r.area_code,
  childId: r.child_id,
  formCode: r.form_code,
  formVersion: r.form_version,
  status: ASSESSMENT_STATUSES.parse(r.status),
  assessorUserId: r.assessor_user_id,
  assessorName: r.assessor_name,
  assessorOrganisationId: r.assessor_organisation_id,
  assessorOrganisationName: r.assessor_organisation_name,
  assessorService: r.assessor_service_now ?? r.assessor_service,
  onBehalfOf: r.on_behalf_of,
  draft: r.draft,
  draftSavedAt: r.draft_saved_at,
  draftSavedByName: r.draft_saved_by_name,
  draftVersion: r.draft_version,
  latestVersion: r.latest_version,
  startedAt: r.started_at,
  closedAt: r.closed_at,
  closureOutcome: CLOSURE_OUTCOMES.parseNullable(r.closure_outcome),
  closureNote: r.closure_note,
  importedFromArea: r.imported_from_area,
});

/** The episode's row, with the name of whoever saved its draft last (a stale save shows it). */
const SELECT_ASSESSMENT = `SELECT ca.*, ds.display_name AS draft_saved_by_name,
    (SELECT s.name FROM area_service s WHERE s.id = ca.assessor_service_id) AS assessor_service_now
  FROM common_assessment ca LEFT JOIN app_user ds ON ds.id = ca.draft_saved_by`;

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
  kind: string;
  given_by_name: string;
  given_by_relationship: string;
  to_record: boolean;
  share_with: { id: string; name: string }[];
  given_on: string;
  method: string;
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
    kind: CONSENT_KINDS.parse(r.kind),
    givenByName: r.given_by_name,
    givenByRelationship: CONSENT_RELATIONSHIPS.parse(r.given_by_relationship),
    toRecord: r.to_record,
    shareWith: r.share_with,
    givenOn: r.given_on,
    method: CONSENT_METHODS.parse(r.method),
    legalBasis: r.legal_basis,
    decidedByName: r.decided_by_name,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnByName: r.withdrawn_by_name,
    withdrawalNote: r.withdrawal_note,
  }));
}

export async function listChecks(db: Queryable, childId: string): Promise<PreAssessmentCheck[]> {
  const rows = await db.query<{
    id: string;
    answers: PreAssessmentCheck['answers'];
    decision: string;
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
    decision: CHECKLIST_DECISIONS.parse(r.decision),
    notes: r.notes,
    checkedByName: r.checked_by_name,
    checkedAt: r.checked_at,
  }));
}

/** The ids of the area's organisations: those a consent may name to share with. */
export async function listOrganisationIdsOfArea(db: Queryable, areaCode: string): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1', [areaCode])).map((r) => r.id);
}

export interface ChildOfAssessmentRow extends ShieldColumns {
  id: string;
  areaCode: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string | null;
  postcode: string;
}

/** The child an assessment is about, with what the shielding rule needs to judge the viewer. */
export async function findChildOfAssessment(db: Queryable, childId: string): Promise<ChildOfAssessmentRow | undefined> {
  const [row] = await db.query<
    ShieldColumns & {
      id: string;
      area_code: string;
      given_name: string;
      family_name: string;
      date_of_birth: string;
      nhs_number: string | null;
      postcode: string;
    }
  >(
    `SELECT c.id, c.area_code, c.given_name, c.family_name, c.date_of_birth, c.nhs_number, c.postcode, ${SHIELD_COLUMNS}
       FROM child c WHERE c.id = $1`,
    [childId],
  );
  return (
    row && {
      id: row.id,
      areaCode: row.area_code,
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth,
      nhsNumber: row.nhs_number,
      postcode: row.postcode,
      child_shielded: row.child_shielded,
      child_shielded_by: row.child_shielded_by,
    }
  );
}
