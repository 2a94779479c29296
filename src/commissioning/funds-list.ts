import type { Queryable } from '../platform/db.js';
import { FUND_KINDS, type FundSummary } from './types.js';

/** The area's funds, pooled and aligned, with their host partner, by name. */
export async function listFunds(db: Queryable, areaCode: string): Promise<FundSummary[]> {
  const rows = await db.query<Omit<FundSummary, 'kind'> & { kind: string }>(
    `SELECT f.id, f.area_code AS "areaCode", f.kind, f.name, f.purpose,
            f.host_organisation_id AS "hostOrganisationId", o.name AS "hostOrganisationName",
            to_char(f.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(f.ends_on, 'YYYY-MM-DD') AS "endsOn"
       FROM fund f LEFT JOIN organisation o ON o.id = f.host_organisation_id
      WHERE f.area_code = $1
      ORDER BY lower(f.name)`,
    [areaCode],
  );
  return rows.map((r) => ({ ...r, kind: FUND_KINDS.parse(r.kind) }));
}
