import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { DEMO_AREA } from '../../src/demo/index.js';
import type { TestServer } from './browser.js';
import { scanHere, scanWithErrors } from './scanning.js';

/**
 * What ADR 0038 added to commissioning's pages, as the commissioner reads them: a contract target's change
 * page (and its errors), and a commission's page with "Put on the board’s agenda" (and its errors). The demo's
 * board meetings are all past, so an upcoming one is scheduled here for the form to show.
 */
export async function scanContractTargetAndAgendaPages(page: Page, server: TestServer): Promise<void> {
  await page.goto(cp.contracts);
  await page.getByRole('link', { name: /Independent fostering placements/ }).first().click();
  await page.waitForLoadState();
  await page.getByRole('link', { name: /^Change the target on/ }).first().click();
  await page.waitForLoadState();
  await scanHere(page, 'a contract target’s change page');
  await scanWithErrors(page, 'Change the target');

  await server.running.db.query(
    `INSERT INTO governance_meeting (area_code, body_id, held_on, starts_at, place, created_at)
     SELECT area_code, id, CURRENT_DATE + 30, '14:00', 'County Hall, Committee Room 2', now() FROM governance_body
      WHERE area_code = $1 AND kind = 'trust_board' AND NOT EXISTS (SELECT 1 FROM governance_meeting m WHERE m.body_id = governance_body.id AND m.held_on >= CURRENT_DATE)`,
    [DEMO_AREA.code],
  );
  await page.goto(cp.commissions);
  await page.getByRole('link', { name: 'Parenting support programmes' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a commission with “Put on the board’s agenda”');
  await scanWithErrors(page, 'Put on the board’s agenda');
}
