import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
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
  }, 120_000);
});
