import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTION11_STANDARDS } from '../../src/governance/section11/index.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { buildBody, buildPartner, seat } from './audits-fixtures.js';

/** Section 11 audits (000 Appendix 1 §1.2; issue 16 item 8): the LSCB's rounds and each agency's own audit. */

let t: TestApp;
let area: string;
let secretariat: Agent;
let lscbMember: Agent;
let notOnLscb: Agent;
let police: Agent;
let hospital: Agent;
let school: Agent;
const agencies = { la: '', police: '', hospital: '', school: '', lsc: '', voluntary: '' };
const ROUNDS = '/api/section-11/rounds';

const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const fieldsOf = (body: string) => (JSON.parse(body) as { errors?: { field: string; rule: string }[] }).errors?.map((e) => `${e.field}:${e.rule}`) ?? [];
const fullAnswers = () =>
  SECTION11_STANDARDS.map((s, i) => ({
    standardCode: s.code,
    rating: i === 0 ? 'partly_met' : 'met',
    evidence: `Evidence for ${s.code}`,
    ...(i === 0 ? { improvement: 'Add safeguarding to the business plan', improvementOwner: 'Head of policy', improvementDue: '31/3/2027' } : {}),
  }));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  agencies.la = await buildPartner(db, area, 'Testshire County Council', 's10-1');
  agencies.police = await buildPartner(db, area, 'Testshire Constabulary', 's10-4-b-chief');
  agencies.hospital = await buildPartner(db, area, 'Testshire Hospitals NHS Trust', 's11');
  agencies.school = await buildPartner(db, area, 'Testshire Academy', 's10-4-fa');
  agencies.lsc = await buildPartner(db, area, 'Learning and Skills Council', 's10-4-g');
  agencies.voluntary = await buildPartner(db, area, 'Testshire Youth Clubs', null);
  const lscb = await buildBody(db, area, 'lscb', 'Testshire Local Safeguarding Children Board');
  const user = (role: 'area_admin' | 'board_member' | 'practitioner', org: string) => buildUser(db, t.config, { role, areaCode: area, organisationId: org });
  const secretariatUser = await user('area_admin', agencies.la);
  const memberUser = await user('board_member', agencies.police);
  await seat(db, area, lscb, secretariatUser.id, agencies.la, 'secretariat');
  await seat(db, area, lscb, memberUser.id, agencies.police, 'member');
  secretariat = await signIn(t.app, secretariatUser);
  lscbMember = await signIn(t.app, memberUser);
  notOnLscb = await signIn(t.app, await user('board_member', agencies.la));
  police = await signIn(t.app, await user('practitioner', agencies.police));
  hospital = await signIn(t.app, await user('practitioner', agencies.hospital));
  school = await signIn(t.app, await user('practitioner', agencies.school));
});
afterAll(async () => t.close());

describe('section 11 audits', () => {
  let round = '';
  const auditOf: Record<string, string> = {};

  it('is set by the LSCB’s chair or secretariat, refusing a due date before the period starts', async () => {
    const body = { title: 'Section 11 audit 2025', periodStart: '2025-04-01', periodEnd: '2026-03-31', dueOn: '2026-03-31' };
    expect((await lscbMember.postJson(ROUNDS, body)).statusCode).toBe(403);
    const early = await secretariat.postJson(ROUNDS, { ...body, dueOn: '2025-03-01' });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early.body)).toEqual(['dueOn:date_order']);
    const page = await secretariat.post('/safeguarding/section-11/rounds/new', { ...body, dueOn: '1/3/2025', standards: 'priority' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Due date must be on or after the start of the period');
    expect(await t.testDb.db.query('SELECT 1 FROM section11_round WHERE area_code = $1', [area])).toHaveLength(0);
    // Due yesterday or earlier: its audits are late at once.
    const set = await secretariat.postJson(ROUNDS, body);
    expect(set.statusCode).toBe(201);
    round = (JSON.parse(set.body) as { id: string }).id;
  });

  it('gives an audit to each agency under the section 11 duty, derived from the partner register', async () => {
    const overview = JSON.parse((await lscbMember.get(`${ROUNDS}/${round}`)).body) as {
      round: { standards: { code: string }[] };
      agencies: { id: string; organisationId: string; organisationName: string; late: boolean; status: string }[];
    };
    expect(overview.agencies.map((a) => a.organisationName)).toEqual(['Testshire Constabulary', 'Testshire County Council', 'Testshire Hospitals NHS Trust']);
    expect(overview.round.standards.map((s) => s.code)).toEqual(SECTION11_STANDARDS.map((s) => s.code));
    for (const a of overview.agencies) auditOf[a.organisationId] = a.id;
    expect(overview.agencies.every((a) => a.late && a.status === 'not_started')).toBe(true);
  });

  it('is filled in by the agency’s own staff only', async () => {
    const mine = JSON.parse((await police.get('/api/section-11/audits')).body) as { id: string }[];
    expect(mine.map((a) => a.id)).toEqual([auditOf[agencies.police]]);
    expect(JSON.parse((await school.get('/api/section-11/audits')).body)).toEqual([]);
    expect((await police.get(`/api/section-11/audits/${auditOf[agencies.hospital]}`)).statusCode).toBe(404);
    expect((await put(police, `/api/section-11/audits/${auditOf[agencies.hospital]}`, { answers: [] })).statusCode).toBe(404);
    expect((await police.get(`/safeguarding/section-11/audits/${auditOf[agencies.hospital]}`)).statusCode).toBe(404);
    expect((await police.get(`/safeguarding/section-11/audits/${auditOf[agencies.police]}`)).statusCode).toBe(200);
  });

  it('refuses a rating outside the scale, and submitting with a standard unanswered, naming the standard and keeping what was saved', async () => {
    const url = `/api/section-11/audits/${auditOf[agencies.police]}`;
    const bad = await put(police, url, { answers: [{ standardCode: 'priority', rating: 'excellent', evidence: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['rating-priority:one_of']);
    const noOwner = await put(police, url, { answers: [{ standardCode: 'priority', rating: 'not_met', evidence: 'x', improvement: 'Do it', improvementDue: '31/3/2027' }] });
    expect(fieldsOf(noOwner.body)).toEqual(['owner-priority:required']);
    const partial = fullAnswers().slice(0, 6);
    expect((await put(police, url, { answers: partial })).statusCode).toBe(204);
    const refused = await police.postJson(`${url}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['rating-working_together:required']);
    expect(refused.body).toContain('the standard is unanswered');
    // Through the page: save then submit; the refusal shows the typed answers again and names the standard.
    // A browser sends every field of the form: the six answered as saved, the seventh's evidence newly typed.
    const fields: Record<string, string> = { intent: 'submit', 'evidence-working_together': 'Typed and kept' };
    for (const a of partial) {
      fields[`rating-${a.standardCode}`] = a.rating;
      fields[`evidence-${a.standardCode}`] = a.evidence;
      fields[`improvement-${a.standardCode}`] = a.improvement ?? '';
      fields[`owner-${a.standardCode}`] = a.improvementOwner ?? '';
      fields[`due-${a.standardCode}`] = a.improvementDue ?? '';
    }
    const page = await police.post(`/safeguarding/section-11/audits/${auditOf[agencies.police]}`, fields);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Select a rating for “The agency works with the LSCB');
    expect(page.body).toContain('Typed and kept');
    const saved = JSON.parse((await police.get(url)).body) as { status: string; answers: { standardCode: string; rating: string | null; evidence: string }[] };
    expect(saved.status).toBe('in_progress');
    expect(saved.answers.filter((a) => a.rating !== null)).toHaveLength(6);
    expect(saved.answers.find((a) => a.standardCode === 'working_together')?.evidence).toBe('Typed and kept');
    expect((await put(police, url, { answers: fullAnswers() })).statusCode).toBe(204);
    expect((await police.postJson(`${url}/submit`, {})).statusCode).toBe(204);
  });

  it('lets the LSCB chase a late audit, telling the agency’s staff, and refuses to chase a submitted one', async () => {
    const done = await secretariat.postJson(`${ROUNDS}/${round}/audits/${auditOf[agencies.police]}/chase`, {});
    expect(done.statusCode).toBe(409);
    expect(fieldsOf(done.body)).toEqual(['status:not_submitted']);
    const chased = await lscbMember.postJson(`${ROUNDS}/${round}/audits/${auditOf[agencies.hospital]}/chase`, {});
    expect(chased.statusCode).toBe(200);
    expect(JSON.parse(chased.body)).toEqual({ told: 1 });
    const told = await t.testDb.db.query<{ organisation_id: string }>(
      `SELECT u.organisation_id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.event_type = 'safeguarding.audit_chased' AND n.area_code = $1`,
      [area],
    );
    expect(told.map((r) => r.organisation_id)).toEqual([agencies.hospital]);
    const audited = await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE action = 'section11.audit_chased' AND subject_id = $1`, [auditOf[agencies.hospital]]);
    expect(audited).toHaveLength(1);
    const page = await lscbMember.get(`/safeguarding/section-11/rounds/${round}`);
    expect(page.body).toMatch(/Chased 1 time, last on/);
    expect(page.body).toContain('Late');
    expect(page.body).toContain('1 of 3 agencies');
    const one = await lscbMember.get(`/safeguarding/section-11/rounds/${round}/audits/${auditOf[agencies.hospital]}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toMatch(/Chased on .*: 1 person told/);
  });

  it('records the LSCB’s challenge and the agency’s response', async () => {
    const url = `${ROUNDS}/${round}/audits/${auditOf[agencies.police]}/challenge`;
    expect(fieldsOf((await put(secretariat, url, { challenge: ' ' })).body)).toEqual(['challenge:required']);
    expect((await put(secretariat, url, { challenge: 'Show the training figures behind standard 4' })).statusCode).toBe(204);
    const response = `/api/section-11/audits/${auditOf[agencies.police]}/response`;
    expect((await put(police, response, { response: 'Figures attached to the next board paper' })).statusCode).toBe(204);
    expect((await put(hospital, `/api/section-11/audits/${auditOf[agencies.hospital]}/response`, { response: 'x' })).statusCode).toBe(409);
    const read = JSON.parse((await lscbMember.get(`${ROUNDS}/${round}/audits/${auditOf[agencies.police]}`)).body) as { challenge: string; response: string };
    expect(read).toMatchObject({ challenge: 'Show the training figures behind standard 4', response: 'Figures attached to the next board paper' });
  });

  it('shows on the home page: an agency its late audit, the LSCB the late agencies, nothing to others', async () => {
    expect((await hospital.get('/')).body).toContain('Section 11 audits of your agency past their due date');
    expect((await police.get('/')).body).not.toContain('Section 11 audits');
    const lscbHome = (await lscbMember.get('/')).body;
    expect(lscbHome).toContain('Agencies’ section 11 audits past their due date');
    expect((await notOnLscb.get('/')).body).not.toContain('section 11 audits past');
  });

  it('is the LSCB’s business: someone not on it sees no round', async () => {
    expect(JSON.parse((await notOnLscb.get(ROUNDS)).body)).toEqual([]);
    expect((await notOnLscb.get(`${ROUNDS}/${round}`)).statusCode).toBe(404);
    expect((await notOnLscb.get(`/safeguarding/section-11/rounds/${round}`)).statusCode).toBe(404);
    const page = await notOnLscb.get('/safeguarding/section-11/rounds');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You are not one of them');
  });
});
