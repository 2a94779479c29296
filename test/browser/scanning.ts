import type { Page } from 'playwright-core';
import { expect } from 'vitest';
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
