import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation, type TestUser } from '../helpers/factories.js';
import { recordFrontLine } from '../children/front-line.js';

/**
 * What the pages show and the API lacked (issue 11): a child's level of need, under the record
 * page's rule (shielding applies, a reason is asked and audited), and the area's lead professional
 * criteria that appointing one confirms.
 */

let t: TestApp;
let area: string;
let school: string;
let teacher: Agent;
let nurse: SignedIn;
let nurseUser: TestUser;
let safeguardingLead: Agent;

const newChild = (givenName: string): Promise<string> => recordChild(teacher, { givenName, familyName: 'Reed', dateOfBirth: '2015-06-01' });
const levelOf = (agent: Agent, childId: string, reason = 'Planning the team meeting') =>
  agent.get(`/api/children/${childId}/level-of-need${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  school = await buildOrganisation(db, area, 'Reedham Primary School');
  const health = await buildOrganisation(db, area, 'Reedham Community Health');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  nurseUser = nurse.user;
  safeguardingLead = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health, designatedSafeguarding: true });
}, 120_000);
afterAll(async () => t?.close());

describe("a child's level of need", () => {
  it('is given, with what set it, to the team around the child, and the reading is audited', async () => {
    const childId = await newChild('Ola');
    const none = await levelOf(nurse, childId);
    expect(none.statusCode, none.body).toBe(200);
    // Before any episode there is no team: withheld (front-line-masking.test.ts covers who sees it).
    expect(none.json()).toMatchObject({ childId, needLevel: null });

    const { assessmentId } = await recordFrontLine(teacher, childId, 'complex');
    await teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurseUser.id, service: 'School nursing' });
    const level = await levelOf(nurse, childId);
    expect(level.json()).toMatchObject({ childId, needLevel: { level: 'complex', source: 'common assessment version 1' } });
    const audited = await t.testDb.db.query<{ reason: string }>(
      `SELECT reason FROM audit_event WHERE action = 'child.need_level_viewed' AND subject_id = $1 AND actor_user_id = $2`,
      [childId, nurseUser.id],
    );
    expect(audited.map((a) => a.reason)).toEqual(['Planning the team meeting', 'Planning the team meeting']);
  });

  it('asks for a reason, naming the field', async () => {
    const childId = await newChild('Pip');
    const r = await levelOf(nurse, childId, '');
    expect(r.statusCode).toBe(400);
    expect((r.json() as { errors: { field: string; rule: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'reason', rule: 'required' }),
    ]);
  });

  it('is not found for a shielded child, except by the shielding organisation and designated safeguarding staff', async () => {
    const childId = await newChild('Quin');
    await recordFrontLine(teacher, childId, 'additional');
    await t.testDb.db.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [childId, school]);
    expect((await levelOf(nurse, childId)).statusCode).toBe(404);
    expect((await levelOf(teacher, childId)).statusCode).toBe(200);
    expect((await levelOf(teacher, childId)).json()).toMatchObject({ needLevel: { level: 'additional' } });
    // The designated safeguarding lead may open the shielded record, but is not on the team: withheld.
    const lead = await levelOf(safeguardingLead, childId);
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toMatchObject({ needLevel: null, withheld: expect.any(String) });
  });
});

describe("the area's lead professional criteria", () => {
  it('lists what appointing a lead professional must confirm, and sending them appoints one', async () => {
    const r = await teacher.get('/api/lead-professional-criteria');
    expect(r.statusCode, r.body).toBe(200);
    const { criteria } = r.json() as { criteria: string[] };
    expect(criteria).toEqual((await leadProfessionalCriteria(t.testDb.db, area, new Date().toISOString().slice(0, 10))).criteria);
    expect(criteria.length).toBeGreaterThan(0);

    const childId = await newChild('Rae');
    const { assessmentId } = await recordFrontLine(teacher, childId);
    const member = await teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurseUser.id, service: 'School nursing' });
    const teamMemberId = (member.json() as { id: string }).id;
    const appointed = await teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, { teamMemberId, criteriaMet: criteria });
    expect(appointed.statusCode, appointed.body).toBe(201);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (await teacher.get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/children/{childId}/level-of-need', '/api/lead-professional-criteria', '/api/sharing-without-consent']),
    );
  });
});
