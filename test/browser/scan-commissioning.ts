import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { scanCommBookPages } from './scan-comm-book.js';
import { scanCommMapPages } from './scan-comm-map.js';
import { DEMO_AREA } from '../../src/demo/area.js';
import type { TestServer } from './browser.js';
import { scan, scanWithErrors } from './scanning.js';
import { scanContractPages } from './scan-contracts.js';
import { scanCommissionPages } from './scan-commissions.js';
import { scanContractTargetAndAgendaPages } from './scan-comm-contracts2.js';

/**
 * Joint commissioning's pages (issue 17), as the commissioner (the planner) reads them: each page fresh and, for
 * forms, with its errors. Each part adds its own pages here: funds and statements, commissions, contracts, the
 * resource map.
 */
export async function scanCommissioningPages(page: Page, server: TestServer): Promise<void> {
  await scan(page, cp.home);
  await scanCommMapPages(page);

  // Pooled funds and aligned budgets (ADR 0028), on the demo's CAMHS pool.
  const [fund] = await server.running.db.query<{ id: string }>("SELECT id FROM fund WHERE area_code = $1 AND kind = 'pooled' ORDER BY created_at LIMIT 1", [DEMO_AREA.code]);
  const fundId = fund?.id ?? 'the demo has no fund';
  await scan(page, cp.funds);
  await scan(page, cp.fund(fundId));
  await scan(page, cp.fundAgreement(fundId, 1));
  await scan(page, cp.fundAgreement(fundId, 2));
  await scan(page, cp.fundStatement(fundId));
  await scan(page, cp.fundBudgetHolders(fundId));
  await scan(page, cp.fundNew);
  await scanWithErrors(page, 'Set up the fund');
  await scan(page, cp.fundAgreementNew(fundId));
  await page.getByLabel('Why the agreement is varied').fill('');
  await scanWithErrors(page, 'Propose this version');
  await scan(page, cp.fundContributionNew(fundId));
  await scanWithErrors(page, 'Record the contribution');
  await scan(page, cp.fundBookingNew(fundId));
  await scanWithErrors(page, 'Book it');
  await scanCommBookPages(page, server);
  await scanContractPages(page);
  await scanCommissionPages(page);
  // Targets changed, a commission put on the board's agenda (ADR 0038).
  await scanContractTargetAndAgendaPages(page, server);
}
