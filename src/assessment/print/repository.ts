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
