import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, givenConsent, problemCode, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { recordFrontLine } from '../children/front-line.js';

/**
 * What the index may show (003 §2.39: basic data and practitioner contacts; 004 Box 6.1: not a
 * repository of case material, no sign of how serious a case is): the level of need and the common
 * assessments reach the team around the child and those the family's consent covers, on the record
 * page and in the API; anyone else who may open the record is told they are withheld.
 * And two small things (issue 13 item 8): a closed episode shows who led it and when, and consent on
 * a closed episode is neither offered for withdrawal nor withdrawn.
 */

let t: TestApp;
let teacher: Agent;
let nurse: SignedIn;
let youthWorker: Agent;
let outsider: Agent;
let safeguardingLead: Agent;
let youthService: string;
const reason = 'Planning the team around the child meeting';

const levelOf = (agent: Agent, childId: string) => agent.get(`/api/children/${childId}/level-of-need?reason=${encodeURIComponent(reason)}`);
async function recordPage(agent: Agent, childId: string): Promise<string> {
  await agent.get(paths.child(childId));
  const page = await agent.postAndFollow(paths.childOpen(childId), { reason });
  expect(page.statusCode, page.body).toBe(200);
  return page.body;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Fenwick Primary School');
  const health = await buildOrganisation(db, area, 'Fenwick Community Health');
  youthService = await buildOrganisation(db, area, 'Fenwick Youth Service');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  youthWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: youthService });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  const otherSchool = await buildOrganisation(db, area, 'Fenwick Secondary School');
  safeguardingLead = await signedIn(t, 'practitioner', { areaCode: area, organisationId: otherSchool, designatedSafeguarding: true });
}, 120_000);
afterAll(async () => t?.close());

describe('the level of need and assessments on the child’s record', () => {
  let childId: string;
  let assessmentId: string;

  beforeAll(async () => {
    childId = await recordChild(teacher, { givenName: 'Maya', familyName: 'Fenwick', dateOfBirth: '2015-03-02' });
    ({ assessmentId } = await recordFrontLine(teacher, childId, 'complex'));
    await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurse.user.id, service: 'School nursing' }));
    await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent([youthService])));
  });

  it('are withheld from a practitioner who is neither on the team nor covered by consent, on the page and in the API', async () => {
    const page = await recordPage(outsider, childId);
    expect(page).not.toContain('Complex since');
    expect(page).not.toContain('Common assessment started');
    expect(page).toContain('shown only to the team around the child');

    const level = await levelOf(outsider, childId);
    expect(level.statusCode, level.body).toBe(200);
    expect(level.json()).toEqual({ childId, needLevel: null, withheld: expect.stringContaining('team around the child') });
    expect(level.body).not.toContain('complex');
    const list = await outsider.get(`/api/children/${childId}/assessments`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual([]);
  });

  it('are withheld from a designated safeguarding lead who is not on the team either (ADR 0012)', async () => {
    const page = await recordPage(safeguardingLead, childId);
    expect(page).not.toContain('Complex since');
    expect(page).toContain('shown only to the team around the child');
    expect((await levelOf(safeguardingLead, childId)).json()).toMatchObject({ needLevel: null });
  });

  it('are shown to a member of the team around the child', async () => {
    expect(await recordPage(nurse, childId)).toContain('Complex since');
    expect((await levelOf(nurse, childId)).json()).toMatchObject({ needLevel: { level: 'complex' } });
    expect(await expectStatus<unknown[]>(nurse.get(`/api/children/${childId}/assessments`), 200)).toHaveLength(1);
  });

  it('are shown to a practitioner whose organisation the family’s consent covers', async () => {
    expect(await recordPage(youthWorker, childId)).toContain('Complex since');
    const level = await levelOf(youthWorker, childId);
    expect(level.json()).toMatchObject({ needLevel: { level: 'complex' } });
    expect(level.json()).not.toHaveProperty('withheld');
  });

  it('are withheld again once consent is withdrawn', async () => {
    const consents = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM consent WHERE assessment_id = $1 AND withdrawn_at IS NULL ORDER BY recorded_at DESC LIMIT 1`,
      [assessmentId],
    );
    await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/consents/${consents[0]?.id}/withdraw`, { note: 'Mother asked' }), 204);
    expect((await levelOf(youthWorker, childId)).json()).toMatchObject({ needLevel: null });
  });
});

describe('a closed episode', () => {
  let childId: string;
  let assessmentId: string;
  let consentId: string;

  beforeAll(async () => {
    childId = await recordChild(teacher, { givenName: 'Tom', familyName: 'Fenwick', dateOfBirth: '2014-09-09' });
    ({ assessmentId } = await recordFrontLine(teacher, childId, 'additional'));
    const { criteria } = await expectStatus<{ criteria: string[] }>(teacher.get('/api/lead-professional-criteria'), 200);
    const { id: teamMemberId } = await expectStatus(
      teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurse.user.id, service: 'School nursing' }),
    );
    await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, { teamMemberId, criteriaMet: criteria }));
    ({ id: consentId } = await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent([youthService]))));
    await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/close`, { outcome: 'needs met', note: 'Attendance back to normal' }), 204);
  });

  it('shows who led it and when, not "None appointed"', async () => {
    const page = await recordPage(teacher, childId);
    const card = page.slice(page.indexOf('Common assessment started'));
    expect(card).not.toContain('None appointed');
    expect(card).toContain('Led by');
    expect(card).toMatch(/Test practitioner[^<]*: from [^<]+ to [^<]+</);
  });

  it('does not offer "Withdraw consent", and the service refuses a withdrawal', async () => {
    const overview = await teacher.get(paths.assessment(assessmentId));
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.body).not.toContain('Withdraw consent');
    const refused = await teacher.postJson(`/api/assessments/${assessmentId}/consents/${consentId}/withdraw`, { note: 'Too late' });
    expect(refused.statusCode).toBe(409);
    expect(problemCode(refused)).toBe('closed');
    const [row] = await t.testDb.db.query<{ withdrawn_at: Date | null }>('SELECT withdrawn_at FROM consent WHERE id = $1', [consentId]);
    expect(row?.withdrawn_at).toBeNull();
  });
});
