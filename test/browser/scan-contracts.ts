import type { Page } from 'playwright-core';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { scan, scanWithErrors } from './scanning.js';

/**
 * Contracts and monitoring returns (issue 17 item 6, ADR 0030) as the commissioner reads them: the list and
 * its filter, a contract under target, setting one up, entering and uploading returns (with errors), one
 * period's history, the paying partner, the provider's list and decommissioning.
 */
export async function scanContractPages(page: Page): Promise<void> {
  await scan(page, cp.contracts);
  const hrefOf = async (text: string) => (await page.getByRole('link', { name: text }).first().getAttribute('href')) ?? '';
  const fostering = await hrefOf('Independent fostering placements');
  const family = await hrefOf('Family support in Eastmoor');
  await scan(page, `${cp.contracts}?under=true&state=running`);
  await scan(page, fostering);
  const history = (await page.locator('a[href*="/returns/20"]').first().getAttribute('href')) ?? '';
  await scan(page, history);
  await scan(page, cp.contractNew);
  await scanWithErrors(page, 'Set up the contract');
  await scan(page, `${fostering}/returns/new`);
  await scanWithErrors(page, 'Save the return');
  await scan(page, `${fostering}/returns/upload`);
  await scanWithErrors(page, 'Upload the returns');
  // The paying partner (ADR 0038): recorded for a contract set up before migration 0062, or corrected; fostering is paid by the council.
  await scan(page, `${fostering}/paying-partner`);
  await scan(page, `${family}/decommission`);
  await scanWithErrors(page, 'Decommission the contract');
  await scan(page, cp.providerReturns);
}
