import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { DEMO_COMPARATORS, DEMO_ENGLAND, DEMO_NEIGHBOURS } from '../../src/demo/outcomes.js';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { ENGLAND } from '../../src/outcomes/types.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 5 item 9: the demo area has years of figures for itself, its comparators and England, gaps and all.
 * Issue 15 item 5: all of them invented places of the demo's own (England (demo) among them), never a
 * real area's code; real figures of an indicator, once imported, remove its invented ones.
 */

let t: TestApp;
const count = async (sql: string, params: unknown[] = []) => (await t.testDb.db.query<{ n: number }>(sql, params))[0]?.n ?? -1;

let planner: Agent;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
  planner = await signedIn(t, 'planner', { areaCode: DEMO_AREA.code });
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
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code = $1`, [DEMO_ENGLAND.code])).toBeGreaterThan(0);
    const comparators = await t.testDb.db.query<{ comparator_code: string }>(
      'SELECT comparator_code FROM comparator WHERE area_code = $1',
      [DEMO_AREA.code],
    );
    expect(comparators.map((c) => c.comparator_code).sort()).toEqual([...DEMO_COMPARATORS].sort());
    expect(await count('SELECT count(DISTINCT area_code)::int AS n FROM indicator_value')).toBe(DEMO_COMPARATORS.length + 2);
  });

  it('writes nothing under a real code: every value is of a place marked as the demo’s, England (demo) instead of England', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code = $1`, [ENGLAND])).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM indicator_value v WHERE NOT EXISTS (SELECT 1 FROM reference_area r WHERE r.code = v.area_code AND r.is_demo)`,
      ),
    ).toBe(0);
    const places = await t.testDb.db.query<{ code: string; name: string }>(
      'SELECT code, name FROM reference_area WHERE is_demo ORDER BY code',
    );
    expect(places.map((p) => p.code).sort()).toEqual([DEMO_AREA.code, DEMO_ENGLAND.code, ...DEMO_COMPARATORS].sort());
    for (const n of DEMO_NEIGHBOURS) expect(n.name).toMatch(/\(demo\)$/);
    // A real row cannot take a demo code, nor a demo row a real one (migration 0040).
    await expect(
      t.testDb.asOwner((db) => db.query(`INSERT INTO reference_area (code, name, kind) VALUES ('E10000097', 'Fake', 'county')`)),
    ).rejects.toThrow(/reference_area_demo_code_reserved/);
    await expect(t.testDb.asOwner((db) => db.query(`UPDATE reference_area SET is_demo = true WHERE code = $1`, [ENGLAND]))).rejects.toThrow(
      /reference_area_demo_code_reserved/,
    );
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
    // The plan's annual review adds the reviewed year's figures in an import of its own (ADR 0037).
    const imports = await count(`SELECT count(*)::int AS n FROM indicator_import`);
    const { created } = await loadDemo(t.testDb.db, t.config, { children: false });
    expect(created).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM indicator_value')).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_import`)).toBe(imports);
  });

  it('shows the area against its neighbours on the analysis', async () => {
    // The demo's story of these figures runs to 2008; the plan's review adds a year of its own (ADR 0037).
    const a = await t.services.outcomes.analysis.analyse('NI 117', DEMO_AREA.code, { group: 'looked-after', to: '2008' });
    expect(a.comparison?.rankedCount).toBeGreaterThan(5);
    expect(a.change?.direction).toBe('improved');
    expect(a.gap?.points.some((p) => p.group.status === 'suppressed')).toBe(true);
    expect(a.targetStatus).not.toBeNull();
  });

  it('compares the demo area with England (demo) and its invented neighbours, a real area with England', async () => {
    const a = await t.services.outcomes.analysis.analyse('NI 117', DEMO_AREA.code);
    expect(a.england).toEqual({ code: DEMO_ENGLAND.code, name: 'England (demo)' });
    expect(a.comparison?.england.value).not.toBeNull();
    expect(a.change?.england.direction).not.toBe('not available');
    expect(a.trend.every((row) => row.england !== 'no value')).toBe(true);
    const real = await buildArea(t.testDb.db);
    const r = await t.services.outcomes.analysis.analyse('NI 117', real);
    expect(r.england.code).toBe(ENGLAND);
    const catalogue = t.services.outcomes.catalogue;
    expect((await catalogue.referenceAreas(real)).some((p) => /\(demo\)/.test(p.name))).toBe(false);
    expect((await catalogue.referenceAreas(DEMO_AREA.code)).map((p) => p.code).sort()).toEqual(
      [DEMO_AREA.code, DEMO_ENGLAND.code, ...DEMO_COMPARATORS].sort(),
    );
    const dashboard = await t.services.outcomes.dashboard.dashboard(DEMO_AREA.code);
    const rows = dashboard.outcomes.flatMap((o) => o.rows);
    expect(rows.filter((row) => row.englandText !== 'no value' && row.rankedCount > 5).length).toBeGreaterThan(10);
  });

  it('shows every outcome page of the demo with its invented neighbours and England (demo), no real place', async () => {
    const pages = [
      paths.outcomes,
      paths.outcomesDashboard,
      paths.outcomesIndicators,
      paths.outcomesIndicator('NI 117'),
      `${paths.outcomesIndicator('NI 117')}?group=looked-after`,
      `${paths.outcomesIndicator('NI 75')}?group=fsm`,
      paths.outcomesComparators,
      paths.outcomesNeeds,
      paths.outcomesNeedsLevels,
      paths.outcomesNeedsOutcome('achieve-economic-wellbeing'),
    ];
    for (const url of pages) {
      const response = await planner.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toMatch(/Devon|Dorset|Somerset|Wiltshire|E10000008/);
    }
    const indicator = (await planner.get(`${paths.outcomesIndicator('NI 117')}?group=looked-after`)).body;
    expect(indicator).toContain('England (demo)');
    expect(indicator).toContain('Northmoor (demo)');
    const comparators = (await planner.get(paths.outcomesComparators)).body;
    for (const n of DEMO_NEIGHBOURS) expect(comparators).toContain(n.name);
  });

  it('a real area cannot choose an invented neighbour', async () => {
    const real = await buildArea(t.testDb.db);
    const realPlanner = await signedIn(t, 'planner', { areaCode: real });
    const refused = await realPlanner.request({
      method: 'PUT',
      url: '/api/outcomes/comparators',
      payload: { comparators: [DEMO_COMPARATORS[0]] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('unknown_area');
  });

  it('a demo loaded before it had invented places is put right: the migration removes what it wrote under real codes, loading again adds the rest', async () => {
    const db = t.testDb.db;
    // As the demo of before migration 0040 left it: its import wrote Devon's and England's values too.
    const [old] = await db.query<{ id: string }>(
      `INSERT INTO indicator_import (area_code, actor_label, file_name, layout, rows_read, values_created, values_replaced, values_unchanged, faults)
       VALUES ($1, 'operator (command line)', 'demo-outcomes.csv', 'long', 2, 2, 0, 0, 0) RETURNING id`,
      [DEMO_AREA.code],
    );
    await db.query(
      `INSERT INTO indicator_value (indicator_id, area_code, period_label, period_kind, period_start, period_end, value, status, import_id)
       SELECT indicator.id, a.code, '2001', 'calendar year', '2001-01-01', '2001-12-31', 5, 'value', $1 FROM indicator, unnest($2::text[]) AS a (code) WHERE indicator.code = 'NI 117'`,
      [old?.id, ['E10000008', ENGLAND, DEMO_AREA.code]],
    );
    const migration = fs.readFileSync(path.resolve('migrations/0040_demo_reference_areas.sql'), 'utf8');
    const repairs = migration
      .replace(/--.*$/gm, '')
      .split(';')
      .filter((statement) => /^\s*DELETE/.test(statement));
    expect(repairs).toHaveLength(2);
    await t.testDb.asOwner(async (owner) => {
      for (const statement of repairs) await owner.query(statement);
    });
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE import_id = $1`, [old?.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code IN ('E10000008', $1)`, [ENGLAND])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM comparator WHERE area_code = $1', [DEMO_AREA.code])).toBe(0);
    // England (demo) had no values then: loading the demo again brings its places, values and comparators.
    await t.testDb.asOwner((owner) =>
      owner.query('DELETE FROM indicator_value WHERE area_code = ANY ($1::text[])', [[DEMO_ENGLAND.code, ...DEMO_COMPARATORS]]),
    );
    const values = await count('SELECT count(*)::int AS n FROM indicator_value');
    await loadDemo(db, t.config, { children: false });
    expect(await count('SELECT count(*)::int AS n FROM indicator_value')).toBeGreaterThan(values);
    expect(await count('SELECT count(*)::int AS n FROM comparator WHERE area_code = $1', [DEMO_AREA.code])).toBe(DEMO_COMPARATORS.length);
    expect(await count(`SELECT count(*)::int AS n FROM indicator_value WHERE area_code = $1`, [ENGLAND])).toBe(0);
  });

  // Last: it removes some of the demo's figures.
  it('importing real values of an indicator removes its invented ones, says so and records it', async () => {
    const demoNi117 = `SELECT count(*)::int AS n FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
                        JOIN reference_area r ON r.code = v.area_code AND r.is_demo WHERE i.code = $1`;
    const before = await count(demoNi117, ['NI 117']);
    const otherBefore = await count(demoNi117, ['NI 75']);
    expect(before).toBeGreaterThan(0);
    const report = await importIndicatorValues(t.testDb.db, {
      csvText: 'indicator,area,period,value\nNI 117,E10000008,2008,6.0\nNI 117,E92000001,2008,6.7\n',
      fileName: 'neet-2008.csv',
    });
    expect(report.status).toBe('imported');
    expect(report.demoValuesRemoved).toEqual({ values: before, indicators: ['NI 117'] });
    expect(await count(demoNi117, ['NI 117'])).toBe(0);
    expect(await count(demoNi117, ['NI 75'])).toBe(otherBefore);
    const [audit] = await t.testDb.db.query<{ details: { file: string; demoValuesRemoved: { values: number } } }>(
      `SELECT details FROM audit_event WHERE action = 'indicators.imported' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.details.file).toBe('neet-2008.csv');
    expect(audit?.details.demoValuesRemoved.values).toBe(before);
    // The demo area's page shows no invented value beside the real ones, and still opens.
    const page = await planner.get(paths.outcomesIndicator('NI 117'));
    expect(page.statusCode).toBe(200);
  });
});
