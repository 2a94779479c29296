import type { Queryable } from '../../src/platform/db.js';

/**
 * Bodies and seats for the self-assessment and section 11 tests, written straight into governance's
 * tables as a set-up (the bodies' own pages and rules are tested in their own files).
 */
export async function buildBody(db: Queryable, areaCode: string, kind: 'trust_board' | 'lscb', name: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO governance_body (area_code, kind, name, established_on, created_at, changed_at)
     VALUES ($1, $2, $3, DATE '2005-04-01', now(), now()) RETURNING id`,
    [areaCode, kind, name],
  );
  if (!row) throw new Error('no body');
  return row.id;
}

export async function seat(
  db: Queryable,
  areaCode: string,
  bodyId: string,
  userId: string,
  organisationId: string,
  memberRole: 'chair' | 'member' | 'secretariat',
): Promise<void> {
  await db.query(
    `INSERT INTO governance_member (area_code, body_id, person_name, user_id, organisation_id, member_role, can_commit_resources, from_date, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, false, DATE '2005-04-01', now(), now())`,
    [areaCode, bodyId, `Seat ${memberRole} ${userId.slice(0, 8)}`, userId, organisationId, memberRole],
  );
}

/** A partner of the area under the given duty (a duty code of statutory_duty, or null with a reason). */
export async function buildPartner(db: Queryable, areaCode: string, name: string, dutyCode: string | null): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO organisation (area_code, name, sector, duty_code, inclusion_reason) VALUES ($1, $2, 'other public', $3, $4) RETURNING id`,
    [areaCode, name, dutyCode, dutyCode === null ? 'Included by the area' : ''],
  );
  if (!row) throw new Error('no organisation');
  return row.id;
}
