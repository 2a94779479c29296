import type { Page } from 'playwright-core';
import { planPaths as pp } from '../../src/plan/index.js';
import type { TestServer } from './browser.js';
import { scan } from './scanning.js';

/**
 * The Children and Young People's Plan's signed-in pages (issue 18), as the planner reads them: each page fresh
 * and, for forms, with its errors. Each part adds its own pages here (drafting, participation and consultation,
 * versions and publication, the review); the public's pages are scanned signed out in accessibility.test.ts.
 */
export async function scanPlanPages(page: Page, _server: TestServer): Promise<void> {
  await scan(page, pp.home);
}
