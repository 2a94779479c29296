import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOfPlan, planContent } from '../../src/plan/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * The seam's reader (ADR 0034): a plan's whole content in order as plain JSON. The rows are written here as
 * the plan's own SQL would; the drafting service's tests go through the pages and API.
 */
let t: TestDb;
let area: string;
let otherArea: string;
let planId: string;
let lead: string;
let partner: string;

const one = async <T>(sql: string, params: unknown[]): Promise<T> => {
  const [row] = await t.db.query<T>(sql, params);
  if (!row) throw new Error('no row');
  return row;
};

beforeAll(async () => {
  t = await createTestDb();
  area = await buildArea(t.db);
  otherArea = await buildArea(t.db);
  lead = await buildOrganisation(t.db, area, 'Kestrel Council');
  partner = await buildOrganisation(t.db, area, 'Abbey Primary Care Trust');
  const other = await buildOrganisation(t.db, area, 'Youth Offending Service');
  ({ id: planId } = await one<{ id: string }>(
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at)
     VALUES ($1, 'Plan 2026-2029', '2026-04-01', '2029-03-31', 'board', now(), now()) RETURNING id`,
    [area],
  ));
  await t.db.query(
    `INSERT INTO plan_section (plan_id, area_code, kind, title, body, complete, position, updated_at) VALUES
       ($1, $2, 'budgets', 'Budgets', '', false, 4, now()), ($1, $2, 'vision', 'Vision', 'Every child', true, 1, now())`,
    [planId, area],
  );
  const [indicator] = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM indicator WHERE area_code IS NULL ORDER BY code LIMIT 1');
  const second = await one<{ id: string }>(
    `INSERT INTO plan_priority (plan_id, area_code, title, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, 'Second', 'stay-safe', 2, now(), now()) RETURNING id`,
    [planId, area],
  );
  const first = await one<{ id: string }>(
    `INSERT INTO plan_priority (plan_id, area_code, title, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, 'First', 'be-healthy', 1, now(), now()) RETURNING id`,
    [planId, area],
  );
  await t.db.query('INSERT INTO plan_priority_aim (priority_id, area_code, aim_code) VALUES ($1, $2, $3)', [first.id, area, 'be-healthy.2']);
  await t.db.query('INSERT INTO plan_priority_indicator (priority_id, area_code, indicator_id, position) VALUES ($1, $2, $3, 1)', [
    first.id,
    area,
    indicator?.id,
  ]);
  await t.db.query(
    `INSERT INTO indicator_target (area_code, indicator_id, period_label, period_kind, period_start, target_value) VALUES
       ($1, $2, '2026-27', 'financial year', '2026-04-01', 12.5), ($1, $2, '2020-21', 'financial year', '2020-04-01', 9)`,
    [area, indicator?.id],
  );
  const action = await one<{ id: string }>(
    `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, outline_cost_pence, position, created_at, updated_at)
     VALUES ($1, $2, 'Open two clinics', $3, '2026-04-01', '2027-03-31', 12345678, 1, now(), now()) RETURNING id`,
    [first.id, area, lead],
  );
  await t.db.query(
    `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, status, position, created_at, updated_at)
     VALUES ($1, $2, 'Safer streets', $3, '2026-04-01', '2028-03-31', 'at_risk', 1, now(), now())`,
    [second.id, area, other],
  );
  await t.db.query('INSERT INTO plan_action_partner (action_id, area_code, organisation_id) VALUES ($1, $2, $3)', [action.id, area, partner]);
  await t.db.query(
    `INSERT INTO plan_action_progress (action_id, area_code, on_day, note, status, written_by_name, written_at) VALUES
       ($1, $2, '2026-06-01', 'Sites found', 'on_track', 'Pat Planner', now()), ($1, $2, '2026-05-01', 'Started', 'not_started', 'Pat Planner', now())`,
    [action.id, area],
  );
});
afterAll(async () => t?.close());

describe('planContent', () => {
  it('reads the plan, its sections, priorities, indicators with targets in its period, and actions in order', async () => {
    const content = await planContent(t.db, area, planId);
    if (!content) throw new Error('the plan is not found');
    expect(content?.plan).toMatchObject({ title: 'Plan 2026-2029', periodStart: '2026-04-01', periodEnd: '2029-03-31', owner: 'board', status: 'draft' });
    expect(content?.sections.map((s) => [s.kind, s.complete])).toEqual([
      ['vision', true],
      ['budgets', false],
    ]);
    expect(content?.priorities.map((p) => [p.title, p.outcomeName])).toEqual([
      ['First', 'Be healthy'],
      ['Second', 'Stay safe'],
    ]);
    const [first] = content?.priorities ?? [];
    expect(first?.aims.map((a) => a.code)).toEqual(['be-healthy.2']);
    expect(first?.indicators[0]?.targets).toEqual([{ periodLabel: '2026-27', periodStart: '2026-04-01', group: 'all', value: 12.5 }]);
    const actions = actionsOfPlan(content);
    expect(actions.map((a) => [a.title, a.lead.name, a.status])).toEqual([
      ['Open two clinics', 'Kestrel Council', 'not_started'],
      ['Safer streets', 'Youth Offending Service', 'at_risk'],
    ]);
    expect(actions[0]).toMatchObject({ outlineCostPence: 12345678, fund: null, partners: [{ id: partner, name: 'Abbey Primary Care Trust' }] });
    expect(actions[0]?.latestProgress).toMatchObject({ onDay: '2026-06-01', note: 'Sites found', status: 'on_track' });
    expect(actions[1]?.latestProgress).toBeNull();
  });

  it('is plain JSON: what a frozen version stores reads back the same', async () => {
    const content = await planContent(t.db, area, planId);
    expect(JSON.parse(JSON.stringify(content))).toEqual(content);
  });

  it('finds no plan of another area, and none for an id that is not one', async () => {
    await expect(planContent(t.db, otherArea, planId)).resolves.toBeUndefined();
    await expect(planContent(t.db, area, 'not-an-id')).resolves.toBeUndefined();
  });
});
