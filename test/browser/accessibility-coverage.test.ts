import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { skipBrowserTests, startTestServer, type TestServer } from './browser.js';
import { NOT_PAGES } from './not-pages.js';
import { routeOf, scansOfEveryPart } from './scanning.js';

/**
 * The accessibility test's coverage: together its parts (accessibility-*.test.ts) scanned every page
 * route the server registers, but those that answer with no page (not-pages.ts). Sorted after every
 * other file (vitest.config.ts), it waits for the parts to finish: as long as the longest of them.
 */
const PARTS_FINISHING = 1_800_000;

describe.skipIf(skipBrowserTests)('accessibility (axe-core, WCAG 2.2 AA): coverage', () => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  }, 600_000);
  afterAll(async () => server?.close());

  it(
    'scanned every page route but those that answer with no page',
    async () => {
      const scannedPaths = await scansOfEveryPart();
      const routes = (server?.running.app.registeredRoutes ?? [])
        .filter((route) => route.method === 'GET' && !/^\/(assets|govuk|public)\//.test(route.url))
        // The JSON API has no pages; its documentation is one.
        .filter((route) => !route.url.startsWith('/api/') || route.url === paths.apiDocs)
        .map((route) => route.url);
      expect(routes.length).toBeGreaterThan(100);
      const pageRoutes = routes.filter((route) => !(route in NOT_PAGES));
      const reached = new Set([...scannedPaths].map((path) => routeOf(path, routes)));
      expect(
        pageRoutes.filter((route) => !reached.has(route)),
        'page routes not scanned',
      ).toEqual([]);
      expect(
        Object.keys(NOT_PAGES).filter((route) => !routes.includes(route)),
        'exceptions that are no longer routes',
      ).toEqual([]);
    },
    PARTS_FINISHING,
  );
});
