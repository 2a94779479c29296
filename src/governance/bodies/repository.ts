import type { Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import {
  BODY_KINDS,
  DECISION_METHODS,
  MEMBER_ROLES,
  NAMED_ROLES,
  PARTNERSHIP_KINDS,
  POWER_AUTHORITIES,
  POWER_LEVELS,
  QUORUM_KINDS,
  SUB_GROUP_FOCUSES,
  type Body,
  type Member,
  type NamedRoleHolder,
  type PartnershipLink,
  type Power,
  type Terms,
} from '../types.js';

/** Governance reads of bodies, terms, powers, members, named roles and links (migration 0043). */

const day = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;

interface BodyRow {
  id: string;
  area_code: string;
  kind: string;
  name: string;
  parent_body_id: string | null;
  parent_body_name: string | null;
  focus: string | null;
  remit: string;
  established_on: string;
  closed_on: string | null;
}

const BODY_SQL = `SELECT b.id, b.area_code, b.kind, b.name, b.parent_body_id, p.name AS parent_body_name, b.focus, b.remit,
       ${day('b.established_on', 'established_on')}, ${day('b.closed_on', 'closed_on')}
  FROM governance_body b LEFT JOIN governance_body p ON p.id = b.parent_body_id`;

const toBody = (r: BodyRow): Body => ({
  id: r.id,
  areaCode: r.area_code,
  kind: BODY_KINDS.parse(r.kind),
  name: r.name,
  parentBodyId: r.parent_body_id,
  parentBodyName: r.parent_body_name,
  focus: SUB_GROUP_FOCUSES.parseNullable(r.focus),
  remit: r.remit,
  establishedOn: r.established_on,
  closedOn: r.closed_on,
});

/** The bodies of an area: the board first, then the chief officers' group, sub-groups and the LSCB, by name. */
export async function listBodies(db: Queryable, areaCode: string): Promise<Body[]> {
  const rows = await db.query<BodyRow>(
    `${BODY_SQL} WHERE b.area_code = $1
      ORDER BY CASE b.kind WHEN 'trust_board' THEN 0 WHEN 'chief_officers_group' THEN 1 WHEN 'sub_group' THEN 2 ELSE 3 END, b.name`,
    [areaCode],
  );
  return rows.map(toBody);
}

export async function findBody(db: Queryable, areaCode: string, id: string): Promise<Body | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<BodyRow>(`${BODY_SQL} WHERE b.area_code = $1 AND b.id = $2`, [areaCode, id]);
  return row && toBody(row);
}

/** Whether another body of the area has this name (case aside). */
export async function bodyNameTaken(db: Queryable, areaCode: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM governance_body WHERE area_code = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [areaCode, name, exceptId ?? null],
  );
  return rows.length > 0;
}

/** The area's body of a kind that may be only one (the board, the LSCB), when it has one. */
export async function findBodyOfKind(db: Queryable, areaCode: string, kind: 'trust_board' | 'lscb'): Promise<Body | undefined> {
  const [row] = await db.query<BodyRow>(`${BODY_SQL} WHERE b.area_code = $1 AND b.kind = $2`, [areaCode, kind]);
  return row && toBody(row);
}

interface TermsRow {
  id: string;
  body_id: string;
  version: number;
  effective_from: string;
  review_on: string;
  superseded_on: string | null;
  purpose: string;
  membership: string;
  quorum_kind: string;
  quorum_count: number | null;
  quorum_numerator: number | null;
  quorum_denominator: number | null;
  decision_method: string;
}

interface PowerRow {
  id: string;
  terms_id: string;
  position: number;
  description: string;
  authority: string;
  level: string;
  refer_back: boolean;
}

const TERMS_SQL = `SELECT t.id, t.body_id, t.version, ${day('t.effective_from', 'effective_from')}, ${day('t.review_on', 'review_on')},
       (SELECT to_char(min(n.effective_from), 'YYYY-MM-DD') FROM governance_terms n
         WHERE n.body_id = t.body_id AND n.effective_from > t.effective_from) AS superseded_on,
       t.purpose, t.membership, t.quorum_kind, t.quorum_count, t.quorum_numerator, t.quorum_denominator, t.decision_method
  FROM governance_terms t`;

async function withPowers(db: Queryable, rows: TermsRow[]): Promise<Terms[]> {
  if (rows.length === 0) return [];
  const powers = await db.query<PowerRow>(
    `SELECT id, terms_id, position, description, authority, level, refer_back
       FROM governance_power WHERE terms_id = ANY ($1::uuid[]) ORDER BY terms_id, position`,
    [rows.map((r) => r.id)],
  );
  const toPower = (p: PowerRow): Power => ({
    id: p.id,
    position: p.position,
    description: p.description,
    authority: POWER_AUTHORITIES.parse(p.authority),
    level: POWER_LEVELS.parse(p.level),
    referBack: p.refer_back,
  });
  return rows.map((r) => ({
    id: r.id,
    bodyId: r.body_id,
    version: r.version,
    effectiveFrom: r.effective_from,
    reviewOn: r.review_on,
    supersededOn: r.superseded_on,
    purpose: r.purpose,
    membership: r.membership,
    quorumKind: QUORUM_KINDS.parse(r.quorum_kind),
    quorumCount: r.quorum_count,
    quorumNumerator: r.quorum_numerator,
    quorumDenominator: r.quorum_denominator,
    decisionMethod: DECISION_METHODS.parse(r.decision_method),
    powers: powers.filter((p) => p.terms_id === r.id).map(toPower),
  }));
}

/** Every version of a body's terms of reference, newest first, superseded ones included. */
export async function listTerms(db: Queryable, bodyId: string): Promise<Terms[]> {
  const rows = await db.query<TermsRow>(`${TERMS_SQL} WHERE t.body_id = $1 ORDER BY t.version DESC`, [bodyId]);
  return withPowers(db, rows);
}

/** The version in force on a day: the latest whose effective date is on or before it. */
export async function findTermsInForce(db: Queryable, bodyId: string, on: string): Promise<Terms | undefined> {
  const rows = await db.query<TermsRow>(
    `${TERMS_SQL} WHERE t.body_id = $1 AND t.effective_from <= $2::date ORDER BY t.effective_from DESC LIMIT 1`,
    [bodyId, on],
  );
  const [terms] = await withPowers(db, rows);
  return terms;
}

export async function findTermsVersion(db: Queryable, bodyId: string, version: number): Promise<Terms | undefined> {
  const rows = await db.query<TermsRow>(`${TERMS_SQL} WHERE t.body_id = $1 AND t.version = $2`, [bodyId, version]);
  const [terms] = await withPowers(db, rows);
  return terms;
}

interface MemberRow {
  id: string;
  body_id: string;
  person_name: string;
  user_id: string | null;
  position_title: string;
  email: string;
  phone: string;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_sector: string | null;
  constituency: string;
  member_role: string;
  can_commit_resources: boolean;
  deputy_name: string;
  deputy_user_id: string | null;
  reports_back: string;
  from_date: string;
  to_date: string | null;
}

const MEMBER_SQL = `SELECT m.id, m.body_id, m.person_name, m.user_id, m.position_title, m.email, m.phone, m.organisation_id,
       o.name AS organisation_name, o.sector AS organisation_sector, m.constituency, m.member_role, m.can_commit_resources,
       m.deputy_name, m.deputy_user_id, m.reports_back, ${day('m.from_date', 'from_date')}, ${day('m.to_date', 'to_date')}
  FROM governance_member m LEFT JOIN organisation o ON o.id = m.organisation_id`;

const ROLE_ORDER = `CASE m.member_role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 WHEN 'adviser' THEN 3 ELSE 4 END`;

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  bodyId: r.body_id,
  personName: r.person_name,
  userId: r.user_id,
  positionTitle: r.position_title,
  email: r.email,
  phone: r.phone,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  organisationSector: r.organisation_sector,
  constituency: r.constituency,
  memberRole: MEMBER_ROLES.parse(r.member_role),
  canCommitResources: r.can_commit_resources,
  deputyName: r.deputy_name,
  deputyUserId: r.deputy_user_id,
  reportsBack: r.reports_back,
  fromDate: r.from_date,
  toDate: r.to_date,
});

/** The members seated on a body on a day: the chair first, then by role and name. */
export async function listMembersOn(db: Queryable, bodyId: string, on: string): Promise<Member[]> {
  const rows = await db.query<MemberRow>(
    `${MEMBER_SQL} WHERE m.body_id = $1 AND m.from_date <= $2::date AND (m.to_date IS NULL OR m.to_date >= $2::date)
      ORDER BY ${ROLE_ORDER}, m.person_name`,
    [bodyId, on],
  );
  return rows.map(toMember);
}

/** Every seat a body has had, past, present and future, newest first. */
export async function listAllMembers(db: Queryable, bodyId: string): Promise<Member[]> {
  const rows = await db.query<MemberRow>(`${MEMBER_SQL} WHERE m.body_id = $1 ORDER BY m.from_date DESC, ${ROLE_ORDER}, m.person_name`, [bodyId]);
  return rows.map(toMember);
}

export async function findMember(db: Queryable, bodyId: string, id: string): Promise<Member | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<MemberRow>(`${MEMBER_SQL} WHERE m.body_id = $1 AND m.id = $2`, [bodyId, id]);
  return row && toMember(row);
}

/**
 * The same person's other seats on the body whose dates meet [from, to]: the same sign-in, or, for a
 * person without one, a seat without one under the same name (case aside). Two people who sign in are
 * told apart by their sign-ins, even when they share a name.
 */
export async function findOverlappingSeat(
  db: Queryable,
  bodyId: string,
  person: { userId: string | null; personName: string },
  from: string,
  to: string | null,
  exceptId?: string,
): Promise<Member | undefined> {
  const [row] = await db.query<MemberRow>(
    `${MEMBER_SQL}
      WHERE m.body_id = $1 AND ($6::uuid IS NULL OR m.id <> $6::uuid)
        AND (m.user_id = $2::uuid OR ($2::uuid IS NULL AND m.user_id IS NULL AND lower(m.person_name) = lower($3)))
        AND m.from_date <= coalesce($5::date, 'infinity'::date) AND coalesce(m.to_date, 'infinity'::date) >= $4::date
      ORDER BY m.from_date LIMIT 1`,
    [bodyId, person.userId, person.personName, from, to, exceptId ?? null],
  );
  return row && toMember(row);
}

/** A user's seat on a body on a day (as the member or as the deputy), the strongest role first. */
export async function findSeatsOfUser(db: Queryable, bodyId: string, userId: string, on: string): Promise<{ memberRole: string; asDeputy: boolean }[]> {
  return db.query<{ memberRole: string; asDeputy: boolean }>(
    `SELECT m.member_role AS "memberRole", (m.user_id IS DISTINCT FROM $2::uuid) AS "asDeputy"
       FROM governance_member m
      WHERE m.body_id = $1 AND (m.user_id = $2::uuid OR m.deputy_user_id = $2::uuid)
        AND m.from_date <= $3::date AND (m.to_date IS NULL OR m.to_date >= $3::date)`,
    [bodyId, userId, on],
  );
}

const NAMED_ROLE_SQL = `SELECT id, role, person_name AS "personName", user_id AS "userId", ${day('from_date', '"fromDate"')}, ${day('to_date', '"toDate"')}
  FROM governance_named_role`;

/** Who has held the area's named roles, newest first. */
export async function listNamedRoles(db: Queryable, areaCode: string): Promise<NamedRoleHolder[]> {
  const rows = await db.query<NamedRoleHolder>(`${NAMED_ROLE_SQL} WHERE area_code = $1 ORDER BY role, from_date DESC`, [areaCode]);
  return rows.map((r) => ({ ...r, role: NAMED_ROLES.parse(r.role) }));
}

/** Another holder of the role whose dates meet [from, to]. */
export async function findOverlappingHolder(db: Queryable, areaCode: string, role: string, from: string, to: string | null): Promise<NamedRoleHolder | undefined> {
  const [row] = await db.query<NamedRoleHolder>(
    `${NAMED_ROLE_SQL} WHERE area_code = $1 AND role = $2
        AND from_date <= coalesce($4::date, 'infinity'::date) AND coalesce(to_date, 'infinity'::date) >= $3::date LIMIT 1`,
    [areaCode, role, from, to],
  );
  return row && { ...row, role: NAMED_ROLES.parse(row.role) };
}

/** The links of the area's bodies with other partnerships. */
export async function listLinks(db: Queryable, areaCode: string, bodyId?: string): Promise<PartnershipLink[]> {
  const rows = await db.query<PartnershipLink>(
    `SELECT l.id, l.body_id AS "bodyId", b.name AS "bodyName", l.partnership_kind AS "partnershipKind", l.partnership_name AS "partnershipName",
            l.sends, l.receives, ${day('l.from_date', '"fromDate"')}, ${day('l.to_date', '"toDate"')}
       FROM governance_link l JOIN governance_body b ON b.id = l.body_id
      WHERE l.area_code = $1 AND ($2::uuid IS NULL OR l.body_id = $2::uuid)
      ORDER BY b.name, l.partnership_name`,
    [areaCode, bodyId ?? null],
  );
  return rows.map((r) => ({ ...r, partnershipKind: PARTNERSHIP_KINDS.parse(r.partnershipKind) }));
}
