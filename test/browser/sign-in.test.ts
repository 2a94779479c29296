import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_USERS } from '../../src/demo/area.js';
import { currentTotpCode, demoTotpSecret } from '../../src/platform/auth/totp.js';
import { paths } from '../../src/platform/paths.js';
import type { Role } from '../../src/platform/policy.js';
import {
  demoCodeFor,
  enterSecurityCode,
  navigationLinks,
  openPage,
  pathOf,
  signInAs,
  skipBrowserTests,
  submitPassword,
  useBrowserAndServer,
} from './browser.js';

/**
 * Signing in through the real pages in Chromium, and the service navigation each role sees.
 * Every demo user signs in exactly once in this file: a security code is good once per 30 seconds.
 */
const NAVIGATION: Record<Role, string[]> = {
  system_admin: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Users', 'Training due', 'Mail outbox', 'Notifications', 'Your account'],
  area_admin: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Commissioning', 'Plan', 'Users', 'Local settings', 'Training due', 'Notifications', 'Your account'],
  board_member: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Commissioning', 'Plan', 'Assessments', 'Notifications', 'Your account'],
  planner: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Commissioning', 'Plan', 'Assessments', 'Notifications', 'Your account'],
  practitioner: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Children', 'My children', 'Notifications', 'Your account'],
  practice_manager: [
    'Home',
    'Partnership',
    'Outcomes',
    'Governance',
    'Commissioning',
    'Plan',
    'Children',
    'Duplicates',
    'Access reviews',
    'My children',
    'Caseload',
    'Assessments',
    'Training due',
    'Notifications',
    'Your account',
  ],
  auditor: ['Home', 'Partnership', 'Outcomes', 'Governance', 'Audit trail', 'Record access', 'Notifications', 'Your account'],
};

const PRACTITIONER = 'health.visitor@kestrelshire.example';
const PRACTICE_MANAGER = 'practice.manager@kestrelshire.example';

/** A six-digit code that is not the user's code now or in the steps either side. */
function wrongCodeFor(email: string): string {
  const secret = demoTotpSecret(email);
  const near = new Set([-30_000, 0, 30_000].map((d) => currentTotpCode(secret, Date.now() + d)));
  return ['000000', '111111', '222222'].find((c) => !near.has(c)) ?? '333333';
}

describe.skipIf(skipBrowserTests)('signing in with a browser', () => {
  const ctx = useBrowserAndServer();
  const signedIn = new Set<string>();

  async function expectNavigationFor(page: Page, role: Role): Promise<void> {
    // The notifications link carries its count of unread notices ("Notifications 3 unread").
    expect((await navigationLinks(page)).map((text) => text.replace(/ \d+ unread$/, ''))).toEqual(NAVIGATION[role]);
  }

  it('signs a practitioner in with a security code and shows their navigation', async () => {
    const page = await openPage(ctx.browser, ctx.server);
    await submitPassword(page, PRACTITIONER);
    expect(pathOf(page)).toBe(paths.twoFactor);
    await expect(page.title()).resolves.toMatch(/^Enter your security code/);
    await enterSecurityCode(page, await demoCodeFor(ctx.server, PRACTITIONER));
    signedIn.add(PRACTITIONER);

    expect(pathOf(page)).toBe(paths.home);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(DEMO_AREA.name);
    const links = await navigationLinks(page);
    expect(links).toEqual(expect.arrayContaining(['Home', 'Partnership', 'Outcomes', 'Your account']));
    expect(links).not.toContain('Users');
    expect(links).not.toContain('Audit trail');
    await expectNavigationFor(page, 'practitioner');
    await page.context().close();
  });

  it('shows the GOV.UK error summary for a wrong security code, then accepts the right one', async () => {
    const page = await openPage(ctx.browser, ctx.server);
    await submitPassword(page, PRACTICE_MANAGER);
    expect(pathOf(page)).toBe(paths.twoFactor);
    await enterSecurityCode(page, wrongCodeFor(PRACTICE_MANAGER));

    expect(pathOf(page)).toBe(paths.twoFactor);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.getByRole('heading').textContent()).resolves.toContain('There is a problem');
    await expect(summary.getByRole('link').first().getAttribute('href')).resolves.toBe('#code');
    await expect(page.locator('#code-error').textContent()).resolves.toContain('security code is not correct');

    await enterSecurityCode(page, await demoCodeFor(ctx.server, PRACTICE_MANAGER));
    signedIn.add(PRACTICE_MANAGER);
    expect(pathOf(page)).toBe(paths.home);
    await expectNavigationFor(page, 'practice_manager');
    await page.context().close();
  });

  const others = DEMO_USERS.filter((u) => u.email !== PRACTITIONER && u.email !== PRACTICE_MANAGER);
  it.each(others.map((u) => [u.role, u.email] as const))('shows a %s (%s) the navigation of their role', async (role, email) => {
    const page = await openPage(ctx.browser, ctx.server);
    await signInAs(page, ctx.server, email);
    signedIn.add(email);
    await expectNavigationFor(page, role);
    await page.context().close();
  });

  it('has signed in every demo user, with no script errors and nothing fetched from the network', () => {
    expect([...signedIn].sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
  });
});
