import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { heldAtStart, idsSupersedingNothing, idsToClean } from '../../src/outcomes/import-held.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * ADR 0039: a batch none of whose indicators held a value when the job started is not applied (its
 * values are all new), and if another import is applied while the job runs, the skipped lines are
 * applied after all before publishing: the counts and the changes recorded are a full apply's.
 */

let t: TestDb;
let areas: string[];
const PERIODS = ['2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019'];

/** One indicator for every reference area and ten years: several batches (a batch starts at 1,000 values). */
function file(code: string, value: (i: number) => string): { csv: string; values: number } {
  const lines = ['indicator,area,period,value'];
  let i = 0;
  for (const a of areas) for (const p of PERIODS) lines.push(`${code},${a},${p},${value(i++)}`);
  return { csv: `${lines.join('\n')}\n`, values: i };
}

async function newIndicator(code: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `INSERT INTO indicator (code, title, unit, polarity, frequency, scope, has_denominator, multiplier, decimals)
     VALUES ($1, $1, 'percentage', 'higher is better', 'annual', 'national', false, 100, 1) RETURNING id`,
    [code],
  );
  return row?.id ?? '';
}

/** The rows an import still has in indicator_value (its clean-up removes the versions a later import superseded). */
const rowsOf = async (importId: string | null) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_value WHERE import_id = $1', [importId]))[0]?.n ?? -1;

const changesOf = async (indicatorId: string, importId: string | null) =>
  (
    await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_value_change WHERE indicator_id = $1 AND import_id = $2', [
      indicatorId,
      importId,
    ])
  )[0]?.n ?? -1;

beforeAll(async () => {
  t = await createTestDb();
  areas = (await t.db.query<{ code: string }>(`SELECT code FROM reference_area ORDER BY code`)).map((r) => r.code);
}, 60_000);
afterAll(async () => t?.close());

describe('applying an import against the values held (ADR 0039)', () => {
  it('counts a new indicator’s values new without comparing them, and compares them on the next import', async () => {
    const id = await newIndicator('HELD A');
    const first = file('HELD A', (i) => String(i % 90));
    expect(first.values).toBeGreaterThan(1_000);
    const created = await importIndicatorValues(t.db, { csvText: first.csv, fileName: 'first.csv' });
    expect(created).toMatchObject({ status: 'imported', values: first.values, created: first.values, replaced: 0, unchanged: 0 });
    expect(await changesOf(id, created.importId)).toBe(0);
    // Every fifth value changes: those are replaced, with the change recorded; the rest unchanged.
    const second = file('HELD A', (i) => String(i % 5 === 0 ? (i % 90) + 1 : i % 90));
    const again = await importIndicatorValues(t.db, { csvText: second.csv, fileName: 'second.csv' });
    const changed = Math.ceil(second.values / 5);
    expect(again).toMatchObject({ created: 0, replaced: changed, unchanged: second.values - changed });
    expect(await changesOf(id, again.importId)).toBe(changed);
    // The second import's clean-up removed every version of the first it superseded: it held the indicator, so nothing was skipped.
    expect(await rowsOf(created.importId)).toBe(0);
    expect(await rowsOf(again.importId)).toBe(second.values);
  }, 120_000);

  it('applies the skipped lines after all when another import of the same values is published meanwhile', async () => {
    const id = await newIndicator('HELD B');
    const mine = file('HELD B', (i) => String(i % 90));
    const theirs = file('HELD B', (i) => String(i % 3 === 0 ? 99 : i % 90));
    let other: Awaited<ReturnType<typeof importIndicatorValues>> | undefined;
    // The first job starts while nothing of HELD B is held; after its first batch, another import of the same values is published.
    const report = await importIndicatorValues(t.db, {
      csvText: mine.csv,
      fileName: 'mine.csv',
      hooks: {
        afterBatch: async ({ batch }) => {
          if (batch !== 1) return;
          other = await importIndicatorValues(t.db, { csvText: theirs.csv, fileName: 'theirs.csv' });
        },
      },
    });
    expect(other).toMatchObject({ status: 'imported', created: theirs.values });
    // Against what the other import holds: a third of the values differ (replaced, the change recorded), the rest are the same.
    const differ = Math.ceil(mine.values / 3);
    expect(report).toMatchObject({
      status: 'imported',
      values: mine.values,
      created: 0,
      replaced: differ,
      unchanged: mine.values - differ,
    });
    expect(await changesOf(id, report.importId)).toBe(differ);
    // The later published wins: the first job's values are the ones shown.
    const [shown] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM indicator_value_current WHERE indicator_id = $1 AND import_id = $2`,
      [id, report.importId],
    );
    expect(shown?.n).toBe(mine.values);
    // Its clean-up looked at every line, the skipped ones too: the other import's versions, superseded, are gone.
    expect(await rowsOf(other?.importId ?? null)).toBe(0);
  }, 120_000);

  it('asks a new measure’s values about their revision once another import has been applied meanwhile', async () => {
    await newIndicator('HELD C');
    const las = (
      await t.db.query<{ name: string; la_number: string }>(
        `SELECT name, la_number FROM reference_area WHERE la_number IS NOT NULL AND valid_to IS NULL ORDER BY la_number`,
      )
    ).slice(0, 120);
    const header = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';
    const row = (la: { name: string; la_number: string }, year: string, value: string) =>
      `C,HELD C,${year},"${la.name}",${value},${la.la_number},`;
    const lines = las.flatMap((la) => PERIODS.map((p) => row(la, `${p} (prov)`, '10')));
    expect(lines.length).toBeGreaterThan(1_000);
    const last = las[las.length - 1] as { name: string; la_number: string };
    let other: Awaited<ReturnType<typeof importIndicatorValues>> | undefined;
    // HELD C held nothing when the job started; after its first batch, a final value for its last line is published.
    const report = await importIndicatorValues(t.db, {
      csvText: `${[header, ...lines].join('\n')}\n`,
      fileName: 'provisional.csv',
      hooks: {
        afterBatch: async ({ batch }) => {
          if (batch !== 1) return;
          other = await importIndicatorValues(t.db, { csvText: `${header}\n${row(last, '2019 (Final)', '20')}\n`, fileName: 'final.csv' });
        },
      },
    });
    expect(other).toMatchObject({ status: 'imported', created: 1 });
    expect(report).toMatchObject({ status: 'imported', values: lines.length - 1 });
    expect(report.notReplaced).toEqual([
      {
        line: lines.length + 1,
        column: 'Values',
        reason: 'Not replaced: the provisional value for 2019 is older than the final one held, which is kept',
      },
    ]);
    const [kept] = await t.db.query<{ value: string; revision: string }>(
      `SELECT v.value::text, v.revision FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
        JOIN reference_area a ON a.code = v.area_code WHERE i.code = 'HELD C' AND a.la_number = $1 AND v.period_label = '2019'`,
      [last.la_number],
    );
    expect(kept).toEqual({ value: '20', revision: 'final' });
  }, 120_000);

  it('skips the clean-up of values that superseded nothing, unless an import was applied between the job’s start and its publishing', async () => {
    await newIndicator('HELD D');
    const before = await heldAtStart(t.db);
    const skipped = [{ from: 1, to: 50, created: 49 }];
    const first = await importIndicatorValues(t.db, { csvText: file('HELD D', (i) => String(i % 90)).csv, fileName: 'd1.csv' });
    // Nothing applied between `before` and its publishing: its values superseded nothing.
    expect(await idsSupersedingNothing(t.db, first.importId ?? '', before, skipped)).toEqual(skipped);
    // Another import was: the values may have superseded its values, so they are cleaned.
    const second = await importIndicatorValues(t.db, { csvText: file('HELD D', (i) => String(i % 80)).csv, fileName: 'd2.csv' });
    expect(await idsSupersedingNothing(t.db, second.importId ?? '', before, skipped)).toEqual([]);
    expect(await idsSupersedingNothing(t.db, first.importId ?? '', before, [])).toEqual([]);
  }, 120_000);
});

describe('the statistics an import refreshes', () => {
  it('are refreshed when the import runs as the application role, as the service runs it (ANALYZE is the owner’s)', async () => {
    await newIndicator('HELD STATS');
    const imported = await importIndicatorValues(t.db, { csvText: file('HELD STATS', (i) => String(i % 70)).csv, fileName: 'stats.csv' });
    expect(imported.status).toBe('imported');
    const [row] = await t.db.query<{ estimated: number; held: number }>(
      `SELECT (SELECT reltuples FROM pg_class WHERE oid = 'indicator_value'::regclass)::int AS estimated,
              (SELECT count(*) FROM indicator_value)::int AS held`,
    );
    // A full sample of a table this small reads every row: the planner's count is the table's.
    expect(row?.estimated).toBe(row?.held);
  }, 120_000);
});

describe('the clean-up’s id ranges', () => {
  it('are the ids from the import’s first outside the ranges that superseded nothing', () => {
    expect(idsToClean(0, 100, [])).toEqual([[0, 100]]);
    expect(idsToClean(5, 100, [])).toEqual([[5, 100]]);
    expect(idsToClean(0, 100, [{ from: 2, to: 100, created: 98 }])).toEqual([[0, 2]]);
    expect(
      idsToClean(0, 100, [
        { from: 10, to: 20, created: 10 },
        { from: 20, to: 30, created: 10 },
        { from: 50, to: 60, created: 10 },
      ]),
    ).toEqual([
      [0, 10],
      [30, 50],
      [60, 100],
    ]);
    expect(idsToClean(0, 0, [])).toEqual([]);
    expect(idsToClean(7, 7, [])).toEqual([]);
  });
});
