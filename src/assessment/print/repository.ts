import type { Queryable } from '../../platform/db.js';

/** What printing needs beyond the episode itself. Takes db or tx first. */

/** The organisations providing sensitive services (involvement.sensitive) to members of an assessment's team, by member. */
export async function listSensitiveMembers(db: Queryable, assessmentId: string): Promise<{ memberId: string; organisationId: string }[]> {
  const rows = await db.query<{ id: string; organisation_id: string }>(
    `SELECT tm.id, i.organisation_id FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id
      WHERE tm.assessment_id = $1 AND i.sensitive`,
    [assessmentId],
  );
  return rows.map((r) => ({ memberId: r.id, organisationId: r.organisation_id }));
}
