import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * Issue 14 item 10: the area's own name (and logo) in a GOV.UK-Frontend-styled header, without the
 * crown; a footer without the Royal Arms or Crown copyright. The area administrator uploads a logo.
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe.skipIf(skipBrowserTests)('the area’s own header', () => {
  const ctx = useBrowserAndServer();

  it('shows the area’s name and no crown, signed out and in; an uploaded logo appears in the header', async () => {
    const page = await openPage(ctx.browser, ctx.server);
    await page.goto(paths.signIn);
    const header = page.locator('header.govuk-header');
    await expect(header.locator('.app-header__area-name').textContent()).resolves.toBe('Kestrelshire Children’s Trust');
    await expect(header.locator('svg').count()).resolves.toBe(0);
    await expect(page.locator('.govuk-footer__crown, .govuk-footer__copyright-logo, .govuk-footer__licence-logo').count()).resolves.toBe(0);
    await expect(page.locator('footer').textContent()).resolves.not.toMatch(/Crown copyright|Open Government Licence/);
    await expect(page.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe('/public/favicon.svg');

    await signInAs(page, ctx.server, 'area.admin@kestrelshire.example');
    await expect(header.locator('.app-header__area-name').textContent()).resolves.toBe('Kestrelshire Children’s Trust');
    await expect(header.locator('svg').count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Local settings' }).click();
    await page.getByRole('link', { name: 'Logo and name shown in the header' }).click();
    await page.waitForLoadState();
    expect(pathOf(page)).toBe(paths.localSettingsHeader);
    await page.getByLabel('Name shown in the header').fill('Kestrelshire Children and Families Partnership');
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'crest.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('have been saved');
    await expect(header.locator('.app-header__area-name').textContent()).resolves.toBe('Kestrelshire Children and Families Partnership');
    const logo = header.locator('img.app-header__logo-image');
    await expect(logo.count()).resolves.toBe(1);
    // Loaded under the strict Content-Security-Policy (img-src 'self'): a refused image has no width.
    await expect(logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(1);
    await expectAccessible(page, 'the header page with a logo');

    await page.getByRole('button', { name: 'Remove the logo' }).click();
    await page.waitForLoadState();
    await expect(header.locator('img').count()).resolves.toBe(0);
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
