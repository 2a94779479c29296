import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { scan } from './scanning.js';

/**
 * Joint commissioning's pages (issue 17), as the commissioner (the planner) reads them. Each part adds its
 * own pages here: funds and statements, commissions, contracts, the resource map.
 */
export async function scanCommissioningPages(page: Page): Promise<void> {
  await scan(page, cp.home);
}
