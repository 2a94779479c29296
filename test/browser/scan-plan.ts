import type { Page } from 'playwright-core';
import { DEMO_AREA } from '../../src/demo/area.js';
import { DEMO_NEXT_PLAN_TITLE, DEMO_PLAN_TITLE } from '../../src/demo/plan-drafts.js';
import { planContent, planPaths as pp } from '../../src/plan/index.js';
import type { TestServer } from './browser.js';
import { scan, scanWithErrors } from './scanning.js';
import { scanPlanVoicePages } from './scan-plan-voice.js';

/**
 * The Children and Young People's Plan's signed-in pages (issue 18), as the planner reads them: each page fresh
 * and, for forms, with its errors. Each part adds its own pages here (drafting, participation and consultation,
 * versions and publication, the review); the public's pages are scanned signed out in accessibility.test.ts.
 */
export async function scanPlanPages(page: Page, server: TestServer): Promise<void> {
  await scan(page, pp.home);
  await scanPlanDraftingPages(page, server);
  // Participation and consultation (cypp-voice); the children's public questions are scanned signed out.
  await scanPlanVoicePages(page, server);
}

/** Drafting (cypp-plan): the demo's plans, a section of each live kind, priorities, targets, key actions. */
async function scanPlanDraftingPages(page: Page, server: TestServer): Promise<void> {
  const { db } = server.running;
  const idOf = async (title: string) =>
    (await db.query<{ id: string }>('SELECT id FROM plan WHERE area_code = $1 AND title = $2', [DEMO_AREA.code, title]))[0]?.id ?? 'no demo plan';
  const planId = await idOf(DEMO_PLAN_TITLE);
  const content = await planContent(db, DEMO_AREA.code, planId);
  const sectionId = (kind: string) => content?.sections.find((s) => s.kind === kind)?.id ?? 'no section';
  const priority = content?.priorities[0];
  const action = priority?.actions[0];

  await scan(page, pp.plan(planId));
  await scan(page, pp.plan(await idOf(DEMO_NEXT_PLAN_TITLE)));
  await scan(page, pp.planNew);
  await scanWithErrors(page, 'Start the plan');
  await scan(page, pp.planEdit(planId));
  for (const kind of ['vision', 'needs_assessment', 'budgets', 'cooperation']) await scan(page, pp.planSection(planId, sectionId(kind)));
  await page.getByLabel('Title', { exact: true }).fill('');
  await scanWithErrors(page, 'Save the section');
  await scan(page, pp.planSectionNew(planId));
  await scanWithErrors(page, 'Add the section');
  await scan(page, pp.planPriorityNew(planId));
  await scanWithErrors(page, 'Add the priority');
  await scan(page, pp.planPriority(planId, priority?.id ?? 'no priority'));
  await scan(page, pp.planPriorityTargets(planId, priority?.id ?? 'no priority'));
  await scanWithErrors(page, 'Set the target');
  await scan(page, pp.planActionNew(planId, priority?.id ?? 'no priority'));
  await scanWithErrors(page, 'Add the key action');
  await scan(page, pp.planAction(planId, action?.id ?? 'no action'));
  await scanWithErrors(page, 'Add the progress note');
}
