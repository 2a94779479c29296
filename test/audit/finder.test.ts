import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * "Who looked at this child" without pasting ids (issue 14, auditor): the auditor finds the child by
 * name, date of birth or NHS number, the search is audited as a read, a shielded record stays hidden,
 * and each result opens the access report or the child's entries in the trail.
 */

let t: TestApp;
let practitioner: SignedIn;
let auditor: SignedIn;
let otherOrganisation = '';
const ids = { ella: '', hidden: '' };
const REASON = 'Investigating a complaint or concern';
const NHS = '9434765919';

const find = (fields: Record<string, string>) => auditor.post(paths.childrenAccess, { reason: REASON, ...fields });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const organisation = await buildOrganisation(db, area);
  otherOrganisation = await buildOrganisation(db, area);
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: organisation });
  auditor = await signedIn(t, 'auditor', { areaCode: area });
  ids.ella = await recordChild(practitioner, { givenName: 'Ella', familyName: 'Watson', dateOfBirth: '2017-08-08', nhsNumber: NHS });
  ids.hidden = await recordChild(practitioner, { givenName: 'Erin', familyName: 'Watson', dateOfBirth: '2015-01-20' });
  // Shielded by another organisation: hidden from everyone else but designated safeguarding leads (ADR 0005).
  await t.testDb.asOwner((owner) =>
    owner.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [ids.hidden, otherOrganisation]),
  );
  await auditor.get(paths.childrenAccess);
}, 120_000);
afterAll(async () => t?.close());

describe('finding a child for the access report', () => {
  it('asks for a name, date of birth or NHS number, and a reason, instead of a record reference', async () => {
    const page = await auditor.get(paths.childrenAccess);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Family name');
    expect(page.body).toContain('NHS number (optional)');
    expect(page.body).not.toContain('Record reference');
    const empty = await auditor.post(paths.childrenAccess, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#familyName"');
    expect(empty.body).toContain('href="#reason"');
  });

  it('finds a child by name and audits the search as a read, with the reason and the ids it returned', async () => {
    const found = await find({ familyName: 'Watson' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Ella Watson');
    expect(found.body).toContain('8 August 2017');
    expect(found.body).toContain(`href="${paths.audit}?child=${ids.ella}"`);
    const [entry] = await t.testDb.db.query<{ reason: string; details: { childIds: string[]; basis: string } }>(
      `SELECT reason, details FROM audit_event WHERE actor_user_id = $1 AND action = 'child.searched' ORDER BY seq DESC LIMIT 1`,
      [auditor.user.id],
    );
    expect(entry?.reason).toBe(REASON);
    expect(entry?.details.childIds).toEqual([ids.ella]);
    expect(entry?.details.basis).toMatch(/^auditor/);
  });

  it('never finds a record shielded from the auditor, nor opens its report', async () => {
    const found = await find({ familyName: 'Watson', givenName: 'Erin' });
    expect(found.body).not.toContain('Erin Watson');
    expect((await find({ 'dateOfBirth-day': '20', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2015' })).body).not.toContain('Erin');
    await auditor.get(paths.childAccess(ids.hidden));
    expect((await auditor.post(paths.childAccess(ids.hidden), { reason: REASON })).statusCode).toBe(404);
  });

  it('finds a child by date of birth alone', async () => {
    const found = await find({ 'dateOfBirth-day': '8', 'dateOfBirth-month': '8', 'dateOfBirth-year': '2017' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Ella Watson');
    expect(found.body).toMatch(/1 child found/);
  });

  it('finds a child by NHS number, spaced as it is printed', async () => {
    const found = await find({ nhsNumber: '943 476 5919' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Ella Watson');
    expect(found.body).toMatch(/1 child found/);
    expect(found.body).not.toContain('Erin Watson');
  });

  it('refuses an NHS number whose check digit is wrong, naming the field and the rule', async () => {
    const bad = await find({ nhsNumber: '943 476 5918' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#nhsNumber"');
    expect(bad.body).toMatch(/NHS number is not valid: the last digit \(the check digit\) does not match/);
    const short = await find({ nhsNumber: '12345' });
    expect(short.body).toContain('Enter an NHS number in the correct format');
  });

  it('opens the access report from a result with the reason already given, and links to the trail', async () => {
    const report = await auditor.post(paths.childAccess(ids.ella), { reason: REASON });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Who has looked at Ella Watson’s record');
    expect(report.body).toContain(`href="${paths.audit}?child=${ids.ella}"`);
  });

  it('is the auditor’s alone', async () => {
    expect((await practitioner.get(paths.childrenAccess)).statusCode).toBe(403);
    expect((await practitioner.post(paths.childrenAccess, { familyName: 'Watson', reason: REASON })).statusCode).toBe(403);
  });
});
