import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * Commissions through the cycle (issue 17 item 3), as the commissioner (the planner) reads them: the list and
 * a filtered list, a new commission and its errors, the demo's operational commission (its board decision,
 * counted for a reader outside the board) with a refused move, and the individual one (no child named).
 */
export async function scanCommissionPages(page: Page): Promise<void> {
  await scan(page, cp.commissions);
  await scan(page, `${cp.commissions}?level=strategic&stage=monitoring`);
  await scan(page, cp.commissionNew);
  await scanWithErrors(page, 'Start the commission');
  await page.goto(cp.commissions);
  await page.getByRole('link', { name: 'Parenting support programmes' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'an operational commission with a board decision');
  await scanWithErrors(page, 'Move the commission');
  await page.goto(cp.commissions);
  await page.getByRole('link', { name: 'Child and adolescent mental health services (CAMHS)' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a strategic commission at monitoring with its evidence');
}
