import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/outcomes/import.js';
import { can } from '../../src/platform/policy.js';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { afterImport, jobReport } from '../helpers/imports.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Who may set every authority's statistical neighbours (ADR 0019): national data, loaded by those who
 * load national values (policy outcomes.neighbours: planners and area administrators, and the operator
 * at the command line), with a clear audit: every installed area whose comparator group now follows
 * the file is told in its own trail; an area that chose its own comparators is not changed, nor told.
 */

const fixture = fs.readFileSync(new URL('./fixtures/statistical-neighbours.csv', import.meta.url), 'utf8');
const KENT = 'E10000016';
const LEWISHAM = 'E09000023';
const BRISTOL = 'E06000023';

let t: TestApp;
let planner: Agent;

beforeAll(async () => {
  t = await createTestApp();
  for (const [code, name] of [
    [KENT, 'Kent'],
    [LEWISHAM, 'Lewisham'],
    [BRISTOL, 'Bristol, City of'],
  ] as const)
    await buildArea(t.testDb.db, { code, name });
  // Bristol chose its own comparators: the file sets its neighbours but not its group.
  await t.testDb.db.query(`INSERT INTO comparator (area_code, comparator_code, position) VALUES ($1, 'E06000022', 1)`, [BRISTOL]);
  planner = await signedIn(t, 'planner', { areaCode: KENT });
}, 60_000);
afterAll(async () => t?.close());

const entries = (action: string) =>
  t.testDb.db.query<{ area_code: string; actor_label: string; details: Record<string, unknown> }>(
    `SELECT area_code, actor_label, details FROM audit_event WHERE action = $1 ORDER BY area_code`,
    [action],
  );

describe('the statistical neighbours file and the policy', () => {
  it('is allowed to planners and area administrators, never to the front line, the board or a system administrator', () => {
    const allowed = (
      ['planner', 'area_admin', 'practitioner', 'practice_manager', 'board_member', 'auditor', 'system_admin'] as const
    ).filter((role) => can({ role, areaCode: KENT }, 'outcomes.neighbours'));
    expect(allowed).toEqual(['planner', 'area_admin']);
  });

  it('tells every installed area whose group now follows it, in its own audit trail, and names them in the importer’s entry', async () => {
    const posted = await planner.request({
      method: 'POST',
      url: '/api/outcomes/imports?fileName=SN_2023.csv',
      payload: fixture,
      headers: { 'content-type': 'text/csv' },
    });
    const job = await afterImport(t, planner, posted);
    expect(jobReport(job)).toMatchObject({ status: 'imported', layout: 'statistical-neighbours' });
    const [imported] = await entries('indicators.imported');
    expect(imported).toMatchObject({ area_code: KENT, details: { file: 'SN_2023.csv', defaultGroupsSet: [LEWISHAM, KENT].sort() } });
    const told = await entries('comparators.neighbours_set');
    expect(told.map((e) => e.area_code)).toEqual([LEWISHAM, KENT].sort());
    const lewisham = told.find((e) => e.area_code === LEWISHAM);
    expect(lewisham?.details).toMatchObject({ file: 'SN_2023.csv', importedFrom: KENT });
    expect(lewisham?.details.neighbours).toHaveLength(9);
    // Bristol's own choice stands, and its trail has nothing to say.
    expect(told.some((e) => e.area_code === BRISTOL)).toBe(false);
    expect((await t.testDb.db.query(`SELECT comparator_code FROM comparator WHERE area_code = $1`, [BRISTOL])).length).toBe(1);
  });

  it('refuses the file from a role the policy does not allow, naming the rule, and sets nothing', async () => {
    await t.testDb.db.query('DELETE FROM statistical_neighbour');
    const report = await importIndicatorValues(t.testDb.db, {
      csvText: fixture,
      fileName: 'SN_2023.csv',
      actor: { userId: null, label: 'a practitioner', role: 'practitioner', areaCode: KENT },
    });
    expect(report.status).toBe('rejected');
    expect(report.faults).toEqual([
      expect.objectContaining({
        line: 1,
        kind: 'not_permitted',
        reason: expect.stringMatching(/statistical neighbours file, which sets every authority/),
      }),
    ]);
    expect(await t.testDb.db.query('SELECT 1 FROM statistical_neighbour')).toEqual([]);
  });
});
