import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * The front line as a newcomer meets it (issue 14), in Chromium on the demo area: the assessment
 * fits a 320 pixel screen, the consent form reveals the questions of the option chosen (GOV.UK
 * Frontend's own script, served as a file), "Save draft" stays on the form and says so, the
 * assessment and the child's record link to each other; and the same pages work without JavaScript.
 */
const JOURNEY = 240_000;

async function submit(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

/** The first assessment a user's "My children" page links to. */
async function firstAssessment(page: Page): Promise<string> {
  await page.goto(paths.myChildren);
  const href = await page.locator('main a[href^="/assessments/"]').first().getAttribute('href');
  if (!href) throw new Error('the demo user has no assessment on My children');
  return href;
}

describe.skipIf(skipBrowserTests)('front-line pages', () => {
  const ctx = useBrowserAndServer();

  it(
    'with JavaScript: fits 320 pixels, reveals conditional questions, keeps a saved draft on the form, links to the record and back',
    async () => {
      const page = await openPage(ctx.browser, ctx.server);
      page.setDefaultTimeout(20_000);
      await signInAs(page, ctx.server, 'health.visitor@kestrelshire.example');
      const href = await firstAssessment(page);
      await page.goto(href);
      await expectAccessible(page, 'the assessment');

      // The team (and every table of the page) fits a 320 pixel screen: nothing scrolls the page sideways.
      await page.setViewportSize({ width: 320, height: 640 });
      await page.getByRole('button', { name: 'Menu' }).waitFor({ state: 'visible', timeout: 10_000 });
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
      await expect(page.locator('.govuk-summary-card__title').filter({ hasText: 'Lead professional' }).count()).resolves.toBeLessThanOrEqual(1);
      await expectAccessible(page, 'the assessment, 320 pixels wide');
      await page.setViewportSize({ width: 1280, height: 720 });

      // Conditional questions: hidden until their option is chosen, by GOV.UK Frontend's script (no inline script: the CSP holds).
      await page.goto(`${href}/consent`);
      const legalBasis = page.getByRole('group', { name: 'Legal basis for sharing without consent' });
      await expect(legalBasis.isVisible()).resolves.toBe(false);
      await expect(page.getByLabel('They consent to the assessment being recorded').isVisible()).resolves.toBe(false);
      await page.getByLabel('Share without consent').check();
      await expect(legalBasis.isVisible()).resolves.toBe(true);
      await page.getByLabel('Consent given').check();
      await expect(page.getByLabel('They consent to the assessment being recorded').isVisible()).resolves.toBe(true);
      await expect(legalBasis.isVisible()).resolves.toBe(false);
      await expectAccessible(page, 'consent, an option chosen');

      // "Save draft" keeps the practitioner on the form, with a banner.
      await page.goto(`${href}/edit`);
      await page.locator('textarea[name="reasonForAssessment"]').fill('Saved as a draft in the browser test');
      await submit(page, 'Save draft');
      expect(pathOf(page)).toBe(`${href}/edit`);
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Draft saved');
      await expect(page.locator('textarea[name="reasonForAssessment"]').inputValue()).resolves.toBe('Saved as a draft in the browser test');
      await expectAccessible(page, 'the form after saving a draft');
      await page.getByRole('button', { name: 'Discard draft' }).click();
      await page.waitForLoadState();

      // The assessment links to the child's record (a reason first), and the record back to the assessment.
      await page.goto(href);
      await page.locator('#child-record').click();
      await page.waitForLoadState();
      const reason = page.getByLabel('I am working with this child');
      if ((await reason.count()) > 0) {
        await reason.check();
        await page.getByRole('button', { name: 'Open record' }).click();
        await page.waitForLoadState();
      }
      await expect(page.locator(`main a[href="${href}"]`).count()).resolves.toBeGreaterThan(0);
      await expectAccessible(page, 'the child’s record, reached from the assessment');

      expect(ctx.server.blocked).toEqual([]);
      expect(ctx.server.pageErrors).toEqual([]);
      await page.context().close();
    },
    JOURNEY,
  );

  it(
    'without JavaScript: the conditional questions are all shown, and a draft is saved on the form',
    async () => {
      const page = await openPage(ctx.browser, ctx.server, { javaScriptEnabled: false });
      page.setDefaultTimeout(20_000);
      await signInAs(page, ctx.server, 'practice.manager@kestrelshire.example');
      await page.goto(paths.caseload);
      const href = (await page.locator('table').last().locator('tbody a').first().getAttribute('href')) ?? 'no assessment';
      await page.goto(`${href}/consent`);
      await expect(page.getByRole('group', { name: 'Legal basis for sharing without consent' }).isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('They consent to the assessment being recorded').isVisible()).resolves.toBe(true);
      // (axe runs as a script in the page, so it cannot scan with JavaScript off: the pages are scanned above.)

      await page.goto(`${href}/edit`);
      await page.locator('textarea[name="reasonForAssessment"]').fill('Saved without JavaScript');
      await submit(page, 'Save draft');
      expect(pathOf(page)).toBe(`${href}/edit`);
      await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Draft saved');
      await page.getByRole('button', { name: 'Discard draft' }).click();
      await page.waitForLoadState();
      expect(ctx.server.pageErrors).toEqual([]);
      await page.context().close();
    },
    JOURNEY,
  );
});
