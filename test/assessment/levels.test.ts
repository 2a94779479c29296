import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { faultRules, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { recordFrontLine } from '../children/front-line.js';

/**
 * Local settings (issue 13 item 4): an area's own levels of need (004 paras 231-233), set by its
 * administrator on the page and used by a practitioner; history kept on a change; a level that open
 * episodes hold cannot be removed; and the other settings changed on their pages, with audit.
 */

let t: TestApp;
let area: string;
let admin: SignedIn;
let practitioner: SignedIn;
const today = () => new Date().toISOString().slice(0, 10);

const THREE_LEVELS = {
  'levels[0].name': 'core',
  'levels[0].description': 'Services which all families can access',
  'levels[0].nationalLevel': 'universal',
  'levels[1].name': 'enhanced',
  'levels[1].description': 'Services for children with significant needs',
  'levels[1].nationalLevel': 'additional',
  'levels[2].name': 'intensive',
  'levels[2].description': 'High levels of individual or family needs',
  'levels[2].nationalLevel': 'complex',
};

const audited = (action: string) =>
  t.testDb.db.query<{ details: Record<string, unknown> }>('SELECT details FROM audit_event WHERE action = $1 AND area_code = $2 ORDER BY seq', [
    action,
    area,
  ]);

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  const school = await buildOrganisation(t.testDb.db, area, 'Eastfield Primary School');
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
}, 120_000);
afterAll(async () => t?.close());

describe('levels of need per area', () => {
  it('refuses a bad scheme naming each field and rule, and saves nothing', async () => {
    await admin.get(paths.localSettingsLevels);
    const tooFew = await admin.post(paths.localSettingsLevels, {
      'levels[0].name': 'core',
      'levels[0].description': 'All',
      'levels[0].nationalLevel': 'universal',
      'levels[1].name': 'Core',
      'levels[1].description': '',
      'levels[1].nationalLevel': '',
      effectiveFrom: '2020-01-01',
    });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.body).toContain('Give at least 3 levels of need (you gave 2)');
    expect(tooFew.body).toContain('Level 2: another level is already called Core');
    expect(tooFew.body).toContain('Level 2: describe which children it is for');
    expect(tooFew.body).toContain('Level 2: select the national level it counts as');
    expect(tooFew.body).toContain('href="#levels-1-nationalLevel"');
    const six = await admin.postJson('/api/settings/levels-of-need', {
      effectiveFrom: '2020-01-01',
      levels: Array.from({ length: 6 }, (_, i) => ({ name: `L${i}`, description: 'd', nationalLevel: 'complex' })),
    });
    expect(six.statusCode).toBe(400);
    expect(faultRules(six)).toContain('levels:max_levels');
    const history = await admin.get('/api/settings/levels-of-need');
    expect(history.json()).toEqual([expect.objectContaining({ version: 0 })]);
  });

  it('a three-level scheme set by the area administrator is what a practitioner assesses with', async () => {
    await admin.get(paths.localSettingsLevels);
    const saved = await admin.post(paths.localSettingsLevels, { ...THREE_LEVELS, effectiveFrom: '2020-01-01' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect((await admin.get(paths.localSettings)).body).toContain('Version 1');

    const childId = await recordChild(practitioner, { givenName: 'Nia', familyName: 'Hart', dateOfBirth: '2016-02-03' });
    const { assessmentId } = await recordFrontLine(practitioner, childId, 'enhanced');
    const edit = await practitioner.get(paths.assessmentEdit(assessmentId));
    expect(edit.body).toContain('value="intensive"');
    expect(edit.body).not.toContain('value="acute/specialist"');
    const level = await practitioner.get(`/api/children/${childId}/level-of-need?reason=Planning`);
    expect(level.json()).toMatchObject({ needLevel: { level: 'enhanced', nationalLevel: 'additional' } });
    const wrong = await recordChild(practitioner, { givenName: 'Ori', familyName: 'Hart', dateOfBirth: '2016-02-03' });
    await expect(recordFrontLine(practitioner, wrong, 'complex')).rejects.toThrow(/Level of need must be one of: core, enhanced, intensive/);
    expect((await audited('need_levels.scheme_changed')).map((a) => a.details.version)).toEqual([1]);
  });

  it('refuses to remove a level open episodes hold, with their count', async () => {
    const refused = await admin.postJson('/api/settings/levels-of-need', {
      effectiveFrom: today(),
      levels: [
        { name: 'core', description: 'All families', nationalLevel: 'universal' },
        { name: 'intensive', description: 'High needs', nationalLevel: 'complex' },
        { name: 'acute', description: 'Crisis', nationalLevel: 'acute/specialist' },
      ],
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(faultRules(refused)).toEqual(['levels:level_in_use']);
    expect(refused.body).toContain('enhanced is the level of need of 1 open episode');
  });

  it('keeps history on a change: a new version from a date, and old records keep their level', async () => {
    const changed = await admin.postJson('/api/settings/levels-of-need', {
      effectiveFrom: today(),
      levels: [
        { name: 'core', description: 'All families', nationalLevel: 'universal' },
        { name: 'enhanced', description: 'Significant needs', nationalLevel: 'additional' },
        { name: 'intensive', description: 'High needs', nationalLevel: 'complex' },
        { name: 'acute', description: 'Crisis', nationalLevel: 'acute/specialist' },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json()).toEqual({ version: 2 });
    const history = (await admin.get('/api/settings/levels-of-need')).json() as { version: number; levels: unknown[] }[];
    expect(history.map((v) => [v.version, v.levels.length])).toEqual([
      [2, 4],
      [1, 3],
    ]);
    const inForce = await practitioner.get('/api/levels-of-need');
    expect(inForce.json()).toMatchObject({ version: 2, effectiveFrom: today() });
    const past = await admin.postJson('/api/settings/levels-of-need', { effectiveFrom: '2021-01-01', levels: history[0]?.levels });
    expect(faultRules(past)).toEqual(['effectiveFrom:date_in_past']);
  });
});

describe('the other local settings, on their pages', () => {
  it('change the criteria, the days and the scopes, each audited; bad input names its field and saves nothing', async () => {
    await admin.get(paths.localSettingsCriteria);
    const empty = await admin.post(paths.localSettingsCriteria, { criteria: '  \n ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter at least one criterion');
    expect(await audited('setting.changed')).toEqual([]);
    expect((await admin.post(paths.localSettingsCriteria, { criteria: 'Knows the family\nHas the time' })).statusCode).toBe(303);

    await admin.get(paths.localSettingsAcknowledge);
    const zero = await admin.post(paths.localSettingsAcknowledge, { acknowledgeWithinDays: '0' });
    expect(zero.body).toContain('Days to acknowledge must be between 1 and 30');
    expect((await admin.post(paths.localSettingsAcknowledge, { acknowledgeWithinDays: '5' })).statusCode).toBe(303);

    await admin.get(paths.localSettingsScopes);
    expect((await admin.post(paths.localSettingsScopes, { extendedScopesUsed: 'care leaver' })).statusCode).toBe(303);

    expect((await admin.get('/api/settings')).json()).toEqual({
      asAt: today(),
      leadProfessionalCriteria: ['Knows the family', 'Has the time'],
      acknowledgeWithinDays: 5,
      reviewEveryWeeks: 12,
      siblingAssessmentMonths: 12,
      extendedScopesUsed: ['care leaver'],
      indexRequiresTraining: true,
      section11PeriodMonths: 12,
      section11WeeksToComplete: 8,
      scheduled: [],
    });
    expect((await audited('setting.changed')).map((a) => a.details.key)).toEqual([
      'assessment.leadProfessionalCriteria',
      'assessment.acknowledgeWithinDays',
      'children.extendedScopesUsed',
    ]);
    const page = await admin.get(paths.localSettings);
    expect(page.body).toContain('In effect since');
    expect((await practitioner.get('/api/lead-professional-criteria')).json()).toEqual({ criteria: ['Knows the family', 'Has the time'] });

    // A scope the area no longer uses is refused when recording a child, naming the field.
    const r = await practitioner.postJson('/api/children', {
      givenName: 'Sam',
      familyName: 'Ode',
      dateOfBirth: `${new Date().getUTCFullYear() - 19}-12-31`,
      extendedScope: 'young adult',
    });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['extendedScope:area_scope']);
  });
});
