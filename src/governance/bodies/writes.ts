import { insertReturning, type Tx } from '../../platform/db.js';
import type { BodyKind, DecisionMethod, MemberRole, NamedRole, PartnershipKind, PowerAuthority, PowerLevel, QuorumKind, SubGroupFocus } from '../types.js';

/** Governance's writes of bodies, terms, members, named roles and links (migration 0043). Each runs in the caller's transaction. */

export interface BodyFields {
  kind: BodyKind;
  name: string;
  parentBodyId: string | null;
  focus: SubGroupFocus | null;
  remit: string;
  establishedOn: string;
  closedOn: string | null;
}

export async function insertBody(tx: Tx, areaCode: string, b: BodyFields, at: Date): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_body (area_code, kind, name, parent_body_id, focus, remit, established_on, closed_on, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
    [areaCode, b.kind, b.name, b.parentBodyId, b.focus, b.remit, b.establishedOn, b.closedOn, at],
  );
  return row.id;
}

/** A body's name, remit, dates and parent; its kind never changes. */
export async function updateBody(tx: Tx, areaCode: string, id: string, b: BodyFields, at: Date): Promise<void> {
  await tx.query(
    `UPDATE governance_body SET name = $3, parent_body_id = $4, focus = $5, remit = $6, established_on = $7, closed_on = $8, changed_at = $9
      WHERE area_code = $1 AND id = $2`,
    [areaCode, id, b.name, b.parentBodyId, b.focus, b.remit, b.establishedOn, b.closedOn, at],
  );
}

export interface PowerFields {
  description: string;
  authority: PowerAuthority;
  level: PowerLevel;
  referBack: boolean;
}

export interface TermsFields {
  effectiveFrom: string;
  reviewOn: string;
  purpose: string;
  membership: string;
  quorumKind: QuorumKind;
  quorumCount: number | null;
  quorumNumerator: number | null;
  quorumDenominator: number | null;
  decisionMethod: DecisionMethod;
  powers: PowerFields[];
}

/** A new version of a body's terms with its powers; the version number follows the highest. */
export async function insertTerms(tx: Tx, areaCode: string, bodyId: string, t: TermsFields, by: string | null, at: Date): Promise<{ id: string; version: number }> {
  const row = await insertReturning<{ id: string; version: number }>(
    tx,
    `INSERT INTO governance_terms (area_code, body_id, version, effective_from, review_on, purpose, membership, quorum_kind, quorum_count,
                                   quorum_numerator, quorum_denominator, decision_method, created_at, created_by)
     VALUES ($1, $2, (SELECT coalesce(max(version), 0) + 1 FROM governance_terms WHERE body_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING id, version`,
    [areaCode, bodyId, t.effectiveFrom, t.reviewOn, t.purpose, t.membership, t.quorumKind, t.quorumCount, t.quorumNumerator, t.quorumDenominator, t.decisionMethod, at, by],
  );
  for (const [i, p] of t.powers.entries())
    await tx.query(
      `INSERT INTO governance_power (area_code, terms_id, position, description, authority, level, refer_back) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [areaCode, row.id, i + 1, p.description, p.authority, p.level, p.referBack],
    );
  return row;
}

export interface MemberFields {
  personName: string;
  userId: string | null;
  positionTitle: string;
  email: string;
  phone: string;
  organisationId: string | null;
  constituency: string;
  memberRole: MemberRole;
  canCommitResources: boolean;
  deputyName: string;
  deputyUserId: string | null;
  reportsBack: string;
  fromDate: string;
  toDate: string | null;
}

const MEMBER_VALUES = (m: MemberFields) => [
  m.personName,
  m.userId,
  m.positionTitle,
  m.email,
  m.phone,
  m.organisationId,
  m.constituency,
  m.memberRole,
  m.canCommitResources,
  m.deputyName,
  m.deputyUserId,
  m.reportsBack,
  m.fromDate,
  m.toDate,
];

export async function insertMember(tx: Tx, areaCode: string, bodyId: string, m: MemberFields, at: Date): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_member (area_code, body_id, person_name, user_id, position_title, email, phone, organisation_id, constituency,
                                    member_role, can_commit_resources, deputy_name, deputy_user_id, reports_back, from_date, to_date,
                                    created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id`,
    [areaCode, bodyId, ...MEMBER_VALUES(m), at],
  );
  return row.id;
}

export async function updateMember(tx: Tx, bodyId: string, id: string, m: MemberFields, at: Date): Promise<void> {
  await tx.query(
    `UPDATE governance_member SET person_name = $3, user_id = $4, position_title = $5, email = $6, phone = $7, organisation_id = $8,
            constituency = $9, member_role = $10, can_commit_resources = $11, deputy_name = $12, deputy_user_id = $13, reports_back = $14,
            from_date = $15, to_date = $16, changed_at = $17
      WHERE body_id = $1 AND id = $2`,
    [bodyId, id, ...MEMBER_VALUES(m), at],
  );
}

export interface NamedRoleFields {
  role: NamedRole;
  personName: string;
  userId: string | null;
  fromDate: string;
  toDate: string | null;
}

export async function insertNamedRole(tx: Tx, areaCode: string, r: NamedRoleFields, at: Date): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_named_role (area_code, role, person_name, user_id, from_date, to_date, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [areaCode, r.role, r.personName, r.userId, r.fromDate, r.toDate, at],
  );
  return row.id;
}

/** Ends a holder's time in a role (the day before the next holder starts). */
export async function endNamedRole(tx: Tx, areaCode: string, id: string, toDate: string): Promise<void> {
  await tx.query('UPDATE governance_named_role SET to_date = $3 WHERE area_code = $1 AND id = $2', [areaCode, id, toDate]);
}

export interface LinkFields {
  bodyId: string;
  partnershipKind: PartnershipKind;
  partnershipName: string;
  sends: string;
  receives: string;
  fromDate: string;
  toDate: string | null;
}

export async function insertLink(tx: Tx, areaCode: string, l: LinkFields, at: Date): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_link (area_code, body_id, partnership_kind, partnership_name, sends, receives, from_date, to_date, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [areaCode, l.bodyId, l.partnershipKind, l.partnershipName, l.sends, l.receives, l.fromDate, l.toDate, at],
  );
  return row.id;
}
