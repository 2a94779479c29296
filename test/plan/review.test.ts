import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPaths as pp } from '../../src/plan/index.js';
import { financialYearLabel } from '../../src/platform/money.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules } from '../helpers/builders.js';
import { buildReviewScene, type ReviewScene } from './review-fixture.js';

/**
 * The plan's annual review (issue 18 item 7; ADR 0037): which years may be reviewed, how a review reads the
 * actions' progress in the year and each priority's indicators against the year's targets (met, not met and no
 * data, by either polarity), and the narratives' rules. Publication and the public's copy: review-publish.test.ts.
 */

let t: TestApp;
let s: ReviewScene;

type Review = {
  status: string;
  content: {
    yearLabel: string;
    asAt: string;
    to: string;
    narrative: string;
    priorities: {
      id: string;
      title: string;
      narrative: string;
      indicators: { code: string; period: string | null; judgement: string; valueText: string; targetText: string; earlier: { period: string; text: string } | null }[];
      actions: { title: string; lead: string; partners: string[]; status: string; progress: { onDay: string; note: string; status: string }[] }[];
    }[];
    totals: { actions: number; indicators: { met: number; notMet: number; noData: number; other: number } };
  };
};

beforeAll(async () => {
  t = await createTestApp();
  s = await buildReviewScene(t);
}, 300_000);
afterAll(async () => t?.close());

const putJson = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const start = (year: unknown) => s.planner.postJson(pp.apiPlanReviews(s.planId), { year });
const read = async (year: number) => expectStatus<Review>(s.planner.get(pp.apiPlanReview(s.planId, year)), 200);

describe('starting a review', () => {
  it('takes a year of the plan’s period that has begun, once, refusing others by name and rule', async () => {
    expect(faultRules(await start('last year'))).toEqual(['year:integer']);
    expect(faultRules(await start(s.year - 1))).toEqual(['year:in_plan_period']);
    expect(faultRules(await start(s.year + 3))).toEqual(['year:in_plan_period']);
    expect(faultRules(await start(s.year + 2))).toEqual(['year:year_begun']);
    await expectStatus(start(s.year), 201);
    const again = await start(String(s.year));
    expect(again.statusCode).toBe(409);
    expect(faultRules(again)).toEqual(['year:unique']);
    const list = await expectStatus<{ year: number; status: string; yearLabel: string }[]>(s.planner.get(pp.apiPlanReviews(s.planId)), 200);
    expect(list).toEqual([expect.objectContaining({ year: s.year, status: 'draft', yearLabel: s.yearLabel })]);
  });

  it('names the refusal on the page too, and starts from the form', async () => {
    await s.planner.get(pp.planReviews(s.planId));
    const refused = await s.planner.post(pp.planReviews(s.planId), { year: String(s.year - 5) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Choose a year of the plan’s period');
    const started = await s.planner.post(pp.planReviews(s.planId), { year: String(s.year + 1) });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(`${pp.planReviewEdit(s.planId, s.year + 1)}?done=started`);
  });

  it('is another area’s plan to nobody: not found', async () => {
    expect((await s.otherPlanner.postJson(pp.apiPlanReviews(s.planId), { year: s.year })).statusCode).toBe(404);
    expect((await s.otherPlanner.get(pp.apiPlanReview(s.planId, s.year))).statusCode).toBe(404);
  });
});

describe('what a review reads', () => {
  it('gives every action its lead, partners, status at the year’s end and the year’s progress notes', async () => {
    const r = await read(s.year);
    expect(r.status).toBe('draft');
    expect(r.content.asAt).toBe(r.content.to);
    const [first, second] = r.content.priorities;
    expect(first?.actions.map((a) => [a.title, a.lead, a.partners, a.status])).toEqual([
      ['Youth panel', `Kestrel Council ${s.area}`, [`Youth Offending Service ${s.area}`], 'off_track'],
      // No note by the year's end: not started, whatever it is now.
      ['Mentoring', `Youth Offending Service ${s.area}`, [], 'not_started'],
    ]);
    // Only the notes dated in the year: not the one before the plan began, nor the one since.
    expect(first?.actions[0]?.progress.map((g) => [g.onDay, g.status, g.note])).toEqual([
      [`${s.year}-05-10`, 'on_track', 'Panel set up with twelve young people'],
      [`${s.year + 1}-02-01`, 'off_track', 'Recruitment of a coordinator delayed'],
    ]);
    expect(second?.actions.map((a) => [a.title, a.status, a.progress.length])).toEqual([['Careers fairs', 'at_risk', 1]]);
    expect(r.content.totals.actions).toBe(3);
  });

  it('judges each indicator against the year’s target by its polarity: met, not met, no data', async () => {
    const r = await read(s.year);
    const judged = Object.fromEntries(r.content.priorities.flatMap((p) => p.indicators).map((i) => [i.code, i]));
    const label = financialYearLabel(s.year);
    // Lower is better, at or under the target: met; and the next year's target is not this year's.
    expect(judged['NI 111']).toMatchObject({ period: label, judgement: 'met' });
    expect(judged['NI 111']?.targetText).toContain(`for ${label}`);
    // Higher is better, under the target: not met.
    expect(judged['NI 75']).toMatchObject({ period: label, judgement: 'not_met' });
    // Lower is better, over the target: not met.
    expect(judged['NI 87']).toMatchObject({ period: label, judgement: 'not_met' });
    // A calendar year's target, no value for it: no data, with the latest value before it for context only.
    expect(judged['NI 117']).toMatchObject({ period: String(s.year), judgement: 'no_data', valueText: 'no value', earlier: { period: String(s.year - 1) } });
    // Quarterly: the year's last quarter with a target is the year's (higher is better, over it: met).
    expect(judged['NI 53']).toMatchObject({ period: `${s.year + 1} Q1`, judgement: 'met' });
    expect(r.content.totals.indicators).toEqual({ met: 2, notMet: 2, noData: 1, other: 0 });
  });

  it('reads a year not over as it stands today: actions as they are now', async () => {
    const r = await read(s.year + 1);
    expect(r.content.asAt < r.content.to).toBe(true);
    const actions = r.content.priorities.flatMap((p) => p.actions);
    expect(actions.map((a) => [a.title, a.status])).toEqual([
      ['Youth panel', 'done'],
      ['Mentoring', 'on_track'],
      ['Careers fairs', 'at_risk'],
    ]);
    expect(actions[0]?.progress.map((g) => g.note)).toEqual(['Coordinator in post']);
    // Only NI 111 has a target for this year, and no value yet; the others have none.
    const judged = Object.fromEntries(r.content.priorities.flatMap((p) => p.indicators).map((i) => [i.code, i.judgement]));
    expect(judged).toEqual({ 'NI 111': 'no_data', 'NI 75': 'no_target', 'NI 117': 'no_target', 'NI 53': 'no_target', 'NI 87': 'no_target' });
  });
});

describe('writing what changed and why', () => {
  it('refuses narratives over their length and a priority not of the plan, naming the field, saving nothing', async () => {
    const long = await putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { narrative: 'x'.repeat(8001) });
    expect(faultRules(long)).toEqual(['narrative:max_length']);
    const longPriority = await putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { narrative: 'Fine', priorities: { [s.priority1]: 'y'.repeat(4001) } });
    expect(faultRules(longPriority)).toEqual([`priority-${s.priority1}:max_length`]);
    const stranger = await putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { priorities: { '00000000-0000-4000-8000-000000000000': 'Words' } });
    expect(faultRules(stranger)).toEqual(['priority-00000000-0000-4000-8000-000000000000:known_priority']);
    expect((await read(s.year)).content.narrative).toBe('');
  });

  it('saves the plan’s and each priority’s words, a priority left out keeping its own', async () => {
    await expectStatus(putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { narrative: 'A year of two halves.', priorities: { [s.priority1]: 'The panel stalled.' } }), 204);
    await expectStatus(putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { narrative: 'A year of two halves.\n\nMore next year.', priorities: { [s.priority2]: 'Schools withdrew.' } }), 204);
    const r = await read(s.year);
    expect(r.content.narrative).toBe('A year of two halves.\n\nMore next year.');
    expect(r.content.priorities.map((p) => p.narrative)).toEqual(['The panel stalled.', 'Schools withdrew.']);
  });

  it('shows the form again with the error against the field on the page', async () => {
    await s.planner.get(pp.planReviewEdit(s.planId, s.year));
    const refused = await s.planner.post(pp.planReviewEdit(s.planId, s.year), { narrative: 'z'.repeat(8001), [`priority-${s.priority1}`]: 'Kept' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#narrative"');
    expect(refused.body).toContain('8,000 characters or fewer');
    // What was typed is shown again, not lost.
    expect(refused.body).toContain('Kept');
  });

  it('is for the planner to write; the board reads it', async () => {
    expect((await putJson(s.board, pp.apiPlanReview(s.planId, s.year), { narrative: 'Board words' })).statusCode).toBe(403);
    expect((await s.board.get(pp.planReview(s.planId, s.year))).statusCode).toBe(200);
  });
});
