import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationIsInArea } from '../../src/partnership/index.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';

/** Areas and partners administered in the product, and duties as the law stood (issue 13 points 1-2). */

const DEVON = 'E10000008';
let t: TestApp;
let sysadmin: Agent;
let admin: Agent;
let leadAuthorityId: string;

const count = async (sql: string, params: unknown[] = []) =>
  (await t.testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n ?? 0;
const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });

const partner = (overrides: Record<string, unknown> = {}) => ({
  name: 'Devon Youth Offending Team',
  organisationType: 'Youth offending team',
  sector: 'youth offending',
  dutyCode: 's10-4-d',
  coverageKind: 'whole area',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const home = await buildArea(t.testDb.db);
  sysadmin = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'system_admin', areaCode: home }));
  const created = await sysadmin.postJson('/api/areas', {
    code: DEVON,
    name: 'Devon',
    districts: [
      { code: 'E07000040', name: 'East Devon' },
      { code: 'E07000041', name: 'Exeter' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  leadAuthorityId = (created.json() as { leadAuthorityId: string }).leadAuthorityId;
  admin = await signIn(
    t.app,
    await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: DEVON, organisationId: leadAuthorityId }),
  );
}, 120_000);
afterAll(async () => t?.close());

describe('creating an area', () => {
  it('registers the lead authority under s10(1) and audits it', async () => {
    const overview = (await admin.get(`/api/areas/${DEVON}`)).json() as {
      area: { kind: string };
      organisations: { name: string; dutyCode: string }[];
    };
    expect(overview.area.kind).toBe('county');
    expect(overview.organisations).toEqual([expect.objectContaining({ name: 'Devon County Council', dutyCode: 's10-1' })]);
    expect(await count(`audit_event WHERE action = 'area.created' AND subject_id = $1`, [DEVON])).toBe(1);
  });

  it('refuses a duplicate ONS code, a code not on the list and districts for a unitary area, naming field and rule; nothing saved', async () => {
    const before = await count('area');
    const duplicate = await sysadmin.postJson('/api/areas', { code: DEVON, name: 'Devon again' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ type: 'about:blank#area_exists', errors: [{ field: 'code', rule: 'unique' }] });
    const unknown = await sysadmin.postJson('/api/areas', { code: 'E10000099', name: 'Kestrelshire' });
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'code', rule: 'upper_tier_list' }] });
    const unitary = await sysadmin.postJson('/api/areas', {
      code: 'E06000046',
      name: 'Isle of Wight',
      districts: [{ code: 'E07000001', name: 'X' }],
    });
    expect(unitary.json()).toMatchObject({ errors: [{ field: 'districts', rule: 'county_only' }] });
    expect(await count('area')).toBe(before);
  });

  it('is for system administrators only', async () => {
    expect((await admin.postJson('/api/areas', { code: 'E06000046', name: 'Isle of Wight' })).statusCode).toBe(403);
  });
});

describe('registering partners', () => {
  it('refuses a body under no duty without a reason, and a duplicate name, naming field and rule; nothing saved', async () => {
    const before = await count('organisation WHERE area_code = $1', [DEVON]);
    const noReason = await admin.postJson(
      `/api/areas/${DEVON}/partners`,
      partner({ name: 'Exeter Scouts', sector: 'voluntary and community', dutyCode: 'none' }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ errors: [{ field: 'inclusionReason', rule: 'required_without_duty' }] });
    const someDistricts = await admin.postJson(
      `/api/areas/${DEVON}/partners`,
      partner({ coverageKind: 'some districts', districtCodes: ['E07000999'] }),
    );
    expect(someDistricts.json()).toMatchObject({ errors: [{ field: 'districtCodes', rule: 'in_area' }] });
    const duplicate = await admin.postJson(`/api/areas/${DEVON}/partners`, partner({ name: ' devon county council ' }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ type: 'about:blank#partner_name_taken', errors: [{ field: 'name', rule: 'unique' }] });
    expect(await count('organisation WHERE area_code = $1', [DEVON])).toBe(before);
  });

  it('records coverage, contact and a change, audited', async () => {
    const response = await admin.postJson(
      `/api/areas/${DEVON}/partners`,
      partner({
        name: 'Exeter Family Support',
        sector: 'voluntary and community',
        dutyCode: 'none',
        inclusionReason: 'Family support provider (000 §1.18)',
        coverageKind: 'some districts',
        districtCodes: ['E07000041'],
        contactEmail: 'Office@EFS.example',
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    const changed = await put(
      admin,
      `/api/areas/${DEVON}/partners/${id}`,
      partner({
        name: 'Exeter Family Support',
        sector: 'voluntary and community',
        dutyCode: 'none',
        inclusionReason: 'Family support provider (000 §1.18)',
        coverageKind: 'beyond the area',
        coverage: 'Exeter and Teignbridge',
        contactEmail: 'Office@EFS.example',
      }),
    );
    expect(changed.statusCode, changed.body).toBe(204);
    const overview = (await admin.get(`/api/areas/${DEVON}`)).json() as { organisations: Record<string, unknown>[] };
    expect(overview.organisations.find((o) => o.id === id)).toMatchObject({
      coverageKind: 'beyond the area',
      districtCodes: [],
      contactEmail: 'office@efs.example',
      partnerStatus: 'other partner',
    });
    expect(await count(`audit_event WHERE subject_id = $1 AND action IN ('partner.registered', 'partner.changed')`, [id])).toBe(2);
  });
});

describe('duties as the law stood', () => {
  it('shows the same area differently as at 2006 and as at 2010', async () => {
    for (const p of [
      partner({
        name: 'Exeter High School',
        organisationType: 'Maintained school',
        sector: 'school',
        dutyCode: 's10-4-fa',
        inclusionReason: 'Schools (000 §2.60)',
      }),
      partner({
        name: 'Devon Learning and Skills Council',
        organisationType: 'Local LSC',
        sector: 'learning and skills',
        dutyCode: 's10-4-g',
      }),
    ]) {
      expect((await admin.postJson(`/api/areas/${DEVON}/partners`, p)).statusCode).toBe(201);
    }
    type Overview = {
      organisations: { name: string; partnerStatus: string }[];
      missingPartnerTypes: { code: string }[];
      counts: { relevantPartners: number; otherPartners: number };
    };
    const asAt = async (day: string) => (await admin.get(`/api/areas/${DEVON}?asAt=${day}`)).json() as Overview;
    const status = (o: Overview, name: string) => o.organisations.find((p) => p.name === name)?.partnerStatus;
    const missing = (o: Overview) => o.missingPartnerTypes.map((d) => d.code);
    const in2006 = await asAt('2006-06-01');
    const in2010 = await asAt('2010-06-01');
    // 004 para 130; 000 §2.60 note 10: schools were not relevant partners before April 2010.
    expect(status(in2006, 'Exeter High School')).toBe('other partner');
    expect(status(in2010, 'Exeter High School')).toBe('relevant partner');
    // The LSC was a relevant partner until it was abolished on 31 March 2010.
    expect(status(in2006, 'Devon Learning and Skills Council')).toBe('relevant partner');
    expect(status(in2010, 'Devon Learning and Skills Council')).toBe('other partner');
    for (const o of [in2006, in2010]) {
      // The counts, the order and each status are the day's, from the duties; no stored status or basis is given.
      const statuses = o.organisations.map((p) => p.partnerStatus);
      expect(o.counts).toEqual({
        relevantPartners: statuses.filter((s) => s === 'relevant partner').length,
        otherPartners: statuses.filter((s) => s === 'other partner').length,
      });
      const rank = (s: string) => ['lead authority', 'relevant partner', 'other partner'].indexOf(s);
      expect(statuses.map(rank)).toEqual(statuses.map(rank).sort());
      expect(o.organisations.every((p) => !('statutoryBasis' in p))).toBe(true);
    }
    expect(missing(in2006)).toEqual(['s10-4-a', 's10-4-b', 's10-4-b-chief', 's10-4-c', 's10-4-d', 's10-4-e', 's10-4-f']);
    // By June 2010 the last probation boards had become trusts, a provider of probation services.
    expect(missing(in2010)).toEqual([
      's10-4-a',
      's10-4-b',
      's10-4-b-chief',
      's10-4-ca-2008',
      's10-4-d',
      's10-4-e',
      's10-4-f',
      's10-4-fb',
      's10-4-fc',
      's10-4-fd',
      's10-4-fe',
    ]);
    expect((await admin.get(`/api/areas/${DEVON}?asAt=2006-02-31`)).statusCode).toBe(400);
  });

  it('follows the law after 2010: police and crime commissioners, NHS England and integrated care boards', async () => {
    for (const p of [
      partner({ name: 'Devon and Cornwall Police Authority', organisationType: 'Police authority', sector: 'police', dutyCode: 's10-4-b' }),
      partner({ name: 'Devon and Cornwall Police', organisationType: 'Chief officer of police', sector: 'police', dutyCode: 's10-4-b-chief' }),
      partner({ name: 'NHS Devon', organisationType: 'Primary Care Trust', sector: 'health', dutyCode: 's10-4-e' }),
      partner({ name: 'NHS Devon Integrated Care Board', organisationType: 'Integrated care board', sector: 'health', dutyCode: 's10-4-e-icb' }),
    ]) {
      expect((await admin.postJson(`/api/areas/${DEVON}/partners`, p)).statusCode).toBe(201);
    }
    type Overview = {
      organisations: { name: string; partnerStatus: string }[];
      missingPartnerTypes: { code: string; datesConfirmed: boolean }[];
    };
    const asAt = async (day: string) => (await admin.get(`/api/areas/${DEVON}?asAt=${day}`)).json() as Overview;
    const status = (o: Overview, name: string) => o.organisations.find((p) => p.name === name)?.partnerStatus;
    const missing = (o: Overview) => o.missingPartnerTypes.map((d) => d.code);
    const in2011 = await asAt('2011-06-01');
    const in2015 = await asAt('2015-06-01');
    const in2024 = await asAt('2024-06-01');
    // The police authority went in November 2012; the chief officer stayed a relevant partner.
    expect(status(in2011, 'Devon and Cornwall Police Authority')).toBe('relevant partner');
    expect(status(in2015, 'Devon and Cornwall Police Authority')).toBe('other partner');
    expect(status(in2015, 'Devon and Cornwall Police')).toBe('relevant partner');
    expect(missing(in2011)).not.toContain('s10-4-b-lpb');
    expect(missing(in2015)).toEqual(expect.arrayContaining(['s10-4-b-lpb', 's10-4-ca', 's10-4-cb', 's10-4-da', 's10-4-e-ccg']));
    expect(missing(in2015)).not.toContain('s10-4-e');
    // Integrated care boards replaced clinical commissioning groups on 1 July 2022.
    expect(status(in2015, 'NHS Devon')).toBe('other partner');
    expect(status(in2024, 'NHS Devon Integrated Care Board')).toBe('relevant partner');
    expect(missing(in2024)).not.toContain('s10-4-e-ccg');
    expect(missing(in2024)).not.toContain('s10-4-cb');
    // A date not yet checked against the commencement orders says so.
    expect(in2015.missingPartnerTypes.find((d) => d.code === 's10-4-ca')?.datesConfirmed).toBe(false);
    // Schools' and colleges' duty after the removal announced in 2010 is not dated (migration 0035): still
    // shown as standing, and marked as not yet confirmed rather than given an invented end.
    const schools = in2024.missingPartnerTypes.find((d) => d.code === 's10-4-fb');
    expect(schools?.datesConfirmed).toBe(false);
    const page = await admin.get(`${paths.area(DEVON)}?asAt-day=1&asAt-month=6&asAt-year=2015`);
    expect(page.body).toContain('Local policing body (police and crime commissioner)');
    expect(page.body).toContain('dates not yet confirmed');
  });
});

describe('closing and deleting', () => {
  it('refuses to delete a partner that holds records, closes it with a date, and deletes one that holds none', async () => {
    const held = (await (
      await admin.postJson(
        `/api/areas/${DEVON}/partners`,
        partner({ name: 'Devon Police Authority', sector: 'police', dutyCode: 's10-4-b' }),
      )
    ).json()) as { id: string };
    await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: DEVON, organisationId: held.id });
    const refused = await admin.request({ method: 'DELETE', url: `/api/areas/${DEVON}/partners/${held.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'about:blank#partner_holds_records' });
    expect(await count('organisation WHERE id = $1', [held.id])).toBe(1);

    const badDate = await admin.postJson(`/api/areas/${DEVON}/partners/${held.id}/close`, { closedOn: '2099-01-01' });
    expect(badDate.json()).toMatchObject({ errors: [{ field: 'closedOn', rule: 'not_future' }] });
    expect((await admin.postJson(`/api/areas/${DEVON}/partners/${held.id}/close`, { closedOn: '2012-11-21' })).statusCode).toBe(204);
    expect(await organisationIsInArea(t.testDb.db, held.id, DEVON)).toBe(false);
    const names = async (day: string) =>
      ((await admin.get(`/api/areas/${DEVON}?asAt=${day}`)).json() as { organisations: { name: string }[] }).organisations.map(
        (o) => o.name,
      );
    expect(await names('2008-01-01')).toContain('Devon Police Authority');
    expect(await names('2013-01-01')).not.toContain('Devon Police Authority');

    const mistake = (await (await admin.postJson(`/api/areas/${DEVON}/partners`, partner({ name: 'Typo Partner' }))).json()) as {
      id: string;
    };
    expect((await admin.request({ method: 'DELETE', url: `/api/areas/${DEVON}/partners/${mistake.id}` })).statusCode).toBe(204);
    expect(await count('organisation WHERE id = $1', [mistake.id])).toBe(0);
    expect(
      await count(`audit_event WHERE action IN ('partner.closed', 'partner.deleted') AND subject_id IN ($1, $2)`, [held.id, mistake.id]),
    ).toBe(2);
  });
});

describe('the partnership pages', () => {
  it('show the date asked for with the partner types not brought in, and register a partner from the form', async () => {
    const page = await admin.get(`/areas/${DEVON}?asAt-day=1&asAt-month=6&asAt-year=2006`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Statutory partners not brought in');
    expect(page.body).toContain('Local probation board (Children Act 2004 s10(4)(c), from 1 April 2005; dates not yet confirmed)');
    expect((await admin.get(`/areas/${DEVON}?asAt-day=31&asAt-month=2&asAt-year=2006`)).statusCode).toBe(400);

    await admin.get(`/areas/${DEVON}/partners/new`);
    const empty = await admin.post(`/areas/${DEVON}/partners/new`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('href="#name"');
    const saved = await admin.post(`/areas/${DEVON}/partners/new`, {
      name: 'Devon and Cornwall Probation Board',
      organisationType: 'Local probation board',
      sector: 'probation',
      dutyCode: 's10-4-c',
      coverageKind: 'beyond the area',
      coverage: 'Devon and Cornwall',
    });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    const after = await admin.get(`/areas/${DEVON}?asAt-day=1&asAt-month=6&asAt-year=2006`);
    expect(after.body).toContain('Devon and Cornwall Probation Board');
    expect(after.body).not.toContain('Local probation board (Children Act 2004 s10(4)(c))');
  });
});
