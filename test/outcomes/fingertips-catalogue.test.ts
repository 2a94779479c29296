import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { saveMapping } from '../../src/outcomes/mappings-sql.js';
import { checkMapping } from '../../src/outcomes/mappings.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * A Fingertips export of an indicator the catalogue does not hold (ADR 0021: only the catalogue makes
 * an indicator; an export carries no unit, polarity or year type). The fault names the ID and says
 * what to do; doing it (a dictionary row, a mapping) lets the same file import unchanged.
 */

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'outcomes', name);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

const mapFingertips = (measures: { column: string; indicator: string }[]) =>
  t.db.transaction((tx) =>
    saveMapping(tx, { source: 'fingertips', slug: 'fingertips', name: 'Fingertips indicators', measures, filters: [] }, 'test'),
  );

describe('a Fingertips indicator not yet in the catalogue', () => {
  it('is refused with a fault naming the ID and its name, the mapping page, and the dictionary row to add', async () => {
    const report = await importIndicatorValues(t.db, { file: fixture('fingertips-export.csv') });
    expect(report.status).toBe('rejected');
    const fault = report.faults.find((f) => f.reason.includes('90323'));
    expect(fault?.kind).toBe('no_mapping');
    expect(fault?.href).toBe('/outcomes/import/mappings/new?source=fingertips&columns=90323');
    expect(fault?.reason).toContain('Fingertips indicator 90323 (Year 6: Prevalence of obesity (including severe obesity))');
    expect(fault?.reason).toContain('/outcomes/import/mappings/new?source=fingertips&columns=90323');
    expect(fault?.reason).toMatch(/If the catalogue has none, add it first: import a data dictionary with a row for it/);
    expect(await t.db.query(`SELECT 1 FROM indicator WHERE code IN ('90323', 'fingertips-90323')`)).toEqual([]);
  });

  it('is refused, naming the code, when a mapping names an indicator the catalogue does not hold', async () => {
    await mapFingertips([
      { column: '90323', indicator: '90323' },
      { column: '20401', indicator: 'NI 112' },
    ]);
    const report = await importIndicatorValues(t.db, { file: fixture('fingertips-export.csv') });
    expect(report.status).toBe('rejected');
    expect(new Set(report.faults.map((f) => f.kind))).toEqual(new Set(['unknown_indicator']));
    expect(report.faults[0]?.reason).toMatch(
      /^Fingertips indicator 90323 \(Year 6: .*\) is mapped to 90323, which is not in the catalogue: add 90323 to the catalogue/,
    );
  });

  it('imports unchanged once a data dictionary row adds it to the catalogue, its year type read from the row', async () => {
    const dictionary = [
      'Measure code,Description,Topic,Polarity,Unit,Year type,Decimals,Source',
      '90323,Year 6: Prevalence of obesity (including severe obesity),Healthy weight,Low,Percentage,academic,1,OHID Fingertips',
    ].join('\n');
    const added = await importIndicatorValues(t.db, { csvText: dictionary, fileName: 'fingertips-dictionary.csv' });
    expect(added.status).toBe('imported');
    const report = await importIndicatorValues(t.db, { file: fixture('fingertips-export.csv') });
    expect(report.faults).toEqual([]);
    expect(report.status).toBe('imported');
    const [row] = await t.db.query<{ period_kind: string; value: string }>(
      `SELECT v.period_kind, v.value::text FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
        WHERE i.code = '90323' AND v.area_code = 'E92000001' AND v.group_code = 'all'`,
    );
    expect(row).toEqual({ period_kind: 'academic year', value: '22.7' });
  });

  it('on the mapping form, an unknown code says how to add it to the catalogue', () => {
    const refused = (() => {
      try {
        checkMapping(
          { source: 'fingertips', name: 'Fingertips', measures: [{ column: '90631', indicator: 'fingertips-90631' }] },
          new Set(),
        );
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors).toEqual([
      {
        field: 'indicator-0',
        rule: 'unknown_indicator',
        message: expect.stringMatching(
          /^fingertips-90631 is not an indicator in the catalogue: .*\(import a data dictionary with a row for it\)$/,
        ),
      },
    ]);
  });
});
