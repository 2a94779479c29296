import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemoPlanVoice } from '../../src/demo/plan-voice.js';
import type { DemoPlan } from '../../src/demo/plan.js';
import { planServices, publishedQuotations } from '../../src/plan/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { buildDraftPlan } from './voice-helpers.js';

/**
 * The demo's participation and consultation (issue 18 item 8): loaded through the services after the plans, with
 * feedback on most activities, responses and children's answers two of them in Welsh and Urdu; loaded once only.
 */
let t: TestApp;
let demo: DemoPlan;
let current: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  await buildArea(db, { code: DEMO_AREA.code, name: DEMO_AREA.name });
  await buildUser(db, t.config, { role: 'planner', areaCode: DEMO_AREA.code, email: 'planner@kestrelshire.example' });
  ({ planId: current } = await buildDraftPlan(db, DEMO_AREA.code, 'Plan 2026 to 2029'));
  await db.query(`UPDATE plan SET period_start = '2026-04-01', period_end = '2029-03-31' WHERE id = $1`, [current]);
  await buildDraftPlan(db, DEMO_AREA.code, 'Plan 2029 to 2032 (draft)');
  demo = {
    db,
    clock: systemClock,
    areaCode: DEMO_AREA.code,
    plan: planServices({ db, clock: systemClock }),
    by: { actor: { userId: null, label: 'operator', role: null, areaCode: null }, ctx: { ip: '127.0.0.1', userAgent: 'test', requestId: 'voice-demo' } },
    userId: async (email) => (await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]))[0]?.id ?? '',
  };
}, 120_000);
afterAll(async () => t?.close());

describe('the demo’s participation and consultation', () => {
  it('loads activities with feedback, a consultation on the next draft with responses and children’s answers, once', async () => {
    const created = await loadDemoPlanVoice(demo);
    expect(created).toBeGreaterThan(15);
    expect(await loadDemoPlanVoice(demo)).toBe(0);
    const [counts] = await t.testDb.db.query<{ activities: number; fed: number; responses: number; children: number; foreign: number }>(
      `SELECT (SELECT count(*)::int FROM plan_participation_activity) AS activities,
              (SELECT count(*)::int FROM plan_participation_activity WHERE feedback_on IS NOT NULL) AS fed,
              (SELECT count(*)::int FROM plan_consultation_response) AS responses,
              (SELECT count(*)::int FROM plan_children_answer) AS children,
              (SELECT count(*)::int FROM plan_children_answer WHERE language IN ('cy', 'ur')) AS foreign`,
    );
    expect(counts).toEqual({ activities: 6, fed: 5, responses: 4, children: 8, foreign: 2 });
    const [consultation] = await t.testDb.db.query<{ plan: string }>('SELECT p.title AS plan FROM plan_consultation c JOIN plan p ON p.id = c.plan_id');
    expect(consultation?.plan).toBe('Plan 2029 to 2032 (draft)');
    const [next] = await t.testDb.db.query<{ id: string }>("SELECT id FROM plan WHERE title = 'Plan 2029 to 2032 (draft)'");
    const quotations = await publishedQuotations(t.testDb.db, next?.id ?? '');
    expect(quotations.map((q) => q.language).sort()).toEqual(['cy', 'en', 'ur']);
  });
});
