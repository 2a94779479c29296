import type { Db, Tx } from '../platform/db.js';
import { LOGO_TYPES, type LogoType } from './image.js';

/** The branding feature's SQL: the one table it owns, `area_branding`. */

export interface AreaBranding {
  areaCode: string;
  areaName: string;
  headerName: string | null;
  logoSha256: string | null;
}

/** An area's name and what it chose to show; undefined when there is no such area. */
export async function findAreaBranding(db: Db | Tx, areaCode: string): Promise<AreaBranding | undefined> {
  const [row] = await db.query<{ code: string; name: string; header_name: string | null; logo_sha256: string | null }>(
    `SELECT a.code, a.name, b.header_name, b.logo_sha256 FROM area a LEFT JOIN area_branding b ON b.area_code = a.code WHERE a.code = $1`,
    [areaCode],
  );
  return row && { areaCode: row.code, areaName: row.name, headerName: row.header_name, logoSha256: row.logo_sha256 };
}

/** The only area of a deployment that serves one (the sign-in page shows its name); undefined when there are none or several. */
export async function findSoleAreaCode(db: Db): Promise<string | undefined> {
  const rows = await db.query<{ code: string }>('SELECT code FROM area ORDER BY code LIMIT 2');
  return rows.length === 1 ? rows[0]?.code : undefined;
}

export async function findLogo(db: Db, areaCode: string): Promise<{ bytes: Buffer; type: LogoType; sha256: string } | undefined> {
  const [row] = await db.query<{ logo: Uint8Array; logo_type: string; logo_sha256: string }>(
    'SELECT logo, logo_type, logo_sha256 FROM area_branding WHERE area_code = $1 AND logo IS NOT NULL',
    [areaCode],
  );
  return row && { bytes: Buffer.from(row.logo), type: LOGO_TYPES.parse(row.logo_type), sha256: row.logo_sha256 };
}

export interface BrandingChange {
  areaCode: string;
  changedBy: string;
  changedAt: Date;
}

export async function saveHeaderName(tx: Tx, change: BrandingChange, headerName: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO area_branding (area_code, header_name, changed_by, changed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (area_code) DO UPDATE SET header_name = EXCLUDED.header_name, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at`,
    [change.areaCode, headerName, change.changedBy, change.changedAt],
  );
}

export async function saveLogo(tx: Tx, change: BrandingChange, logo: { bytes: Buffer; type: LogoType; sha256: string } | null): Promise<void> {
  await tx.query(
    `INSERT INTO area_branding (area_code, logo, logo_type, logo_sha256, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (area_code) DO UPDATE SET logo = EXCLUDED.logo, logo_type = EXCLUDED.logo_type, logo_sha256 = EXCLUDED.logo_sha256,
       changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at`,
    [change.areaCode, logo?.bytes ?? null, logo?.type ?? null, logo?.sha256 ?? null, change.changedBy, change.changedAt],
  );
}
