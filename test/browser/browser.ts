import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Cookie, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/area.js';
import { demoTotpCode } from '../../src/demo/load.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { paths } from '../../src/platform/paths.js';
import { startServer, type Running } from '../../src/server.js';
import { asAdmin, databaseName, databaseUrl } from '../helpers/pg-admin.js';
import { copyDemoFolder, demoLoaded, demoTemplate, serverEnv } from './demo-copy.js';

/**
 * Browser tests: a real server on a random port, Debian's Chromium driven by playwright-core, no
 * network beyond that server. Without Chromium the tests are skipped loudly on a laptop and
 * fail in CI (CI=true), so a missing browser can never pass silently there.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_MISSING = "Chromium not found: CI needs Debian's chromium (apt-get install -y chromium)";

function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM_MISSING}; looked for ${CHROMIUM_PATH}`);
  console.warn(
    `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}\n` +
      `!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH. CI fails without it.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

/** True when the browser tests cannot run here (never in CI: there a missing Chromium throws). */
export const skipBrowserTests = !chromiumAvailable();

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_MISSING}; looked for ${CHROMIUM_PATH}`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TestServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  base: string;
  config: Config;
  running: Running;
  /** Every request a page tried to make to anywhere but this server (all were aborted). */
  blocked: string[];
  /** Script errors, console errors (a CSP refusal shows up here) and failed assets of any page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * One real server with the demo area loaded: embedded PGlite, or a new database when DATABASE_URL is set.
 * The demo is a copy of the one loaded for the run (demo-copy.ts), so each file changes a demo of its own.
 */
export async function startTestServer(): Promise<TestServer> {
  await demoLoaded();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-browser-'));
  const base = process.env.DATABASE_URL;
  const name = databaseName('ctp_test');
  if (base) await asAdmin(base, `CREATE DATABASE ${name} TEMPLATE ${demoTemplate()}`);
  else copyDemoFolder(dataDir);
  const cleanUp = async () => {
    if (base) await asAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  };
  const config = loadConfig(serverEnv(dataDir, base && databaseUrl(base, name)));
  let running: Running;
  try {
    running = await startServer(config, { demo: true, quiet: true });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const address = running.app.server.address();
  if (!address || typeof address === 'string') {
    await running.close();
    await cleanUp();
    throw new Error(`server has no TCP address: ${String(address)}`);
  }
  return {
    base: `http://127.0.0.1:${address.port}`,
    config,
    running,
    blocked: [],
    pageErrors: [],
    async close() {
      await running.close();
      await cleanUp();
    },
  };
}

/** A page in a new context whose requests to any host but the test server are aborted. */
export async function openPage(browser: Browser, server: TestServer, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.base, ...options });
  const own = new URL(server.base).host;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === own && url.protocol === 'http:') return route.continue();
    server.blocked.push(url.toString());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => server.pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx page (404, 403, a form with errors) is logged as a failed load: expected, not an error.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      server.pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.request().isNavigationRequest())
      server.pageErrors.push(`${page.url()}: ${response.status()} for ${response.url()}`);
  });
  return page;
}

/** The path of the page now showing, without the query. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

// ---- Page objects -------------------------------------------------------------------------------

/** Fills in the GOV.UK sign-in form and submits it; the page is wherever the service sends it. */
export async function submitPassword(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(paths.signIn);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

export async function enterSecurityCode(page: Page, code: string, button = 'Continue'): Promise<void> {
  await page.getByLabel('Security code').fill(code);
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
}

/**
 * The service refuses a code from a time step already used by that user (replay protection), so
 * a demo user can sign in only once per 30 seconds per server: a second sign-in within the same
 * step waits for the next one rather than meeting a puzzling "code is not correct".
 */
const usedSteps = new WeakMap<TestServer, Map<string, number>>();
/** The cookies of each demo user's session, by server (signInAs). */
const sessions = new WeakMap<TestServer, Map<string, Cookie[]>>();
/** What a map keeps for one test server, by demo user (a server started later in the worker starts afresh). */
function ofServer<V>(byServer: WeakMap<TestServer, Map<string, V>>, server: TestServer): Map<string, V> {
  const kept = byServer.get(server) ?? new Map<string, V>();
  byServer.set(server, kept);
  return kept;
}
export async function demoCodeFor(server: TestServer, email: string): Promise<string> {
  const used = ofServer(usedSteps, server);
  let step = Math.floor(Date.now() / 30_000);
  if ((used.get(email) ?? -1) >= step) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - Date.now() + 250));
    step = Math.floor(Date.now() / 30_000);
  }
  used.set(email, step);
  return demoTotpCode(server.running.db, server.config, email);
}

/**
 * Signs a demo user in through the pages, with the security code when the role needs one. A user
 * signed in before on this server gets the same session in the new page's context instead, while it
 * is still good: a second sign-in within a code's 30 seconds would wait for the next code (demoCodeFor).
 * The sign-in pages themselves are tested in sign-in.test.ts and accessibility-admin.test.ts, each code once.
 */
export async function signInAs(page: Page, server: TestServer, email: string): Promise<void> {
  const kept = ofServer(sessions, server);
  const cookies = kept.get(email);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(paths.home);
    if (pathOf(page) === paths.home) return;
    // Signed out or expired since: sign in afresh.
    await page.context().clearCookies();
    kept.delete(email);
  }
  await submitPassword(page, email);
  if (pathOf(page) === paths.twoFactor) await enterSecurityCode(page, await demoCodeFor(server, email));
  if (pathOf(page) !== paths.home) throw new Error(`signing in ${email} ended on ${page.url()}, not the home page`);
  kept.set(email, await page.context().cookies());
}

/** The link texts of the service navigation (not the service name, not "Sign out"). */
export async function navigationLinks(page: Page): Promise<string[]> {
  const texts = await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents();
  return texts.map((t) => t.trim());
}

// ---- Accessibility ------------------------------------------------------------------------------

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * GOV.UK Frontend's radios script (5.14) sets aria-expanded on a radio that reveals a conditional
 * question. ARIA 1.2 allows aria-expanded on a checkbox but not on a radio, and axe-core (4.13) follows
 * the specification: its finding is true, not a false positive, so nothing in our markup or axe's
 * configuration can remove it short of forking GOV.UK Frontend's script. GOV.UK keeps the attribute on
 * purpose, as screen readers announce it: alphagov/govuk-frontend#979 (the known issue), #2823 (a pull
 * request to remove it, declined) and w3c/aria#1404 (the request to allow aria-expanded on radios).
 * Only that exact finding is let through, on a GOV.UK radio that controls a conditional question;
 * anything else about the node fails. Conditional checkboxes need no exception.
 */
function isKnownGovukIssue(rule: string, html: string, summary: string): boolean {
  return (
    rule === 'aria-allowed-attr' &&
    /class="govuk-radios__input"/.test(html) &&
    /aria-controls="conditional-/.test(html) &&
    summary.replace(/\s+/g, ' ').trim() ===
      `Fix all of the following: ARIA attribute is not allowed: aria-expanded="${/aria-expanded="true"/.test(html) ? 'true' : 'false'}"`
  );
}

/** Runs axe-core on the page as it is now and fails with every violation spelt out. */
export async function expectAccessible(page: Page, label = pathOf(page)): Promise<void> {
  // Legacy mode runs axe.run in the page itself. The default runs axe.runPartial in each frame, then
  // axe.finishRun in a blank page it opens for every scan, for the sake of cross-origin frames, which
  // no page of ours has (and the tests let no page reach another origin): it doubled a scan's time.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isKnownGovukIssue(v.id, n.html, n.failureSummary ?? '')) }))
    .filter((v) => v.nodes.length > 0);
  const report = violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n${v.nodes.map((n) => `      at ${n.target.map(String).join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  expect(violations.length, `axe found violations on ${label}:\n${report}`).toBe(0);
}

/** One server and one browser for the test file: started before its tests, closed after. */
export function useBrowserAndServer(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  // A file waits for the run's demo area to be loaded (demo-copy.ts): minutes, on a slow machine.
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started');
      return browser;
    },
  };
}
