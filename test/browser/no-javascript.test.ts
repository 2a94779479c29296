import { describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_ORGANISATIONS } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/** Progressive enhancement: signing in, the partnership page and conditional questions work with JavaScript turned off. */
describe.skipIf(skipBrowserTests)('without JavaScript', () => {
  const ctx = useBrowserAndServer();

  it('signs in and shows the table of partner organisations', async () => {
    const page = await openPage(ctx.browser, ctx.server, { javaScriptEnabled: false });
    // A board member needs no security code.
    await signInAs(page, ctx.server, 'board.member@kestrelshire.example');
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Partnership' }).click();
    await page.waitForLoadState();
    expect(pathOf(page)).toBe(paths.area(DEMO_AREA.code));

    const table = page.getByRole('table', { name: /Partner organisations/ });
    await expect(table.count()).resolves.toBe(1);
    const headers = (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
    expect(headers).toEqual(['Organisation', 'Type', 'Status', 'Duty and reason', 'Coverage', 'Contact']);
    await expect(table.locator('tbody tr').count()).resolves.toBe(DEMO_ORGANISATIONS.length);
    await expect(table.getByRole('rowheader', { name: 'Kestrelshire County Council', exact: true }).count()).resolves.toBe(1);
    // The "as at" form is a plain GET form: 2006 shows the school under no duty yet (004 para 130).
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('2006');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState();
    const school = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ashcombe Community College' }) });
    await expect(school.getByRole('cell').nth(1).textContent()).resolves.toBe('Other partner');
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows every conditional question at once, and a referral decision with one of them is sent', async () => {
    const page = await openPage(ctx.browser, ctx.server, { javaScriptEnabled: false });
    await signInAs(page, ctx.server, 'social.worker@kestrelshire.example');
    await page.goto(paths.myChildren);
    await page.locator('a[href^="/referrals/"]').first().click();
    await page.waitForLoadState();
    // Without the script nothing is hidden: each outcome's own field shows, its hint saying when it is needed.
    for (const label of [
      'Worker allocated',
      'Date of the strategy discussion',
      'Practitioner who leads the early help',
      'Universal services',
    ])
      await expect(page.getByLabel(label, { exact: true }).isVisible(), label).resolves.toBe(true);
    await page.getByLabel('Allocated to a named worker').check();
    await page.getByLabel('Worker allocated').selectOption({ index: 1 });
    await page.getByLabel('Reasons').fill('Allocated without JavaScript.');
    await page.getByRole('button', { name: 'Send decision', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Decision sent');
    expect(ctx.server.pageErrors).toEqual([]);
    await page.context().close();
  });
});
