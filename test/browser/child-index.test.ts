import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * The child index in Chromium, without help from JavaScript: a practitioner adds a child, finds
 * them again with a misspelt name, opens the record and records an involvement; a practice
 * manager reviews the view and a likely duplicate; an auditor sees who looked. Every page is
 * scanned with axe-core. Each demo user signs in once (security codes are good once per 30 s).
 */
const PRACTITIONER = 'teacher@kestrelshire.example';
const MANAGER = 'practice.manager@kestrelshire.example';
const AUDITOR = 'auditor@kestrelshire.example';
const OTHER_PRACTITIONER = 'health.visitor@kestrelshire.example';
const JOURNEY = 180_000;

async function submit(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

async function fillDate(page: Page, prefix: string, [day, month, year]: [string, string, string]): Promise<void> {
  await page.locator(`#${prefix}-day`).fill(day);
  await page.locator(`#${prefix}-month`).fill(month);
  await page.locator(`#${prefix}-year`).fill(year);
}

async function addChild(page: Page, givenName: string): Promise<string> {
  await page.goto(paths.childrenNew);
  await page.getByLabel('Given name', { exact: true }).fill(givenName);
  await page.getByLabel('Family name', { exact: true }).fill('Thompson');
  await fillDate(page, 'dateOfBirth', ['4', '3', '2016']);
  await page.getByLabel('Female').check();
  await page.getByLabel('Postcode (optional)').fill('KE7 3BX');
  await page.getByLabel('Town or city (optional)').fill('Dunstow');
  await page.getByLabel('Name', { exact: true }).fill('Sam Thompson');
  await submit(page, 'Add child');
  const match = /^\/children\/([0-9a-f-]{36})$/.exec(pathOf(page));
  if (!match?.[1]) throw new Error(`adding a child ended on ${page.url()}`);
  return match[1];
}

describe.skipIf(skipBrowserTests)('the child index in a browser', () => {
  const ctx = useBrowserAndServer();
  let childId = '';

  it(
    'lets a practitioner add a child, find them with a misspelt name, open the record and record an involvement',
    async () => {
      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, PRACTITIONER);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Children', exact: true }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.children);
      await expectAccessible(page, 'find a child');
      await submit(page, 'Search');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary a[href="#reason"]').count()).resolves.toBe(1);
      await expectAccessible(page, 'find a child with errors');

      await page.getByRole('link', { name: 'Add a child to the index' }).click();
      await page.waitForLoadState();
      await expectAccessible(page, 'add a child');
      await submit(page, 'Add child');
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the given name');
      await expectAccessible(page, 'add a child with errors');
      childId = await addChild(page, 'Ellie-May');
      // Whoever adds a child is involved, and goes straight to the record (issue 14, bug 5).
      await expect(page.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Child added to the index');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ellie-May Thompson');
      await expect(page.locator('main').textContent()).resolves.not.toContain('You are not recorded as involved');
      await expectAccessible(page, 'the record, after adding');

      await page.goto(paths.children);
      await page.getByLabel('Family name', { exact: true }).fill('Tomson');
      await fillDate(page, 'dateOfBirth', ['4', '3', '2016']);
      await page.getByLabel('I am working with this child').check();
      await submit(page, 'Search');
      // The results have an address (issue 14): a GET page, so Back from a record comes back to them.
      expect(pathOf(page)).toMatch(/^\/children\/search\/[0-9a-f-]{36}$/);
      const resultsPath = pathOf(page);
      await expect(page.locator('table').textContent()).resolves.toContain('4 March 2016');
      await expect(page.getByRole('heading', { name: /^\d+ (child|children) found$/ }).count()).resolves.toBe(1);
      await expect(page.locator('table').textContent()).resolves.toContain('Similar spelling');
      await expectAccessible(page, 'search results');

      // The record has an address (issue 14, bug 3): the reason grants access, then a plain GET.
      await submit(page, 'Ellie-May Thompson');
      expect(pathOf(page)).toBe(paths.child(childId));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ellie-May Thompson');
      await expect(page.locator('main').textContent()).resolves.toContain('Sam Thompson');
      await expectAccessible(page, 'the record');
      const viewsBefore = await ctx.server.running.db.query(`SELECT 1 FROM audit_event WHERE action = 'child.access_granted' AND subject_id = $1`, [
        childId,
      ]);
      await page.reload();
      expect(pathOf(page)).toBe(paths.child(childId));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ellie-May Thompson');
      const viewsAfter = await ctx.server.running.db.query(`SELECT 1 FROM audit_event WHERE action = 'child.access_granted' AND subject_id = $1`, [
        childId,
      ]);
      expect(viewsAfter.length).toBe(viewsBefore.length);
      await page.goBack();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(resultsPath);
      await expect(page.locator('table').textContent()).resolves.toContain('Ellie-May Thompson');
      await page.goForward();
      await page.waitForLoadState();

      await page.getByRole('button', { name: 'Edit basic details' }).click();
      await page.waitForLoadState();
      await expect(page.getByLabel('Given name').inputValue()).resolves.toBe('Ellie-May');
      await expectAccessible(page, 'edit basic details');

      await page.goto(paths.childInvolvementNew(childId));
      await expectAccessible(page, 'record an involvement');
      await submit(page, 'Record involvement');
      await expectAccessible(page, 'record an involvement with errors');
      await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Special educational needs support' });
      await page.getByLabel('This is me').check();
      await submit(page, 'Record involvement');
      await expect(page.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Involvement recorded');
      await expect(page.locator('main').textContent()).resolves.toContain('Special educational needs support');
      await page.getByText('End this involvement').first().click();
      await expectAccessible(page, 'the record, with an involvement and its end form open');

      await page.goto(`${paths.childShielding(childId)}?action=shield`);
      await expectAccessible(page, 'ask for shielding');
      await page.goto(paths.shieldingRequests);
      await expectAccessible(page, 'shielding requests');

      // A second record of what looks like the same child, for the manager's queue.
      await addChild(page, 'Ellie May');
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/possible duplicates? (was|were) queued/);
      await page.context().close();
    },
    JOURNEY,
  );

  it(
    'asks a colleague given the record’s link for their reason, then shows it and says the view will be reviewed',
    async () => {
      expect(childId).not.toBe('');
      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, OTHER_PRACTITIONER);
      await page.goto(paths.child(childId));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Why are you viewing this record?');
      await expectAccessible(page, 'why are you viewing, from a link');
      await page.getByLabel('Safeguarding concern').check();
      await submit(page, 'Open record');
      expect(pathOf(page)).toBe(paths.child(childId));
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
        'You are not recorded as involved with this child',
      );
      await page.context().close();
    },
    JOURNEY,
  );

  it(
    'lets a practice manager review the view and the likely duplicate',
    async () => {
      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, MANAGER);
      // Duplicates and access reviews are in the navigation for a practice manager (issue 14).
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Access reviews' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.accessReviews);
      await expect(page.locator('main').textContent()).resolves.toContain('Ellie-May Thompson');
      await expectAccessible(page, 'access reviews');
      // One card per view: the page fits the window (issue 14), at 1280 px and at 320 px.
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 800 });
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      const review = page.locator('.govuk-summary-card', { hasText: 'Ellie-May Thompson' }).first();
      await review.getByLabel('Appropriate').check();
      await review.getByLabel('Comment (optional)').fill('Health visitor checking before a home visit');
      await review.getByRole('button', { name: /^Save/ }).click();
      await page.waitForLoadState();
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Review saved');
      await expect(page.locator('main').textContent()).resolves.toContain('Health visitor checking before a home visit');
      await expectAccessible(page, 'access reviews, with one recently reviewed');

      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Duplicates' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.possibleDuplicates);
      await expectAccessible(page, 'possible duplicates');
      // The queue shows the most alike pairs first (the demo may hold many): open this child's pair by its id.
      const [pair] = await ctx.server.running.db.query<{ id: string }>(
        `SELECT id FROM possible_duplicate WHERE status = 'pending' AND $1 IN (child_id, other_child_id)`,
        [childId],
      );
      await page.goto(paths.possibleDuplicate(String(pair?.id)));
      await expectAccessible(page, 'compare two records');
      await submit(page, 'Merge records');
      await expectAccessible(page, 'compare two records with errors');
      await page.getByLabel(/Keep the record of Ellie-May Thompson/).check();
      await submit(page, 'Merge records');
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Records merged');
      await expectAccessible(page, 'records merged');
      await submit(page, 'Undo merge');
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Merge undone');
      // Back to the merge's banner: it says the merge was undone, and offers no stale undo (issue 14, bug 6).
      await page.goBack();
      await page.reload();
      await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('This merge has been undone');
      await expect(page.getByRole('button', { name: 'Undo merge' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'a merge already undone');
      await page.getByRole('link', { name: 'Merge history' }).first().click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childMerges);
      await expect(page.locator('table').textContent()).resolves.toContain('Undone');
      await expectAccessible(page, 'merge history');
      await page.context().close();
    },
    JOURNEY,
  );

  it(
    'shows an auditor who has looked at the child',
    async () => {
      expect(childId).not.toBe('');
      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, AUDITOR);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Record access' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childrenAccess);
      await expectAccessible(page, 'find a record for its access report');
      // Found by name and date of birth, not by a pasted record reference (issue 14).
      await page.getByLabel('Family name', { exact: true }).fill('Thompson');
      await page.getByLabel('Given name (optional)').fill('Ellie-May');
      await fillDate(page, 'dateOfBirth', ['4', '3', '2016']);
      await page.getByLabel('Investigating a complaint or concern').check();
      await submit(page, 'Find the child');
      await expectAccessible(page, 'children found for the access report');
      await page.getByRole('button', { name: /^Ellie-May Thompson\s*: who has looked/ }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childAccess(childId));
      const rows = await page.locator('table tbody tr').allTextContents();
      expect(
        rows.some((r) => r.includes(PRACTITIONER) && r.includes('Viewed the record') && r.includes('I am working with this child')),
      ).toBe(true);
      await expectAccessible(page, 'access report');

      await page.getByLabel('Responding to a subject access request').check();
      const [download] = await Promise.all([page.waitForEvent('download'), submit(page, 'Download subject access export')]);
      expect(download.suggestedFilename()).toBe(`subject-access-${childId}.json`);
      await page.context().close();
    },
    JOURNEY,
  );

  it('fetched nothing from the network and logged no script errors', () => {
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
  });
});
