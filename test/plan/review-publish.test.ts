import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governancePaths as gp } from '../../src/governance/index.js';
import { planPaths as pp } from '../../src/plan/index.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules } from '../helpers/builders.js';
import { readPdf } from '../helpers/pdf.js';
import { buildReviewScene, markPlanPublished, type ReviewScene } from './review-fixture.js';

/**
 * Publishing the plan's annual review (issue 18 item 7; ADR 0037): refused while the plan is a draft or a
 * narrative is blank (all or nothing); an unpublished review is never public; a published one is public beside
 * the plan, page and PDF (the PDF says what the page says), frozen as published; the governance annual report of
 * the year includes it, summary and link.
 */

let t: TestApp;
let s: ReviewScene;
let visitor: Agent;

const putJson = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const publish = () => s.planner.postJson(pp.apiPlanReviewPublish(s.planId, s.year), {});
const unescape = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
const cellsOf = (html: string): string[] => [...html.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => unescape(m[1] ?? '')).filter((c) => c !== '');
const bare = (text: string): string => text.replace(/\s+/g, '');

beforeAll(async () => {
  t = await createTestApp();
  s = await buildReviewScene(t);
  visitor = new Agent(t.app);
  await expectStatus(s.planner.postJson(pp.apiPlanReviews(s.planId), { year: s.year }), 201);
}, 300_000);
afterAll(async () => t?.close());

describe('before it is published', () => {
  it('is never public: the page and the PDF are not found, for a draft plan and a draft review alike', async () => {
    for (const path of [pp.ourPlanReview(s.area, s.year), pp.ourPlanReviewPdf(s.area, s.year)]) {
      const response = await visitor.get(path);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Youth panel');
    }
  });

  it('is refused while the plan is a draft and the narratives are blank, naming each field, and stays a draft', async () => {
    const refused = await publish();
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused).sort()).toEqual(['narrative:required', 'plan:plan_published', `priority-${s.priority1}:required`, `priority-${s.priority2}:required`].sort());
    const review = await expectStatus<{ status: string }>(s.planner.get(pp.apiPlanReview(s.planId, s.year)), 200);
    expect(review.status).toBe('draft');
  });

  it('shows the refusal on the narratives’ form, each fault linked to its field', async () => {
    await s.planner.get(pp.planReview(s.planId, s.year));
    const refused = await s.planner.post(pp.planReviewPublish(s.planId, s.year));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#plan-status"');
    expect(refused.body).toContain('href="#narrative"');
    expect(refused.body).toContain(`href="#priority-${s.priority1}"`);
  });

  it('is still refused with the narratives written while the plan is a draft; a review of a draft plan is never public', async () => {
    await expectStatus(
      putJson(s.planner, pp.apiPlanReview(s.planId, s.year), {
        narrative: 'The youth panel stalled for want of a coordinator.\n\nCareers fairs lost two schools.',
        priorities: { [s.priority1]: 'Youth justice entrants fell below target.', [s.priority2]: 'Fewer young people NEET, but attendance slipped.' },
      }),
      204,
    );
    expect(faultRules(await publish())).toEqual(['plan:plan_published']);
    expect((await visitor.get(pp.ourPlanReview(s.area, s.year))).statusCode).toBe(404);
  });

  it('prints a draft for those who read the plan, marked as a draft', async () => {
    const pdf = await s.board.get(pp.planReviewPdf(s.planId, s.year));
    expect(pdf.statusCode).toBe(200);
    expect(readPdf(pdf.rawPayload).text).toContain('DRAFT');
  });

  it('is left out of the governance annual report: nothing of a draft plan, and "none published" for a published one', async () => {
    type Report = { contributions: { id: string; paragraphs: string[]; links: unknown[] }[] };
    const before = await expectStatus<Report>(s.board.get(`${gp.apiAnnualReport}?year=${s.year}`), 200);
    expect(before.contributions).toEqual([]);
    await markPlanPublished(t, s);
    const after = await expectStatus<Report>(s.board.get(`${gp.apiAnnualReport}?year=${s.year}`), 200);
    expect(after.contributions).toEqual([expect.objectContaining({ id: 'plan-review', paragraphs: ['No review of the plan has been published for this year.'], links: [] })]);
    // The plan is public now; its draft review still is not.
    expect((await visitor.get(pp.ourPlanReview(s.area, s.year))).statusCode).toBe(404);
  });
});

describe('published', () => {
  beforeAll(async () => {
    await markPlanPublished(t, s);
    await expectStatus(publish(), 204);
  });

  it('is recorded with who published it, and audited', async () => {
    const review = await expectStatus<{ status: string; publishedByName: string }>(s.planner.get(pp.apiPlanReview(s.planId, s.year)), 200);
    expect(review).toMatchObject({ status: 'published', publishedByName: 'Pat Planner' });
    const [entry] = await t.testDb.db.query<{ details: { year: number } }>(`SELECT details FROM audit_event WHERE action = 'plan.review_published' AND area_code = $1`, [s.area]);
    expect(entry?.details.year).toBe(s.year);
  });

  it('is public without signing in, with the narratives, the actions and the judgements', async () => {
    const page = await visitor.get(pp.ourPlanReview(s.area, s.year));
    expect(page.statusCode).toBe(200);
    const text = unescape(page.body);
    for (const words of ['Youth justice entrants fell below target.', 'Careers fairs lost two schools.', 'Youth panel', 'Off track', 'Not met', 'No data yet', `Kestrel Council ${s.area}`]) {
      expect(text).toContain(words);
    }
    expect(page.body).not.toContain('Publish the review');
  });

  it('prints the public page’s words and figures in its PDF', async () => {
    const page = await visitor.get(pp.ourPlanReview(s.area, s.year));
    const cells = cellsOf(page.body);
    expect(cells.length).toBeGreaterThan(20);
    const pdf = await visitor.get(pp.ourPlanReviewPdf(s.area, s.year));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = readPdf(pdf.rawPayload);
    expect(read.title).toBe(`Children and Young People’s Plan: annual review ${s.yearLabel}`);
    const text = bare(read.text);
    expect(cells.filter((c) => !text.includes(bare(c)))).toEqual([]);
    expect(text).toContain(bare('Youth justice entrants fell below target.'));
  });

  it('stays as published when the plan moves on, and cannot be changed or published again', async () => {
    await t.testDb.db.query(
      `INSERT INTO plan_action_progress (action_id, area_code, on_day, note, status, written_by_name, written_at)
       VALUES ($1, $2, $3, 'A late note about the year', 'done', 'Pat Planner', now())`,
      [s.actions.fairs, s.area, `${s.year}-12-01`],
    );
    const page = await visitor.get(pp.ourPlanReview(s.area, s.year));
    expect(page.body).not.toContain('A late note about the year');
    const signedIn = await s.board.get(pp.planReview(s.planId, s.year));
    expect(signedIn.body).not.toContain('A late note about the year');
    const changed = await putJson(s.planner, pp.apiPlanReview(s.planId, s.year), { narrative: 'Rewritten' });
    expect(changed.statusCode).toBe(409);
    expect(faultRules(changed)).toEqual(['narrative:published']);
    expect(faultRules(await publish())).toEqual(['status:published']);
  });

  it('is in the governance annual report of its year, summarised with links to the public copy', async () => {
    const report = await expectStatus<{ contributions: { id: string; heading: string; paragraphs: string[]; links: { href: string }[]; tables: { rows: string[][] }[] }[] }>(
      s.board.get(`${gp.apiAnnualReport}?year=${s.year}`),
      200,
    );
    const [section] = report.contributions;
    expect(section?.heading).toBe('The Children and Young People’s Plan: annual review');
    expect(section?.paragraphs[1]).toBe('3 key actions (1 not started, 1 at risk, 1 off track); 2 of 5 indicators met the year’s target, 2 did not, 1 has no data yet.');
    expect(section?.links.map((l) => l.href)).toEqual([pp.ourPlanReview(s.area, s.year), pp.ourPlanReviewPdf(s.area, s.year)]);
    expect(section?.tables[0]?.rows).toEqual([
      ['Fewer young people in trouble', '2', '1', '1', '1', '0'],
      ['More young people learning or working', '1', '1', '1', '1', '1'],
    ]);
    const page = await s.board.get(gp.annualReportFor(s.year));
    expect(page.body).toContain(`href="${pp.ourPlanReview(s.area, s.year)}"`);
    const pdf = readPdf((await s.board.get(gp.annualReportPdfFor(s.year))).rawPayload);
    expect(bare(pdf.text)).toContain(bare('The Children and Young People’s Plan: annual review'));
  });

  it('is listed among the area’s published reviews, which list no draft', async () => {
    const list = await visitor.get(pp.ourPlanReviews(s.area));
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${pp.ourPlanReview(s.area, s.year)}"`);
    expect(list.body).not.toContain(`href="${pp.ourPlanReview(s.area, s.year + 1)}"`);
    const none = await visitor.get(pp.ourPlanReviews(s.otherArea));
    expect(none.body).toContain('No review has been published yet.');
  });

  it('is not another year’s review, nor another area’s', async () => {
    expect((await visitor.get(pp.ourPlanReview(s.area, s.year + 1))).statusCode).toBe(404);
    expect((await visitor.get(pp.ourPlanReview(s.otherArea, s.year))).statusCode).toBe(404);
  });
});
