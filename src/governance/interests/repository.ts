import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import type { InterestShown } from '../meetings/types.js';

/** Declarations of interest's SQL (migration 0044, `governance_interest`). Takes db or tx first. */

/** What a meeting's agenda item (or a commissioning decision) touches: partner organisations and services of the area. */
export interface Touches {
  organisationIds: readonly string[];
  serviceIds: readonly string[];
}

/**
 * 000 §2.43, the one rule (ADR 0023): the declared interests, in force on `on`, of the members seated
 * on the body that day, in what is touched. An interest in a partner organisation touches that
 * organisation and every service of the area's list it provides; an interest in a service touches
 * that service. A person with a sign-in declares once for all their seats (user_id); a seat whose
 * holder has none carries the secretariat's record of theirs (member_id).
 */
export async function interestsTouching(db: Queryable, bodyId: string, on: string, touches: Touches): Promise<InterestShown[]> {
  if (touches.organisationIds.length === 0 && touches.serviceIds.length === 0) return [];
  return db.query<InterestShown>(
    `SELECT i.id AS "interestId", m.id AS "memberId", m.person_name AS "personName",
            COALESCE(o.name, s.name) AS subject, i.nature
       FROM governance_member m
       JOIN governance_interest i ON (i.user_id = m.user_id OR i.member_id = m.id)
       LEFT JOIN organisation o ON o.id = i.organisation_id
       LEFT JOIN area_service s ON s.id = i.service_id
      WHERE m.body_id = $1
        AND m.from_date <= $2::date AND (m.to_date IS NULL OR m.to_date >= $2::date)
        AND i.from_on <= $2::date AND (i.to_on IS NULL OR i.to_on >= $2::date)
        AND (i.organisation_id = ANY($3::uuid[])
             OR i.service_id = ANY($4::uuid[])
             OR i.organisation_id IN (SELECT t.organisation_id FROM area_service t WHERE t.id = ANY($4::uuid[])))
      ORDER BY m.person_name, subject, i.id`,
    [bodyId, on, touches.organisationIds, touches.serviceIds],
  );
}

export interface Declaration {
  id: string;
  userId: string | null;
  memberId: string | null;
  organisationId: string | null;
  serviceId: string | null;
  subject: string;
  nature: string;
  fromOn: string;
  toOn: string | null;
  current: boolean;
}

const COLUMNS = `i.id, i.user_id AS "userId", i.member_id AS "memberId", i.organisation_id AS "organisationId", i.service_id AS "serviceId",
  COALESCE(o.name, s.name) AS subject, i.nature, to_char(i.from_on, 'YYYY-MM-DD') AS "fromOn", to_char(i.to_on, 'YYYY-MM-DD') AS "toOn",
  (i.from_on <= $2::date AND (i.to_on IS NULL OR i.to_on >= $2::date)) AS current`;
const FROM = `governance_interest i LEFT JOIN organisation o ON o.id = i.organisation_id LEFT JOIN area_service s ON s.id = i.service_id`;

/** A person's own declarations (made with their sign-in), newest first, each saying whether it stands on `today`. */
export async function listDeclarationsOfUser(db: Queryable, userId: string, today: string): Promise<Declaration[]> {
  return db.query<Declaration>(`SELECT ${COLUMNS} FROM ${FROM} WHERE i.user_id = $1 ORDER BY i.from_on DESC, subject`, [userId, today]);
}

/** The declarations recorded for a seat by the secretariat. */
export async function listDeclarationsOfMember(db: Queryable, memberId: string, today: string): Promise<Declaration[]> {
  return db.query<Declaration>(`SELECT ${COLUMNS} FROM ${FROM} WHERE i.member_id = $1 ORDER BY i.from_on DESC, subject`, [memberId, today]);
}

export async function findDeclaration(db: Queryable, areaCode: string, id: string, today: string): Promise<Declaration | undefined> {
  const [row] = await db.query<Declaration>(`SELECT ${COLUMNS} FROM ${FROM} WHERE i.id = $1 AND i.area_code = $3`, [id, today, areaCode]);
  return row;
}

export interface DeclarationFields {
  organisationId: string | null;
  serviceId: string | null;
  nature: string;
  fromOn: string;
  toOn: string | null;
}

export async function insertDeclaration(
  tx: Tx,
  d: DeclarationFields & { areaCode: string; userId: string | null; memberId: string | null; declaredBy: string | null; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_interest (area_code, user_id, member_id, organisation_id, service_id, nature, from_on, to_on, declared_at, declared_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9) RETURNING id`,
    [d.areaCode, d.userId, d.memberId, d.organisationId, d.serviceId, d.nature, d.fromOn, d.toOn, d.at, d.declaredBy],
  );
  return row.id;
}

export async function setDeclarationEnd(tx: Tx, id: string, toOn: string, at: Date): Promise<void> {
  await tx.query('UPDATE governance_interest SET to_on = $2, changed_at = $3 WHERE id = $1', [id, toOn, at]);
}
