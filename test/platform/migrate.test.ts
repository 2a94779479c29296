import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/platform/config.js';
import { migrate, readMigrations } from '../../src/platform/migrate.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

describe('migrations', () => {
  it('records each migration with its checksum, and a second run applies nothing', async () => {
    const files = readMigrations();
    const rows = await t.db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration ORDER BY name');
    expect(rows).toEqual(files.map((m) => ({ name: m.name, checksum: m.checksum })));
    const again = await t.asOwner((owner) => migrate(owner));
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it('stops with a clear message when an applied migration has changed', async () => {
    const files = readMigrations();
    const changed = files.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    const error = await t.asOwner((owner) => migrate(owner, changed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`Migration ${files[0]?.name} has changed since it was applied`));
  });

  it('has the fuzzy-matching extensions on this engine', async () => {
    const [row] = await t.db.query<{ s: number; d: string }>(`SELECT similarity('Smith', 'Smyth') AS s, dmetaphone('Smith') AS d`);
    expect(row?.s).toBeGreaterThan(0.2);
    expect(row?.d).toBe('SM0');
  });

  // health_probe (0009) is the readiness check's one row, not area data; sign_in_throttle (0011) counts
  // failed sign-ins by the email typed, before anyone is known to belong to an area. statutory_duty (0013) is
  // the law, national reference data; organisation_district belongs to its organisation, whose area_code it shares.
  // indicator_topic_aim (0037) maps a publisher's topic to aims for the national catalogue, as indicator_aim does.
  // section11_duty (0045) is the law too: which duties put a body under Children Act 2004 s11.
  it('keeps every domain table tagged with its area', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `SELECT t.table_name FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND t.table_name NOT IN ('schema_migration', 'health_probe', 'sign_in_throttle', 'area', 'audit_event', 'outcome', 'aim', 'reference_area', 'reference_area_succession', 'statistical_neighbour', 'indicator_aim', 'statutory_duty', 'organisation_district', 'indicator_topic_aim', 'section11_duty',
            'published_mapping', 'published_mapping_measure', 'published_mapping_filter', 'published_mapping_group')
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'area_code')`,
    );
    expect(rows).toEqual([]);
  });
});
