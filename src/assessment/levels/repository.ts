import type { Queryable, Tx } from '../../platform/db.js';
import { NATIONAL_NEED_LEVELS } from '../form.js';
import type { NeedLevelDefinition, NeedLevelScheme } from './types.js';

/** SQL of the areas' levels of need (migration 0017): need_level_scheme and need_level. */

interface SchemeRow {
  id: string;
  version: number;
  effective_from: string;
  changed_at: Date;
  changed_by_name: string | null;
}

async function withLevels(db: Queryable, rows: SchemeRow[]): Promise<NeedLevelScheme[]> {
  if (rows.length === 0) return [];
  const levels = await db.query<{ scheme_id: string; name: string; description: string; national_level: string }>(
    `SELECT scheme_id, name, description, national_level FROM need_level WHERE scheme_id = ANY($1::uuid[]) ORDER BY scheme_id, position`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    effectiveFrom: r.effective_from,
    changedAt: r.changed_at,
    changedByName: r.changed_by_name,
    levels: levels
      .filter((l) => l.scheme_id === r.id)
      .map((l) => ({ name: l.name, description: l.description, nationalLevel: NATIONAL_NEED_LEVELS.parse(l.national_level) })),
  }));
}

const SCHEME_COLUMNS = `s.id, s.version, s.effective_from::text AS effective_from, s.changed_at, u.display_name AS changed_by_name
  FROM need_level_scheme s LEFT JOIN app_user u ON u.id = s.changed_by`;

/** Every version of an area's scheme, newest first. */
export async function listSchemeVersions(db: Queryable, areaCode: string): Promise<NeedLevelScheme[]> {
  const rows = await db.query<SchemeRow>(`SELECT ${SCHEME_COLUMNS} WHERE s.area_code = $1 ORDER BY s.version DESC`, [areaCode]);
  return withLevels(db, rows);
}

/** The version in force on a day ('YYYY-MM-DD'): the highest whose date is on or before it; undefined before any. */
export async function findSchemeInForce(db: Queryable, areaCode: string, day: string): Promise<NeedLevelScheme | undefined> {
  const rows = await db.query<SchemeRow>(
    `SELECT ${SCHEME_COLUMNS} WHERE s.area_code = $1 AND s.effective_from <= $2::date ORDER BY s.version DESC LIMIT 1`,
    [areaCode, day],
  );
  return (await withLevels(db, rows))[0];
}

/** The newest version (perhaps not yet in force). Locks the area's schemes so two changes are made one after the other. */
export async function findLatestSchemeForChange(tx: Tx, areaCode: string): Promise<NeedLevelScheme | undefined> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('need_level_scheme:' || $1))", [areaCode]);
  const rows = await tx.query<SchemeRow>(`SELECT ${SCHEME_COLUMNS} WHERE s.area_code = $1 ORDER BY s.version DESC LIMIT 1`, [areaCode]);
  return (await withLevels(tx, rows))[0];
}

/**
 * How many open episodes (common assessments) each level holds: the child's current level of need,
 * by name, regardless of case. Levels with none are left out.
 */
export async function countOpenEpisodesByLevel(db: Queryable, areaCode: string, names: readonly string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await db.query<{ level: string; episodes: number }>(
    `SELECT lower(current.level) AS level, count(*)::int AS episodes
       FROM common_assessment ca
       JOIN LATERAL (SELECT c.level FROM need_level_change c WHERE c.child_id = ca.child_id ORDER BY c.changed_at DESC, c.id LIMIT 1) current ON true
      WHERE ca.area_code = $1 AND ca.status = 'open' AND lower(current.level) = ANY($2::text[])
      GROUP BY lower(current.level)`,
    [areaCode, names.map((n) => n.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.level, r.episodes]));
}

/** Adds a version with its levels, in order. Returns its id. */
export async function insertScheme(
  tx: Tx,
  s: { areaCode: string; version: number; effectiveFrom: string; changedAt: Date; changedBy: string | null; levels: NeedLevelDefinition[] },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO need_level_scheme (area_code, version, effective_from, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [s.areaCode, s.version, s.effectiveFrom, s.changedAt, s.changedBy],
  );
  if (!row) throw new Error('need_level_scheme insert returned no row');
  for (const [i, level] of s.levels.entries()) {
    await tx.query(
      `INSERT INTO need_level (scheme_id, area_code, position, name, description, national_level) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, s.areaCode, i + 1, level.name, level.description, level.nationalLevel],
    );
  }
  return row.id;
}
