import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * Aligned budgets, the resource map with its chart and the published figures' shapes (issue 17 items 5, 7, 8;
 * ADR 0032), as the commissioner reads them on the demo: forms fresh and with errors.
 */
export async function scanCommMapPages(page: Page): Promise<void> {
  await scan(page, cp.alignedBudgets);
  await page.getByRole('link', { name: 'Parenting support (aligned budgets)' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'an aligned fund');
  await scanWithErrors(page, 'Book it');
  await scan(page, cp.alignedBudgetsNew);
  await scanWithErrors(page, 'Set up aligned budgets');
  await scan(page, cp.resourceMap);
  await scan(page, cp.publishedFigures);
}
