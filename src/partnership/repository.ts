import type { Queryable } from '../platform/db.js';
import { isUuid } from '../platform/ids.js';
import type { Area, District, Organisation, StatutoryDuty } from './types.js';

export type { Area, District, Organisation, StatutoryDuty } from './types.js';

export async function findArea(db: Queryable, code: string): Promise<Area | undefined> {
  const [row] = await db.query<Area>('SELECT code, name, kind, region FROM area WHERE code = $1', [code]);
  return row;
}

export async function listDistricts(db: Queryable, areaCode: string): Promise<District[]> {
  return db.query<District>('SELECT code, name FROM district WHERE area_code = $1 ORDER BY name', [areaCode]);
}

/** District codes already taken by any area (a district belongs to one county). */
export async function listTakenDistrictCodes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM district WHERE code = ANY ($1::text[])', [codes]);
  return rows.map((r) => r.code);
}

const ORGANISATION_COLUMNS = `o.id, o.area_code AS "areaCode", o.name, o.sector, o.coverage, o.organisation_type AS "organisationType",
       o.duty_code AS "dutyCode", o.inclusion_reason AS "inclusionReason", o.coverage_kind AS "coverageKind",
       ARRAY(SELECT od.district_code FROM organisation_district od WHERE od.organisation_id = o.id ORDER BY od.district_code)
         AS "districtCodes",
       o.contact_name AS "contactName", o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone",
       to_char(o.closed_on, 'YYYY-MM-DD') AS "closedOn"`;

/**
 * Every partner of an area, open or closed: the lead authority (under s10(1)) first, then by name.
 * Whether a partner is a relevant partner depends on the day, so the overview orders by that itself.
 */
export async function listOrganisations(db: Queryable, areaCode: string): Promise<Organisation[]> {
  return db.query<Organisation>(
    `SELECT ${ORGANISATION_COLUMNS}
       FROM organisation o
       LEFT JOIN statutory_duty sd ON sd.code = o.duty_code
      WHERE o.area_code = $1
      ORDER BY CASE sd.kind WHEN 'lead authority' THEN 0 ELSE 1 END, o.name`,
    [areaCode],
  );
}

/** The partners a person may still be linked to (users, involvements, referrals): those not closed. */
export async function listOpenOrganisations(db: Queryable, areaCode: string): Promise<Organisation[]> {
  return (await listOrganisations(db, areaCode)).filter((o) => o.closedOn === null);
}

export async function findOrganisation(db: Queryable, areaCode: string, id: string): Promise<Organisation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisation o WHERE o.id = $1 AND o.area_code = $2`, [
    id,
    areaCode,
  ]);
  return row;
}

/** Whether another partner of the area has this name (compared without case or surrounding spaces). */
export async function organisationNameTaken(db: Queryable, areaCode: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM organisation WHERE area_code = $1 AND lower(btrim(name)) = lower(btrim($2)) AND ($3::uuid IS NULL OR id <> $3::uuid)',
    [areaCode, name, exceptId ?? null],
  );
  return rows.length > 0;
}

/** The duties a partner can be under, in the order of the Act. */
export async function listStatutoryDuties(db: Queryable): Promise<StatutoryDuty[]> {
  return db.query<StatutoryDuty>(
    `SELECT code, kind, provision, partner_type AS "partnerType", two_tier_only AS "twoTierOnly",
            to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo", source,
            dates_confirmed AS "datesConfirmed"
       FROM statutory_duty ORDER BY position`,
  );
}

/**
 * Whether an organisation is a partner of an area now: the check before a child or an assessment
 * points at it. A closed partner has left the arrangements, so nothing new points at it.
 */
export async function organisationIsInArea(db: Queryable, organisationId: string, areaCode: string): Promise<boolean> {
  if (!isUuid(organisationId)) return false;
  const rows = await db.query('SELECT 1 FROM organisation WHERE id = $1 AND area_code = $2 AND closed_on IS NULL', [
    organisationId,
    areaCode,
  ]);
  return rows.length > 0;
}

/** An organisation's id by its name, unique within its area. */
export async function findOrganisationIdByName(db: Queryable, areaCode: string, name: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND name = $2', [areaCode, name]);
  return row?.id;
}
