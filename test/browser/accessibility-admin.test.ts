import { describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { paths } from '../../src/platform/paths.js';
import {
  demoCodeFor,
  enterSecurityCode,
  openPage,
  pathOf,
  signInAs,
  skipBrowserTests,
  submitPassword,
  useBrowserAndServer,
} from './browser.js';
import { NEW_USER, scanAreaAdministratorPages } from './scan-area-admin.js';
import { scanGovernanceAdminPages } from './scan-governance.js';
import { scanChildrenConsultation } from './scan-plan-voice.js';
import { recordScans, scan, scanHere, scanWithErrors } from './scanning.js';
import { scanDirectoryAsAdmin, scanPublicPostcodeSearch } from './scan-directory.js';

/**
 * axe-core on every page of the service, signed out and as the roles that can see each page,
 * with forms both fresh and showing errors. Zero violations of WCAG 2.2 AA rules is the bar.
 * The pages are scanned in three parts, a file each (scanning.ts ACCESSIBILITY_PARTS), and
 * accessibility-coverage.test.ts checks that together they reached every page route.
 */
/** The tests that scan many pages take minutes on a loaded two-core machine: ten, not the default one, before one counts as hung. */
const MANY_PAGES = 600_000;

describe.skipIf(skipBrowserTests)(
  'accessibility (axe-core, WCAG 2.2 AA): area administration, signed-out pages, the system administrator and a new user',
  () => {
    const ctx = useBrowserAndServer();
    recordScans('admin');
    let newUserCreated = false;

    it(
      'signed-out pages: sign in (also with errors), API documentation, page not found',
      async () => {
        const page = await openPage(ctx.browser, ctx.server);
        await scan(page, paths.signIn);
        await scanWithErrors(page, 'Sign in');
        await scan(page, paths.apiDocs);
        await scan(page, '/no-such-page', 404);
        // The public directory of services (issue 17): searched, refused, and at a phone's width with no sideways scrolling.
        await scan(page, paths.servicesDirectory(DEMO_AREA.code));
        await scan(page, `${paths.servicesDirectory(DEMO_AREA.code)}?need=be-healthy&age=4`);
        await scan(page, `${paths.servicesDirectory(DEMO_AREA.code)}?age=old`, 400);
        await page.setViewportSize({ width: 320, height: 640 });
        await scan(page, paths.servicesDirectory(DEMO_AREA.code));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
        await scanPublicPostcodeSearch(page);
        // The children and young people's consultation on the plan (issue 18 item 4), at 320 pixels.
        await scanChildrenConsultation(page, ctx.server);
        await page.context().close();
      },
      MANY_PAGES,
    );

    it(
      'area administrator pages, and creating a practitioner in the browser',
      async () => {
        const page = await openPage(ctx.browser, ctx.server);
        await signInAs(page, ctx.server, 'area.admin@kestrelshire.example');
        await scanAreaAdministratorPages(page, ctx.server);
        newUserCreated = true;
        await page.context().close();
      },
      MANY_PAGES,
    );

    it(
      'the directory as the area administrator: postcodes, Our services, an entry (issue 17)',
      () => scanDirectoryAsAdmin(ctx),
      MANY_PAGES,
    );

    it(
      'governance: bodies, terms, members, named roles and links as the area administrator (issue 16)',
      async () => {
        const page = await openPage(ctx.browser, ctx.server);
        await signInAs(page, ctx.server, 'area.admin@kestrelshire.example');
        await scanGovernanceAdminPages(page, ctx.server);
        await page.context().close();
      },
      MANY_PAGES,
    );

    // One test, one sign-in: a demo user's security code is good once per 30 seconds.
    it('system administrator: creating an area, with its errors, and the mail outbox (the demo has no mail server)', async () => {
      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, 'sysadmin@kestrelshire.example');
      await scan(page, paths.areasNew);
      await scanWithErrors(page, 'Create area');
      await scan(page, paths.mailOutbox);
      await page.context().close();
    });

    it('practitioner: the security code page, then a page they may not see (403)', async () => {
      const email = 'health.visitor@kestrelshire.example';
      const page = await openPage(ctx.browser, ctx.server);
      await submitPassword(page, email);
      expect(pathOf(page)).toBe(paths.twoFactor);
      await scanHere(page, paths.twoFactor);
      await enterSecurityCode(page, await demoCodeFor(ctx.server, email));
      expect(pathOf(page)).toBe(paths.home);
      await scan(page, paths.audit, 403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('You do not have permission');
      await page.context().close();
    });

    it('a new user: setting up two-factor sign-in, then signed in', async () => {
      expect(newUserCreated, 'the area administrator test creates this user').toBe(true);
      const page = await openPage(ctx.browser, ctx.server);
      await submitPassword(page, NEW_USER.email, NEW_USER.password);
      expect(pathOf(page)).toBe(paths.twoFactorSetUp);
      await scanHere(page, paths.twoFactorSetUp);

      const secret = ((await page.locator('#setup-key').textContent()) ?? '').trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await enterSecurityCode(page, currentTotpCode(secret), 'Turn on two-factor sign-in');
      expect(pathOf(page)).toBe(paths.home);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(DEMO_AREA.name);
      await expect(page.locator('.app-signed-in').textContent()).resolves.toContain(NEW_USER.name);
      // No training or vetting recorded yet: the child index says why it refuses, and whom to ask (004 Box 6.1).
      await scan(page, paths.children, 403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('training or vetting');
      await page.context().close();
    });

    it('had no script errors, and no page reached beyond the test server', () => {
      expect(ctx.server.blocked).toEqual([]);
      expect(ctx.server.pageErrors).toEqual([]);
    });
  },
);
