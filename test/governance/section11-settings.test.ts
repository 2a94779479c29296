import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { buildBody, buildPartner, seat } from './audits-fixtures.js';

/**
 * The section 11 rounds' defaults as local settings (issue 16's gap): the months a round covers and the
 * weeks agencies have to complete it are changed by the area's administrator on a page or through
 * PUT /api/settings, checked naming the field and the rule (nothing saved when any is wrong), audited,
 * and used by the LSCB's next round.
 */

let t: TestApp;
let area: string;
let admin: Agent;
let secretariat: Agent;
const ROUNDS = '/api/section-11/rounds';
const putJson = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const fieldsOf = (body: string) => (JSON.parse(body) as { errors?: { field: string; rule: string }[] }).errors?.map((e) => `${e.field}:${e.rule}`) ?? [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const la = await buildPartner(db, area, 'Testshire County Council', 's10-1');
  const lscb = await buildBody(db, area, 'lscb', 'Testshire Local Safeguarding Children Board');
  const secretariatUser = await buildUser(db, t.config, { role: 'area_admin', areaCode: area, organisationId: la });
  await seat(db, area, lscb, secretariatUser.id, la, 'secretariat');
  secretariat = await signIn(t.app, secretariatUser);
  admin = await signIn(t.app, await buildUser(db, t.config, { role: 'area_admin', areaCode: area, organisationId: la }));
});
afterAll(async () => t.close());

describe('section 11 defaults in the local settings', () => {
  it('shows the defaults on the overview with a page for each', async () => {
    const overview = await admin.get(paths.localSettings);
    expect(overview.body).toContain('Months a section 11 audit round covers');
    expect(overview.body).toContain(paths.localSettingsSection11Weeks);
    expect((await admin.get('/api/settings')).json()).toMatchObject({ section11PeriodMonths: 12, section11WeeksToComplete: 8 });
    expect((await admin.get(paths.localSettingsSection11Period)).body).toContain('value="12"');
  });

  it('refuses a value out of range or not a whole number, naming the field and the rule, and saves nothing', async () => {
    const page = await admin.post(paths.localSettingsSection11Period, { section11PeriodMonths: '37' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Months a section 11 round covers must be between 1 and 36');
    const api = await putJson(admin, '/api/settings', { section11PeriodMonths: 6, section11WeeksToComplete: 'six' });
    expect(api.statusCode).toBe(400);
    expect(fieldsOf(api.body)).toEqual(['section11WeeksToComplete:whole_number']);
    expect((await admin.get('/api/settings')).json()).toMatchObject({ section11PeriodMonths: 12, section11WeeksToComplete: 8 });
  });

  it('is changed on the page and through the API (audited), and the LSCB’s next round uses it', async () => {
    expect((await admin.post(paths.localSettingsSection11Period, { section11PeriodMonths: '6' })).statusCode).toBe(303);
    expect((await putJson(admin, '/api/settings', { section11WeeksToComplete: 4 })).statusCode).toBe(204);
    const audited = await t.testDb.db.query<{ details: { key: string; from: number; to: number } }>(
      `SELECT details FROM audit_event WHERE action = 'setting.changed' AND area_code = $1 ORDER BY seq`,
      [area],
    );
    expect(audited.map((a) => [a.details.key, a.details.from, a.details.to])).toEqual([
      ['governance.safeguardingAuditMonths', 12, 6],
      ['governance.safeguardingAuditWeeks', 8, 4],
    ]);
    const created = await secretariat.postJson(ROUNDS, { title: 'Section 11 audit 2026', periodStart: '2026-04-01' });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const { round } = (await secretariat.get(`${ROUNDS}/${id}`)).json() as { round: { periodEnd: string; dueOn: string } };
    expect(round.periodEnd).toBe('2026-09-30');
    expect(round.dueOn).toBe(addDays(new Date().toISOString().slice(0, 10), 28));
  });
});
