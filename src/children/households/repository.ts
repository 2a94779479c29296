import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { HOUSEHOLD_RELATIONSHIPS, type HouseholdRelationship } from '../types.js';

/**
 * Households' SQL (household_link, migration 0028): two children of one household and how they are
 * related. A pair is stored once, the smaller id first; a link in force has no unlinked_at.
 */

export interface HouseholdLinkRow {
  id: string;
  childId: string;
  otherChildId: string;
  relationship: HouseholdRelationship;
  linkedAt: Date;
}

/** What the visibility rule and the page need of a child of the household: basic identity and shielding. */
export interface HouseholdChildRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  shielded: { organisationId: string } | null;
  mergedIntoId: string | null;
}

interface LinkRow {
  id: string;
  child_id: string;
  other_child_id: string;
  relationship: string;
  linked_at: Date;
}

const toLink = (r: LinkRow): HouseholdLinkRow => ({
  id: r.id,
  childId: r.child_id,
  otherChildId: r.other_child_id,
  relationship: HOUSEHOLD_RELATIONSHIPS.parse(r.relationship),
  linkedAt: new Date(r.linked_at),
});

/** The pair as stored: the smaller id first (household_link_pair_ordered). */
export const orderedPair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** Links in force that touch any of these children. */
export async function listLinksInForceOf(db: Queryable, areaCode: string, childIds: readonly string[]): Promise<HouseholdLinkRow[]> {
  if (childIds.length === 0) return [];
  const rows = await db.query<LinkRow>(
    `SELECT id, child_id, other_child_id, relationship, linked_at FROM household_link
      WHERE area_code = $1 AND unlinked_at IS NULL AND (child_id = ANY($2::uuid[]) OR other_child_id = ANY($2::uuid[]))
      ORDER BY linked_at, id`,
    [areaCode, childIds],
  );
  return rows.map(toLink);
}

export async function findLinkInForce(db: Queryable, areaCode: string, linkId: string): Promise<HouseholdLinkRow | undefined> {
  const [row] = await db.query<LinkRow>(
    `SELECT id, child_id, other_child_id, relationship, linked_at FROM household_link
      WHERE area_code = $1 AND id = $2 AND unlinked_at IS NULL`,
    [areaCode, linkId],
  );
  return row ? toLink(row) : undefined;
}

export async function findLinkInForceBetween(db: Queryable, areaCode: string, a: string, b: string): Promise<HouseholdLinkRow | undefined> {
  const [first, second] = orderedPair(a, b);
  const [row] = await db.query<LinkRow>(
    `SELECT id, child_id, other_child_id, relationship, linked_at FROM household_link
      WHERE area_code = $1 AND child_id = $2 AND other_child_id = $3 AND unlinked_at IS NULL`,
    [areaCode, first, second],
  );
  return row ? toLink(row) : undefined;
}

/** The children named, in this area, with what the visibility rule needs. */
export async function listHouseholdChildren(db: Queryable, areaCode: string, ids: readonly string[]): Promise<HouseholdChildRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{
    id: string;
    given_name: string;
    family_name: string;
    date_of_birth: string;
    shielded_at: Date | null;
    shielded_by_organisation_id: string | null;
    merged_into_id: string | null;
  }>(
    `SELECT id, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, shielded_at,
            shielded_by_organisation_id, merged_into_id
       FROM child WHERE area_code = $1 AND id = ANY($2::uuid[]) ORDER BY date_of_birth, family_name, given_name, id`,
    [areaCode, ids],
  );
  return rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    shielded: r.shielded_at ? { organisationId: r.shielded_by_organisation_id ?? '' } : null,
    mergedIntoId: r.merged_into_id,
  }));
}

/** The children this user holds a grant in force to (records they have opened with a reason), newest first. */
export async function listChildrenWithLiveGrant(db: Queryable, g: { areaCode: string; userId: string; now: Date }): Promise<string[]> {
  const rows = await db.query<{ child_id: string }>(
    `SELECT child_id FROM child_access_grant
      WHERE area_code = $1 AND user_id = $2 AND granted_at <= $3 AND expires_at > $3
      GROUP BY child_id ORDER BY max(granted_at) DESC LIMIT 20`,
    [g.areaCode, g.userId, g.now],
  );
  return rows.map((r) => r.child_id);
}

export async function insertLink(
  tx: Tx,
  l: { areaCode: string; a: string; b: string; relationship: HouseholdRelationship; linkedBy: string; linkedAt: Date },
): Promise<string> {
  const [first, second] = orderedPair(l.a, l.b);
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO household_link (area_code, child_id, other_child_id, relationship, linked_by, linked_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [l.areaCode, first, second, l.relationship, l.linkedBy, l.linkedAt],
  );
  return row.id;
}

/** Ends a link in force; false when it was already ended (by someone else meanwhile). */
export async function endLink(tx: Tx, l: { areaCode: string; linkId: string; unlinkedBy: string; unlinkedAt: Date }): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE household_link SET unlinked_by = $3, unlinked_at = $4
      WHERE area_code = $1 AND id = $2 AND unlinked_at IS NULL RETURNING id`,
    [l.areaCode, l.linkId, l.unlinkedBy, l.unlinkedAt],
  );
  return rows.length === 1;
}
