import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * Families and siblings (issue 14; 004 para 198), in Chromium on the demo area: the school's
 * practitioner opens Leo Brennan's record, sees his household and the team around the family (the
 * health visitor once, on both sisters' teams), ends a link and makes it again through the form
 * (with its errors first), and on starting an assessment for Leo sees his sisters' assessments and
 * their lead professionals. Each page is scanned with axe, the family's at 320 pixels too.
 */
const JOURNEY = 240_000;

async function submit(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

describe.skipIf(skipBrowserTests)('a family in the browser', () => {
  const ctx = useBrowserAndServer();

  it(
    'household, team around the family, unlink and link, and a sister’s assessment on the start page',
    async () => {
      const [leo = '', mia = ''] = await Promise.all(
        ['Leo', 'Mia'].map(async (givenName) => {
          const [row] = await ctx.server.running.db.query<{ id: string }>(
            "SELECT id FROM child WHERE family_name = 'Brennan' AND given_name = $1",
            [givenName],
          );
          if (!row) throw new Error(`the demo has no ${givenName} Brennan`);
          return row.id;
        }),
      );
      const page = await openPage(ctx.browser, ctx.server);
      page.setDefaultTimeout(20_000);
      await signInAs(page, ctx.server, 'teacher@kestrelshire.example');
      const open = async (childId: string) => {
        await page.goto(paths.child(childId));
        await page.getByLabel('I am working with this child').check();
        await submit(page, 'Open record');
        expect(pathOf(page)).toBe(paths.child(childId));
      };

      await open(leo);
      await page.getByRole('link', { name: 'Household: brothers, sisters and other children' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childHousehold(leo));
      const household = page.locator('main');
      await expect(household.textContent()).resolves.toContain('Mia Brennan');
      await expect(household.textContent()).resolves.toContain('Ava Brennan');
      await expectAccessible(page, 'the household');

      await page.getByRole('link', { name: 'See the team around this family' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childFamilyTeam(leo));
      const visitor = page.locator('.govuk-summary-card').filter({ has: page.getByRole('heading', { name: 'Aisha Begum' }) });
      await expect(visitor.count()).resolves.toBe(1);
      await expect(visitor.textContent()).resolves.toContain('Mia Brennan, Ava Brennan');
      await expectAccessible(page, 'the team around the family');
      await page.setViewportSize({ width: 320, height: 640 });
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
      await expectAccessible(page, 'the team around the family, 320 pixels wide');
      await page.setViewportSize({ width: 1280, height: 720 });

      // End the link between Leo and Mia; Mia is no longer of the household.
      await page.goto(paths.childHousehold(leo));
      await page.getByRole('button', { name: /^End this link\s*: Leo Brennan and Mia Brennan$/ }).click();
      await page.waitForLoadState();
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Link ended');
      await expect(page.locator('table').textContent()).resolves.not.toContain('Mia Brennan');

      // Link her again: her record opened first, then chosen on Leo's household page; errors first.
      await open(mia);
      await page.goto(paths.childHousehold(leo));
      await submit(page, 'Link the children');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the child to link');
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select how the children are related');
      await expectAccessible(page, 'linking a child, with errors');
      await page.getByLabel('Mia Brennan').check();
      await page.getByLabel('Sibling', { exact: true }).check();
      await submit(page, 'Link the children');
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Children linked');
      await expect(page.locator('main').textContent()).resolves.toContain('Leo Brennan and Mia Brennan');

      // Starting an assessment for Leo shows his sisters' work and whom to talk to.
      await page.goto(paths.childAssessmentNew(leo));
      const siblings = page.locator('main');
      await expect(siblings.textContent()).resolves.toContain('Assessments of brothers and sisters');
      await expect(page.locator('.govuk-summary-card').filter({ hasText: 'Mia Brennan' }).textContent()).resolves.toContain('Daniel Price');
      await expect(page.locator('.govuk-summary-card').filter({ hasText: 'Ava Brennan' }).textContent()).resolves.toContain('Aisha Begum');
      await expect(page.getByRole('link', { name: 'Open the assessment of Mia Brennan' }).count()).resolves.toBe(1);
      await expectAccessible(page, 'starting an assessment, with a sister’s');
      await page.context().close();
    },
    JOURNEY,
  );
});
