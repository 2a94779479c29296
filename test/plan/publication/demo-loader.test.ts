import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPlanPublication } from '../../../src/demo/plan-publication.js';
import { planServices, publicationPaths as up } from '../../../src/plan/index.js';
import { systemClock } from '../../../src/platform/clock.js';
import { Agent, createTestApp, type TestApp } from '../../helpers/app.js';
import { boardDecision, buildPlanScene, writeSection, type PlanScene } from './fixture.js';

/**
 * The demo's loader line (issue 18 item 8) on a plan drafted as the plan's loader drafts one: the board approves
 * it at a quorate meeting, it is published with the children's summary, Welsh and Urdu translations of the
 * summary and the vision follow; a second load makes nothing twice. An incomplete plan is left unpublished.
 */

let t: TestApp;
let p: PlanScene;
const demoOf = (planner: string) => ({
  db: t.testDb.db,
  clock: systemClock,
  areaCode: p.s.area,
  plan: planServices({ db: t.testDb.db, clock: systemClock }),
  by: { actor: { userId: null, label: 'demo', role: null, areaCode: null }, ctx: { ip: '127.0.0.1', userAgent: 'demo', requestId: 'demo' } },
  userId: () => Promise.resolve(planner),
});

beforeAll(async () => {
  t = await createTestApp();
  p = await buildPlanScene(t);
  await boardDecision(p, 'An earlier decision'); // a quorate meeting of the board to approve the plan at
}, 300_000);
afterAll(async () => t?.close());

describe('loadDemoPlanPublication', () => {
  it('leaves an incomplete plan unpublished', async () => {
    expect(await loadDemoPlanPublication(demoOf(p.planner.user.id))).toBe(0);
  });

  it('publishes the plan on the board’s decision with the summary and its Welsh and Urdu translations, once', async () => {
    await writeSection(t, p.sections.budgets ?? '', 'The pooled fund pays for the hubs.');
    expect(await loadDemoPlanPublication(demoOf(p.planner.user.id))).toBe(1);
    expect(await loadDemoPlanPublication(demoOf(p.planner.user.id))).toBe(0);
    const visitor = new Agent(t.app);
    const plan = await visitor.get(up.ourPlan(p.s.area));
    expect(plan.body).toContain('Approved Children and Young People’s Plan 2026 to 2029 for publication');
    expect((await visitor.get(up.ourPlanYoungPeople(p.s.area))).body).toContain('counselling hubs in schools');
    const urdu = await visitor.get(up.ourPlanLanguage(p.s.area, 'ur'));
    expect(urdu.body).toContain('lang="ur" dir="rtl"');
    expect(urdu.body).toContain('بچوں اور نوجوانوں کے لیے ہمارا وژن');
    expect((await visitor.get(up.ourPlanLanguage(p.s.area, 'cy'))).body).toContain('Ein gweledigaeth ar gyfer plant a phobl ifanc');
  });
});
