import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, faultRules, problemCode, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 14, bug 7: the area's list of services, kept by its administrator under Local settings and
 * through the API: added, renamed, closed (no longer offered, still named by old records) and
 * reopened, each change audited; bad input refused naming the field.
 */

let t: TestApp;
let area: string;
let admin: SignedIn;
let practitioner: SignedIn;
let trust: string;

interface ListedService {
  id: string;
  name: string;
  organisationId: string | null;
  sensitive: boolean;
  closedFrom: string | null;
  active: boolean;
}
const listed = async (): Promise<ListedService[]> => (await practitioner.get('/api/services')).json();
const byName = async (name: string) => (await listed()).find((s) => s.name === name);
const auditActions = async () =>
  (
    await t.testDb.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE action LIKE 'directory.%' AND area_code = $1 ORDER BY seq`, [area])
  ).map((r) => r.action);

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  trust = await buildOrganisation(t.testDb.db, area, 'Brackenshire Primary Care Trust');
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
});
afterAll(async () => t.close());

describe('the services page', () => {
  it('lists the area’s services, linked from local settings', async () => {
    expect((await admin.get(paths.localSettings)).body).toContain(`href="${paths.localSettingsServices}"`);
    const page = await admin.get(paths.localSettingsServices);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('School nursing');
    expect(page.body).toContain(`href="${paths.localSettingsServiceNew}"`);
  });

  it('adds a service with its partner, confirms it with a banner and audits it', async () => {
    await admin.get(paths.localSettingsServiceNew);
    const done = await admin.postAndFollow(paths.localSettingsServiceNew, {
      name: '  Child   and adolescent mental health ',
      organisationId: trust,
      contactEmail: 'camhs@brackenshire.example',
      sensitive: 'yes',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('govuk-notification-banner--success');
    expect(done.body).toContain('Service added');
    expect(await byName('Child and adolescent mental health')).toMatchObject({ organisationId: trust, sensitive: true, active: true });
    expect(await auditActions()).toContain('directory.service_added');
  });

  it('refuses a name already listed (case and spaces aside), an empty name, a bad email and a partner of another area, naming each field', async () => {
    await admin.get(paths.localSettingsServiceNew);
    const taken = await admin.post(paths.localSettingsServiceNew, { name: 'school  NURSING' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('href="#name"');
    expect(taken.body).toContain('The area already has a service named School nursing');
    const elsewhere = await buildOrganisation(t.testDb.db, await buildArea(t.testDb.db));
    const bad = await admin.post(paths.localSettingsServiceNew, { name: '', contactEmail: 'not-an-email', organisationId: elsewhere });
    expect(bad.statusCode).toBe(400);
    for (const field of ['name', 'contactEmail', 'organisationId']) expect(bad.body).toContain(`href="#${field}"`);
    expect(bad.body).toContain('Enter the name of the service');
  });

  it('renames a service: records that name it show the new name', async () => {
    const childId = await recordChild(practitioner);
    await expectStatus(practitioner.postJson(`/api/children/${childId}/involvements`, { service: 'Youth work', me: true }));
    const youth = await byName('Youth work');
    if (!youth) throw new Error('no Youth work');
    await admin.get(paths.localSettingsService(youth.id));
    const done = await admin.postAndFollow(paths.localSettingsService(youth.id), { name: 'Youth service', organisationId: '' });
    expect(done.body).toContain('Service changed');
    const [row] = await t.testDb.db.query<{ service: string }>(
      `SELECT coalesce(s.name, i.service) AS service FROM involvement i LEFT JOIN area_service s ON s.id = i.service_id
        WHERE i.child_id = $1 AND i.service_id IS NOT NULL`,
      [childId],
    );
    expect(row?.service).toBe('Youth service');
    expect(await auditActions()).toContain('directory.service_changed');
  });

  it('closes a service: no longer offered, still named on an old record, refused by name when chosen; then reopens it', async () => {
    const childId = await recordChild(practitioner);
    await expectStatus(practitioner.postJson(`/api/children/${childId}/involvements`, { service: 'Behaviour support', me: true }));
    const behaviour = await byName('Behaviour support');
    if (!behaviour) throw new Error('no Behaviour support');
    await admin.get(paths.localSettingsService(behaviour.id));
    const past = await admin.post(paths.localSettingsServiceClose(behaviour.id), { effectiveFrom: '1/1/2001' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('href="#effectiveFrom"');
    const closed = await admin.postAndFollow(paths.localSettingsServiceClose(behaviour.id), { effectiveFrom: '' });
    expect(closed.body).toContain('Service closed');
    expect(closed.body).toMatch(/Closed services[\s\S]*Behaviour support/);
    expect(await byName('Behaviour support')).toMatchObject({ active: false });

    const form = await practitioner.get(paths.childInvolvementNew(childId));
    expect(form.body).toContain('<select class="govuk-select" id="service" name="service"');
    expect(form.body).not.toContain('>Behaviour support</option>');
    const refused = await practitioner.postJson(`/api/children/${childId}/involvements`, { service: behaviour.id, me: true });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['service:service_closed']);

    const [old] = await t.testDb.db.query<{ service: string }>(
      `SELECT s.name AS service FROM involvement i JOIN area_service s ON s.id = i.service_id WHERE i.child_id = $1`,
      [childId],
    );
    expect(old?.service).toBe('Behaviour support');

    await admin.get(paths.localSettingsService(behaviour.id));
    const reopened = await admin.postAndFollow(paths.localSettingsServiceReopen(behaviour.id));
    expect(reopened.body).toContain('Service reopened');
    expect(await byName('Behaviour support')).toMatchObject({ active: true, closedFrom: null });
    expect(await auditActions()).toEqual(expect.arrayContaining(['directory.service_closed', 'directory.service_reopened']));
  });

  it('is the area administrator’s: a practitioner may read the list but not change it', async () => {
    expect((await practitioner.get(paths.localSettingsServices)).statusCode).toBe(403);
    expect((await practitioner.postJson('/api/services', { name: 'Anything' })).statusCode).toBe(403);
  });
});

describe('the services API', () => {
  it('adds, renames and closes, refusing a taken name and a past day by field', async () => {
    const { id } = await expectStatus(admin.postJson('/api/services', { name: 'Parenting support', contactEmail: 'parenting@example.org' }));
    const taken = await admin.postJson('/api/services', { name: 'PARENTING support' });
    expect(taken.statusCode).toBe(409);
    expect(problemCode(taken)).toBe('service_name_taken');
    expect(faultRules(taken)).toEqual(['name:unique']);
    const put = await admin.request({
      method: 'PUT',
      url: `/api/services/${id}`,
      payload: JSON.stringify({ name: 'Parenting programmes' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(put.statusCode).toBe(204);
    expect(faultRules(await admin.postJson(`/api/services/${id}/close`, { closedFrom: '2001-01-01' }))).toEqual(['effectiveFrom:date_in_past']);
    const closed = await admin.postJson(`/api/services/${id}/close`, {});
    expect(closed.statusCode).toBe(200);
    expect((await admin.postJson(`/api/services/${id}/close`, {})).statusCode).toBe(409);
    expect(await byName('Parenting programmes')).toMatchObject({ active: false });
    expect((await admin.postJson(`/api/services/${crypto.randomUUID()}/reopen`, {})).statusCode).toBe(404);
  });
});
