import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPaths as pp, type PlanContent } from '../../src/plan/index.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Drafting a plan through the API and the pages (issue 18 items 1-2; ADR 0034): the required sections and the
 * readiness to publish, the section length limit, priorities on the catalogue's indicators with outcomes'
 * targets, key actions with partners, money and funds, progress; another area's plan never found.
 */

let t: TestApp;
let area: string;
let planner: SignedIn;
let board: SignedIn;
let lead: string;
let partner: string;
let planId: string;

const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const content = async (agent: Agent = planner): Promise<PlanContent> =>
  expectStatus<PlanContent>(agent.get(pp.apiPlanContent(planId)), 200);
const readiness = async () =>
  expectStatus<{ ready: boolean; blockers: { sectionKind: string; rule: string; reason: string }[] }>(
    planner.get(pp.apiPlanReadiness(planId)),
    200,
  );

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  lead = await buildOrganisation(t.testDb.db, area, 'Testshire Council');
  partner = await buildOrganisation(t.testDb.db, area, 'Testshire Primary Care Trust');
  planner = await signedIn(t, 'planner', { areaCode: area, organisationId: lead });
  board = await signedIn(t, 'board_member', { areaCode: area, organisationId: lead });
  ({ id: planId } = await expectStatus(
    planner.postJson(pp.apiPlans, { title: 'Plan 2026 to 2029', periodStart: '1/4/2026', periodEnd: '2029-03-31', owner: 'board' }),
  ));
}, 120_000);
afterAll(async () => t?.close());

describe('a plan and its required sections', () => {
  it('starts with one empty section of each required content, and is not ready to publish', async () => {
    const c = await content();
    expect(c.plan).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2029-03-31', owner: 'board', status: 'draft' });
    expect(c.sections.map((s) => [s.kind, s.complete])).toEqual(
      ['vision', 'needs_assessment', 'priorities', 'budgets', 'performance_review', 'cooperation'].map((k) => [k, false]),
    );
    const r = await readiness();
    expect(r.ready).toBe(false);
    expect(r.blockers.filter((b) => b.rule === 'empty').map((b) => b.sectionKind)).toHaveLength(6);
    expect(r.blockers.some((b) => b.rule === 'no_priorities')).toBe(true);
  });

  it('refuses a period in the wrong order or an owner not known, naming each field', async () => {
    const r = await planner.postJson(pp.apiPlans, { title: 'Bad', periodStart: '2029-03-31', periodEnd: '2026-04-01', owner: 'council' });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['periodEnd:date_order', 'owner:one_of']);
  });

  it('refuses a section over 20,000 characters naming the field and the rule, and keeps what was saved', async () => {
    const vision = (await content()).sections.find((s) => s.kind === 'vision');
    const url = pp.apiPlanSection(planId, vision?.id ?? '');
    expect((await put(planner, url, { title: 'Our vision', body: 'Every child safe.' })).statusCode).toBe(204);
    const r = await put(planner, url, { title: 'Our vision', body: 'x'.repeat(20_001), complete: true });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['body:max_length']);
    expect((r.json() as { errors: { message: string }[] }).errors[0]?.message).toContain('20,000 characters or fewer');
    expect((await content()).sections.find((s) => s.kind === 'vision')).toMatchObject({ body: 'Every child safe.', complete: false });
    // The page says the same, at the field.
    const page = await planner.post(pp.planSection(planId, vision?.id ?? ''), { title: 'Our vision', body: 'x'.repeat(20_001) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The section must be 20,000 characters or fewer');
  });

  it('refuses to mark a section with no words complete', async () => {
    const budgets = (await content()).sections.find((s) => s.kind === 'budgets');
    const r = await put(planner, pp.apiPlanSection(planId, budgets?.id ?? ''), { title: 'Budgets', body: '', complete: true });
    expect(faultRules(r)).toEqual(['complete:needs_words']);
  });

  it('lists each incomplete required section on the plan’s page, and the board reads it but may not change it', async () => {
    const page = await board.get(pp.plan(planId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The plan cannot be published until every required section is complete');
    expect(page.body).toContain('is not marked complete');
    expect(
      (await put(board, pp.apiPlan(planId), { title: 'Mine', periodStart: '2026-04-01', periodEnd: '2029-03-31', owner: 'board' }))
        .statusCode,
    ).toBe(403);
  });

  it('never finds another area’s plan', async () => {
    const other = await buildArea(t.testDb.db);
    const stranger = await signedIn(t, 'planner', { areaCode: other });
    expect((await stranger.get(pp.apiPlanContent(planId))).statusCode).toBe(404);
    expect((await stranger.get(pp.plan(planId))).statusCode).toBe(404);
  });
});

describe('priorities, targets and key actions', () => {
  let priorityId: string;

  it('refuses an indicator not in the catalogue and an aim of another outcome', async () => {
    const r = await planner.postJson(pp.apiPlanPriorities(planId), {
      title: 'Healthy',
      outcomeCode: 'be-healthy',
      aimCodes: ['stay-safe.1'],
      indicatorCodes: ['NI 999'],
    });
    expect(faultRules(r)).toEqual(['aimCodes:of_outcome', 'indicatorCodes:in_catalogue']);
    expect(JSON.stringify(r.json())).toContain('NI 999 is not an indicator of the outcomes catalogue');
    ({ id: priorityId } = await expectStatus(
      planner.postJson(pp.apiPlanPriorities(planId), {
        title: 'Fewer young people not in education',
        outcomeCode: 'achieve-economic-wellbeing',
        aimCodes: ['achieve-economic-wellbeing.1'],
        indicatorCodes: ['NI 117'],
      }),
    ));
  });

  it('sets a target per year as the outcomes feature’s own, and refuses one for an indicator not in the catalogue', async () => {
    const url = pp.apiPlanPriorityTargets(planId, priorityId);
    const unknown = await planner.postJson(url, { indicatorCode: 'NI 999', period: '2026', value: '5' });
    expect(unknown.statusCode).toBe(400);
    expect(faultRules(unknown)).toEqual(['indicatorCode:in_catalogue']);
    expect(JSON.stringify(unknown.json())).toContain('NI 999 is not an indicator of the outcomes catalogue');
    expect(faultRules(await planner.postJson(url, { indicatorCode: 'NI 75', period: '2026-27', value: '5' }))).toEqual([
      'indicatorCode:of_priority',
    ]);
    expect(faultRules(await planner.postJson(url, { indicatorCode: 'NI 117', period: '2031', value: '5' }))).toEqual([
      'period:in_plan_period',
    ]);
    expect(faultRules(await planner.postJson(url, { indicatorCode: 'NI 117', period: '2026', value: 'five' }))).toEqual(['value:number']);
    for (const [period, value] of [
      ['2026', '5.5'],
      ['2027', '5.2'],
    ])
      expect((await planner.postJson(url, { indicatorCode: 'NI 117', period, value })).statusCode).toBe(204);
    expect((await content()).priorities[0]?.indicators[0]?.targets.map((x) => [x.periodLabel, x.value])).toEqual([
      ['2026', 5.5],
      ['2027', 5.2],
    ]);
    // The outcomes feature holds them: no copy is kept by the plan.
    const [held] = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM indicator_target WHERE area_code = $1', [area]);
    expect(held?.n).toBe(2);
  });

  it('refuses an outline cost that is not money, naming the field and the rule, and keeps a good one in pence', async () => {
    const url = pp.apiPlanActions(planId, priorityId);
    const action = {
      title: 'A personal adviser for every care leaver',
      leadOrganisationId: lead,
      partnerIds: [partner],
      startsOn: '2026-04-01',
      endsOn: '2029-03-31',
    };
    for (const [cost, rule] of [
      ['12.345', 'two_decimals'],
      ['lots', 'number'],
      ['-50', 'not_negative'],
    ]) {
      const r = await planner.postJson(url, { ...action, outlineCost: cost });
      expect(r.statusCode).toBe(400);
      expect(faultRules(r)).toEqual([`outlineCost:${rule}`]);
    }
    expect(
      faultRules(await planner.postJson(url, { ...action, leadOrganisationId: 'nobody', fundId: '00000000-0000-4000-8000-000000000000' })),
    ).toEqual(['leadOrganisationId:in_area', 'fundId:known_fund']);
    const { id } = await expectStatus(planner.postJson(url, { ...action, outlineCost: '£1,250.50' }));
    expect((await content()).priorities[0]?.actions[0]).toMatchObject({
      id,
      outlineCostPence: 125050,
      status: 'not_started',
      lead: { id: lead },
      partners: [{ id: partner }],
    });
    await expectStatus(
      planner.postJson(pp.apiPlanActionProgress(planId, id), { onDay: '2026-06-30', note: 'Two advisers appointed', status: 'on_track' }),
    );
    expect((await content()).priorities[0]?.actions[0]).toMatchObject({
      status: 'on_track',
      latestProgress: { onDay: '2026-06-30', note: 'Two advisers appointed' },
    });
  });

  it('is ready to publish once every required section has words and is marked complete', async () => {
    for (const s of (await content()).sections)
      expect(
        (
          await put(planner, pp.apiPlanSection(planId, s.id), {
            title: s.title,
            body: `${s.title}: what the partners agreed.`,
            complete: true,
          })
        ).statusCode,
      ).toBe(204);
    expect(await readiness()).toEqual({ ready: true, blockers: [] });
    await expectStatus(planner.postJson(pp.apiPlanPriorities(planId), { title: 'Another', outcomeCode: 'be-healthy' }));
    expect((await readiness()).blockers.map((b) => b.rule)).toEqual(['priority_without_actions']);
  });
});
