import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemoPlan } from '../../src/demo/plan.js';
import { loadDemoPlanReview } from '../../src/demo/plan-review.js';
import { planPaths as pp } from '../../src/plan/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus } from '../helpers/builders.js';
import { buildReviewScene, markPlanPublished, type ReviewScene } from './review-fixture.js';

/**
 * The demo's review of the first year of its three-year plan (issue 18 item 8): the loader finds the plan the
 * drafting loader made (here the review's loader alone, on a plan written as the fixture writes it, in the demo's area, published as
 * cypp-publish's loader will), gives the year progress (some actions off track) and targets (some met, some
 * not), writes what changed and why, publishes the review, and makes nothing twice.
 */

let t: TestApp;
let s: ReviewScene;
const by = { actor: { userId: null, label: 'operator (test)', role: null, areaCode: DEMO_AREA.code }, ctx: { ip: 'local', userAgent: 'test', requestId: 'demo-review' } };

type Review = {
  status: string;
  content: {
    narrative: string;
    priorities: { narrative: string; actions: { status: string }[]; indicators: { judgement: string }[] }[];
  };
};

beforeAll(async () => {
  t = await createTestApp();
  s = await buildReviewScene(t, { areaCode: DEMO_AREA.code, plannerEmail: 'planner@kestrelshire.example', bare: true });
}, 300_000);
afterAll(async () => t?.close());

describe('the demo’s annual review', () => {
  it('makes nothing while the plan is not there to review', async () => {
    await t.testDb.asOwner((owner) => owner.query('UPDATE plan SET period_start = period_start + 20 * interval \'1 year\', period_end = period_end + 20 * interval \'1 year\' WHERE id = $1', [s.planId]));
    expect(await loadDemoPlan(t.testDb.db, systemClock, by, [loadDemoPlanReview])).toBe(0);
    await t.testDb.asOwner((owner) => owner.query('UPDATE plan SET period_start = period_start - 20 * interval \'1 year\', period_end = period_end - 20 * interval \'1 year\' WHERE id = $1', [s.planId]));
  });

  it('publishes the first year’s review with narratives, actions off track, targets met and not met', async () => {
    await markPlanPublished(t, s);
    // A target the drafting loader set with no figure for the year yet: the loader gives the year its figure.
    await t.testDb.db.query(
      `INSERT INTO indicator_target (area_code, indicator_id, period_label, period_kind, period_start, target_value)
       SELECT $1, id, $2, 'calendar year', $3, 6 FROM indicator WHERE code = 'NI 117' AND area_code IS NULL`,
      [DEMO_AREA.code, String(s.year), `${s.year}-01-01`],
    );
    expect(await loadDemoPlan(t.testDb.db, systemClock, by, [loadDemoPlanReview])).toBeGreaterThan(0);
    const r = await expectStatus<Review>(s.planner.get(pp.apiPlanReview(s.planId, s.year)), 200);
    expect(r.status).toBe('published');
    expect(r.content.narrative).toContain('In the first year of the plan 1 of its 3 key actions were on track or done, and 2 fell behind or were at risk. The partners met 3 of the year’s targets and missed 2');
    expect(r.content.priorities.every((p) => p.narrative.length > 0)).toBe(true);
    const statuses = r.content.priorities.flatMap((p) => p.actions.map((a) => a.status));
    expect(statuses).toContain('off_track');
    const judgements = r.content.priorities.flatMap((p) => p.indicators.map((i) => i.judgement));
    expect(judgements).toContain('met');
    expect(judgements).toContain('not_met');
    expect(judgements).not.toContain('no_data');
    expect((await new Agent(t.app).get(pp.ourPlanReview(DEMO_AREA.code, s.year))).statusCode).toBe(200);
  });

  it('makes nothing twice', async () => {
    expect(await loadDemoPlan(t.testDb.db, systemClock, by, [loadDemoPlanReview])).toBe(0);
  });
});
