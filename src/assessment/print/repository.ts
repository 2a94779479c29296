import type { Queryable } from '../../platform/db.js';

/** What printing and the subject access export read beyond the episode itself. Takes db or tx first. */

/** The organisations providing sensitive services (involvement.sensitive) to members of an assessment's team, by member. */
export async function listSensitiveMembers(db: Queryable, assessmentId: string): Promise<{ memberId: string; organisationId: string }[]> {
  const rows = await db.query<{ id: string; organisation_id: string }>(
    `SELECT tm.id, i.organisation_id FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id
      WHERE tm.assessment_id = $1 AND i.sensitive`,
    [assessmentId],
  );
  return rows.map((r) => ({ memberId: r.id, organisationId: r.organisation_id }));
}

/** Every assessment of a child in an area, first started first: what a subject access export reads. */
export async function listAssessmentIdsOfChild(db: Queryable, areaCode: string, childId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM common_assessment WHERE child_id = $1 AND area_code = $2 ORDER BY started_at, id',
    [childId, areaCode],
  );
  return rows.map((r) => r.id);
}

/** A child's level of need as it changed, first first (the subject access export). */
export async function listNeedLevelChanges(
  db: Queryable,
  childId: string,
): Promise<{ level: string; nationalLevel: string; source: string; assessmentId: string | null; changedAt: Date }[]> {
  const rows = await db.query<{ level: string; national_level: string; source: string; assessment_id: string | null; changed_at: Date }>(
    'SELECT level, national_level, source, assessment_id, changed_at FROM need_level_change WHERE child_id = $1 ORDER BY changed_at, id',
    [childId],
  );
  return rows.map((r) => ({
    level: r.level,
    nationalLevel: r.national_level,
    source: r.source,
    assessmentId: r.assessment_id,
    changedAt: r.changed_at,
  }));
}
