import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { readPdf } from '../helpers/pdf.js';

/**
 * The copy of a common assessment for the family (issue 14, ADR 0014): a PDF in plain words, reached
 * from the assessment page, under the assessment's own rule, each download an audited read; a
 * sensitive service named only by someone from it; a record shielded from the viewer not printed.
 */

let t: TestApp;
let area: string;
let teacher: SignedIn;
let nurse: SignedIn;
let outsider: SignedIn;
let assessmentId: string;
let childId: string;
let nurseMemberId: string;

const content = {
  reasonForAssessment: 'Behaviour has got worse since his parents separated',
  family: 'Lives with his mother; sees his father at weekends',
  servicesInvolved: 'Primary school; GP',
  elements: {
    'development.emotional-social': { strengths: 'Enjoys football with friends', needs: 'Help to understand the separation' },
    'development.behaviour': { needs: 'Clear boundaries at home and school' },
  },
  childViews: 'Wants to stay at his school',
  parentViews: 'Mother wants help with his anger',
  conclusions: 'Support from school and health together',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
  levelOfNeed: 'additional',
};

const familyCopy = (agent: Agent, id = assessmentId) => agent.get(paths.assessmentFamilyCopy(id));
const printed = async (userId: string) =>
  t.testDb.db.query<{ details: { childIds: string[] } }>(
    `SELECT details FROM audit_event WHERE action = 'assessment.family_copy_printed' AND subject_id = $1 AND actor_user_id = $2`,
    [assessmentId, userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Testshire Primary School');
  const health = await buildOrganisation(db, area, 'Testshire Sexual Health Service');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Tess Teacher' });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health, displayName: 'Nia Nurse' });
  outsider = await signedIn(t, 'practitioner', { areaCode: area });
  childId = await recordChild(teacher, { givenName: 'Ollie', familyName: 'Printer', dateOfBirth: '2015-06-15' });
  ({ id: assessmentId } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' })));
  await ok(
    teacher.postJson(`/api/assessments/${assessmentId}/consents`, {
      kind: 'given',
      givenByName: 'Sarah Printer',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: [health],
      givenOn: '2026-11-01',
      method: 'in writing',
    }),
  );
  ({ id: nurseMemberId } = await ok(
    teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurse.user.id, service: 'Sexual health' }),
  ));
  await ok(teacher.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content }));
  const team = await ok<{ team: { id: string; userId: string }[] }>(teacher.get(`/api/assessments/${assessmentId}`), 200);
  const teacherMember = team.team.find((m) => m.userId === teacher.user.id)?.id;
  await ok(
    teacher.postJson(`/api/assessments/${assessmentId}/actions`, {
      action: 'Daily check-in at school',
      ownerTeamMemberId: teacherMember,
      dueOn: '2027-01-31',
    }),
  );
  await ok(
    teacher.postJson(`/api/assessments/${assessmentId}/actions`, {
      action: 'Clinic appointment',
      ownerTeamMemberId: nurseMemberId,
      dueOn: '2027-02-10',
    }),
  );
  const { criteria } = await leadProfessionalCriteria(db, area, new Date().toISOString().slice(0, 10));
  await ok(teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, { teamMemberId: teacherMember, criteriaMet: criteria }));
}, 120_000);

afterAll(async () => t?.close());

describe('the family’s copy of an assessment', () => {
  it('is linked from the assessment page and prints the assessment in plain words, as a titled, tagged PDF', async () => {
    const page = await teacher.get(paths.assessment(assessmentId));
    expect(page.body).toContain(`href="${paths.assessmentFamilyCopy(assessmentId)}"`);
    expect(page.body).toContain('Print a copy for the family');
    const before = (await printed(teacher.user.id)).length;
    const response = await familyCopy(teacher);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(response.rawPayload);
    expect(pdf.header).toMatch(/^%PDF-/);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.title).toBe('Ollie Printer: our assessment and plan');
    expect(pdf.objects).toContain('/Lang (en-GB)');
    for (const words of [
      '15 June 2015',
      'What is going well',
      'Enjoys football with friends',
      'What we are worried about',
      'Clear boundaries at home and school',
      'Wants to stay at his school',
      'What we agreed to do',
      'Daily check-in at school',
      'Who is helping',
      'Your lead professional is Tess Teacher',
      'Your consent',
      'Sarah Printer (parent or carer) agreed on 1 November 2026',
      'When we will meet again',
      'by Tess Teacher',
    ]) {
      expect(pdf.text.replace(/\s+/g, ' '), words).toContain(words);
    }
    // Practitioners' words stay out: the level of need and the household notes.
    expect(pdf.text).not.toContain('additional');
    expect(pdf.text).not.toContain('sees his father');
    const entries = await printed(teacher.user.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)?.details.childIds).toEqual([childId]);
  });

  it('leaves out a sensitive service for anyone but that service, and names it to its own practitioner', async () => {
    await t.testDb.asOwner((owner) =>
      owner.query('UPDATE involvement SET sensitive = true WHERE id = (SELECT involvement_id FROM team_member WHERE id = $1)', [
        nurseMemberId,
      ]),
    );
    const byTeacher = readPdf((await familyCopy(teacher)).rawPayload).text.replace(/\s+/g, ' ');
    expect(byTeacher).not.toContain('Nia Nurse');
    expect(byTeacher).not.toContain('clinic');
    expect(byTeacher).not.toContain('Sexual Health');
    expect(byTeacher).toContain('Another service working with you');
    const byNurse = readPdf((await familyCopy(nurse)).rawPayload).text.replace(/\s+/g, ' ');
    expect(byNurse).toContain('Nia Nurse');
    expect(byNurse).toContain('Sexual health');
    expect(await printed(nurse.user.id)).toHaveLength(1);
  });

  it('is refused to someone who may not open the assessment, and to a viewer the record is shielded from', async () => {
    expect((await familyCopy(outsider)).statusCode).toBe(403);
    expect(await printed(outsider.user.id)).toHaveLength(0);
    expect((await familyCopy(teacher, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await familyCopy(teacher, 'not-an-id')).statusCode).toBe(404);
    const other = await buildOrganisation(t.testDb.db, area, 'Shielding organisation');
    await t.testDb.asOwner((owner) =>
      owner.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [childId, other]),
    );
    const before = (await printed(teacher.user.id)).length;
    const refused = await familyCopy(teacher);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('Ollie');
    expect(await printed(teacher.user.id)).toHaveLength(before);
    expect((await teacher.get(paths.assessment(assessmentId))).body).not.toContain('Print a copy for the family');
  });
});
