import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { expectAccessible, pathOf } from './browser.js';

/** Scanning pages with axe for the accessibility test, and keeping count of the routes scanned. */

/** The path of every page scanned as itself (not as a 403 or 404 in its place), for the coverage check at the end. */
export const scannedPaths = new Set<string>();

/** Scans the page now showing and counts its path as scanned. */
export async function scanHere(page: Page, label?: string): Promise<void> {
  scannedPaths.add(pathOf(page));
  await expectAccessible(page, label);
}

/** Opens a path, checks the status it answered with, then scans it. */
export async function scan(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(status);
  if (status === 200) scannedPaths.add(pathOf(page));
  await expectAccessible(page, url);
}

/** The route a concrete path reaches: of the routes it matches, the one with the fewest parameters (as Fastify prefers). */
export function routeOf(path: string, routes: readonly string[]): string | undefined {
  const params = (route: string) => route.split('/').filter((part) => part.startsWith(':')).length;
  const matches = (route: string) => new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path);
  return routes.filter(matches).sort((a, b) => params(a) - params(b))[0];
}

/** Submits the page's form empty, checks the GOV.UK error pattern, then scans the page. */
export async function scanWithErrors(page: Page, button: string): Promise<void> {
  const url = pathOf(page);
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
  await expect(page.title()).resolves.toMatch(/^Error: /);
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('There is a problem');
  await scanHere(page, `${url} with errors`);
}

/**
 * The accessibility test runs in parts, a file each on a demo of its own, so the two workers share its
 * pages (it took twenty minutes as one file). Each part records the paths it scanned in the run's folder;
 * accessibility-coverage.test.ts, sorted after every other file (vitest.config.ts), waits for them all.
 */
export const ACCESSIBILITY_PARTS = ['admin', 'plan', 'front-line'] as const;
export type AccessibilityPart = (typeof ACCESSIBILITY_PARTS)[number];

const partFile = (part: AccessibilityPart, stage: 'started' | 'scanned'): string =>
  path.join(inject('runFolder'), `accessibility-${part}.${stage}.json`);

/** Records that this part has begun, and, after its tests, the paths it scanned (its part of the coverage check). */
export function recordScans(part: AccessibilityPart): void {
  beforeAll(() => {
    // Files share their worker's modules (vitest.config.ts): a part counts only its own scans.
    scannedPaths.clear();
    fs.writeFileSync(partFile(part, 'started'), '{}');
  });
  afterAll(() => fs.writeFileSync(partFile(part, 'scanned'), JSON.stringify([...scannedPaths])));
}

/**
 * The paths every part scanned, once each has finished. A part that has not begun within two minutes of
 * this check's start is not in this run (every part is sorted before the check): the check says so.
 */
export async function scansOfEveryPart(): Promise<Set<string>> {
  const started = Date.now();
  const paths = new Set<string>();
  for (const part of ACCESSIBILITY_PARTS) {
    while (!fs.existsSync(partFile(part, 'scanned'))) {
      if (!fs.existsSync(partFile(part, 'started')) && Date.now() - started > 120_000)
        throw new Error(
          `the accessibility part "${part}" did not run: run the accessibility files together (vitest run test/browser/accessibility)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (const scanned of JSON.parse(fs.readFileSync(partFile(part, 'scanned'), 'utf8')) as string[]) paths.add(scanned);
  }
  return paths;
}
