import type { Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { visibleSql } from '../records/repository.js';
import type { Viewer } from '../types.js';

/**
 * The names of children an audit trail mentions, as the reader may see them: a record the child
 * index's view rule hides from the reader (shielding: `visibleSql`, the twin of `childRules` 'view')
 * comes back as hidden, never named. The caller audits the read with the ids it named.
 */

export type ChildNameOf = { id: string; hidden: false; name: string; dateOfBirth: string } | { id: string; hidden: true };

export async function findChildNames(
  db: Queryable,
  areaCode: string,
  viewer: Viewer,
  ids: readonly string[],
): Promise<Map<string, ChildNameOf>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<{ id: string; given_name: string; family_name: string; date_of_birth: string; visible: boolean }>(
    `SELECT c.id, c.given_name, c.family_name, c.date_of_birth, ${visibleSql('c')} AS visible
       FROM child c
      WHERE c.area_code = $1 AND c.id = ANY($4::uuid[])`,
    [areaCode, viewer.organisationId, viewer.designatedSafeguarding, wanted],
  );
  return new Map(
    rows.map((r): [string, ChildNameOf] => [
      r.id,
      r.visible
        ? { id: r.id, hidden: false, name: `${r.given_name} ${r.family_name}`, dateOfBirth: String(r.date_of_birth) }
        : { id: r.id, hidden: true },
    ]),
  );
}
