import type { Viewer } from '../../children/index.js';
import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { ACTION_STATUSES, ASSESSMENT_STATUSES, CLOSURE_OUTCOMES, NATIONAL_NEED_LEVELS, type ActionStatus } from '../form.js';
import type { ActionItem, AssessmentSummary, ChildAssessments, TeamReview } from '../types.js';
import { SHIELD_COLUMNS, SHIELDED_NAME, seesChild, type ShieldColumns } from '../visibility.js';

/** The work's SQL: the action plan and reviews of an episode, and lists across episodes (work views, the board's counts, what the child index shows). */

const SUMMARY_SELECT = `
  SELECT ca.id, ca.child_id, c.given_name || ' ' || c.family_name AS child_name, c.date_of_birth, ${SHIELD_COLUMNS}, ca.status, ca.assessor_name,
         ca.assessor_organisation_name, coalesce(asv.name, ca.assessor_service) AS assessor_service, ca.latest_version, ca.draft IS NOT NULL AS has_draft, ca.started_at,
         ca.closed_at, ca.closure_outcome,
         (SELECT i.practitioner_name FROM lead_professional lp JOIN team_member tm ON tm.id = lp.team_member_id
            JOIN involvement i ON i.id = tm.involvement_id WHERE lp.assessment_id = ca.id AND lp.ended_at IS NULL) AS lead_professional_name,
         (SELECT count(*) FROM action_item a WHERE a.assessment_id = ca.id AND a.status IN ('not started', 'in progress') AND a.due_on < $2)::int AS overdue_actions
    FROM common_assessment ca JOIN child c ON c.id = ca.child_id LEFT JOIN area_service asv ON asv.id = ca.assessor_service_id`;

interface SummaryRow extends ShieldColumns {
  id: string;
  child_id: string;
  child_name: string;
  date_of_birth: string;
  status: string;
  assessor_name: string;
  assessor_organisation_name: string;
  assessor_service: string;
  latest_version: number;
  has_draft: boolean;
  started_at: Date;
  closed_at: Date | null;
  closure_outcome: string | null;
  lead_professional_name: string | null;
  overdue_actions: number;
}

/** A list's row, masked where the child's record is shielded from the viewer (ADR 0005). */
const toSummary =
  (viewer: Viewer) =>
  (r: SummaryRow): AssessmentSummary => {
    const sees = seesChild(r, viewer);
    return {
      id: r.id,
      childId: r.child_id,
      childName: sees ? r.child_name : SHIELDED_NAME,
      childMasked: !sees,
      dateOfBirth: sees ? r.date_of_birth : null,
      status: ASSESSMENT_STATUSES.parse(r.status),
      assessorName: r.assessor_name,
      assessorOrganisationName: r.assessor_organisation_name,
      assessorService: r.assessor_service,
      latestVersion: r.latest_version,
      hasDraft: r.has_draft,
      startedAt: r.started_at,
      closedAt: r.closed_at,
      closureOutcome: CLOSURE_OUTCOMES.parseNullable(r.closure_outcome),
      leadProfessionalName: r.lead_professional_name,
      overdueActions: r.overdue_actions,
    };
  };

/** "My children": open episodes where the user assesses, is on the team or leads. */
export async function listMyAssessments(db: Queryable, viewer: Viewer, today: string): Promise<AssessmentSummary[]> {
  const rows = await db.query<SummaryRow>(
    `${SUMMARY_SELECT}
      WHERE ca.status = 'open'
        AND (ca.assessor_user_id = $1 OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.assessment_id = ca.id AND tm.user_id = $1 AND tm.left_on IS NULL))
      ORDER BY c.family_name, c.given_name`,
    [viewer.userId, today],
  );
  return rows.map(toSummary(viewer));
}

/** A manager's caseload: every open episode in the area, most overdue first. */
export async function listOpenAssessments(db: Queryable, areaCode: string, viewer: Viewer, today: string): Promise<AssessmentSummary[]> {
  const rows = await db.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE ca.area_code = $1 AND ca.status = 'open' ORDER BY overdue_actions DESC, ca.started_at`,
    [areaCode, today],
  );
  return rows.map(toSummary(viewer));
}

export async function listAssessmentsOfChild(db: Queryable, childId: string, viewer: Viewer, today: string): Promise<AssessmentSummary[]> {
  const rows = await db.query<SummaryRow>(`${SUMMARY_SELECT} WHERE ca.child_id = $1 ORDER BY ca.started_at DESC`, [childId, today]);
  return rows.map(toSummary(viewer));
}

/** Overdue action items in the area, for managers and lead professionals. */
export async function listOverdueActions(
  db: Queryable,
  areaCode: string,
  viewer: Viewer,
  today: string,
): Promise<(ActionItem & { assessmentId: string; childId: string; childName: string })[]> {
  const rows = await db.query<ActionRow & ShieldColumns & { assessment_id: string; child_id: string; child_name: string }>(
    `SELECT ${ACTION_COLUMNS}, a.assessment_id, ca.child_id, c.given_name || ' ' || c.family_name AS child_name, ${SHIELD_COLUMNS}
       FROM action_item a
       JOIN common_assessment ca ON ca.id = a.assessment_id AND ca.status = 'open'
       JOIN child c ON c.id = ca.child_id
       JOIN team_member tm ON tm.id = a.owner_team_member_id
       JOIN involvement i ON i.id = tm.involvement_id
      WHERE a.area_code = $1 AND a.status IN ('not started', 'in progress') AND a.due_on < $2
      ORDER BY a.due_on`,
    [areaCode, today],
  );
  return rows.map((r) => ({
    ...toAction(today)(r),
    assessmentId: r.assessment_id,
    childId: r.child_id,
    childName: seesChild(r, viewer) ? r.child_name : SHIELDED_NAME,
  }));
}

/**
 * The board's counts (004 Table 6.1): assessments started, completed and closed, by month and
 * service. Grouped by the service of the area's list under its name now, so two spellings of one
 * service count as one (issue 14, bug 7); an episode naming none of the list (one from another area)
 * by its recorded name, case aside.
 */
export async function countAssessmentsByMonth(
  db: Queryable,
  areaCode: string,
): Promise<{ month: string; service: string; started: number; completed: number; closed: number }[]> {
  return db.query(
    `WITH events AS (
       SELECT to_char(started_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, assessor_service_id AS service_id,
              assessor_service AS recorded, 1 AS started, 0 AS completed, 0 AS closed
         FROM common_assessment WHERE area_code = $1
       UNION ALL
       SELECT to_char(v.completed_at AT TIME ZONE 'Europe/London', 'YYYY-MM'), ca.assessor_service_id, ca.assessor_service, 0, 1, 0
         FROM common_assessment_version v JOIN common_assessment ca ON ca.id = v.assessment_id
        WHERE ca.area_code = $1 AND v.version = 1
       UNION ALL
       SELECT to_char(closed_at AT TIME ZONE 'Europe/London', 'YYYY-MM'), assessor_service_id, assessor_service, 0, 0, 1
         FROM common_assessment WHERE area_code = $1 AND closed_at IS NOT NULL)
     SELECT e.month, coalesce(s.name, min(e.recorded)) AS service,
            sum(e.started)::int AS started, sum(e.completed)::int AS completed, sum(e.closed)::int AS closed
       FROM events e LEFT JOIN area_service s ON s.id = e.service_id
      GROUP BY e.month, s.id, s.name, CASE WHEN s.id IS NULL THEN lower(e.recorded) END
      ORDER BY e.month DESC, 2`,
    [areaCode],
  );
}

/** The caseload's open episodes by the assessor's service of the area's list, one row per service (issue 14, bug 7). */
export async function countOpenAssessmentsByService(db: Queryable, areaCode: string): Promise<{ service: string; open: number }[]> {
  return db.query(
    `SELECT coalesce(s.name, min(ca.assessor_service)) AS service, count(*)::int AS open
       FROM common_assessment ca LEFT JOIN area_service s ON s.id = ca.assessor_service_id
      WHERE ca.area_code = $1 AND ca.status = 'open'
      GROUP BY s.id, s.name, CASE WHEN s.id IS NULL THEN lower(ca.assessor_service) END
      ORDER BY 2 DESC, 1`,
    [areaCode],
  );
}

/**
 * What the child index shows: the current level of need, and each assessment with its lead
 * professional now and everyone who led it, with when (a closed episode's lead has ended, but led it).
 */
export async function assessmentsOfChild(db: Queryable, childId: string): Promise<ChildAssessments> {
  const [level] = await db.query<{ level: string; national_level: string; changed_at: Date; source: string }>(
    'SELECT level, national_level, changed_at, source FROM need_level_change WHERE child_id = $1 ORDER BY changed_at DESC, id LIMIT 1',
    [childId],
  );
  const rows = await db.query<{
    id: string;
    status: string;
    started_at: Date;
    closed_at: Date | null;
    assessor_name: string;
    assessor_service: string;
  }>(
    `SELECT ca.id, ca.status, ca.started_at, ca.closed_at, ca.assessor_name, coalesce(s.name, ca.assessor_service) AS assessor_service
       FROM common_assessment ca LEFT JOIN area_service s ON s.id = ca.assessor_service_id
      WHERE ca.child_id = $1 ORDER BY ca.started_at DESC`,
    [childId],
  );
  const leads = await db.query<{
    assessment_id: string;
    name: string;
    phone: string | null;
    email: string | null;
    appointed_at: Date;
    ended_at: Date | null;
  }>(
    `SELECT lp.assessment_id, i.practitioner_name AS name, i.phone, i.email, lp.appointed_at, lp.ended_at
       FROM lead_professional lp
       JOIN common_assessment ca ON ca.id = lp.assessment_id
       JOIN team_member tm ON tm.id = lp.team_member_id
       JOIN involvement i ON i.id = tm.involvement_id
      WHERE ca.child_id = $1 ORDER BY lp.appointed_at, lp.id`,
    [childId],
  );
  const contactOf = (r: { phone: string | null; email: string | null }) => [r.phone, r.email].filter((v) => v).join(', ');
  return {
    needLevel: level
      ? {
          level: level.level,
          nationalLevel: NATIONAL_NEED_LEVELS.parse(level.national_level),
          changedAt: level.changed_at,
          source: level.source,
        }
      : null,
    assessments: rows.map((r) => {
      const history = leads.filter((l) => l.assessment_id === r.id);
      const current = history.find((l) => l.ended_at === null);
      return {
        id: r.id,
        status: ASSESSMENT_STATUSES.parse(r.status),
        startedAt: r.started_at,
        closedAt: r.closed_at ? new Date(r.closed_at) : null,
        assessorName: r.assessor_name,
        assessorService: r.assessor_service,
        leadProfessionalName: current?.name ?? null,
        leadProfessionalContact: current ? contactOf(current) : '',
        leadProfessionals: history.map((l) => ({ name: l.name, contact: contactOf(l), appointedAt: l.appointed_at, endedAt: l.ended_at })),
      };
    }),
  };
}

export interface ActionRow {
  id: string;
  need: string;
  action: string;
  owner_team_member_id: string;
  owner_name: string;
  owner_user_id: string | null;
  due_on: string;
  status: string;
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
    status: ACTION_STATUSES.parse(r.status),
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

export async function insertAction(
  tx: Tx,
  a: {
    areaCode: string;
    assessmentId: string;
    need: string;
    action: string;
    ownerTeamMemberId: string;
    dueOn: string;
    createdBy: string;
    createdAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO action_item (area_code, assessment_id, need, action, owner_team_member_id, due_on, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [a.areaCode, a.assessmentId, a.need, a.action, a.ownerTeamMemberId, a.dueOn, a.createdBy, a.createdAt],
  );
  return row.id;
}

export async function setActionStatus(
  tx: Tx,
  assessmentId: string,
  actionId: string,
  status: ActionStatus,
  updatedAt: Date,
  updatedBy: string,
): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE action_item SET status = $3, updated_at = $4, updated_by = $5 WHERE id = $2 AND assessment_id = $1 RETURNING id',
    [assessmentId, actionId, status, updatedAt, updatedBy],
  );
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
    recordedAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO team_review (area_code, assessment_id, held_on, attendees, progress, decisions, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.areaCode, r.assessmentId, r.heldOn, r.attendees, JSON.stringify(r.progress), r.decisions, r.recordedBy, r.recordedAt],
  );
  return row.id;
}
