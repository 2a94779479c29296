import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import { migrate, readMigrations } from '../../src/platform/migrate.js';
import { createEmptyDb } from '../helpers/db.js';

/**
 * Migration 0029 (issue 14, bug 7): the area's list of services is made from the names already
 * recorded, one per name once trimmed and case-folded, and every record points at its service.
 * Applied to a database migrated up to the one before it, with two spellings of one service.
 */

const SERVICES_MIGRATION = '0029_area_services.sql';
const AREA = 'E06000911';
const OTHER = 'E06000912';
let target: { db: Db; drop(): Promise<void> };
const ids: Record<string, string> = {};

const before = (name: string) => {
  const all = readMigrations();
  const at = all.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`no migration ${name}`);
  return all.slice(0, at);
};

async function one<T>(db: Db, sql: string, params: unknown[]): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

beforeAll(async () => {
  target = await createEmptyDb();
  const { db } = target;
  await migrate(db, before(SERVICES_MIGRATION));
  await db.query(`INSERT INTO area (code, name, kind) VALUES ($1, 'Mergeshire', 'unitary'), ($2, 'Othershire', 'unitary')`, [AREA, OTHER]);
  const org = async (area: string, name: string) =>
    (await one<{ id: string }>(db, `INSERT INTO organisation (area_code, name, sector, duty_code) VALUES ($1, $2, 'health', 's10-1') RETURNING id`, [area, name])).id;
  ids.trust = await org(AREA, 'Mergeshire Primary Care Trust');
  ids.council = await org(AREA, 'Mergeshire Council');
  ids.otherOrg = await org(OTHER, 'Othershire Council');
  ids.user = (
    await one<{ id: string }>(
      db,
      `INSERT INTO app_user (area_code, organisation_id, email, display_name, role, password_hash)
       VALUES ($1, $2, 'hv@test.example', 'Hana Visser', 'practitioner', 'x') RETURNING id`,
      [AREA, ids.trust],
    )
  ).id;
  const child = async (area: string) =>
    (
      await one<{ id: string }>(
        db,
        `INSERT INTO child (area_code, given_name, family_name, date_of_birth) VALUES ($1, 'Sam', 'Reed', '2020-01-01') RETURNING id`,
        [area],
      )
    ).id;
  ids.child = await child(AREA);
  ids.otherChild = await child(OTHER);
  const involve = async (childId: string, area: string, service: string, organisationId: string, sensitive = false) =>
    (
      await one<{ id: string }>(
        db,
        `INSERT INTO involvement (child_id, area_code, service, organisation_id, practitioner_name, sensitive, started_on)
         VALUES ($1, $2, $3, $4, 'Someone', $5, '2024-01-01') RETURNING id`,
        [childId, area, service, organisationId, sensitive],
      )
    ).id;
  // Two spellings of one service, the first used twice; another service; one in another area.
  ids.first = await involve(ids.child, AREA, 'Health visiting', ids.trust);
  ids.second = await involve(ids.child, AREA, '  health   VISITING ', ids.trust);
  ids.third = await involve(ids.child, AREA, 'Health visiting', ids.trust);
  ids.sexualHealth = await involve(ids.child, AREA, 'Sexual health', ids.trust, true);
  ids.creator = await involve(ids.child, AREA, 'Added the child to the index', ids.council);
  ids.otherArea = await involve(ids.otherChild, OTHER, 'health visiting', ids.otherOrg);
  ids.assessment = (
    await one<{ id: string }>(
      db,
      `INSERT INTO common_assessment (area_code, child_id, form_code, form_version, assessor_user_id, assessor_name, assessor_organisation_id,
         assessor_organisation_name, assessor_service)
       VALUES ($1, $2, 'caf-national', '2006', $3, 'Hana Visser', $4, 'Mergeshire Primary Care Trust', 'HEALTH VISITING') RETURNING id`,
      [AREA, ids.child, ids.user, ids.trust],
    )
  ).id;
  ids.referral = (
    await one<{ id: string }>(
      db,
      `INSERT INTO referral (area_code, assessment_id, assessment_version, to_organisation_id, to_service, reason, level_sought,
         sent_by, acknowledge_by)
       VALUES ($1, $2, 1, $3, 'Children’s social care ', 'Worried', 'acute/specialist', $4, '2024-02-01') RETURNING id`,
      [AREA, ids.assessment, ids.council, ids.user],
    )
  ).id;
  await migrate(db);
}, 120_000);
afterAll(async () => target?.drop());

describe('migration 0029', () => {
  it('makes one service of each name, spelled as it was most often, per area', async () => {
    const rows = await target.db.query<{ area_code: string; name: string; organisation_id: string | null; sensitive: boolean }>(
      'SELECT area_code, name, organisation_id, sensitive FROM area_service ORDER BY area_code, name',
    );
    expect(rows).toEqual([
      { area_code: AREA, name: 'Children’s social care', organisation_id: ids.council, sensitive: false },
      { area_code: AREA, name: 'Health visiting', organisation_id: ids.trust, sensitive: false },
      { area_code: AREA, name: 'Sexual health', organisation_id: ids.trust, sensitive: true },
      { area_code: OTHER, name: 'health visiting', organisation_id: ids.otherOrg, sensitive: false },
    ]);
  });

  it('points both spellings at the one service and writes its name', async () => {
    const rows = await target.db.query<{ id: string; service: string; service_id: string | null; name: string | null }>(
      `SELECT i.id, i.service, i.service_id, s.name FROM involvement i LEFT JOIN area_service s ON s.id = i.service_id
        WHERE i.id = ANY ($1::uuid[])`,
      [[ids.first, ids.second, ids.third]],
    );
    expect(new Set(rows.map((r) => r.service_id)).size).toBe(1);
    expect(rows.every((r) => r.service === 'Health visiting' && r.name === 'Health visiting')).toBe(true);
    const creator = await one<{ service_id: string | null; service: string }>(target.db, 'SELECT service_id, service FROM involvement WHERE id = $1', [
      ids.creator,
    ]);
    expect(creator).toEqual({ service_id: null, service: 'Added the child to the index' });
  });

  it('gives the assessment and the referral their service, so counts group them as one', async () => {
    const assessment = await one<{ assessor_service_id: string; assessor_service: string }>(
      target.db,
      'SELECT assessor_service_id, assessor_service FROM common_assessment WHERE id = $1',
      [ids.assessment],
    );
    const visiting = await one<{ service_id: string }>(target.db, 'SELECT service_id FROM involvement WHERE id = $1', [ids.first]);
    expect(assessment).toEqual({ assessor_service_id: visiting.service_id, assessor_service: 'Health visiting' });
    const referral = await one<{ to_service: string; to_service_id: string }>(
      target.db,
      'SELECT to_service, to_service_id FROM referral WHERE id = $1',
      [ids.referral],
    );
    expect(referral.to_service).toBe('Children’s social care');
    const counted = await target.db.query<{ service_id: string; n: number }>(
      `SELECT service_id, count(*)::int AS n FROM involvement WHERE area_code = $1 AND service_id IS NOT NULL GROUP BY service_id`,
      [AREA],
    );
    expect(counted.map((c) => c.n).sort()).toEqual([1, 3]);
  });

  it('refuses a second service of the same name once case-folded, and a record naming another area’s service', async () => {
    await expect(
      target.db.query(`INSERT INTO area_service (area_code, name, created_at, changed_at) VALUES ($1, 'HEALTH  Visiting', now(), now())`, [AREA]),
    ).rejects.toThrow(/area_service_name_unique/);
    const other = await one<{ id: string }>(target.db, 'SELECT id FROM area_service WHERE area_code = $1', [OTHER]);
    await expect(target.db.query('UPDATE involvement SET service_id = $2 WHERE id = $1', [ids.first, other.id])).rejects.toThrow(
      /involvement_service_of_area/,
    );
  });
});
