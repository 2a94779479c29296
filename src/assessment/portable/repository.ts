import type { User } from '../../platform/auth/repository.js';
import type { Queryable } from '../../platform/db.js';

/** The portable assessment's SQL: finding the child an imported document is about. Takes db or tx first. */

export interface ChildByIdentifier {
  id: string;
  nhsNumber: string | null;
  /** Whether this user may see the record: not shielded, or shielded by their organisation, or they are a designated safeguarding lead. */
  visible: boolean;
}

const findChildBy =
  (column: 'nhs_number' | 'upn') =>
  async (db: Queryable, user: User, value: string): Promise<ChildByIdentifier | undefined> => {
    const [row] = await db.query<{ id: string; nhs_number: string | null; visible: boolean }>(
      `SELECT id, nhs_number, (shielded_at IS NULL OR shielded_by_organisation_id = $3 OR $4::boolean) AS visible
         FROM child WHERE area_code = $1 AND ${column} = $2 AND merged_into_id IS NULL`,
      [user.areaCode, value, user.organisationId, user.designatedSafeguarding],
    );
    return row && { id: row.id, nhsNumber: row.nhs_number, visible: row.visible };
  };

/** The unmerged child of the user's area with this NHS number. */
export const findChildByNhsNumber = findChildBy('nhs_number');

/** The unmerged child of the user's area with this unique pupil number. */
export const findChildByUpn = findChildBy('upn');
