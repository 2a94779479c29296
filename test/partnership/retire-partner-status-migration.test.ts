import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnershipService } from '../../src/partnership/index.js';
import type { Db } from '../../src/platform/db.js';
import { migrate, readMigrations } from '../../src/platform/migrate.js';
import { createEmptyDb } from '../helpers/db.js';

/**
 * Migration 0021 drops organisation.partner_status and organisation.statutory_basis. What only they
 * held is first carried into duty_code and inclusion_reason: rows from before 0014 (which mapped only the
 * lead authority to a duty) and a row the product wrote between 0014 and 0021.
 */

const DUTIES_MIGRATION = '0014_partner_duties.sql';
const RETIRING_MIGRATION = '0021_retire_partner_status.sql';
const COUNTY = 'E10000901';
const UNITARY = 'E06000904';
let target: { db: Db; drop(): Promise<void> };

const upTo = (name: string) => {
  const all = readMigrations();
  const at = all.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`no migration ${name}`);
  return all.slice(0, at);
};

beforeAll(async () => {
  target = await createEmptyDb();
  const { db } = target;
  await migrate(db, upTo(DUTIES_MIGRATION));
  await db.query(`INSERT INTO area (code, name, kind) VALUES ($1, 'Countyshire', 'county'), ($2, 'Unitaryshire', 'unitary')`, [
    COUNTY,
    UNITARY,
  ]);
  const before14 = [
    [COUNTY, 'Countyshire County Council', 'local authority', 'lead authority', 'Leads the arrangements (s10(1))', ''],
    [COUNTY, 'Countyshire Police Authority', 'police', 'relevant partner', '', ''],
    [COUNTY, 'Ashdown District Council', 'district council', 'relevant partner', 'Two-tier district', ''],
    [UNITARY, 'Unitaryshire District Council', 'district council', 'relevant partner', '', ''],
    [COUNTY, 'Countyshire Academy', 'school', 'relevant partner', 'An academy in the area', ''],
    [COUNTY, 'Family Support', 'voluntary and community', 'other partner', 'Family support provider', 'Countyshire and Northmoor'],
  ];
  for (const row of before14) {
    await db.query(
      `INSERT INTO organisation (area_code, name, sector, partner_status, statutory_basis, coverage) VALUES ($1, $2, $3, $4, $5, $6)`,
      row,
    );
  }
  await migrate(db, upTo(RETIRING_MIGRATION));
  // As the product wrote a partner between 0014 and 0021: the status from the duty's kind, the basis from its words.
  await db.query(
    `INSERT INTO organisation (area_code, name, sector, partner_status, statutory_basis, organisation_type, duty_code)
     VALUES ($1, 'Countyshire Probation Board', 'probation', 'relevant partner',
             'Children Act 2004 s10(4)(c): Local probation board', 'Local probation board', 's10-4-c')`,
    [COUNTY],
  );
  await migrate(db);
}, 120_000);
afterAll(async () => target?.drop());

describe('migration 0021', () => {
  it('drops the old columns and their CHECK', async () => {
    const columns = await target.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'organisation' AND column_name IN ('partner_status', 'statutory_basis', 'coverage')`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['coverage']);
    const checks = await target.db.query(`SELECT 1 FROM pg_constraint WHERE conname = 'organisation_partner_status_known'`);
    expect(checks).toEqual([]);
  });

  it('keeps each status as a duty, or in words where the duty cannot be told, and each statutory basis', async () => {
    const rows = await target.db.query<{ name: string; duty_code: string | null; inclusion_reason: string; coverage: string; coverage_kind: string }>(
      'SELECT name, duty_code, inclusion_reason, coverage, coverage_kind FROM organisation ORDER BY name',
    );
    const by = (name: string) => rows.find((r) => r.name === name);
    expect(by('Countyshire County Council')).toMatchObject({ duty_code: 's10-1', inclusion_reason: 'Leads the arrangements (s10(1))' });
    expect(by('Countyshire Police Authority')).toMatchObject({
      duty_code: 's10-4-b',
      inclusion_reason: expect.stringMatching(/^Registered as a relevant partner before duties were kept; the duty is the one/),
    });
    expect(by('Ashdown District Council')).toMatchObject({ duty_code: 's10-4-a', inclusion_reason: 'Two-tier district' });
    // s10(4)(a) reaches only a district council in a county (two-tier) area.
    expect(by('Unitaryshire District Council')).toMatchObject({
      duty_code: null,
      inclusion_reason: 'Registered as a relevant partner before duties were kept (migration 0021): record the duty that brings it in',
    });
    // A school may be under s10(4)(fa), (fb) or (fc): the area chooses.
    expect(by('Countyshire Academy')).toMatchObject({
      duty_code: null,
      inclusion_reason: 'An academy in the area (registered as a relevant partner before duties were kept, migration 0021)',
    });
    expect(by('Family Support')).toMatchObject({
      duty_code: null,
      inclusion_reason: 'Family support provider',
      coverage: 'Countyshire and Northmoor',
      coverage_kind: 'beyond the area',
    });
    // Written by the product since 0014: the basis was the duty's own words, so nothing is added.
    expect(by('Countyshire Probation Board')).toMatchObject({ duty_code: 's10-4-c', inclusion_reason: '' });
  });

  it('derives each status from the duty as at the day shown', async () => {
    const partnership = partnershipService({ db: target.db });
    const status = async (day: string) =>
      Object.fromEntries((await partnership.areaOverview(COUNTY, day)).organisations.map((o) => [o.name, o.statusOnDate]));
    // Police authorities were relevant partners until 21 November 2012 (statutory_duty s10-4-b).
    expect(await status('2006-06-01')).toEqual({
      'Countyshire County Council': 'lead authority',
      'Ashdown District Council': 'relevant partner',
      'Countyshire Police Authority': 'relevant partner',
      'Countyshire Probation Board': 'relevant partner',
      'Countyshire Academy': 'other partner',
      'Family Support': 'other partner',
    });
    expect((await status('2013-06-01'))['Countyshire Police Authority']).toBe('other partner');
    const overview = await partnership.areaOverview(COUNTY, '2006-06-01');
    expect(overview.organisations.map((o) => o.statusOnDate)).toEqual([
      'lead authority',
      'relevant partner',
      'relevant partner',
      'relevant partner',
      'other partner',
      'other partner',
    ]);
    expect(overview.counts).toEqual({ relevantPartners: 3, otherPartners: 2 });
  });
});
