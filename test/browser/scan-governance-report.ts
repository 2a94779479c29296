import type { Page } from 'playwright-core';
import { governancePaths as gp } from '../../src/governance/index.js';
import { scan, scanWithErrors } from './scanning.js';

/**
 * The annual report of partnership activity (issue 16 item 9), as anyone of the area reads it: the last
 * year that has ended (the section 11 round), this year so far (the self-assessment compared), and a year
 * that is not one, with its error.
 */
export async function scanAnnualReportPages(page: Page): Promise<void> {
  await scan(page, gp.annualReport);
  const thisYear = Number((await page.getByLabel('Financial year, April to March').inputValue()) || '0') + 1;
  await scan(page, gp.annualReportFor(thisYear));
  await page.getByLabel('Financial year, April to March').fill('last year');
  await scanWithErrors(page, 'Show the report');
}
