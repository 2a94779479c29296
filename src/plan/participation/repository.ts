import type { Queryable, Tx } from '../../platform/db.js';
import { AGE_GROUPS, PARTICIPANT_GROUPS, PARTICIPATION_METHODS, PARTICIPATION_STAGES, type AgeGroup, type ParticipantGroup, type ParticipationActivity, type ParticipationMethod, type ParticipationStage } from './types.js';

/** Participation activities' SQL (migration 0058): one function per question; only this part writes the table. */

const COLUMNS = `a.id, a.plan_id AS "planId", p.title AS "planTitle", a.title, a.held_on::text AS "heldOn", a.method, a.stage,
  a.age_groups AS "ageGroups", a.participant_groups AS "groups", a.participants, a.what_they_said AS "whatTheySaid",
  s.id AS "sectionId", s.title AS "sectionTitle", pr.id AS "priorityId", pr.title AS "priorityTitle", a.changed_text AS "changedText",
  a.feedback_on::text AS "feedbackOn", a.feedback_how AS "feedbackHow", coalesce(u.display_name, 'Someone no longer here') AS "recordedByName",
  to_json(a.updated_at)#>>'{}' AS "updatedAt"`;
const FROM = `FROM plan_participation_activity a JOIN plan p ON p.id = a.plan_id
  LEFT JOIN plan_section s ON s.id = a.changed_section_id LEFT JOIN plan_priority pr ON pr.id = a.changed_priority_id
  LEFT JOIN app_user u ON u.id = a.recorded_by`;

interface Row {
  id: string;
  planId: string;
  planTitle: string;
  title: string;
  heldOn: string;
  method: string;
  stage: string;
  ageGroups: string[];
  groups: string[];
  participants: number;
  whatTheySaid: string;
  sectionId: string | null;
  sectionTitle: string | null;
  priorityId: string | null;
  priorityTitle: string | null;
  changedText: string;
  feedbackOn: string | null;
  feedbackHow: string;
  recordedByName: string;
  updatedAt: string;
}

const toActivity = (r: Row): ParticipationActivity => ({
  id: r.id,
  planId: r.planId,
  planTitle: r.planTitle,
  title: r.title,
  heldOn: r.heldOn,
  method: PARTICIPATION_METHODS.parse(r.method),
  stage: PARTICIPATION_STAGES.parse(r.stage),
  ageGroups: r.ageGroups.map((g) => AGE_GROUPS.parse(g)),
  groups: r.groups.map((g) => PARTICIPANT_GROUPS.parse(g)),
  participants: Number(r.participants),
  whatTheySaid: r.whatTheySaid,
  changedSection: r.sectionId ? { id: r.sectionId, title: r.sectionTitle ?? '' } : null,
  changedPriority: r.priorityId ? { id: r.priorityId, title: r.priorityTitle ?? '' } : null,
  changedText: r.changedText,
  feedbackOn: r.feedbackOn,
  feedbackHow: r.feedbackHow,
  recordedByName: r.recordedByName,
  updatedAt: r.updatedAt,
});

/** The area's activities held between two days (both included), latest first. */
export async function listActivitiesHeldBetween(db: Queryable, areaCode: string, from: string, to: string): Promise<ParticipationActivity[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} ${FROM} WHERE a.area_code = $1 AND a.held_on BETWEEN $2 AND $3 ORDER BY a.held_on DESC, a.title`,
    [areaCode, from, to],
  );
  return rows.map(toActivity);
}

export async function findActivity(db: Queryable, areaCode: string, id: string): Promise<ParticipationActivity | undefined> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE a.area_code = $1 AND a.id = $2`, [areaCode, id]);
  return row ? toActivity(row) : undefined;
}

/** The first and last day any of the area's activities was held, for the years a summary may show. */
export async function activityYearsSpan(db: Queryable, areaCode: string): Promise<{ first: string | null; last: string | null }> {
  const [row] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT min(held_on)::text AS first, max(held_on)::text AS last FROM plan_participation_activity WHERE area_code = $1`,
    [areaCode],
  );
  return row ?? { first: null, last: null };
}

export interface ActivityRow {
  planId: string;
  title: string;
  heldOn: string;
  method: ParticipationMethod;
  stage: ParticipationStage;
  ageGroups: AgeGroup[];
  groups: ParticipantGroup[];
  participants: number;
  whatTheySaid: string;
  changedSectionId: string | null;
  changedPriorityId: string | null;
  changedText: string;
  feedbackOn: string | null;
  feedbackHow: string;
}

const VALUES = (r: ActivityRow) => [
  r.planId,
  r.title,
  r.heldOn,
  r.method,
  r.stage,
  r.ageGroups,
  r.groups,
  r.participants,
  r.whatTheySaid,
  r.changedSectionId,
  r.changedPriorityId,
  r.changedText,
  r.feedbackOn,
  r.feedbackHow,
];

export async function insertActivity(tx: Tx, areaCode: string, row: ActivityRow, by: string, at: Date): Promise<string> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO plan_participation_activity (plan_id, title, held_on, method, stage, age_groups, participant_groups, participants,
       what_they_said, changed_section_id, changed_priority_id, changed_text, feedback_on, feedback_how, area_code, recorded_by, recorded_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id`,
    [...VALUES(row), areaCode, by, at],
  );
  if (!inserted) throw new Error('participation activity not inserted');
  return inserted.id;
}

export async function updateActivity(tx: Tx, areaCode: string, id: string, row: ActivityRow, at: Date): Promise<void> {
  const updated = await tx.query(
    `UPDATE plan_participation_activity SET plan_id = $1, title = $2, held_on = $3, method = $4, stage = $5, age_groups = $6,
       participant_groups = $7, participants = $8, what_they_said = $9, changed_section_id = $10, changed_priority_id = $11,
       changed_text = $12, feedback_on = $13, feedback_how = $14, updated_at = $17
     WHERE area_code = $15 AND id = $16 RETURNING id`,
    [...VALUES(row), areaCode, id, at],
  );
  if (updated.length === 0) throw new Error('participation activity not updated');
}

/** Whether a section, or a priority, belongs to the plan (what an activity changed must be of the plan it informed). */
export async function sectionOfPlan(db: Queryable, planId: string, sectionId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM plan_section WHERE plan_id = $1 AND id = $2', [planId, sectionId])).length > 0;
}
export async function priorityOfPlan(db: Queryable, planId: string, priorityId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM plan_priority WHERE plan_id = $1 AND id = $2', [planId, priorityId])).length > 0;
}

/** The area's plans, their sections and priorities, for the choices of what an activity informed and changed. */
export async function listPlanChoices(db: Queryable, areaCode: string) {
  const [plans, sections, priorities] = await Promise.all([
    db.query<{ id: string; title: string; status: string }>('SELECT id, title, status FROM plan WHERE area_code = $1 ORDER BY period_start DESC, title', [areaCode]),
    db.query<{ id: string; title: string; planId: string; planTitle: string }>(
      `SELECT s.id, s.title, p.id AS "planId", p.title AS "planTitle" FROM plan_section s JOIN plan p ON p.id = s.plan_id
        WHERE p.area_code = $1 ORDER BY p.period_start DESC, s.position, s.title`,
      [areaCode],
    ),
    db.query<{ id: string; title: string; planId: string; planTitle: string }>(
      `SELECT pr.id, pr.title, p.id AS "planId", p.title AS "planTitle" FROM plan_priority pr JOIN plan p ON p.id = pr.plan_id
        WHERE p.area_code = $1 ORDER BY p.period_start DESC, pr.position, pr.title`,
      [areaCode],
    ),
  ]);
  return { plans, sections, priorities };
}
