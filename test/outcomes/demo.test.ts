import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { DEMO_COMPARATORS } from '../../src/demo/outcomes.js';
import { ENGLAND } from '../../src/outcomes/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** Issue 5 item 9: the demo area has years of figures for itself, its comparators and England, gaps and all. */

let t: TestApp;
const count = async (sql: string, params: unknown[] = []) => (await t.testDb.db.query<{ n: number }>(sql, params))[0]?.n ?? -1;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 120_000);
afterAll(async () => t?.close());

describe('the demo outcome figures', () => {
  it('has several years of every starter indicator for the area, its ten comparators and England', async () => {
    const starters = await count('SELECT count(*)::int AS n FROM indicator WHERE area_code IS NULL');
    const withValues = await count(
      `SELECT count(DISTINCT indicator_id)::int AS n FROM indicator_value WHERE area_code = $1 AND group_code = 'all'`,
      [DEMO_AREA.code],
    );
    expect(withValues).toBe(starters);
    const periods = await count(
      `SELECT count(DISTINCT period_label)::int AS n FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'NI 117' AND v.area_code = $1`,
      [DEMO_AREA.code],
    );
    expect(periods).toBeGreaterThanOrEqual(5);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code = $1`, [ENGLAND])).toBeGreaterThan(0);
    const comparators = await t.testDb.db.query<{ comparator_code: string }>(
      'SELECT comparator_code FROM comparator WHERE area_code = $1',
      [DEMO_AREA.code],
    );
    expect(comparators.map((c) => c.comparator_code).sort()).toEqual([...DEMO_COMPARATORS].sort());
    expect(await count('SELECT count(DISTINCT area_code)::int AS n FROM indicator_value')).toBe(DEMO_COMPARATORS.length + 2);
  });

  it('has values for groups of children, and missing and suppressed values that are not zero', async () => {
    expect(await count(`SELECT count(DISTINCT group_code)::int AS n FROM indicator_value WHERE area_code = $1`, [DEMO_AREA.code])).toBe(5);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE status = 'missing'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE status = 'suppressed'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE status <> 'value' AND value IS NOT NULL`)).toBe(0);
  });

  it('has targets, children and funding at each level of need, and a narrative', async () => {
    expect(await count('SELECT count(*)::int AS n FROM indicator_target WHERE area_code = $1', [DEMO_AREA.code])).toBeGreaterThanOrEqual(2);
    expect(await count('SELECT count(*)::int AS n FROM needs_level WHERE area_code = $1', [DEMO_AREA.code])).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM needs_narrative WHERE area_code = $1', [DEMO_AREA.code])).toBe(1);
  });

  it('was loaded through the importer, once: loading again changes nothing', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM indicator_import WHERE file_name = 'demo-outcomes.csv'`)).toBe(1);
    const before = await count('SELECT count(*)::int AS n FROM indicator_value');
    const { created } = await loadDemo(t.testDb.db, t.config, { children: false });
    expect(created).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM indicator_value')).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_import`)).toBe(1);
  });

  it('shows the area against its neighbours on the analysis', async () => {
    const a = await t.services.outcomes.analysis.analyse('NI 117', DEMO_AREA.code, { group: 'looked-after' });
    expect(a.comparison?.rankedCount).toBeGreaterThan(5);
    expect(a.change?.direction).toBe('improved');
    expect(a.gap?.points.some((p) => p.group.status === 'suppressed')).toBe(true);
    expect(a.targetStatus).not.toBeNull();
  });
});
