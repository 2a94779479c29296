import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { expectAccessible, openPage, pathOf, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';

/**
 * The outcome pages as the board and a planner use them (issue 14): the dashboard as a compact
 * table (several indicators to a screen, a sparkline with its words, RAG as tags with their words),
 * the comparator areas linked from every outcome page, the import page's column guide and template,
 * and the indicator page at 320 px: nothing wider than the screen, chart text never under 12 px.
 * Every page is scanned with axe-core. Each demo user signs in once (codes are good once per 30 s).
 */
const PLANNER = 'planner@kestrelshire.example';
const BOARD = 'board.member@kestrelshire.example';
const JOURNEY = 180_000;

/** How wide the page is, beside the window: a page wider than its window scrolls sideways. */
async function pageWidth(page: Page): Promise<{ scroll: number; window: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
}

/** The smallest text of any chart on the page as drawn, in CSS pixels (its font size times the chart's scale). */
async function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = Array.from(document.querySelectorAll<SVGSVGElement>('.app-chart svg')).flatMap((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    });
    return sizes.length ? Math.min(...sizes) : 0;
  });
}

describe.skipIf(skipBrowserTests)('the outcome pages in a browser', () => {
  const ctx = useBrowserAndServer();

  it(
    'a planner: the indicator page fits 320 px with readable charts; the dashboard is compact; comparators and the import template are a link away',
    async () => {
      const page = await openPage(ctx.browser, ctx.server, { viewport: { width: 1280, height: 800 } });
      await signInAs(page, ctx.server, PLANNER);

      // The dashboard: one short row per indicator, so a screen holds several, not 1.5.
      await page.goto(paths.outcomesDashboard);
      const rows = page.locator('table.app-table-compact tbody tr');
      expect(await rows.count()).toBeGreaterThan(3);
      const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
      for (const h of heights) expect(h, 'a dashboard row').toBeLessThan(800 / 3);
      // A sparkline per indicator, as a picture with words.
      const sparklines = page.locator('svg.app-sparkline[role="img"]');
      expect(await sparklines.count()).toBe(await rows.count());
      expect(await sparklines.first().getAttribute('aria-label')).toMatch(/^Kestrelshire: .+ in .+ to .+ in .+/);
      // RAG is a tag with its words, never colour alone (the demo has targets for NI 117 and NI 75).
      const tags = await page.locator('table.app-table-compact .govuk-tag').allTextContents();
      expect(tags.filter((t) => /^(Green: target met|Amber: close to target|Red: target missed)$/.test(t.trim())).length).toBeGreaterThan(
        0,
      );
      await expectAccessible(page, 'the compact dashboard');

      // The comparator areas, from the outcome pages' own links.
      await page.getByRole('navigation', { name: 'Outcomes' }).getByRole('link', { name: 'Comparator areas' }).click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.outcomesComparators);

      // The import page names each column and offers a template to download.
      await page.goto(paths.outcomesImport);
      await expect(page.getByRole('table', { name: 'What each column expects' }).locator('tbody tr').count()).resolves.toBe(8);
      await expectAccessible(page, 'the import page with its column guide');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download a template CSV file' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('indicator-values-template.csv');

      // The indicator page at 320 px: nothing wider than the screen; charts scroll in their own region.
      await page.setViewportSize({ width: 320, height: 640 });
      for (const code of ['NI 75', 'NI 117']) {
        await page.goto(`${paths.outcomesIndicator(code)}?group=looked-after`);
        const width = await pageWidth(page);
        expect(width.scroll, `${code} page width at 320 px`).toBeLessThanOrEqual(width.window);
        const regions = await page
          .locator('.app-table-scroll, .app-chart')
          .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
        expect(regions.length).toBeGreaterThan(3);
        for (const right of regions) expect(right).toBeLessThanOrEqual(320);
        expect(await smallestChartText(page), `${code} chart text at 320 px`).toBeGreaterThanOrEqual(12);
        await expectAccessible(page, `${code} at 320 px`);
      }
      await page.context().close();
    },
    JOURNEY,
  );

  it(
    'a board member: reads the dashboard and the comparator areas without being able to change them',
    async () => {
      const page = await openPage(ctx.browser, ctx.server, { viewport: { width: 1280, height: 800 } });
      await signInAs(page, ctx.server, BOARD);
      await page.goto(paths.outcomesDashboard);
      await page
        .getByRole('link', { name: /comparator areas/ })
        .first()
        .click();
      await page.waitForLoadState();
      expect(pathOf(page)).toBe(paths.outcomesComparators);
      await expect(page.getByRole('button', { name: 'Save the comparator areas' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'the comparator areas, read only');
      await page.goto(paths.outcomesIndicator('NI 117'));
      await expectAccessible(page, 'an indicator, as a board member');
      await page.context().close();
    },
    JOURNEY,
  );

  it('had no script errors, and no page reached beyond the test server', () => {
    expect(ctx.server.blocked).toEqual([]);
    expect(ctx.server.pageErrors).toEqual([]);
  });
});
