import { describe, expect, it } from 'vitest';
import { openPage, signInAs, skipBrowserTests, useBrowserAndServer } from './browser.js';
import { scanGovernanceBusinessPages } from './scan-governance-meetings.js';
import { scanBoardAndAgencyPages, scanLscbPages } from './scan-governance-audits.js';
import { scanPlanPages } from './scan-plan.js';
import { scanPlanPublication } from './scan-plan-publication.js';
import { scanPlanReviewPages } from './scan-plan-review.js';
import { recordScans } from './scanning.js';

/**
 * axe-core on every page of the service, signed out and as the roles that can see each page,
 * with forms both fresh and showing errors. Zero violations of WCAG 2.2 AA rules is the bar.
 * The pages are scanned in three parts, a file each (scanning.ts ACCESSIBILITY_PARTS), and
 * accessibility-coverage.test.ts checks that together they reached every page route.
 */
/** The tests that scan many pages take minutes on a loaded two-core machine: ten, not the default one, before one counts as hung. */
const MANY_PAGES = 600_000;

describe.skipIf(skipBrowserTests)(
  'accessibility (axe-core, WCAG 2.2 AA): the plan as the planner, a body’s business, the LSCB’s and the board’s section 11 pages',
  () => {
    const ctx = useBrowserAndServer();
    recordScans('plan');

    // The Children and Young People's Plan as the planner (issue 18), its drafting then its annual review, with errors.
    for (const [part, scanPart] of [
      ['drafting, participation and consultation', scanPlanPages],
      ['annual review', scanPlanReviewPages],
    ] as const) {
      it(
        `the plan’s ${part} as the planner (issue 18)`,
        async () => {
          const page = await openPage(ctx.browser, ctx.server);
          await signInAs(page, ctx.server, 'planner@kestrelshire.example');
          await scanPart(page, ctx.server);
          await page.context().close();
        },
        MANY_PAGES,
      );
    }

    it(
      'a body’s business as its secretariat: meetings, an item, attendance, a decision, actions, interests, accountability',
      async () => {
        const page = await openPage(ctx.browser, ctx.server);
        await scanGovernanceBusinessPages(page, ctx.server);
        await page.context().close();
      },
      MANY_PAGES,
    );

    it(
      'the LSCB’s section 11 pages as its chair, then the board’s self-assessment and the council’s own audit as the DCS',
      async () => {
        const lscb = await openPage(ctx.browser, ctx.server);
        await signInAs(lscb, ctx.server, 'lscb.chair@kestrelshire.example');
        await scanLscbPages(lscb);
        await lscb.context().close();
        const board = await openPage(ctx.browser, ctx.server);
        await signInAs(board, ctx.server, 'board.member@kestrelshire.example');
        await scanBoardAndAgencyPages(board, ctx.server);
        await board.context().close();
      },
      MANY_PAGES,
    );

    it('the plan’s approval, versions and publication, and the public’s plan (issue 18)', () => scanPlanPublication(ctx), MANY_PAGES);

    it('had no script errors, and no page reached beyond the test server', () => {
      expect(ctx.server.blocked).toEqual([]);
      expect(ctx.server.pageErrors).toEqual([]);
    });
  },
);
