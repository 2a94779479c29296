import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatDate } from '../../src/platform/dates.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Local settings from a later day (issue 13 item 4): saved on the page or through the API with the
 * day they take effect, read as at a day, shown while they wait and cancelled before it (audited);
 * a past day refused naming effectiveFrom; PUT /api/settings all or nothing; and the child index's
 * training switch on its page, changing who the index lets in.
 */

let t: TestApp;
let area: string;
let admin: SignedIn;
const putJson = (agent: SignedIn, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const today = () => new Date().toISOString().slice(0, 10);

const audited = (action: string, areaCode = area) =>
  t.testDb.db.query<{ details: Record<string, unknown> }>('SELECT details FROM audit_event WHERE action = $1 AND area_code = $2 ORDER BY seq', [
    action,
    areaCode,
  ]);

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  admin = await signedIn(t, 'area_admin', { areaCode: area });
}, 120_000);
afterAll(async () => t?.close());

describe('a change from a later day', () => {
  it('is saved on the page, shown while it waits, in force from its day, and cancelled before it (audited)', async () => {
    const from = addDays(today(), 30);
    await admin.get(paths.localSettingsAcknowledge);
    const saved = await admin.post(paths.localSettingsAcknowledge, { acknowledgeWithinDays: '7', effectiveFrom: from });
    expect(saved.statusCode, saved.body).toBe(303);
    const overview = await admin.get(paths.localSettings);
    expect(overview.body).toContain(`Changes to 7 days on ${formatDate(from)}`);
    const now = (await admin.get('/api/settings')).json() as { acknowledgeWithinDays: number; scheduled: { id: string; setting: string }[] };
    expect(now.acknowledgeWithinDays).toBe(3);
    expect(now.scheduled).toEqual([expect.objectContaining({ setting: 'acknowledgeWithinDays', value: 7, effectiveFrom: from })]);
    expect((await admin.get(`/api/settings?asAt=${addDays(from, -1)}`)).json()).toMatchObject({ acknowledgeWithinDays: 3 });
    expect((await admin.get(`/api/settings?asAt=${from}`)).json()).toMatchObject({ acknowledgeWithinDays: 7 });

    const id = now.scheduled[0]?.id ?? '';
    const cancelled = await admin.post(paths.localSettingsCancelChange(id), {});
    expect(cancelled.statusCode, cancelled.body).toBe(303);
    expect((await admin.get(`/api/settings?asAt=${from}`)).json()).toMatchObject({ acknowledgeWithinDays: 3, scheduled: [] });
    expect((await audited('setting.change_cancelled')).map((a) => a.details)).toEqual([
      { key: 'assessment.acknowledgeWithinDays', value: 7, effectiveFrom: from, changeId: id },
    ]);
    const twice = await admin.request({ method: 'DELETE', url: `/api/settings/changes/${id}` });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a day already past, naming effectiveFrom and the rule, on the page and in the API; today is taken', async () => {
    const yesterday = addDays(today(), -1);
    const page = await admin.post(paths.localSettingsAcknowledge, { acknowledgeWithinDays: '4', effectiveFrom: yesterday });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The date it takes effect must be today or later');
    expect(page.body).toContain('href="#effectiveFrom"');
    const api = await putJson(admin, '/api/settings', { acknowledgeWithinDays: 4, effectiveFrom: yesterday });
    expect(api.statusCode).toBe(400);
    expect(faultRules(api)).toEqual(['effectiveFrom:date_in_past']);
    expect((await putJson(admin, '/api/settings', { acknowledgeWithinDays: 4, effectiveFrom: today() })).statusCode).toBe(204);
    expect((await admin.get('/api/settings')).json()).toMatchObject({ acknowledgeWithinDays: 4 });
  });
});

describe('PUT /api/settings', () => {
  it('saves every value or none: a batch whose last value fails a database constraint leaves none saved', async () => {
    const before = (await admin.get('/api/settings')).json() as Record<string, unknown>;
    const auditBefore = await audited('setting.changed');
    // A fault only the database sees: the last setting of the batch (the training switch) cannot be stored.
    await t.testDb.asOwner((owner) =>
      owner.query(`ALTER TABLE area_setting ADD CONSTRAINT test_refuses_training CHECK (key <> 'admin.indexRequiresTraining')`),
    );
    try {
      const batch = await putJson(admin, '/api/settings', {
        leadProfessionalCriteria: ['Knows the family'],
        acknowledgeWithinDays: 9,
        extendedScopesUsed: [],
        indexRequiresTraining: false,
      });
      expect(batch.statusCode).toBe(500);
    } finally {
      await t.testDb.asOwner((owner) => owner.query('ALTER TABLE area_setting DROP CONSTRAINT test_refuses_training'));
    }
    expect((await admin.get('/api/settings')).json()).toEqual(before);
    expect(await audited('setting.changed')).toEqual(auditBefore);
    const saved = await putJson(admin, '/api/settings', { acknowledgeWithinDays: 9, indexRequiresTraining: true });
    expect(saved.statusCode).toBe(204);
    expect((await admin.get('/api/settings')).json()).toMatchObject({ acknowledgeWithinDays: 9, indexRequiresTraining: true });
  });
});

describe('the child index training switch', () => {
  it('is switched on its page by a system administrator (audited), and the index then lets in an untrained practitioner', async () => {
    const otherArea = await buildArea(t.testDb.db);
    const sysadmin = await signedIn(t, 'system_admin', { areaCode: otherArea });
    const practitioner = await signedIn(t, 'practitioner', { areaCode: otherArea, training: false });
    expect((await practitioner.get('/children')).statusCode).toBe(403);

    const page = await sysadmin.get(paths.localSettingsIndexTraining);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Authorised users of the child index are trained and security-checked');
    expect(page.body).not.toMatch(/Box 6\.1|004/);
    const none = await sysadmin.post(paths.localSettingsIndexTraining, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select whether users of the child index need training and checks in date');

    const off = await sysadmin.post(paths.localSettingsIndexTraining, { indexRequiresTraining: 'no' });
    expect(off.statusCode, off.body).toBe(303);
    expect((await practitioner.get('/children')).statusCode).toBe(200);
    expect((await audited('setting.changed', otherArea)).map((a) => [a.details.key, a.details.from, a.details.to])).toEqual([
      ['admin.indexRequiresTraining', true, false],
    ]);

    // Back on from a later day: the practitioner is let in until then.
    const from = addDays(today(), 10);
    expect((await sysadmin.post(paths.localSettingsIndexTraining, { indexRequiresTraining: 'yes', effectiveFrom: from })).statusCode).toBe(303);
    const waiting = await sysadmin.get(paths.localSettingsIndexTraining);
    expect(waiting.body).toContain(`Changes to training and checks required on ${formatDate(from)}`);
    expect((await practitioner.get('/children')).statusCode).toBe(200);

    // A system administrator cannot reach the area's other settings, nor cancel their changes.
    expect((await sysadmin.get(paths.localSettings)).statusCode).toBe(403);
  });
});
