import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { openPage, signInAs, type TestServer } from './browser.js';
import type { Browser } from 'playwright-core';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/**
 * The directory's pages of issue 17 (accessibility.test.ts): the public search nearest a postcode
 * and its refusal at a phone's width, then (signed in as the area administrator) the postcodes
 * settings page with its fault, "Our services" and an entry's provider form with its fault.
 */
export async function scanPublicPostcodeSearch(page: Page): Promise<void> {
  await page.setViewportSize({ width: 375, height: 667 });
  await scan(page, `${paths.servicesDirectory(DEMO_AREA.code)}?words=parenting&postcode=KS11+2AB`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await scan(page, `${paths.servicesDirectory(DEMO_AREA.code)}?postcode=KS99`, 400);
  await page.setViewportSize({ width: 1280, height: 720 });
}

export async function scanDirectoryAdminPages(page: Page): Promise<void> {
  await scan(page, paths.localSettingsPostcodes);
  await scanWithErrors(page, 'Load the postcodes');
  await scan(page, paths.ourServices);
  await page.getByRole('link', { name: 'Change the entry for Children’s social care' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a directory entry kept by its provider');
  await page.getByLabel('Postcode (optional)').fill('not a postcode');
  await scanWithErrors(page, 'Save the entry');
}

/** The same, in a page of its own signed in as the demo's area administrator. */
export async function scanDirectoryAsAdmin(ctx: { readonly browser: Browser; readonly server: TestServer }): Promise<void> {
  const page = await openPage(ctx.browser, ctx.server);
  await signInAs(page, ctx.server, 'area.admin@kestrelshire.example');
  await scanDirectoryAdminPages(page);
  await page.context().close();
}
