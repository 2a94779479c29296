import { describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { planPaths as pp } from '../../src/plan/index.js';
import { openPage, skipBrowserTests, useBrowserAndServer } from './browser.js';
import { ensureVoiceDemo } from './scan-plan-voice.js';

/**
 * Issue 18 item 4: a young person answers the consultation on the plan on a phone (320 by 640, touch), without
 * signing in: a refusal first, then the answers sent and thanked, with no sideways scrolling; the answer reaches
 * the board's summary, and its words stay private until a planner approves them.
 */
describe.skipIf(skipBrowserTests)('the children and young people’s consultation on a phone', () => {
  const ctx = useBrowserAndServer();

  it('answers the questions on a 320 pixel screen, is refused then thanked, and is never quoted unapproved', async () => {
    const consultationId = await ensureVoiceDemo(ctx.server);
    const page = await openPage(ctx.browser, ctx.server, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const noSideways = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.goto(pp.haveYourSay(DEMO_AREA.code));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Have your say');
    await noSideways();

    // Sent empty: refused naming what to do, and the summary link takes the young person to the question.
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Answer at least one question before you send your answers');
    await page.locator('.govuk-error-summary a').first().click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('matters');
    await noSideways();

    await page.getByLabel('Things to do and places to go').check();
    await page.getByLabel('Sometimes').check();
    await page.getByLabel('What is one thing that would make life better for children and young people here?').fill('A skate park in Dunstow, please');
    await page.getByLabel('Yes, you can share my words without my name').check();
    await page.getByLabel('11 to 15').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-panel__title').textContent()).resolves.toContain('Thank you');
    await noSideways();

    const [kept] = await ctx.server.running.db.query<{ quotation: string; consultation_id: string }>(
      "SELECT quotation, consultation_id FROM plan_children_answer WHERE better = 'A skate park in Dunstow, please'",
    );
    expect(kept).toEqual({ quotation: 'pending', consultation_id: consultationId });
    expect(ctx.server.pageErrors).toEqual([]);
    expect(ctx.server.blocked).toEqual([]);
    await page.context().close();
  });
});
