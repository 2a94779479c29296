import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { governancePaths as gp } from '../../src/governance/index.js';
import type { TestServer } from './browser.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * The self-assessment and section 11 pages (issue 16 items 7-8). As the LSCB's chair: its rounds, setting a
 * round (with its errors, then for real: every agency's audit starts afresh), the overview, one agency's
 * audit with the challenge's errors. As the board member (the DCS, on the board and of the county council):
 * the board's self-assessments and their comparison, and the council's own audit form with its errors.
 */
export async function scanLscbPages(page: Page): Promise<void> {
  await scan(page, gp.section11Rounds);
  await page.getByLabel('Title').fill('');
  await scanWithErrors(page, 'Set the round');
  await page.getByLabel('Title').fill('Section 11 audit, the accessibility check');
  await page.getByRole('button', { name: 'Set the round' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a round just set');
  await scan(page, (await page.locator('#agencies a.govuk-link').first().getAttribute('href')) ?? 'no agency');
  await scanWithErrors(page, 'Record the challenge');
}

export async function scanBoardAndAgencyPages(page: Page, server: TestServer): Promise<void> {
  await scan(page, gp.selfAssessments);
  const [latest] = await server.running.db.query<{ id: string }>('SELECT id FROM board_self_assessment ORDER BY year DESC LIMIT 1');
  await scan(page, gp.selfAssessment(latest?.id ?? 'no self-assessment'));
  await scan(page, gp.selfAssessmentCompare(latest?.id ?? 'no self-assessment'));
  await scan(page, gp.section11Audits);
  const open = page.locator('table a.govuk-link').first();
  await scan(page, (await open.getAttribute('href')) ?? 'no audit');
  await expect(page.getByRole('button', { name: 'Submit to the LSCB' }).count()).resolves.toBe(1);
  await scanWithErrors(page, 'Submit to the LSCB');
}
