import { childRepo, findShieldedContact, type Viewer } from '../children/index.js';
import type { Queryable } from '../platform/db.js';
import type { AssessmentChild } from './types.js';

/**
 * What front-line work shows of a child, by the child index's one visibility rule (canSee): a
 * shielded record's identifying details reach only the organisation that shielded it and
 * designated safeguarding leads (domain brief §3: records are shielded where showing them could
 * put a child at risk, for example a family fleeing violence). Everyone else on the team keeps
 * the work but sees "A shielded record" and whom to contact (ADR 0005).
 */

export const SHIELDED_NAME = 'A shielded record';

/** Columns a list selects (child alias `c`) so each row can be judged by canSee. */
export const SHIELD_COLUMNS = 'c.shielded_at IS NOT NULL AS child_shielded, c.shielded_by_organisation_id AS child_shielded_by';

export interface ShieldColumns {
  child_shielded: boolean;
  child_shielded_by: string | null;
}

/** Whether this viewer may see the identifying details of the child a row names. */
export function seesChild(row: ShieldColumns, viewer: Viewer): boolean {
  return childRepo.canSee({ shielded: row.child_shielded ? { organisationId: row.child_shielded_by ?? '' } : null }, viewer);
}

export async function childOfAssessment(db: Queryable, childId: string, viewer: Viewer): Promise<AssessmentChild> {
  const [row] = await db.query<
    ShieldColumns & {
      id: string;
      area_code: string;
      given_name: string;
      family_name: string;
      date_of_birth: string;
      nhs_number: string | null;
      postcode: string;
    }
  >(
    `SELECT c.id, c.area_code, c.given_name, c.family_name, c.date_of_birth, c.nhs_number, c.postcode, ${SHIELD_COLUMNS}
       FROM child c WHERE c.id = $1`,
    [childId],
  );
  if (!row) throw new Error(`child ${childId} of an assessment is missing`);
  if (!seesChild(row, viewer)) {
    const contact = await findShieldedContact(db, row.area_code);
    return {
      id: row.id,
      masked: true,
      displayName: contact ? `${SHIELDED_NAME}: contact ${contact}` : SHIELDED_NAME,
      shieldedContact: contact,
    };
  }
  return {
    id: row.id,
    masked: false,
    displayName: `${row.given_name} ${row.family_name}`,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    nhsNumber: row.nhs_number,
    postcode: row.postcode,
  };
}
