import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { DEMO_CONSULTATION_TITLE, loadDemoPlanVoice } from '../../src/demo/plan-voice.js';
import { planPaths as pp, planServices } from '../../src/plan/index.js';
import { systemClock } from '../../src/platform/clock.js';
import type { TestServer } from './browser.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * Participation and consultation (issue 18 items 3 and 4; ADR 0035) as the planner reads them, each page fresh and
 * forms with their errors; then the children's public questions signed out, at a phone's 320 pixels, fresh, with
 * errors and thanked, with no sideways scrolling.
 */

/**
 * The demo's participation and consultation. They are loaded after the demo's plans; where the drafting part's
 * loader has not made any (a branch without it), two plans are written here as its SQL would, then loaded.
 */
export async function ensureVoiceDemo(server: TestServer): Promise<string> {
  const db = server.running.db;
  const found = async () => (await db.query<{ id: string }>('SELECT id FROM plan_consultation WHERE area_code = $1 AND title = $2', [DEMO_AREA.code, DEMO_CONSULTATION_TITLE]))[0]?.id;
  const existing = await found();
  if (existing) return existing;
  if ((await db.query('SELECT 1 FROM plan WHERE area_code = $1', [DEMO_AREA.code])).length === 0)
    for (const [title, start, end] of [
      ['Children and Young People’s Plan 2026 to 2029', '2026-04-01', '2029-03-31'],
      ['Children and Young People’s Plan 2029 to 2032 (draft)', '2029-04-01', '2032-03-31'],
    ] as const) {
      const [plan] = await db.query<{ id: string }>(
        `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at) VALUES ($1, $2, $3, $4, 'board', now(), now()) RETURNING id`,
        [DEMO_AREA.code, title, start, end],
      );
      await db.query(
        `INSERT INTO plan_section (plan_id, area_code, kind, title, position, updated_at) VALUES ($1, $2, 'vision', 'Our vision', 1, now()), ($1, $2, 'priorities', 'Our priorities', 3, now())`,
        [plan?.id, DEMO_AREA.code],
      );
    }
  await loadDemoPlanVoice({
    db,
    clock: systemClock,
    areaCode: DEMO_AREA.code,
    plan: planServices({ db, clock: systemClock }),
    by: { actor: { userId: null, label: 'operator', role: null, areaCode: null }, ctx: { ip: '127.0.0.1', userAgent: 'scan', requestId: 'scan-plan-voice' } },
    userId: async (email) => (await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]))[0]?.id ?? '',
  });
  return (await found()) ?? 'the demo has no consultation';
}

/** The signed-in pages, as the planner. */
export async function scanPlanVoicePages(page: Page, server: TestServer): Promise<void> {
  const consultationId = await ensureVoiceDemo(server);
  const db = server.running.db;
  await scan(page, pp.participation);
  await scan(page, pp.participationSummary);
  const [activity] = await db.query<{ id: string }>(
    'SELECT id FROM plan_participation_activity WHERE area_code = $1 AND feedback_on IS NOT NULL ORDER BY held_on DESC LIMIT 1',
    [DEMO_AREA.code],
  );
  await scan(page, pp.participationActivity(activity?.id ?? 'none'));
  await scan(page, pp.participationEdit(activity?.id ?? 'none'));
  await scan(page, pp.participationNew);
  await scanWithErrors(page, 'Save the activity');

  await scan(page, pp.consultations);
  await scan(page, pp.consultationNew);
  await scanWithErrors(page, 'Set up the consultation');
  await scan(page, pp.consultation(consultationId));
  await scanWithErrors(page, 'Add the consultee');
  await scan(page, pp.consultationResponseNew(consultationId));
  await scanWithErrors(page, 'Record the response');
  const responses = await db.query<{ id: string; language: string; outcome: string | null }>(
    'SELECT id, language, outcome FROM plan_consultation_response WHERE consultation_id = $1 ORDER BY received_on',
    [consultationId],
  );
  for (const r of responses) await scan(page, pp.consultationResponse(consultationId, r.id));
  const pending = responses.find((r) => r.outcome === null);
  await scan(page, pp.consultationResponse(consultationId, pending?.id ?? 'none'));
  await scanWithErrors(page, 'Save what became of it');
  await scan(page, pp.consultationChildren(consultationId));
  // The Urdu answer is marked up right to left in its own language.
  await expect(page.locator('p[lang="ur"][dir="rtl"]').count()).resolves.toBe(1);
}

/** The children's public questions, signed out, at 320 pixels: fresh, refused, and thanked. */
export async function scanChildrenConsultation(page: Page, server: TestServer): Promise<void> {
  await ensureVoiceDemo(server);
  await page.setViewportSize({ width: 320, height: 640 });
  const noSideways = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await scan(page, pp.haveYourSay(DEMO_AREA.code));
  await noSideways();
  await scanWithErrors(page, 'Send my answers');
  await noSideways();
  await page.getByLabel('Feeling safe').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'thank you for having your say');
  await noSideways();
  await page.setViewportSize({ width: 1280, height: 720 });
}
