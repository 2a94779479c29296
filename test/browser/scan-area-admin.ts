import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { pathOf, type TestServer } from './browser.js';
import { scan, scanHere, scanWithErrors } from './scanning.js';

/** The user the area administrator creates in the browser, who then signs in for the first time. */
export const NEW_USER = {
  name: 'Rowan Fielding',
  email: 'rowan.fielding@kestrelshire.example',
  password: 'lantern-orchard-copper-77',
  organisation: 'Eastmoor Family Support',
};

/**
 * Every page of the area administrator (accessibility.test.ts, which checks every page route was
 * scanned): signed in as the demo's area administrator on `page`, each page fresh and with its
 * errors, and NEW_USER created in the browser on the way.
 */
export async function scanAreaAdministratorPages(page: Page, server: TestServer): Promise<void> {
  await scanHere(page, 'home page');
  // On a narrow screen GOV.UK Frontend's JavaScript folds the navigation behind a Menu button.
  await page.setViewportSize({ width: 320, height: 640 });
  // The fold follows a media-query change event: wait for it rather than race it.
  await page.getByRole('button', { name: 'Menu' }).waitFor({ state: 'visible', timeout: 10_000 });
  await scanHere(page, 'home page, 320 pixels wide');
  await page.setViewportSize({ width: 1280, height: 720 });
  await scan(page, paths.account);
  await scan(page, paths.accountPassword);
  await scanWithErrors(page, 'Change password');
  await scan(page, paths.area(DEMO_AREA.code));
  await scan(page, `${paths.area(DEMO_AREA.code)}?asAt-day=1&asAt-month=6&asAt-year=2010`);
  // Partners (issue 13): register (with its errors), change, close (with its errors), delete.
  await scan(page, paths.areaPartnerNew(DEMO_AREA.code));
  await scanWithErrors(page, 'Save partner');
  const [partner] = await server.running.db.query<{ id: string }>(
    "SELECT id FROM organisation WHERE area_code = $1 AND name = 'Eastmoor Family Support'",
    [DEMO_AREA.code],
  );
  const partnerId = partner?.id ?? 'the demo has no such partner';
  await scan(page, paths.areaPartnerEdit(DEMO_AREA.code, partnerId));
  await scan(page, paths.areaPartnerClose(DEMO_AREA.code, partnerId));
  await scanWithErrors(page, 'Close partner');
  await scan(page, paths.areaPartnerDelete(DEMO_AREA.code, partnerId));
  await scan(page, paths.adminUsers);
  await scan(page, paths.adminUsersNew);
  await scanWithErrors(page, 'Create user');

  await page.getByLabel('Full name').fill(NEW_USER.name);
  await page.getByLabel('Email address').fill(NEW_USER.email);
  await page.getByLabel('Organisation').selectOption({ label: NEW_USER.organisation });
  await page.getByRole('radio', { name: 'Practitioner', exact: true }).check();
  await page.getByLabel('First password').fill(NEW_USER.password);
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.waitForLoadState();
  expect(pathOf(page)).toBe(paths.adminUsers);
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(`Account created for ${NEW_USER.name}`);
  await scanHere(page, 'users page with the "account created" banner');

  // The new user's working life and training (issue 13 item 3): each form fresh and with errors, nothing changed.
  const [created] = await server.running.db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [NEW_USER.email]);
  const id = created?.id ?? 'no such user';
  await scan(page, paths.adminUser(id));
  await scan(page, paths.adminUserChange(id));
  await scanWithErrors(page, 'Save changes');
  await scan(page, paths.adminUserSafeguardingLead(id));
  await scanWithErrors(page, 'Save');
  await scan(page, paths.adminUserSuspend(id));
  await scanWithErrors(page, 'Suspend account');
  await scan(page, paths.adminUserReenable(id));
  await scan(page, paths.adminUserClose(id));
  await scanWithErrors(page, 'Close account');
  await scan(page, paths.adminUserTrainingNew(id));
  await scanWithErrors(page, 'Save');
  await scan(page, paths.trainingDue);

  // Local assessment forms (004 para 186): the list, the upload with its faults by JSON path, the preview, discarding.
  await scan(page, paths.assessmentForms);
  await scan(page, paths.assessmentFormUpload);
  await scanWithErrors(page, 'Upload and preview');
  await page.getByLabel('Or paste the definition').fill('{"format": "ctp-assessment-form", "formatVersion": 1, "code": "Bad Code"}');
  await scanWithErrors(page, 'Upload and preview');
  const definition = {
    format: 'ctp-assessment-form',
    formatVersion: 1,
    code: 'kestrelshire-early-help',
    version: '1',
    title: 'Kestrelshire early help assessment',
    domains: [{ code: 'family', title: 'The family', elements: [{ code: 'home', title: 'Home and housing' }] }],
  };
  await page.getByLabel('Or paste the definition').fill(JSON.stringify(definition));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.waitForLoadState();
  await expect(page.locator('h1').textContent()).resolves.toContain(definition.title);
  await scanHere(page, 'a local form previewed as a draft');
  // Discarding the draft (issue 13 item 4): the confirmation page, then the list with its banner.
  await page.getByRole('button', { name: 'Discard this draft' }).click();
  await page.waitForLoadState();
  await expect(page.locator('h1').textContent()).resolves.toContain('Discard the draft');
  await scanHere(page, 'discarding a draft form: the confirmation');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.waitForLoadState();
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The draft was discarded');
  await scanHere(page, 'the assessment forms after a draft was discarded');

  // Local settings (issue 13 item 4): each page, and each form refused.
  await scan(page, paths.localSettings);
  await scan(page, paths.localSettingsLevels);
  await page.getByLabel('Takes effect from').fill('');
  await scanWithErrors(page, 'Save a new version');
  for (const url of [
    paths.localSettingsCriteria,
    paths.localSettingsAcknowledge,
    paths.localSettingsReviews,
    paths.localSettingsSiblings,
    paths.localSettingsSection11Period,
    paths.localSettingsSection11Weeks,
    paths.localSettingsScopes,
  ])
    await scan(page, url);
  await page.goto(paths.localSettingsAcknowledge);
  await page.getByLabel('Working days to acknowledge a referral').fill('0');
  await scanWithErrors(page, 'Save');
  // A change from a later day: refused when past, then shown waiting on the overview with its cancel button.
  await page.getByLabel('Working days to acknowledge a referral').fill('4');
  await page.getByLabel('Date it takes effect (optional)').fill('1/1/2020');
  await scanWithErrors(page, 'Save');
  await page.getByLabel('Date it takes effect (optional)').fill(`1/4/${new Date().getUTCFullYear() + 2}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'local settings with a change waiting for its day');
  // The child index training switch (004 Box 6.1): its page, and the form sent with no answer.
  await scan(page, paths.localSettingsIndexTraining);
  await page.getByLabel('Date it takes effect (optional)').fill('not a date');
  await scanWithErrors(page, 'Save');
  // The area's name and logo in the header (issue 14): the page, and an SVG refused on it.
  await scan(page, paths.localSettingsHeader);
  await page.getByLabel('Upload a logo').setInputFiles({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await scanWithErrors(page, 'Save');
  // The area's list of services (issue 14, bug 7): the list, a new service refused, a service's page and its closing refused.
  await scan(page, paths.localSettingsServices);
  await scan(page, paths.localSettingsServiceNew);
  await scanWithErrors(page, 'Add the service');
  await page.goto(paths.localSettingsServices);
  await page.getByRole('link', { name: 'Change Health visiting' }).click();
  await page.waitForLoadState();
  await scanHere(page, 'a service of the area’s list');
  await page.getByLabel('Closed from').fill('1/1/2020');
  await scanWithErrors(page, 'Close the service');
  // The directory entry's own faults on the page (issue 17), and practitioners' signposting search.
  await page.goto(paths.localSettingsServiceNew);
  await page.getByLabel('Youngest age (optional)').fill('9');
  await page.getByLabel('Oldest age (optional)').fill('3');
  await scanWithErrors(page, 'Add the service');
  await scan(page, `${paths.signposting}?age=4`);
}
