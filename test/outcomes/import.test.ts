import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runIndicatorImport } from '../../src/outcomes/import-cli.js';
import { faultsCsv, importIndicatorValues } from '../../src/outcomes/import.js';
import { findIndicatorByCode, listValueSeries } from '../../src/outcomes/repository.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  // The demo area is not a reference area: values for it are accepted because it is installed.
  await t.db.query(`INSERT INTO area (code, name, kind, region) VALUES ('E10000099', 'Kestrelshire', 'county', 'South West')`);
});
afterAll(async () => t?.close());

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

async function idOf(code: string): Promise<string> {
  const indicator = await findIndicatorByCode(t.db, code, null);
  if (!indicator) throw new Error(`no ${code}`);
  return indicator.id;
}

async function valuesOf(code: string, areas: string[], groups: ('all' | 'fsm' | 'looked-after')[] = ['all']) {
  return listValueSeries(t.db, { indicatorId: await idOf(code), areaCodes: areas, groups });
}

const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0]?.n ?? -1;

describe('importing indicator values', () => {
  it('reads the long layout with groups, numerators and denominators', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        'indicator,area,area_name,group,period,value,numerator,denominator',
        'NI 73,E10000099,Kestrelshire,,2005-06,78,780,1000',
        'ni73,E10000099,Kestrelshire,fsm,2005/06,55.5,,',
        'NI 73,E92000001,England,All children,2005-06,75.5,,',
      ),
      fileName: 'ks2.csv',
    });
    expect(report).toMatchObject({ status: 'imported', layout: 'long', rows: 3, values: 3, created: 3, replaced: 0, faults: [] });
    const values = await valuesOf('NI 73', ['E10000099', 'E92000001'], ['all', 'fsm']);
    expect(values.map((v) => [v.areaCode, v.group, v.period.label, v.period.kind, v.value, v.numerator, v.denominator])).toEqual([
      ['E10000099', 'all', '2005-06', 'academic year', 78, 780, 1000],
      ['E92000001', 'all', '2005-06', 'academic year', 75.5, null, null],
      ['E10000099', 'fsm', '2005-06', 'academic year', 55.5, null, null],
    ]);
  });

  it('reads the wide layout, one column per period, as 004 Table 8.1 prints it', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        'indicator,area,2000-01,2001-02,2002-03,2003-04,2004-05,2005-06',
        'EX62,E10000099,314.96,313.19,227.94,276.36,307.83,missing',
        'EX62,E92000001,138.22,145.87,154.73,170.01,180.20,204.87',
      ),
    });
    expect(report).toMatchObject({ status: 'imported', layout: 'wide', rows: 2, values: 12, created: 12 });
    expect(report.layoutWords).toBe('wide layout (one column a period)');
    const area = (await valuesOf('EX62', ['E10000099'])).map((v) => [v.period.label, v.period.start, v.value, v.status]);
    expect(area[0]).toEqual(['2000-01', '2000-04-01', 314.96, 'value']);
    expect(area[5]).toEqual(['2005-06', '2005-04-01', null, 'missing']);
  });

  it('keeps every missing-value marker missing, never zero', async () => {
    const markers = {
      missing: 'missing',
      x: 'suppressed',
      '..': 'missing',
      c: 'suppressed',
      '-': 'not applicable',
      ':': 'missing',
      '': 'missing',
      'n/a': 'not applicable',
    };
    // NI 111 is counted by financial year, so its periods are written 2000-01, 2001-02, ...
    const lines = Object.keys(markers).map((m, i) => `NI 111,E06000001,${2000 + i}-${String(1 + i).padStart(2, '0')},${m}`);
    const report = await importIndicatorValues(t.db, { csvText: csv('indicator,area,period,value', ...lines) });
    expect(report).toMatchObject({ status: 'imported', values: 8 });
    const values = await valuesOf('NI 111', ['E06000001']);
    expect(values.map((v) => [v.value, v.status])).toEqual(Object.values(markers).map((status) => [null, status]));
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code = 'E06000001' AND value = 0`)).toBe(0);
  });

  it('refuses a file with faults, listing every one by line and column, and imports nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM indicator_value');
    const imports = await count('SELECT count(*)::int AS n FROM indicator_import');
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        'indicator,area,period,value',
        'NI 56,E06000002,2006-07,18.2',
        'NI 999,E06000002,2006-07,18.2',
        'NI 56,E99999999,March 2007,lots',
        'NI 56,E06000002,2006-07,19.0',
        'NI 56,E06000002',
      ),
    });
    expect(report.status).toBe('rejected');
    expect(report.faults).toEqual([
      { line: 3, column: 'indicator', kind: 'unknown_indicator', reason: '"NI 999" is not an indicator in the catalogue' },
      {
        line: 4,
        column: 'area',
        kind: 'unknown_area',
        reason: expect.stringMatching(/Column "area" expects the ONS code .*; "E99999999" is not the code/),
      },
      { line: 4, column: 'period', kind: 'bad_period', reason: expect.stringMatching(/"March 2007" is not a period/) },
      { line: 4, column: 'value', kind: 'bad_value', reason: expect.stringMatching(/"lots" is not a number or a missing-value marker/) },
      {
        line: 5,
        column: 'value',
        kind: 'repeated_value',
        reason: 'This value (same indicator, area, group and period) was already given on line 2',
      },
      { line: 6, column: '', kind: 'row_length', reason: 'The row has 2 values but the header has 4 columns' },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM indicator_value')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM indicator_import')).toBe(imports);
    const [audit] = await t.db.query<{ outcome: string; details: { faults: number } }>(
      `SELECT outcome, details FROM audit_event WHERE action = 'indicators.imported' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ outcome: 'failure', details: { faults: 6 } });
    expect(faultsCsv(report).split('\n')[1]).toBe('3,indicator,"""NI 999"" is not an indicator in the catalogue"');
  });

  it('refuses a header it cannot read, even when good rows are wanted', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv('indicator,area,colour', 'NI 56,E06000002,red'),
      importGoodRows: true,
    });
    expect(report).toMatchObject({ status: 'rejected', layout: null });
    expect(report.faults).toEqual([
      {
        line: 1,
        column: 'colour',
        kind: 'bad_period_column',
        reason: expect.stringMatching(/each column after indicator, area and group is a period/),
      },
    ]);
  });

  it('lists a badly quoted line as a fault of the file, naming its line, never failing with an error', async () => {
    const before = await count('SELECT count(*)::int AS n FROM indicator_value');
    const report = await importIndicatorValues(t.db, {
      csvText: csv('indicator,area,period,value', 'NI 73,E10000099,2006-07,"7"9', 'NI 73,E10000099,2007-08,80', 'NI 73,"E10000099,2008-09,81'),
    });
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => [f.line, f.kind])).toEqual([
      [2, 'csv_format'],
      [4, 'csv_format'],
    ]);
    expect(report.faults[0]?.reason).toMatch(/Text follows a closing double quote/);
    expect(report.faults[1]?.reason).toMatch(/never closed/);
    expect(await count('SELECT count(*)::int AS n FROM indicator_value')).toBe(before);
  });

  it('imports the good rows when asked, and lists the rest', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        'indicator,area,period,value',
        'NI 87,E06000003,2006-07,6.1',
        'NI 87,E06000003,2007-08,lots',
        'NI 87,E06000003,2008-09,5.2',
      ),
      importGoodRows: true,
    });
    expect(report).toMatchObject({ status: 'imported', values: 2, created: 2, faults: [{ line: 3, column: 'value' }] });
    expect((await valuesOf('NI 87', ['E06000003'])).map((v) => v.period.label)).toEqual(['2006-07', '2008-09']);
    const [row] = await t.db.query<{ faults: number; values_created: number }>(
      'SELECT faults, values_created FROM indicator_import WHERE id = $1',
      [report.importId],
    );
    expect(row).toEqual({ faults: 1, values_created: 2 });
  });

  it('replaces a re-imported period and records each change, before and after', async () => {
    const first = await importIndicatorValues(t.db, {
      csvText: csv('indicator,area,2004-05,2005-06', 'CH39,E06000004,60.73,60.12', 'CH39,E06000005,42.27,x'),
    });
    const second = await importIndicatorValues(t.db, {
      csvText: csv('indicator,area,2005-06', 'CH39,E06000004,60.12', 'CH39,E06000005,39.98'),
    });
    expect(second).toMatchObject({ status: 'imported', created: 0, replaced: 1, unchanged: 1 });
    const changes = await t.db.query(
      `SELECT area_code, period_label, value_before::float8 AS value_before, status_before, value_after::float8 AS value_after, status_after,
              import_id_before, import_id FROM indicator_value_change WHERE import_id = $1`,
      [second.importId],
    );
    expect(changes).toEqual([
      {
        area_code: 'E06000005',
        period_label: '2005-06',
        value_before: null,
        status_before: 'suppressed',
        value_after: 39.98,
        status_after: 'value',
        import_id_before: first.importId,
        import_id: second.importId,
      },
    ]);
    const values = await valuesOf('CH39', ['E06000005']);
    expect(values.map((v) => [v.period.label, v.value])).toEqual([
      ['2004-05', 42.27],
      ['2005-06', 39.98],
    ]);
    const [audit] = await t.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'indicators.imported' AND subject_id = $1`,
      [second.importId],
    );
    expect(audit?.details).toMatchObject({ rows: 2, values: 2, created: 0, replaced: 1, unchanged: 1, faults: 0 });
  });

  it('reads a file from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-indicators-'));
    const file = path.join(dir, 'neet.csv');
    fs.writeFileSync(file, `\uFEFF${csv('Indicator,Area Code,Period,Value', 'NI 117,E06000006,2008,7.4')}`);
    const progress: number[] = [];
    const report = await importIndicatorValues(t.db, { file, onProgress: (p) => progress.push(p.lines) });
    expect(report).toMatchObject({ status: 'imported', file: 'neet.csv', values: 1 });
    expect(progress.at(-1)).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });

  it('prints each kind of fault with its count and first few on screen, and the first 1,000 of each kind to the errors file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-indicators-'));
    const file = path.join(dir, 'faulty.csv');
    const rows = Array.from({ length: 3_000 }, (_, i) => `NO SUCH,E06000006,2008,abc${i}`);
    fs.writeFileSync(file, csv('indicator,area,period,value', ...rows));
    const printed: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => printed.push(String(chunk)) > 0);
    const stdout = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      expect(await runIndicatorImport(t.db, file, {})).toBe(1);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
    const screen = printed.join('');
    expect(screen).toContain('An indicator not in the catalogue: 3,000 faults');
    expect(screen).toContain('... and 2,997 more of this kind');
    expect(screen.split('\n').length).toBeLessThan(20);
    // Bounded: the first 1,000 of each kind, then a line saying how many more there were.
    const listed = fs.readFileSync(path.join(dir, 'faulty.errors.csv'), 'utf8').trim().split('\n');
    expect(listed).toHaveLength(1 + 2_000 + 1);
    expect(listed.at(-1)).toMatch(/and 4,000 more faults not listed here/);
    // A column named like a formula comes out defused in the errors file (platform/csv.ts).
    const formula = path.join(dir, 'formula.csv');
    fs.writeFileSync(formula, csv('indicator,area,"=HYPERLINK(""http://x"",""y"")"', 'NI 117,E06000006,1'));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runIndicatorImport(t.db, formula, {})).toBe(1);
    } finally {
      quiet.mockRestore();
      log.mockRestore();
    }
    expect(fs.readFileSync(path.join(dir, 'formula.errors.csv'), 'utf8').split('\n')[1]).toMatch(
      /^1,"'=HYPERLINK\(""http:\/\/x"",""y""\)",/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});

describe("periods of the indicator's own type (issue 14 item 8)", () => {
  it('refuses annual values for a quarterly indicator (NI 53), naming the row, the column and the rule', async () => {
    const report = await importIndicatorValues(t.db, {
      csvText: csv(
        'indicator,area,period,value',
        'NI 53,E06000007,2008 Q1,45.0',
        'NI 53,E06000007,2008,44.0',
        'NI 53,E06000007,2008-09,43.0',
      ),
    });
    expect(report.status).toBe('rejected');
    expect(report.faults).toEqual([
      {
        line: 3,
        column: 'period',
        kind: 'wrong_period_type',
        reason: expect.stringMatching(/^NI 53 is counted by quarter .*like 2010 Q1.*"2008" is a calendar year$/),
      },
      {
        line: 4,
        column: 'period',
        kind: 'wrong_period_type',
        reason: expect.stringMatching(/"2008-09" is a year spanning two calendar years/),
      },
    ]);
    expect(await valuesOf('NI 53', ['E06000007'])).toEqual([]);
  });

  it('never reads 2010/11 silently for a calendar-year indicator, and reads it by the year type of the others', async () => {
    const refused = await importIndicatorValues(t.db, { csvText: csv('indicator,area,period,value', 'NI 117,E06000007,2010/11,6.1') });
    expect(refused.faults).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'period',
        kind: 'wrong_period_type',
        reason: expect.stringMatching(/NI 117 is counted by calendar year \(annual\).*like 2010 \(a calendar year\)/),
      }),
    ]);
    const wide = await importIndicatorValues(t.db, { csvText: csv('indicator,area,2010/11', 'NI 62,E06000007,9.5', 'NI 73,E06000007,70') });
    expect(wide.status).toBe('imported');
    expect((await valuesOf('NI 62', ['E06000007'])).map((v) => [v.period.label, v.period.kind, v.period.start])).toEqual([
      ['2010-11', 'financial year', '2010-04-01'],
    ]);
    expect((await valuesOf('NI 73', ['E06000007'])).map((v) => [v.period.label, v.period.kind, v.period.start])).toEqual([
      ['2010-11', 'academic year', '2010-09-01'],
    ]);
    const calendarForFinancial = await importIndicatorValues(t.db, {
      csvText: csv('indicator,area,period,value', 'NI 62,E06000007,2010,9'),
    });
    expect(calendarForFinancial.faults[0]?.reason).toMatch(
      /NI 62 is counted by financial year .*like 2010-11 \(the financial year from April 2010\)/,
    );
  });

  it('says which column expects an ONS code when an area is written as its name', async () => {
    const report = await importIndicatorValues(t.db, { csvText: csv('indicator,area_code,period,value', 'NI 117,Kestrelshire,2008,6') });
    expect(report.faults).toEqual([
      {
        line: 2,
        column: 'area_code',
        kind: 'unknown_area',
        reason: expect.stringMatching(
          /^Column "area_code" expects the ONS code .*like E10000008; "Kestrelshire" is a name or other text, not a code$/,
        ),
      },
    ]);
  });
});
