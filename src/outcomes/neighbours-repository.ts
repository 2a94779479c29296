import type { Queryable, Tx } from '../platform/db.js';
import { NEIGHBOUR_BANDS, type NeighbourBand, type NeighbourGroup } from './neighbours-rows.js';

/** The SQL of statistical neighbours (migration 0041_statistical_neighbours.sql). */

/** Replaces the neighbours of every authority the import names, in one statement each way. */
export async function replaceStatisticalNeighbours(tx: Tx, importId: string, groups: readonly NeighbourGroup[]): Promise<number> {
  const rows = groups.flatMap((g) => g.neighbours.map((n) => ({ ...n, areaCode: g.areaCode })));
  await tx.query('DELETE FROM statistical_neighbour WHERE reference_area_code = ANY ($1::text[])', [groups.map((g) => g.areaCode)]);
  await tx.query(
    `INSERT INTO statistical_neighbour (reference_area_code, position, neighbour_code, band, import_id)
     SELECT a, p, n, b, $5 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS r (a, p, n, b)`,
    [rows.map((r) => r.areaCode), rows.map((r) => r.position), rows.map((r) => r.code), rows.map((r) => r.band), importId],
  );
  return rows.length;
}

export interface StatisticalNeighbour {
  code: string;
  name: string;
  position: number;
  band: NeighbourBand | null;
}

/** An authority's statistical neighbours as DfE published them, closest first. */
export async function listStatisticalNeighbours(db: Queryable, areaCode: string): Promise<StatisticalNeighbour[]> {
  const rows = await db.query<Omit<StatisticalNeighbour, 'band'> & { band: string | null }>(
    `SELECT s.neighbour_code AS code, r.name, s.position, s.band FROM statistical_neighbour s
       JOIN reference_area r ON r.code = s.neighbour_code
      WHERE s.reference_area_code = $1 ORDER BY s.position`,
    [areaCode],
  );
  return rows.map((r) => ({ ...r, band: NEIGHBOUR_BANDS.parseNullable(r.band) }));
}

/** The names of all areas, for fault messages ("Kent cannot be its own neighbour"). */
export async function listAllAreaNames(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM reference_area UNION SELECT code, name FROM area');
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The installed areas among these reference areas whose comparator group is their statistical
 * neighbours (they chose no comparators of their own): those a neighbours import changes.
 */
export async function listInstalledAreasFollowingNeighbours(q: Queryable, codes: readonly string[]): Promise<string[]> {
  const rows = await q.query<{ code: string }>(
    `SELECT a.code FROM area a
      WHERE a.code = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM comparator c WHERE c.area_code = a.code)
      ORDER BY a.code`,
    [codes],
  );
  return rows.map((r) => r.code);
}
