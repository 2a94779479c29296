import type { Queryable, Tx } from './db.js';

/** SQL of the settings registry (src/platform/settings.ts): the table area_setting (0012). */

/** The value an area chose for a setting, or undefined when it chose none. Reads only. */
export async function findAreaSetting(db: Queryable, areaCode: string, key: string): Promise<{ value: unknown } | undefined> {
  const [row] = await db.query<{ value: unknown }>('SELECT value FROM area_setting WHERE area_code = $1 AND key = $2', [areaCode, key]);
  return row;
}

/** Stores an area's value for a setting, replacing any earlier one; gives back the value it replaced. */
export async function upsertAreaSetting(
  tx: Tx,
  row: { areaCode: string; key: string; value: unknown; changedAt: Date; changedBy: string | null },
): Promise<{ previous: unknown }> {
  const [before] = await tx.query<{ value: unknown }>('SELECT value FROM area_setting WHERE area_code = $1 AND key = $2 FOR UPDATE', [
    row.areaCode,
    row.key,
  ]);
  await tx.query(
    `INSERT INTO area_setting (area_code, key, value, changed_at, changed_by) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (area_code, key) DO UPDATE SET value = EXCLUDED.value, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by`,
    [row.areaCode, row.key, JSON.stringify(row.value), row.changedAt, row.changedBy],
  );
  return { previous: before?.value };
}

/** When an area last changed a setting, and who: what a settings page shows as the value's effective date. */
export async function findAreaSettingChange(
  db: Queryable,
  areaCode: string,
  key: string,
): Promise<{ changedAt: Date; changedByName: string | null } | undefined> {
  const [row] = await db.query<{ changed_at: Date; changed_by_name: string | null }>(
    `SELECT s.changed_at, u.display_name AS changed_by_name FROM area_setting s LEFT JOIN app_user u ON u.id = s.changed_by
      WHERE s.area_code = $1 AND s.key = $2`,
    [areaCode, key],
  );
  return row && { changedAt: row.changed_at, changedByName: row.changed_by_name };
}
