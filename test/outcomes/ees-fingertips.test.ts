import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { saveMapping } from '../../src/outcomes/mappings-sql.js';
import { findIndicatorByCode } from '../../src/outcomes/repository.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** Explore Education Statistics and Fingertips files imported unchanged, with their awkward corners (issue 15 item 1). */

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'outcomes', name);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

async function tx<T>(work: Parameters<TestDb['db']['transaction']>[0]): Promise<T> {
  return (await t.db.transaction(work)) as T;
}

const KS2 = {
  source: 'ees' as const,
  slug: 'key-stage-2-attainment',
  name: 'Key stage 2 attainment',
  measures: [{ column: 'pt_rwm_met_expected_standard', indicator: 'NI 73' }],
  filters: [
    { column: 'characteristic', total: 'Total', groups: [{ value: 'FSM eligible', group: 'fsm' as const }] },
    { column: 'sex', total: 'Total', groups: [{ value: 'Girls', group: 'female' as const }] },
  ],
};

async function values(code: string) {
  const indicator = await findIndicatorByCode(t.db, code, null);
  return t.db.query<{
    area_code: string;
    group_code: string;
    period_label: string;
    period_end: string;
    value: string | null;
    status: string;
    value_note: string | null;
  }>(
    `SELECT area_code, group_code, period_label, period_end::text, value::text, status, value_note
       FROM indicator_value WHERE indicator_id = $1 ORDER BY period_label, area_code, group_code`,
    [indicator?.id],
  );
}

describe('Explore Education Statistics tidy files', () => {
  it('refuses a file with no saved mapping, with a fault that links to the mapping page', async () => {
    const report = await importIndicatorValues(t.db, { file: fixture('ees-ks2-attainment.csv') });
    expect(report.status).toBe('rejected');
    expect(report.faults).toHaveLength(1);
    const [fault] = report.faults;
    expect(fault?.kind).toBe('no_mapping');
    expect(fault?.href).toBe(
      `/outcomes/import/mappings/new?source=ees&columns=${encodeURIComponent('characteristic,sex,pt_rwm_met_expected_standard,t_eligible_pupils')}`,
    );
  });

  it('imports with the saved mapping: totals as all children, mapped breakdowns as groups, other levels and breakdowns skipped and counted', async () => {
    await tx(async (x) => saveMapping(x, KS2, 'test'));
    const report = await importIndicatorValues(t.db, { file: fixture('ees-ks2-attainment.csv') });
    expect(report.faults).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', layout: 'ees', rows: 13, values: 10 });
    expect(report.skipped).toEqual([
      { reason: 'characteristic not Total', rows: 1 },
      { reason: 'geographic level Local authority district', rows: 1 },
      { reason: 'geographic level School', rows: 1 },
    ]);
    expect((await values('NI 73')).map((v) => [v.period_label, v.area_code, v.group_code, v.value, v.status, v.value_note])).toEqual([
      ['2019-20', 'E10000008', 'all', null, 'missing', 'x: not available'],
      ['2020-21', 'E10000008', 'all', null, 'not applicable', 'z: not applicable'],
      ['2021-22', 'E10000008', 'all', null, 'suppressed', 'low: rounds to 0 but is not 0'],
      ['2022-23', 'E06000023', 'all', '56', 'value', null],
      ['2022-23', 'E06000023', 'female', '60', 'value', null],
      ['2022-23', 'E06000023', 'fsm', '40', 'value', null],
      // Devon's row has no new_la_code: found by its DfE number, 878.
      ['2022-23', 'E10000008', 'all', null, 'suppressed', 'c: confidential, withheld by the publisher'],
      ['2022-23', 'E10000016', 'all', null, 'suppressed', 'u: low reliability, withheld by the publisher'],
      ['2022-23', 'E12000009', 'all', '57', 'value', null],
      ['2022-23', 'E92000001', 'all', '59', 'value', null],
    ]);
  });

  it('reuses the mapping next time, and reads the file compressed (.csv.gz) the same', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ees-'));
    const gz = path.join(dir, 'ks2.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(fixture('ees-ks2-attainment.csv'))));
    const report = await importIndicatorValues(t.db, { file: gz });
    expect(report).toMatchObject({ status: 'imported', layout: 'ees', values: 10, created: 0, unchanged: 10 });
  });

  it('refuses a time identifier it does not read, by name, and a period that does not match it', async () => {
    const csv = [
      'time_period,time_identifier,geographic_level,country_code,characteristic,sex,pt_rwm_met_expected_standard',
      '2023,Spring term,National,E92000001,Total,Total,50',
      '2023,Academic year,National,E92000001,Total,Total,50',
      '202223,Financial year,National,E92000001,Total,Total,50',
      '202224,Academic year,National,E92000001,Total,Total,50',
    ].join('\n');
    const report = await importIndicatorValues(t.db, { csvText: csv });
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => [f.line, f.column, f.kind])).toEqual([
      [2, 'time_identifier', 'unsupported_time'],
      [3, 'time_period', 'bad_period'],
      [4, 'time_identifier', 'wrong_period_type'],
      [5, 'time_period', 'bad_period'],
    ]);
    expect(report.faults[0]?.reason).toContain('"Spring term"');
  });

  it('names the line and the column of a value it cannot read', async () => {
    const csv = [
      'time_period,time_identifier,geographic_level,country_code,new_la_code,characteristic,sex,pt_rwm_met_expected_standard',
      '202223,Academic year,National,E92000001,,Total,Total,fifty',
      '202223,Academic year,Local authority,E92000001,E99999999,Total,Total,50',
    ].join('\n');
    const report = await importIndicatorValues(t.db, { csvText: csv });
    expect(report.faults.map((f) => [f.line, f.column, f.kind])).toEqual([
      [2, 'pt_rwm_met_expected_standard', 'bad_value'],
      [3, 'new_la_code', 'unknown_area'],
    ]);
  });
});

describe('OHID Fingertips exports', () => {
  it('asks for a mapping of each Fingertips indicator ID it does not know', async () => {
    const report = await importIndicatorValues(t.db, { file: fixture('fingertips-export.csv') });
    expect(report.status).toBe('rejected');
    expect(report.layout).toBe('fingertips');
    expect(new Set(report.faults.map((f) => f.kind))).toEqual(new Set(['no_mapping']));
    expect(report.faults[0]?.href).toBe('/outcomes/import/mappings/new?source=fingertips&columns=90323');
  });

  it('imports values with their published confidence intervals, counts and notes; other area types, categories skipped', async () => {
    await tx(async (x) =>
      saveMapping(
        x,
        {
          source: 'fingertips',
          slug: 'fingertips',
          name: 'Fingertips indicators',
          measures: [
            { column: '90323', indicator: 'NI 56' },
            { column: '20401', indicator: 'NI 112' },
          ],
          filters: [],
        },
        'test',
      ),
    );
    const report = await importIndicatorValues(t.db, { file: fixture('fingertips-export.csv') });
    expect(report.faults).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', layout: 'fingertips', rows: 11, values: 8 });
    expect(report.skipped).toEqual([
      { reason: 'a category (such as a deprivation decile)', rows: 1 },
      { reason: 'area type Districts & UAs (from Apr 2023)', rows: 1 },
      { reason: 'area type ICBs (from Apr 2023)', rows: 1 },
    ]);
    const indicator = await findIndicatorByCode(t.db, 'NI 56', null);
    const [bristol] = await t.db.query<Record<string, string | null>>(
      `SELECT value::text, ci95_lower::text, ci95_upper::text, ci998_lower::text, ci998_upper::text, numerator::text, denominator::text, period_kind
         FROM indicator_value WHERE indicator_id = $1 AND area_code = 'E06000023' AND group_code = 'all' AND period_label = '2022-23'`,
      [indicator?.id],
    );
    expect(bristol).toEqual({
      value: '23.1',
      ci95_lower: '21.8',
      ci95_upper: '24.4',
      ci998_lower: '21.2',
      ci998_upper: '25.1',
      numerator: '900',
      denominator: '3900',
      period_kind: 'academic year',
    });
    const ni56 = await values('NI 56');
    expect(ni56.find((v) => v.area_code === 'E10000008')).toMatchObject({ status: 'suppressed', value: null });
    expect(ni56.filter((v) => v.group_code === 'male').map((v) => v.area_code)).toEqual(['E06000023']);
    // A three-year rolling period keeps its own end.
    const ni112 = await values('NI 112');
    expect(ni112.map((v) => [v.period_label, v.area_code, v.group_code, v.period_end, v.value_note])).toEqual([
      ['2020-22', 'E06000023', 'female', '2022-12-31', 'Aggregated from all known lower geography values'],
      ['2021', 'E92000001', 'female', '2021-12-31', null],
    ]);
  });
});

describe('the command line', () => {
  it('imports a .csv.gz and says which rows it skipped and why', async () => {
    const { runIndicatorImport } = await import('../../src/outcomes/import-cli.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ees-cli-'));
    const gz = path.join(dir, 'fingertips.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(fixture('fingertips-export.csv'))));
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      expect(await runIndicatorImport(t.db, gz, {})).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines.join('\n')).toContain('read as the OHID Fingertips export');
    expect(lines.join('\n')).toMatch(/rows skipped +1 {2}\(area type ICBs \(from Apr 2023\)\)/);
  });
});
