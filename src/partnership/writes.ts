import { insertReturning, type Tx } from '../platform/db.js';
import type { Area, CoverageKind, District } from './types.js';

/**
 * The only SQL that writes area, district, organisation and organisation_district (their COMMENT ON
 * TABLE names partnership as owner). Every function runs inside the caller's transaction.
 */

export async function addAreaIfMissing(tx: Tx, area: Area): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO area (code, name, kind, region) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code',
    [area.code, area.name, area.kind, area.region],
  );
  return rows.length > 0;
}

export async function addDistrictIfMissing(tx: Tx, areaCode: string, district: District): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO district (code, area_code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code',
    [district.code, areaCode, district.name],
  );
  return rows.length > 0;
}

/** What is written for a partner, new or changed. */
export interface OrganisationRow {
  name: string;
  sector: string;
  organisationType: string;
  dutyCode: string | null;
  inclusionReason: string;
  coverageKind: CoverageKind;
  coverage: string;
  districtCodes: readonly string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const params = (o: OrganisationRow) => [
  o.name,
  o.sector,
  o.organisationType,
  o.dutyCode,
  o.inclusionReason,
  o.coverageKind,
  o.coverage,
  o.contactName,
  o.contactEmail,
  o.contactPhone,
];

async function setDistricts(tx: Tx, organisationId: string, districtCodes: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM organisation_district WHERE organisation_id = $1', [organisationId]);
  if (districtCodes.length > 0) {
    await tx.query('INSERT INTO organisation_district (organisation_id, district_code) SELECT $1, unnest($2::text[])', [
      organisationId,
      districtCodes,
    ]);
  }
}

export async function insertOrganisation(tx: Tx, areaCode: string, o: OrganisationRow): Promise<string> {
  const { id } = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO organisation (area_code, name, sector, organisation_type, duty_code, inclusion_reason, coverage_kind,
                               coverage, contact_name, contact_email, contact_phone)
     VALUES ($11, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [...params(o), areaCode],
  );
  await setDistricts(tx, id, o.districtCodes);
  return id;
}

export async function updateOrganisation(tx: Tx, id: string, o: OrganisationRow): Promise<void> {
  await tx.query(
    `UPDATE organisation SET name = $1, sector = $2, organisation_type = $3, duty_code = $4, inclusion_reason = $5,
            coverage_kind = $6, coverage = $7, contact_name = $8, contact_email = $9, contact_phone = $10
      WHERE id = $11`,
    [...params(o), id],
  );
  await setDistricts(tx, id, o.districtCodes);
}

export async function closeOrganisation(tx: Tx, id: string, closedOn: string): Promise<void> {
  await tx.query('UPDATE organisation SET closed_on = $2 WHERE id = $1', [id, closedOn]);
}

/**
 * Deletes a partner unless some record points at it (a user, an involvement, a referral: any
 * foreign key, whichever feature owns it). A savepoint keeps the transaction usable after a refusal.
 */
export async function deleteOrganisationUnlessReferenced(tx: Tx, id: string): Promise<'deleted' | 'referenced'> {
  await tx.exec('SAVEPOINT delete_organisation');
  try {
    await tx.query('DELETE FROM organisation WHERE id = $1', [id]);
    await tx.exec('RELEASE SAVEPOINT delete_organisation');
    return 'deleted';
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23503') throw error;
    await tx.exec('ROLLBACK TO SAVEPOINT delete_organisation');
    return 'referenced';
  }
}
