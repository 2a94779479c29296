import type { Queryable, Tx } from './db.js';

/**
 * SQL of the settings registry (src/platform/settings.ts): the table area_setting (0012, 0020), one
 * row per change an area made, each from its effective day. The value in force on a day is the
 * change not cancelled with the latest effective_from on or before it, the latest made on a tie.
 */

/** One change of a setting as stored. */
export interface SettingChangeRow {
  id: string;
  key: string;
  value: unknown;
  /** 'YYYY-MM-DD' ('-infinity' for a row put in by hand). */
  effectiveFrom: string;
  changedAt: Date;
  changedByName: string | null;
  cancelledAt: Date | null;
}

const CHANGE_COLUMNS = `s.id, s.key, s.value, s.effective_from::text AS effective_from, s.changed_at, u.display_name AS changed_by_name, s.cancelled_at
  FROM area_setting s LEFT JOIN app_user u ON u.id = s.changed_by`;

interface ChangeDbRow {
  id: string;
  key: string;
  value: unknown;
  effective_from: string;
  changed_at: Date;
  changed_by_name: string | null;
  cancelled_at: Date | null;
}

const toChange = (r: ChangeDbRow): SettingChangeRow => ({
  id: r.id,
  key: r.key,
  value: r.value,
  effectiveFrom: r.effective_from,
  changedAt: r.changed_at,
  changedByName: r.changed_by_name,
  cancelledAt: r.cancelled_at,
});

/** The change of a setting in force on a day ('YYYY-MM-DD'), or undefined when the area's default is. Reads only. */
export async function findSettingInForce(db: Queryable, areaCode: string, key: string, day: string): Promise<SettingChangeRow | undefined> {
  const [row] = await db.query<ChangeDbRow>(
    `SELECT ${CHANGE_COLUMNS}
      WHERE s.area_code = $1 AND s.key = $2 AND s.cancelled_at IS NULL AND s.effective_from <= $3::date
      ORDER BY s.effective_from DESC, s.changed_at DESC LIMIT 1`,
    [areaCode, key, day],
  );
  return row && toChange(row);
}

/** Whether an area ever chose a value for a setting (rather than taking the default). */
export async function areaHasSettingRow(db: Queryable, areaCode: string, key: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM area_setting WHERE area_code = $1 AND key = $2 AND cancelled_at IS NULL LIMIT 1', [areaCode, key]);
  return rows.length > 0;
}

/** The changes made but not yet in effect on `today`, and not cancelled, soonest first; of one setting, or of all. */
export async function listScheduledChanges(db: Queryable, areaCode: string, today: string, key?: string): Promise<SettingChangeRow[]> {
  const rows = await db.query<ChangeDbRow>(
    `SELECT ${CHANGE_COLUMNS}
      WHERE s.area_code = $1 AND s.cancelled_at IS NULL AND s.effective_from > $2::date AND ($3::text IS NULL OR s.key = $3)
      ORDER BY s.effective_from, s.key, s.changed_at`,
    [areaCode, today, key ?? null],
  );
  return rows.map(toChange);
}

/** Every change of a setting, cancelled ones included, newest effective day first. */
export async function listSettingChanges(db: Queryable, areaCode: string, key: string): Promise<SettingChangeRow[]> {
  const rows = await db.query<ChangeDbRow>(
    `SELECT ${CHANGE_COLUMNS} WHERE s.area_code = $1 AND s.key = $2 ORDER BY s.effective_from DESC, s.changed_at DESC`,
    [areaCode, key],
  );
  return rows.map(toChange);
}

/** Makes changes to one area's setting one after the other, until the transaction ends. */
export async function lockSetting(tx: Tx, areaCode: string, key: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('area_setting:' || $1 || ':' || $2))", [areaCode, key]);
}

/** Records a change of an area's setting from a day. */
export async function insertSettingChange(
  tx: Tx,
  row: { areaCode: string; key: string; value: unknown; effectiveFrom: string; changedAt: Date; changedBy: string | null },
): Promise<string> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO area_setting (area_code, key, value, effective_from, changed_at, changed_by) VALUES ($1, $2, $3::jsonb, $4::date, $5, $6)
     RETURNING id`,
    [row.areaCode, row.key, JSON.stringify(row.value), row.effectiveFrom, row.changedAt, row.changedBy],
  );
  if (!inserted) throw new Error('area_setting insert returned no row');
  return inserted.id;
}

/** One change of the area's, locked for cancelling; undefined when the area has none of that id. */
export async function findSettingChangeForUpdate(tx: Tx, areaCode: string, id: string): Promise<SettingChangeRow | undefined> {
  const [row] = await tx.query<ChangeDbRow>(`SELECT ${CHANGE_COLUMNS} WHERE s.area_code = $1 AND s.id = $2 FOR UPDATE OF s`, [areaCode, id]);
  return row && toChange(row);
}

/** Marks a change cancelled: it will never be in force. */
export async function markSettingChangeCancelled(tx: Tx, id: string, at: Date, by: string | null): Promise<void> {
  await tx.query('UPDATE area_setting SET cancelled_at = $2, cancelled_by = $3 WHERE id = $1 AND cancelled_at IS NULL', [id, at, by]);
}
