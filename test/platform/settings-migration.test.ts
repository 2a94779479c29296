import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import { migrate, readMigrations } from '../../src/platform/migrate.js';
import { createEmptyDb } from '../helpers/db.js';

const SETTINGS_MIGRATION = '0012_area_settings_and_table_owners.sql';
let target: { db: Db; drop(): Promise<void> };

beforeAll(async () => {
  target = await createEmptyDb();
  const all = readMigrations();
  await migrate(
    target.db,
    all.slice(
      0,
      all.findIndex((m) => m.name === SETTINGS_MIGRATION),
    ),
  );
  const { db } = target;
  for (const code of ['E06000901', 'E06000902', 'E06000903']) {
    await db.query(`INSERT INTO area (code, name, kind) VALUES ($1, $2, 'unitary')`, [code, `Area ${code}`]);
  }
  // 901 chose its own criteria, days and contact; 902 has the default row front-line work wrote on reading; 903 has no rows.
  await db.query(
    `INSERT INTO front_line_setting (area_code, lead_professional_criteria, acknowledge_within_days) VALUES ('E06000901', ARRAY['Knows the family', 'Has the time'], 5)`,
  );
  await db.query(`INSERT INTO front_line_setting (area_code) VALUES ('E06000902')`);
  await db.query(
    `INSERT INTO child_index_setting (area_code, shielded_contact) VALUES ('E06000901', 'Jo Bloggs, 01632 960 000'), ('E06000902', '')`,
  );
  await migrate(target.db);
}, 120_000);
afterAll(async () => target?.drop());

describe('migration 0012', () => {
  it('carries over the values areas chose, leaving defaults to the declarations', async () => {
    const rows = await target.db.query<{ area_code: string; key: string; value: unknown; changed_by: string | null }>(
      'SELECT area_code, key, value, changed_by FROM area_setting ORDER BY area_code, key',
    );
    expect(rows).toEqual([
      { area_code: 'E06000901', key: 'assessment.acknowledgeWithinDays', value: 5, changed_by: null },
      { area_code: 'E06000901', key: 'assessment.leadProfessionalCriteria', value: ['Knows the family', 'Has the time'], changed_by: null },
      { area_code: 'E06000901', key: 'children.shieldedContact', value: 'Jo Bloggs, 01632 960 000', changed_by: null },
    ]);
  });

  it('drops the per-feature settings tables', async () => {
    const rows = await target.db.query<{ name: string | null }>(
      `SELECT to_regclass('front_line_setting')::text AS name UNION ALL SELECT to_regclass('child_index_setting')::text`,
    );
    expect(rows).toEqual([{ name: null }, { name: null }]);
  });
});
