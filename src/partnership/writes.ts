import type { Tx } from '../platform/db.js';
import type { Area, District, Organisation } from './repository.js';

/**
 * The only SQL that writes area, district and organisation (their COMMENT ON TABLE names partnership
 * as owner). Each adds a row unless one with the same natural key is there, and says whether it did.
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

export async function addOrganisationIfMissing(tx: Tx, organisation: Omit<Organisation, 'id'>): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO organisation (area_code, name, sector, partner_status, statutory_basis, coverage)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (area_code, name) DO NOTHING RETURNING id`,
    [
      organisation.areaCode,
      organisation.name,
      organisation.sector,
      organisation.partnerStatus,
      organisation.statutoryBasis,
      organisation.coverage,
    ],
  );
  return rows.length > 0;
}
