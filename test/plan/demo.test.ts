import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NEXT_PLAN_TITLE, DEMO_PLAN_TITLE } from '../../src/demo/plan-drafts.js';
import { loadDemo } from '../../src/demo/load.js';
import { findOrganisationIdByName } from '../../src/partnership/index.js';
import { actionsOfPlan, planPaths as pp, type PlanContent, type PlanSummary } from '../../src/plan/index.js';
import { DEMO_AREA } from '../../src/demo/area.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signInAsDemoUser } from '../helpers/demo.js';

/**
 * The demo's plans (issue 18 item 8) as the planner and the board read them: the 2026-2029 plan ready to publish,
 * with priorities across the outcomes, targets, key actions with partners and funds, progress; the 2029-2032
 * draft not ready; each partner's part in the plan in its accountability view (governance). Loaded once.
 */

let t: TestApp;
let planner: Agent;
let plans: PlanSummary[];
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
  planner = await signInAsDemoUser(t.app, 'planner@kestrelshire.example');
  plans = (await planner.get(pp.apiPlans)).json() as PlanSummary[];
}, 300_000);
afterAll(async () => t?.close());

const planNamed = (title: string) => plans.find((p) => p.title === title)?.id ?? 'missing';

describe('the demo’s Children and Young People’s Plan', () => {
  it('has a three-year plan with every required section complete, five priorities across the outcomes and eleven key actions', async () => {
    const id = planNamed(DEMO_PLAN_TITLE);
    const content = (await planner.get(pp.apiPlanContent(id))).json() as PlanContent;
    // Published by the publication part's loader after the drafts' (src/demo/plan-publication.ts, cypp-publish).
    expect(content.plan).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2029-03-31', owner: 'board', status: 'published' });
    expect(content.sections.every((s) => s.complete && s.body !== '')).toBe(true);
    expect(new Set(content.priorities.map((p) => p.outcomeCode)).size).toBe(5);
    expect(content.priorities.every((p) => p.indicators.length > 0 && p.indicators.every((i) => i.targets.length === 3))).toBe(true);
    const actions = actionsOfPlan(content);
    expect(actions).toHaveLength(11);
    expect(actions.filter((a) => a.fund !== null).length).toBeGreaterThanOrEqual(3);
    expect(actions.filter((a) => a.latestProgress !== null).length).toBeGreaterThanOrEqual(4);
    expect((await planner.get(pp.apiPlanReadiness(id))).json()).toEqual({ ready: true, blockers: [] });
  });

  it('has a draft of the next plan that is not ready, saying which sections and why', async () => {
    const r = (await planner.get(pp.apiPlanReadiness(planNamed(DEMO_NEXT_PLAN_TITLE)))).json() as {
      ready: boolean;
      blockers: { sectionKind: string; rule: string }[];
    };
    expect(r.ready).toBe(false);
    expect(r.blockers).toContainEqual(expect.objectContaining({ sectionKind: 'budgets', rule: 'empty' }));
    expect(r.blockers).toContainEqual(expect.objectContaining({ sectionKind: 'vision', rule: 'not_complete' }));
    expect(r.blockers.some((b) => b.sectionKind === 'needs_assessment')).toBe(false);
  });

  it('shows the plan’s pages to the board, with the needs, budgets and co-operation drawn live', async () => {
    const board = await signInAsDemoUser(t.app, 'board.member@kestrelshire.example');
    const id = planNamed(DEMO_PLAN_TITLE);
    const content = (await board.get(pp.apiPlanContent(id))).json() as PlanContent;
    const section = (kind: string) => content.sections.find((s) => s.kind === kind)?.id ?? '';
    const needs = await board.get(pp.planSection(id, section('needs_assessment')));
    expect(needs.statusCode).toBe(200);
    expect(needs.body).toContain('/outcomes/needs/achieve-economic-wellbeing');
    expect(needs.body).toContain('NI 117');
    const budgets = await board.get(pp.planSection(id, section('budgets')));
    expect(budgets.body).toContain('Child and adolescent mental health pooled fund');
    expect(budgets.body).toContain('Parenting support (aligned budgets)');
    const cooperation = await board.get(pp.planSection(id, section('cooperation')));
    expect(cooperation.body).toContain('Kestrelshire Youth Offending Team');
    expect(cooperation.body).toContain('Local Safeguarding Children Board');
    const [priority] = content.priorities;
    const [action] = actionsOfPlan(content);
    for (const url of [pp.home, pp.plan(id), pp.planPriorityTargets(id, priority?.id ?? ''), pp.planAction(id, action?.id ?? '')])
      expect((await board.get(url)).statusCode, url).toBe(200);
  });

  it('puts each partner’s key actions, led or contributed to, in its accountability view', async () => {
    const board = await signInAsDemoUser(t.app, 'board.member@kestrelshire.example');
    const police = await findOrganisationIdByName(t.testDb.db, DEMO_AREA.code, 'Kestrelshire Constabulary (Chief Constable)');
    const view = (await board.get(`/api/governance/accountability/${police ?? ''}`)).json() as {
      sourced: { source: string; description: string; role: string }[];
    };
    expect(view.sourced).toContainEqual(
      expect.objectContaining({ source: DEMO_PLAN_TITLE, description: 'Youth diversion scheme with the police', role: 'Contributing' }),
    );
    const page = await board.get(`/governance/accountability/${police ?? ''}`);
    expect(page.body).toContain('Youth diversion scheme with the police');
  });

  it('loads once: a second load adds no plan', async () => {
    await loadDemo(t.testDb.db, t.config, { children: false });
    expect(((await planner.get(pp.apiPlans)).json() as PlanSummary[]).filter((p) => p.title === DEMO_PLAN_TITLE)).toHaveLength(1);
  });
});
