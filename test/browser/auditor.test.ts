import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * The auditor's journey in Chromium (issue 14): find a child by name and date of birth (after a
 * mistyped NHS number), read who has looked at their record, go to their entries in the audit trail,
 * narrow the trail by action and by date (with a date that is not real first), go Back, download the
 * CSV, all at 320 pixels wide too. Every page is scanned with axe-core.
 */
const AUDITOR = 'auditor@kestrelshire.example';
const JOURNEY = 240_000;

async function submit(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

async function fillDate(page: Page, prefix: string, [day, month, year]: [string, string, string]): Promise<void> {
  await page.locator(`#${prefix}-day`).fill(day);
  await page.locator(`#${prefix}-month`).fill(month);
  await page.locator(`#${prefix}-year`).fill(year);
}

/** True when nothing makes the page wider than its window (a wide table scrolls inside its own region). */
const fitsWidth = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(skipBrowserTests)('the auditor in a browser', () => {
  const ctx = useBrowserAndServer();

  it(
    'finds a child without pasting an id, sees who looked, then filters and downloads their audit trail',
    async () => {
      const [child] = await ctx.server.running.db.query<{ id: string; given_name: string; family_name: string; date_of_birth: string }>(
        `SELECT id, given_name, family_name, date_of_birth FROM child
          WHERE area_code = $1 AND shielded_at IS NULL AND merged_into_id IS NULL ORDER BY family_name, given_name LIMIT 1`,
        [DEMO_AREA.code],
      );
      if (!child) throw new Error('the demo has no child');
      const name = `${child.given_name} ${child.family_name}`;
      const [year = '', month = '', day = ''] = child.date_of_birth.split('-');

      const page = await openPage(ctx.browser, ctx.server);
      await signInAs(page, ctx.server, AUDITOR);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Record access' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childrenAccess);
      await expectAccessible(page, 'find a child for the access report');

      // A mistyped NHS number is refused, naming the field and the rule.
      await page.getByLabel('NHS number (optional)').fill('943 476 5918');
      await page.getByLabel('Routine audit of access').check();
      await submit(page, 'Find the child');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary a[href="#nhsNumber"]').textContent()).resolves.toContain('check digit');
      await expectAccessible(page, 'find a child, with a wrong NHS number');

      await page.getByLabel('NHS number (optional)').fill('');
      await page.getByLabel('Family name', { exact: true }).fill(child.family_name);
      await fillDate(page, 'dateOfBirth', [String(Number(day)), String(Number(month)), year]);
      await submit(page, 'Find the child');
      await expect(page.locator('table').textContent()).resolves.toContain(name);
      await expectAccessible(page, 'children found by the auditor');

      await page
        .getByRole('button', { name: new RegExp(`^${name}\\s*: who has looked`) })
        .first()
        .click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.childAccess(child.id));
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(name);
      await expectAccessible(page, 'access report');

      await page.getByRole('link', { name: 'See these entries in the audit trail' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.audit);
      await expect(page.locator('.govuk-inset-text').first().textContent()).resolves.toContain(name);
      const rows = await page.locator('table tbody tr').allTextContents();
      expect(rows.some((r) => r.includes('Searched for a child') && r.includes(name))).toBe(true);
      await expectAccessible(page, 'the audit trail about one child');

      // Narrowed by action: a GET form, so the address holds the filters and Back returns to the last.
      const aboutChild = page.url();
      await page.getByLabel('What they did').selectOption({ label: 'Read who has looked at a child’s record' });
      await submit(page, 'Apply filters');
      expect(new URL(page.url()).searchParams.get('action')).toBe('child.access_report');
      expect(new URL(page.url()).searchParams.get('child')).toBe(child.id);
      const reports = await page.locator('table tbody tr').allTextContents();
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.every((r) => r.includes('Read who has looked at a child’s record'))).toBe(true);
      await expectAccessible(page, 'the audit trail, filtered by action');

      await fillDate(page, 'from', ['31', '2', '2026']);
      await submit(page, 'Apply filters');
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.locator('.govuk-error-summary a[href="#from-day"]').textContent()).resolves.toContain(
        'From date must be a real date',
      );
      await expectAccessible(page, 'the audit trail with a date that is not real');
      await page.goBack();
      await page.goBack();
      expect(page.url()).toBe(aboutChild);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /as a spreadsheet \(CSV\)/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('audit-trail.csv');
      const csv = await readFile(String(await download.path()), 'utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^When,Who,Role,What,Outcome,Child,Reason/);
      expect(csv).toContain('child.access_report');
      const exported = await ctx.server.running.db.query(
        `SELECT 1 FROM audit_event WHERE action = 'audit.exported' AND (details -> 'childIds') @> to_jsonb(ARRAY[$1::text])`,
        [child.id],
      );
      expect(exported.length).toBe(1);

      // The trail and the finder fit a 320 pixel screen: the table scrolls in its own region.
      await page.setViewportSize({ width: 320, height: 640 });
      await page.reload();
      await expect(fitsWidth(page)).resolves.toBe(true);
      await expectAccessible(page, 'the audit trail, 320 pixels wide');
      await page.goto(paths.childrenAccess);
      await expect(fitsWidth(page)).resolves.toBe(true);
      await page.context().close();
    },
    JOURNEY,
  );

  it('fetched nothing from the network and logged no script errors', () => {
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
  });
});
