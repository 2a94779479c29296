import { describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { openPage, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * Issue 17's "done means": a member of the public finds a parenting service near a postcode on a
 * phone. A phone-sized screen (375 by 667, touch), no sign-in, the demo's directory and postcodes.
 */
describe.skipIf(skipBrowserTests)('the directory of services on a phone', () => {
  const ctx = useBrowserAndServer();

  it('finds a parenting service near a postcode, nearest first, with no sideways scrolling', async () => {
    const page = await openPage(ctx.browser, ctx.server, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await page.goto(paths.servicesDirectory(DEMO_AREA.code));
    await page.getByLabel('Words to look for (optional)').fill('parenting');
    await page.getByLabel('Postcode (optional)').fill('ks11 2ab');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toMatch(/services found, nearest KS11 2AB first/);
    const first = page.getByRole('heading', { level: 3 }).first();
    await expect(first.textContent()).resolves.toBe('Incredible Years parenting programme');
    await expect(page.getByText(/\d+\.\d miles? from KS11 2AB/).first().isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // A postcode that is not one is refused, naming the field, and the search can be put right.
    await page.getByLabel('Postcode (optional)').fill('KS11');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Postcode must be a full UK postcode');
    await page.locator('.govuk-error-summary a').first().click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('postcode');
    expect(ctx.server.pageErrors).toEqual([]);
    expect(ctx.server.blocked).toEqual([]);
    await page.context().close();
  });
});
