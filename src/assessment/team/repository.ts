import { childWrites, type NewInvolvement } from '../../children/index.js';
import type { User } from '../../platform/auth/repository.js';
import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import type { LeadProfessional, TeamMember } from '../types.js';

/** The team around the child's SQL: members, lead professionals and the area's practitioners to choose from. Takes db or tx first. */

const TEAM_COLUMNS = `tm.id, tm.involvement_id, tm.user_id, i.practitioner_name, coalesce(s.name, i.service) AS service, i.organisation_id, o.name AS organisation_name,
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
       LEFT JOIN area_service s ON s.id = i.service_id
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

export async function insertTeamMember(
  tx: Tx,
  m: {
    areaCode: string;
    assessmentId: string;
    involvementId: string;
    userId: string | null;
    joinedOn: string;
    addedAt: Date;
    addedBy: string;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO team_member (area_code, assessment_id, involvement_id, user_id, joined_on, added_at, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [m.areaCode, m.assessmentId, m.involvementId, m.userId, m.joinedOn, m.addedAt, m.addedBy],
  );
  return row.id;
}

/**
 * The involvement a team member holds: a practitioner already involved with the child and on no
 * team (whoever added the child, say) keeps their involvement, which takes the team's service, so
 * they appear once in the index (issue 14); anyone else gets a new one.
 */
export async function involvementForMember(
  tx: Tx,
  childId: string,
  areaCode: string,
  createdBy: string,
  i: NewInvolvement,
  at: Date,
): Promise<string> {
  if (i.practitionerUserId !== null) {
    const [mine] = await tx.query<{ id: string }>(
      `SELECT i.id FROM involvement i
        WHERE i.child_id = $1 AND i.practitioner_user_id = $2 AND i.ended_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM team_member tm WHERE tm.involvement_id = i.id)
        ORDER BY i.started_on, i.created_at LIMIT 1`,
      [childId, i.practitionerUserId],
    );
    if (mine) {
      await childWrites.setInvolvementService(tx, mine.id, { service: i.service, serviceId: i.serviceId, role: i.role });
      return mine.id;
    }
  }
  return childWrites.insertInvolvement(tx, childId, areaCode, createdBy, i, at);
}

/** The signed-in practitioner joins the team at `at` (the clock's time): involved in the child index from that day. */
export async function joinTeamAsSelf(
  tx: Tx,
  user: User,
  j: { childId: string; assessmentId: string; service: { id: string | null; name: string }; at: Date },
): Promise<string> {
  const joinedOn = j.at.toISOString().slice(0, 10);
  const involvementId = await involvementForMember(
    tx,
    j.childId,
    user.areaCode,
    user.id,
    {
      service: j.service.name,
      serviceId: j.service.id,
      organisationId: user.organisationId,
      practitionerUserId: user.id,
      practitionerName: user.displayName,
      role: user.jobTitle,
      phone: '',
      email: user.email,
      sensitive: false,
      startedOn: joinedOn,
    },
    j.at,
  );
  return insertTeamMember(tx, {
    areaCode: user.areaCode,
    assessmentId: j.assessmentId,
    involvementId,
    userId: user.id,
    joinedOn,
    addedAt: j.at,
    addedBy: user.id,
  });
}

/** Members leave the team on a date; their involvements in the child index, made by joining, end with them. */
export async function endTeamMembership(
  tx: Tx,
  memberIds: readonly string[],
  leftOn: string,
  recorded: { by: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `UPDATE involvement i SET ended_on = GREATEST($2::date, i.started_on)
       FROM team_member tm
      WHERE tm.id = ANY ($1::uuid[]) AND tm.left_on IS NULL AND i.id = tm.involvement_id AND i.ended_on IS NULL`,
    [memberIds, leftOn],
  );
  await tx.query(
    `UPDATE team_member SET left_on = GREATEST($2::date, joined_on), left_recorded_by = $3, left_recorded_at = $4
      WHERE id = ANY ($1::uuid[]) AND left_on IS NULL`,
    [memberIds, leftOn, recorded.by, recorded.at],
  );
}

export async function appointLeadProfessional(
  tx: Tx,
  a: {
    areaCode: string;
    assessmentId: string;
    teamMemberId: string;
    criteriaMet: string[];
    appointedBy: string;
    handoverNote: string;
    appointedAt: Date;
  },
): Promise<string> {
  await tx.query('UPDATE lead_professional SET ended_at = $2 WHERE assessment_id = $1 AND ended_at IS NULL', [
    a.assessmentId,
    a.appointedAt,
  ]);
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO lead_professional (area_code, assessment_id, team_member_id, criteria_met, appointed_by, handover_note, appointed_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING id`,
    [a.areaCode, a.assessmentId, a.teamMemberId, a.criteriaMet, a.appointedBy, a.handoverNote, a.appointedAt],
  );
  return row.id;
}

export interface Practitioner {
  id: string;
  displayName: string;
  jobTitle: string;
  organisationId: string;
  organisationName: string;
}

/** Active practitioners and practice managers of the area, by name. */
export async function listPractitioners(db: Queryable, areaCode: string): Promise<Practitioner[]> {
  const rows = await db.query<{
    id: string;
    display_name: string;
    job_title: string;
    organisation_id: string;
    organisation_name: string;
  }>(
    `SELECT u.id, u.display_name, u.job_title, u.organisation_id, o.name AS organisation_name
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id
      WHERE u.area_code = $1 AND u.disabled_at IS NULL AND u.role IN ('practitioner', 'practice_manager')
      ORDER BY u.display_name, o.name`,
    [areaCode],
  );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    jobTitle: r.job_title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
  }));
}

/** A practitioner or practice manager of the area who may join a team, if the id names one. */
export async function findPractitionerInArea(
  db: Queryable,
  userId: string,
  areaCode: string,
): Promise<{ id: string; displayName: string; organisationId: string; jobTitle: string; email: string } | undefined> {
  const [row] = await db.query<{ id: string; display_name: string; organisation_id: string; job_title: string; email: string }>(
    `SELECT id, display_name, organisation_id, job_title, email FROM app_user
      WHERE id = $1 AND area_code = $2 AND disabled_at IS NULL AND role IN ('practitioner', 'practice_manager')`,
    [userId, areaCode],
  );
  return (
    row && { id: row.id, displayName: row.display_name, organisationId: row.organisation_id, jobTitle: row.job_title, email: row.email }
  );
}
