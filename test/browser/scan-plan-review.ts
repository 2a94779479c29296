import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { planPaths as pp } from '../../src/plan/index.js';
import { financialYearOf } from '../../src/platform/money.js';
import { openPage, type TestServer } from './browser.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * The plan's annual review (issue 18 item 7; ADR 0037) as the planner works it: every plan's reviews, one plan's
 * with the form to start a review (refused, then started), the narratives' form (refused, then saved), a
 * publication refused for blank narratives, the review drafted and published; then the public's copy signed
 * out, at a phone's width too. The demo's plan is used when it is there; otherwise a plan of the demo area is
 * written as the plan's own SQL writes one (the drafting part's demo is another helper's).
 */

async function aPlanToReview(server: TestServer): Promise<{ planId: string; year: number }> {
  const db = server.running.db;
  const thisYear = financialYearOf(new Date().toISOString().slice(0, 10));
  // A plan with a year that has begun and has no review yet.
  const [found] = await db.query<{ id: string; start: string }>(
    `SELECT p.id, p.period_start::text AS start FROM plan p
      WHERE p.area_code = $1 AND p.period_start <= $2::date AND p.period_end >= $4::date
        AND NOT EXISTS (SELECT 1 FROM plan_review r WHERE r.plan_id = p.id AND r.year = $3)
      ORDER BY p.period_start DESC LIMIT 1`,
    [DEMO_AREA.code, `${thisYear + 1}-03-31`, thisYear, `${thisYear}-04-01`],
  );
  if (found && financialYearOf(found.start) <= thisYear) return { planId: found.id, year: thisYear };
  const [plan] = await db.query<{ id: string }>(
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at)
     VALUES ($1, 'Children and Young People’s Plan (scan)', $2, $3, 'board', now(), now()) RETURNING id`,
    [DEMO_AREA.code, `${thisYear - 1}-04-01`, `${thisYear + 2}-03-31`],
  );
  const planId = plan?.id ?? '';
  const [priority] = await db.query<{ id: string }>(
    `INSERT INTO plan_priority (plan_id, area_code, title, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, 'More young people learning or working', 'achieve-economic-wellbeing', 1, now(), now()) RETURNING id`,
    [planId, DEMO_AREA.code],
  );
  await db.query(
    `INSERT INTO plan_priority_indicator (priority_id, area_code, indicator_id, position) SELECT $1, $2, id, 1 FROM indicator WHERE code = 'NI 117' AND area_code IS NULL`,
    [priority?.id, DEMO_AREA.code],
  );
  await db.query(
    `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, status, position, created_at, updated_at)
     SELECT $1, $2, 'Careers fairs in every district', o.id, $3, $4, 'off_track', 1, now(), now()
       FROM organisation o WHERE o.area_code = $2 ORDER BY o.name LIMIT 1`,
    [priority?.id, DEMO_AREA.code, `${thisYear - 1}-04-01`, `${thisYear + 1}-03-31`],
  );
  return { planId, year: thisYear };
}

export async function scanPlanReviewPages(page: Page, server: TestServer): Promise<void> {
  await scan(page, pp.planReviewsAll);
  const { planId, year } = await aPlanToReview(server);
  await scan(page, pp.planReviews(planId));
  await scanWithErrors(page, 'Start the review');
  await page.getByLabel('Financial year, April to March').selectOption(String(year));
  await page.getByRole('button', { name: 'Start the review' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'the narratives’ form of a review just started');
  // Over its length: refused naming the field, what was typed kept.
  await page.getByLabel('What changed in the year and why, for the plan as a whole').fill('x'.repeat(8001));
  await scanWithErrors(page, 'Save the review');
  // Published with blank narratives: refused on the same form.
  await page.goto(pp.planReviewEdit(planId, year));
  await scanWithErrors(page, 'Publish the review');
  await page.getByLabel('What changed in the year and why, for the plan as a whole').fill('A year of steady progress.\n\nTwo actions fell behind.');
  for (const box of await page.locator('textarea[name^="priority-"]').all()) await box.fill('Behind on careers fairs; recovery plan agreed.');
  await page.getByRole('button', { name: 'Save the review' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a draft review with its narratives');
  // The plan published (as its publication part does), then the review.
  await server.running.db.query(`UPDATE plan SET status = 'published' WHERE id = $1 AND status = 'draft'`, [planId]);
  await page.getByRole('button', { name: 'Publish the review' }).click();
  await page.waitForLoadState();
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Review published');
  await scanHere(page, 'a published review');

  const browser = page.context().browser();
  if (!browser) throw new Error('the planner’s page has no browser');
  const visitor = await openPage(browser, server);
  await scan(visitor, pp.ourPlanReview(DEMO_AREA.code, year));
  await visitor.setViewportSize({ width: 320, height: 640 });
  await scan(visitor, pp.ourPlanReview(DEMO_AREA.code, year));
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await scan(visitor, pp.ourPlanReview(DEMO_AREA.code, year - 30), 404);
  await scan(visitor, pp.ourPlanReviews(DEMO_AREA.code));
  await visitor.context().close();
}
