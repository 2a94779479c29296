import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../../src/outcomes/catalogue/service.js';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { findIndicatorByCode } from '../../src/outcomes/repository.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const fixture = (name: string) => `test/fixtures/lait/${name}`;
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEADER = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const catalogue = await importCatalogue(t.db, { file: fixture('data-dictionary.csv') });
  expect(catalogue).toMatchObject({ status: 'imported', created: 5, updated: 0, faults: [] });
});
afterAll(async () => t?.close());

interface Held {
  area_code: string;
  period_label: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  value: string | null;
  status: string;
  revision: string | null;
}
async function held(code: string): Promise<Held[]> {
  return t.db.query<Held>(
    `SELECT v.area_code, v.period_label, v.period_kind, v.period_start::text, v.period_end::text, v.value::text, v.status, v.revision
       FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
      WHERE i.code = $1 ORDER BY v.period_start, v.area_code, v.period_end`,
    [code],
  );
}

describe('the LAIT long file', () => {
  it('imports the fixture unchanged: every period form, marker, area kind and E-notation', async () => {
    const report = await importIndicatorValues(t.db, { file: fixture('long.csv') });
    expect(report.faults).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', layout: 'lait-long', rows: 14, values: 14, created: 14 });
    expect(report.layoutWords).toMatch(/^LAIT long file/);
    // A single year on an academic-year measure is the year ending in it (2016 is 2015-16), never the calendar year.
    const ks2 = await held('KS2_RWM_EXP_PCT');
    expect(
      ks2.map((r) => [r.area_code, r.period_label, r.period_kind, r.period_start, r.period_end, r.value, r.status, r.revision]),
    ).toEqual([
      ['E10000008', '2015-16', 'academic year', '2015-09-01', '2016-08-31', null, 'missing', null], // Devon by LA number 878; "-" is not available
      ['E10000016', '2015-16', 'academic year', '2015-09-01', '2016-08-31', '61', 'value', null], // Kent by 886
      ['E12000008', '2015-16', 'academic year', '2015-09-01', '2016-08-31', '55', 'value', null], // the South East by name
      ['E92000001', '2015-16', 'academic year', '2015-09-01', '2016-08-31', '53', 'value', null], // England by name
      ['E10000016', '2016-17', 'academic year', '2016-09-01', '2017-08-31', '63', 'value', 'provisional'],
      ['E10000016', '2017-18', 'academic year', '2017-09-01', '2018-08-31', '65', 'value', 'revised'],
    ]);
    expect((await held('CLA_COST_WEEK')).map((r) => [r.period_label, r.value, r.revision])).toEqual([['2015-16', '1034', 'revised']]);
    expect((await held('CLA_RATE (per 10k)')).map((r) => [r.area_code, r.period_label, r.period_kind, r.value, r.revision])).toEqual([
      ['E10000016', '2014-15', 'financial year', '48.5', null],
      ['E92000001', '2014-15', 'financial year', '60', 'final'],
      ['E10000016', '2015-16', 'financial year', '50.25', 'final'],
    ]);
    expect((await held('U18_CONC [rolling]')).map((r) => [r.period_label, r.period_kind, r.period_start, r.period_end])).toEqual([
      ['2014', 'calendar year', '2014-01-01', '2014-12-31'],
      ['2014-16', 'rolling years', '2014-01-01', '2016-12-31'],
    ]);
    expect((await held('FSM_SHARE')).map((r) => [r.area_code, r.period_label, r.period_kind, r.period_end, Number(r.value)])).toEqual([
      ['E06000023', '2014-15 to 2016-17', 'rolling years', '2017-08-31', 0.04798],
      ['E10000016', '2014-15 to 2016-17', 'rolling years', '2017-08-31', 0.1374],
    ]);
  });

  it('replaces provisional by revised by final, records each change, and keeps a final against a later provisional', async () => {
    const file = (years: string, value: string) => csv(HEADER, `CLA rate,CLA_RATE (per 10k),${years},Medway,${value},887,South East`);
    for (const [years, value] of [
      ['2016-17 (prov)', '40'],
      ['2016-17 (Rev)', '41'],
      ['2016/17 (Final)', '42'],
    ] as const) {
      expect(await importIndicatorValues(t.db, { csvText: file(years, value) })).toMatchObject({
        status: 'imported',
        values: 1,
        notReplaced: [],
      });
    }
    const late = await importIndicatorValues(t.db, { csvText: file('2016-17 (prov)', '39') });
    expect(late).toMatchObject({ status: 'imported', values: 0, created: 0, replaced: 0 });
    expect(late.notReplaced).toEqual([
      {
        line: 2,
        column: 'Values',
        reason: 'Not replaced: the provisional value for 2016-17 is older than the final one held, which is kept',
      },
    ]);
    const [value] = (await held('CLA_RATE (per 10k)')).filter((r) => r.area_code === 'E06000035');
    expect(value).toMatchObject({ value: '42', revision: 'final' });
    const changes = await t.db.query<{ value_before: string; value_after: string; revision_before: string; revision_after: string }>(
      `SELECT value_before::text, value_after::text, revision_before, revision_after FROM indicator_value_change
        WHERE area_code = 'E06000035' ORDER BY changed_at, value_before`,
    );
    expect(changes.map((c) => [c.revision_before, c.value_before, c.revision_after, c.value_after])).toEqual([
      ['provisional', '40', 'revised', '41'],
      ['revised', '41', 'final', '42'],
    ]);
  });

  it('files an LA number several codes carried under the code in use in the row’s period, else the newest', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        HEADER,
        'CLA rate,CLA_RATE (per 10k),2011-12,Northumberland,55,929,North East',
        'CLA rate,CLA_RATE (per 10k),2015/16,Northumberland,61,929,North East',
        'CLA rate,CLA_RATE (per 10k),2018-19,Buckinghamshire,38,825,South East',
        'CLA rate,CLA_RATE (per 10k),2021-22,Buckinghamshire,40,825,South East',
      ),
    });
    expect(report.faults).toEqual([]);
    const rows = (await held('CLA_RATE (per 10k)')).filter((r) =>
      ['E06000048', 'E06000057', 'E10000002', 'E06000060'].includes(r.area_code),
    );
    expect(rows.map((r) => [r.area_code, r.period_label, r.value])).toEqual([
      ['E06000048', '2011-12', '55'], // Northumberland before the 2013 recode
      ['E06000057', '2015-16', '61'],
      ['E10000002', '2018-19', '38'], // Buckinghamshire the county, before the 2020 unitary
      ['E06000060', '2021-22', '40'],
    ]);
  });

  it('names the line and column of a bad period, value or area, and imports nothing', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        HEADER,
        'x,KS2_RWM_EXP_PCT,2016 (draft),Kent,61,886,South East',
        'x,KS2_RWM_EXP_PCT,2016-19/20,Kent,61,886,South East',
        'x,KS2_RWM_EXP_PCT,2016,Kent,n/a,886,South East',
        'x,KS2_RWM_EXP_PCT,2016,Kent,61,999,South East',
        'x,KS2_RWM_EXP_PCT,2016,Atlantis,61,,',
        'x,KS2_RWM_EXP_PCT,2016,Kent,61,88,South East',
        'x,U18_CONC [rolling],2014-15,Kent,18,886,South East',
        'x,NO_SUCH,2016,Kent,1,886,South East',
      ),
    });
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => [f.line, f.column, f.kind])).toEqual([
      [2, 'Years', 'bad_period'],
      [3, 'Years', 'bad_period'],
      [4, 'Values', 'bad_value'],
      [5, 'LA Number', 'unknown_area'],
      [6, 'LA and Regions', 'unknown_area'],
      [7, 'LA Number', 'unknown_area'],
      [8, 'Years', 'wrong_period_type'],
      [9, 'Data item', 'unknown_indicator'],
    ]);
    expect(report.faults[0]?.reason).toMatch(/"\(draft\)" after the period is not a revision status/);
    expect(report.faults[2]?.reason).toMatch(/"n\/a" is not a number or a missing-value marker \("-" \(not available\)/);
  });
});

describe('the LAIT data dictionary', () => {
  it('keeps the publisher’s codes, units, year types and decimals as given, and maps topics to aims', async () => {
    const ks2 = await findIndicatorByCode(t.db, 'KS2_RWM_EXP_PCT', null);
    expect(ks2).toMatchObject({
      unit: 'percentage',
      polarity: 'higher is better',
      frequency: 'academic year',
      decimals: 0,
      aimCodes: ['enjoy-and-achieve.3'],
    });
    const cla = await findIndicatorByCode(t.db, 'CLA_RATE (per 10k)', null);
    expect(cla).toMatchObject({ unit: 'rate per 10,000', polarity: 'no judgement', frequency: 'financial year', decimals: null });
    expect(await findIndicatorByCode(t.db, 'CLA_COST_WEEK', null)).toMatchObject({ unit: '£ per week', frequency: 'financial year' });
    expect(await findIndicatorByCode(t.db, 'U18_CONC [rolling]', null)).toMatchObject({ frequency: 'annual', unit: 'rate per 1,000' });
  });

  it('updates what changed in one go, and says what was created, updated and unchanged', async () => {
    const text = fs
      .readFileSync(fixture('data-dictionary.csv'), 'utf8')
      .replace('High,Percentage,Academic,0', 'High,Percentage,Academic,1');
    const report = await importCatalogue(t.db, {
      csvText: `${text}NEW_ONE,A new measure,Youth justice,Low,"Rate per 100,000",Financial,0,YJB\n`,
    });
    expect(report).toMatchObject({ status: 'imported', created: 1, updated: 1, unchanged: 4 });
    expect(await findIndicatorByCode(t.db, 'KS2_RWM_EXP_PCT', null)).toMatchObject({ decimals: 1 });
    // Youth justice counts children's offending: make-a-positive-contribution.2 (migration 0047 took away stay-safe.4).
    expect((await findIndicatorByCode(t.db, 'NEW_ONE', null))?.aimCodes).toEqual(['make-a-positive-contribution.2']);
  });

  it('refuses a dictionary with faults by line and column, changing nothing', async () => {
    const report = await importCatalogue(t.db, {
      csvText: csv(
        'Measure code,Description,Topic,Polarity,Unit,Year type,Decimals,Source',
        'OK_ONE,Fine,Health,High,Percentage,Academic,0,x',
        'BAD_ONE,,Health,Up,Furlongs,Lunar,7,x',
        'ok_one,Again,Health,High,Percentage,Academic,0,x',
      ),
    });
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => [f.line, f.column, f.kind])).toEqual([
      [3, 'Description', 'blank_description'],
      [3, 'Polarity', 'bad_polarity'],
      [3, 'Unit', 'bad_unit'],
      [3, 'Year type', 'bad_year_type'],
      [3, 'Decimals', 'bad_decimals'],
      [4, 'Measure code', 'repeated_value'],
    ]);
    expect(await findIndicatorByCode(t.db, 'OK_ONE', null)).toBeUndefined();
  });
});
