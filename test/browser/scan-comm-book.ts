import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { DEMO_AREA } from '../../src/demo/area.js';
import type { TestServer } from './browser.js';
import { scan, scanWithErrors } from './scanning.js';

/**
 * Corrections (ADR 0033) on the demo's CAMHS pool, as the commissioner reads them: reversing a booking and a
 * contribution, each form fresh and with its errors (no reason given, so nothing is reversed).
 */
export async function scanCommBookPages(page: Page, server: TestServer): Promise<void> {
  const db = server.running.db;
  const [entry] = await db.query<{ fundId: string; id: string }>(
    `SELECT e.fund_id AS "fundId", e.id FROM fund_entry e JOIN fund f ON f.id = e.fund_id
      WHERE f.area_code = $1 AND f.kind = 'pooled' AND e.kind = 'spend' AND e.reverses_entry_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM fund_entry r WHERE r.reverses_entry_id = e.id) ORDER BY e.on_day LIMIT 1`,
    [DEMO_AREA.code],
  );
  const [contribution] = await db.query<{ fundId: string; id: string }>(
    `SELECT c.fund_id AS "fundId", c.id FROM fund_contribution c JOIN fund f ON f.id = c.fund_id
      WHERE f.area_code = $1 AND f.kind = 'pooled' AND c.kind = 'money' AND c.reverses_contribution_id IS NULL ORDER BY c.financial_year LIMIT 1`,
    [DEMO_AREA.code],
  );
  await scan(page, cp.fundEntryReverse(entry?.fundId ?? 'none', entry?.id ?? 'none'));
  await scanWithErrors(page, 'Reverse it');
  await scan(page, cp.fundContributionReverse(contribution?.fundId ?? 'none', contribution?.id ?? 'none'));
  await scanWithErrors(page, 'Reverse it');
}
