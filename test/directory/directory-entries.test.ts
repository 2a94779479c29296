import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NEED_LEVELS, directoryService } from '../../src/directory/index.js';
import { NATIONAL_NEED_LEVELS } from '../../src/assessment/form.js';
import { settableClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 17, items 1 and 2: the directory entry (what, for whom, aims, where and when, how to refer,
 * type, provider), refused naming field and rule; the twelve-month review flag on the clock; the
 * public directory without signing in, searched by need, age and place, never listing a sensitive
 * or closed service.
 */

let t: TestApp;
let area: string;
let admin: SignedIn;
let practitioner: SignedIn;
let partner: string;
const district = `E07${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
const otherDistrict = `E07${String(Math.floor(Math.random() * 1e6))
  .padStart(6, '0')
  .replace(/^./, '9')}`;

const entry = (over: Record<string, unknown> = {}) => ({
  name: 'Parenting together',
  description: 'Group and one-to-one support for parents of young children',
  serviceType: 'early_years',
  providerKind: 'voluntary_community',
  providerName: 'Kestrel Family Action',
  ageFrom: 0,
  ageTo: 5,
  needLevels: ['universal', 'additional'],
  groups: ['parents_and_carers'],
  aimCodes: ['be-healthy.1'],
  address: '12 Mill Lane, Northam',
  districtCode: district,
  openingTimes: 'Monday to Friday, 9am to 5pm',
  howToRefer: 'Ring us, or ask your health visitor',
  selfReferral: true,
  contactEmail: 'parenting@example.org',
  contactPhone: '01632 960 001',
  ...over,
});
const anyone = () => t.app.inject({ method: 'GET', url: `/api/services-directory/${area}` });
const publicNames = async (query = '') =>
  (
    (await t.app.inject({ method: 'GET', url: `/api/services-directory/${area}${query}` })).json() as { entries: { name: string }[] }
  ).entries
    .map((e) => e.name)
    .sort();

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  await t.testDb.db.query('INSERT INTO district (code, area_code, name) VALUES ($1, $2, $3), ($4, $2, $5)', [
    district,
    area,
    'Northam',
    otherDistrict,
    'Southby',
  ]);
  partner = await buildOrganisation(t.testDb.db, area, 'Kestrel Primary Care Trust');
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
});
afterAll(async () => t.close());

describe('a directory entry', () => {
  it('is kept whole: what, for whom, aims, where, when, how to refer, type and provider', async () => {
    const { id } = await expectStatus(admin.postJson('/api/services', entry()));
    const found = ((await practitioner.get('/api/services')).json() as Record<string, unknown>[]).find((s) => s.id === id);
    expect(found).toMatchObject({
      ageFrom: 0,
      ageTo: 5,
      aimCodes: ['be-healthy.1'],
      districtName: 'Northam',
      providerKind: 'voluntary_community',
      serviceType: 'early_years',
      reviewDue: false,
    });
  });

  it('refuses ages out of order, an unknown aim, a bad email and phone, two providers, naming each field and rule, and saves nothing', async () => {
    const refused = await admin.postJson(
      '/api/services',
      entry({
        name: 'Refused',
        ageFrom: 12,
        ageTo: 4,
        aimCodes: ['be-healthy.99'],
        contactEmail: 'nope',
        contactPhone: 'call me',
        organisationId: partner,
        districtCode: 'E07999999x',
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused).sort()).toEqual(
      [
        'aimCodes:known_aim',
        'ageTo:ages_in_order',
        'contactEmail:email_format',
        'contactPhone:phone_format',
        'districtCode:in_area',
        'providerName:one_provider',
      ].sort(),
    );
    expect(await t.testDb.db.query("SELECT 1 FROM area_service WHERE area_code = $1 AND name = 'Refused'", [area])).toHaveLength(0);
  });

  it('refuses a type or provider kind not on the lists on the page too, keeping what was typed', async () => {
    const page = await admin.post('/settings/services/new', { name: 'Typed', ageFrom: '9', ageTo: '3', description: 'Kept as typed' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Oldest age must be the same as or more than the youngest age');
    expect(page.body).toContain('Kept as typed');
  });
});

describe('levels of need', () => {
  it('are the national four, as assessment names them', () => {
    expect(SERVICE_NEED_LEVELS.values).toEqual(NATIONAL_NEED_LEVELS.values);
  });
});

describe('the twelve-month review', () => {
  it('flags an entry not reviewed for twelve months, by the clock, and clears when reviewed', async () => {
    const clock = settableClock('2026-01-10T10:00:00Z');
    const directory = directoryService({ db: t.testDb.db, clock });
    const by = {
      actor: { userId: null, label: 'test', role: null, areaCode: null },
      ctx: { requestId: 'test', ip: '127.0.0.1', userAgent: 'test' },
    };
    const id = await directory.add(by, area, { name: 'Reviewed yearly' });
    clock.set('2027-01-09T10:00:00Z');
    expect((await directory.find(area, id)).reviewDue).toBe(false);
    clock.set('2027-01-10T10:00:00Z');
    expect((await directory.find(area, id)).reviewDue).toBe(true);
    expect(await directory.reviewed(by, area, id)).toBe('2027-01-10');
    expect((await directory.find(area, id)).reviewDue).toBe(false);
  });
});

describe('the public directory', () => {
  beforeAll(async () => {
    await expectStatus(
      admin.postJson(
        '/api/services',
        entry({
          name: 'Teen health drop-in',
          ageFrom: 13,
          ageTo: 19,
          aimCodes: ['be-healthy.2'],
          districtCode: otherDistrict,
          address: 'Harbour Road, Southby',
        }),
      ),
    );
    await expectStatus(admin.postJson('/api/services', entry({ name: 'Sexual health clinic', sensitive: true, ageFrom: 13, ageTo: 19 })));
    const { id } = await expectStatus(admin.postJson('/api/services', entry({ name: 'Closed playgroup' })));
    await expectStatus(admin.postJson(`/api/services/${id}/close`, {}), 200);
  });

  it('is read without signing in, never listing a sensitive or closed service', async () => {
    expect((await anyone()).statusCode).toBe(200);
    const names = await publicNames();
    expect(names).toContain('Parenting together');
    expect(names).not.toContain('Sexual health clinic');
    expect(names).not.toContain('Closed playgroup');
    const html = await t.app.inject({ method: 'GET', url: `/services-directory/${area}` });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Parenting together');
    expect(html.body).not.toContain('Sexual health clinic');
  });

  it('searches by need (an aim or its outcome, or words), age and place', async () => {
    expect(await publicNames('?need=be-healthy.2')).toEqual(['Teen health drop-in']);
    expect(await publicNames('?need=be-healthy')).toEqual(['Parenting together', 'Teen health drop-in']);
    expect(await publicNames('?words=parents')).toContain('Parenting together');
    expect(await publicNames('?age=15')).toEqual(expect.arrayContaining(['Teen health drop-in']));
    expect(await publicNames('?age=15')).not.toContain('Parenting together');
    expect(await publicNames('?place=southby')).toEqual(['Teen health drop-in']);
    expect(await publicNames(`?place=${district}&age=3`)).toEqual(['Parenting together']);
  });

  it('refuses an age that is not one, naming the field, on the page and in the API', async () => {
    const api = await t.app.inject({ method: 'GET', url: `/api/services-directory/${area}?age=old` });
    expect(api.statusCode).toBe(400);
    expect(faultRules(api)).toEqual(['age:age_range']);
    const html = await t.app.inject({ method: 'GET', url: `/services-directory/${area}?age=old` });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Age must be a whole number');
  });

  it('answers 404 for an area that does not exist', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/services-directory/E06999999' })).statusCode).toBe(404);
  });

  it('lets practitioners signpost with the same search, sensitive services included', async () => {
    const page = await practitioner.get('/signposting?age=15');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Teen health drop-in');
    expect(page.body).toContain('Sexual health clinic');
  });
});
