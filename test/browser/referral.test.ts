import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * A referral's journey in Chromium (issue 14): children's social care opens the demo's overdue
 * referral, acknowledges it and allocates a named worker; the health visitor who sent it reads
 * the reply on the referral page, reached from the assessment's referrals table, and has been told.
 * Every page is scanned with axe-core; every success shows a notification banner.
 */
const SOCIAL_WORKER = 'social.worker@kestrelshire.example';
const SENDER = 'health.visitor@kestrelshire.example';
const JOURNEY = 180_000;

async function submit(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

describe.skipIf(skipBrowserTests)('a referral in a browser', () => {
  const ctx = useBrowserAndServer();

  it(
    'is acknowledged and allocated by social care, and the referrer reads the reply',
    async () => {
      const social = await openPage(ctx.browser, ctx.server);
      await signInAs(social, ctx.server, SOCIAL_WORKER);
      await social.goto(paths.myChildren);
      await social.locator('a[href^="/referrals/"]').first().click();
      await social.waitForLoadState();
      const referralPath = pathOf(social);
      await expect(social.getByRole('heading', { name: 'Who referred' }).count()).resolves.toBe(1);
      await expectAccessible(social, 'a referral received');

      await submit(social, 'Acknowledge referral');
      await expect(social.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Referral acknowledged');
      // Each outcome's own field is revealed only when its outcome is chosen (GOV.UK Frontend's script).
      await expect(social.getByLabel('Worker allocated').isVisible()).resolves.toBe(false);
      await expect(social.getByLabel('Date of the strategy discussion').isVisible()).resolves.toBe(false);
      await social.getByLabel('Allocated to a named worker').check();
      await expect(social.getByLabel('Worker allocated').isVisible()).resolves.toBe(true);
      await expect(social.getByLabel('Practitioner who leads the early help').isVisible()).resolves.toBe(false);
      await expect(social.getByLabel('Allocated to a named worker').getAttribute('aria-expanded')).resolves.toBe('true');
      await expectAccessible(social, 'a referral with a field revealed');
      await submit(social, 'Send decision');
      await expect(social.locator('.govuk-error-summary a[href="#allocatedTo"]').count()).resolves.toBe(1);
      await social.getByLabel('Allocated to a named worker').check();
      await social.getByLabel('Worker allocated').selectOption({ index: 1 });
      await social.getByLabel('Reasons').fill('Allocated for a child and family assessment.');
      await submit(social, 'Send decision');
      expect(pathOf(social)).toBe(referralPath);
      await expect(social.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Decision sent');
      await expectAccessible(social, 'a referral decided');
      await social.context().close();

      const sender = await openPage(ctx.browser, ctx.server);
      await signInAs(sender, ctx.server, SENDER);
      await sender.goto(paths.notifications);
      await expect(sender.locator('main').textContent()).resolves.toContain(
        'A referral you sent has a decision: allocated to a named worker',
      );
      await sender.goto(referralPath);
      await sender.getByRole('link', { name: 'The common assessment and the team around the child' }).click();
      await sender.waitForLoadState();
      await sender
        .getByRole('link', { name: /Read the reply/ })
        .first()
        .click();
      await sender.waitForLoadState();
      expect(pathOf(sender)).toBe(referralPath);
      await expect(sender.getByRole('heading', { name: 'The reply' }).count()).resolves.toBe(1);
      await expect(sender.locator('main').textContent()).resolves.toContain('Allocated for a child and family assessment.');
      await expect(sender.getByRole('button', { name: 'Send decision' }).count()).resolves.toBe(0);
      await expectAccessible(sender, 'the reply as the referrer reads it');
      await sender.context().close();
    },
    JOURNEY,
  );
});
