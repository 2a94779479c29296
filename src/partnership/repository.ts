import type { Queryable } from '../platform/db.js';
import { isUuid } from '../platform/ids.js';

export interface Area {
  code: string;
  name: string;
  kind: string;
  region: string;
}

export interface District {
  code: string;
  name: string;
}

export interface Organisation {
  id: string;
  areaCode: string;
  name: string;
  sector: string;
  partnerStatus: 'lead authority' | 'relevant partner' | 'other partner';
  statutoryBasis: string;
  coverage: string;
}

export async function findArea(db: Queryable, code: string): Promise<Area | undefined> {
  const [row] = await db.query<Area>('SELECT code, name, kind, region FROM area WHERE code = $1', [code]);
  return row;
}

export async function listDistricts(db: Queryable, areaCode: string): Promise<District[]> {
  return db.query<District>('SELECT code, name FROM district WHERE area_code = $1 ORDER BY name', [areaCode]);
}

export async function listOrganisations(db: Queryable, areaCode: string): Promise<Organisation[]> {
  return db.query<Organisation>(
    `SELECT id, area_code AS "areaCode", name, sector, partner_status AS "partnerStatus",
            statutory_basis AS "statutoryBasis", coverage
       FROM organisation
      WHERE area_code = $1
      ORDER BY CASE partner_status WHEN 'lead authority' THEN 0 WHEN 'relevant partner' THEN 1 ELSE 2 END, name`,
    [areaCode],
  );
}

/** Whether an organisation belongs to an area: the check before a child or an assessment points at it. */
export async function organisationIsInArea(db: Queryable, organisationId: string, areaCode: string): Promise<boolean> {
  if (!isUuid(organisationId)) return false;
  const rows = await db.query('SELECT 1 FROM organisation WHERE id = $1 AND area_code = $2', [organisationId, areaCode]);
  return rows.length > 0;
}

/** An organisation's id by its name, unique within its area. */
export async function findOrganisationIdByName(db: Queryable, areaCode: string, name: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND name = $2', [areaCode, name]);
  return row?.id;
}
