import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemoPlanPublication } from '../../src/demo/plan-publication.js';
import { planServices, publicationPaths as up } from '../../src/plan/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { buildPlan, writeSection } from '../plan/publication/fixture.js';
import { openPage, signInAs, type TestServer } from './browser.js';
import { scan, scanWithErrors } from './scanning.js';

/**
 * Approval, versions and publication of the plan (issue 18 items 5-6), as the planner works through them and as
 * the public reads the result: the publication page while a section blocks it, the summary's form with its
 * error, publishing refused without a decision, then (the board's approval and publishing done as the demo's
 * loader does them) the overview, the version, its differences and the draft's, the translations page with its
 * error, and signed out the plan, the short version, Welsh and Urdu (at a phone's width) and a missing one.
 * When the demo has no complete plan of its own yet, one is drafted here as the plan's SQL writes one.
 */
export async function scanPlanPublication(ctx: { readonly browser: Browser; readonly server: TestServer }): Promise<void> {
  const db = ctx.server.running.db;
  const area = DEMO_AREA.code;
  const [planner] = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'planner@kestrelshire.example'`);
  let [planRow] = await db.query<{ id: string }>(
    `SELECT p.id FROM plan p WHERE p.area_code = $1 ORDER BY EXISTS (SELECT 1 FROM plan_version v WHERE v.plan_id = p.id) DESC, p.period_start LIMIT 1`,
    [area],
  );
  let budgets: string | undefined;
  if (!planRow) {
    const [lead] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 ORDER BY name LIMIT 1', [area]);
    const drafted = await buildPlan(db, area, lead?.id ?? '');
    planRow = { id: drafted.planId };
    budgets = drafted.sections.budgets;
  }
  const planId = planRow.id;

  const page = await openPage(ctx.browser, ctx.server);
  await signInAs(page, ctx.server, 'planner@kestrelshire.example');
  await scan(page, up.publication(planId));
  await scan(page, up.childrenSummary(planId));
  await page.locator('#body').fill('');
  await scanWithErrors(page, 'Save the summary');
  await page.goto(up.publication(planId));
  await scanWithErrors(page, 'Publish the plan');
  if (budgets) {
    await writeSection({ testDb: { db } }, budgets, 'The pooled fund for mental health and the aligned parenting budgets pay for the key actions.');
    const demo = { db, clock: systemClock, areaCode: area, plan: planServices({ db, clock: systemClock }), userId: () => Promise.resolve(planner?.id ?? '') };
    const by = { actor: { userId: null, label: 'test', role: null, areaCode: null }, ctx: { ip: '127.0.0.1', userAgent: 'test', requestId: 'scan' } };
    expect(await loadDemoPlanPublication({ ...demo, by })).toBe(1);
    await writeSection({ testDb: { db } }, budgets, 'The pooled fund for mental health pays for the key actions; aligned budgets pay for parenting support.');
  }
  await scan(page, up.overview);
  await scan(page, up.publication(planId));
  await scan(page, up.version(planId, 1));
  await scan(page, up.versionChanges(planId, 1));
  await scan(page, up.draftChanges(planId));
  await scan(page, up.versionTranslations(planId, 1));
  await scanWithErrors(page, 'Save the translation');
  await page.context().close();

  const visitor = await openPage(ctx.browser, ctx.server);
  // The demo's plan is public: approved, with its short version and its Welsh and Urdu (demo/plan-publication.ts).
  await scan(visitor, up.ourPlan(area));
  await scan(visitor, up.ourPlanYoungPeople(area));
  await scan(visitor, up.ourPlanLanguage(area, 'cy'));
  await visitor.setViewportSize({ width: 320, height: 640 });
  await scan(visitor, up.ourPlanLanguage(area, 'ur'));
  expect(await visitor.locator('[lang="ur"][dir="rtl"]').count()).toBeGreaterThan(0);
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await scan(visitor, up.ourPlan(area));
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await scan(visitor, up.ourPlanLanguage(area, 'pl'), 404);
  await visitor.context().close();
}
