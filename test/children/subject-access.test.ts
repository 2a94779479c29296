import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { readPdf } from '../helpers/pdf.js';

/**
 * The subject access export holds everything held about the child (issue 14): the index's record and
 * the front line's assessments, consents, checklists, reviews, actions and referrals, in the JSON
 * (format ctp-subject-access/2) and in a readable PDF, each download audited with its reason.
 */

let t: TestApp;
let teacher: SignedIn;
let auditor: SignedIn;
let practitioner: SignedIn;
let childId: string;
const REASON = { reason: 'Responding to a subject access request' };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Testshire Primary School');
  const socialCare = await buildOrganisation(db, area, 'Testshire County Council');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Tess Teacher' });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
  auditor = await signedIn(t, 'auditor', { areaCode: area, displayName: 'Ada Auditor' });
  childId = await recordChild(teacher, { givenName: 'Sasha', familyName: 'Export', dateOfBirth: '2014-03-09' });
  const answers = { healthy: 'yes', safe: 'no', learning: 'yes', contribution: 'yes', wellbeing: 'no', met: 'no' };
  await ok(
    teacher.postJson(`/api/children/${childId}/pre-assessment-checks`, {
      answers,
      decision: 'common assessment needed',
      notes: 'Worried about sleep',
    }),
  );
  const { id } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
  await ok(
    teacher.postJson(`/api/assessments/${id}/consents`, {
      kind: 'given',
      givenByName: 'Robin Export',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: [socialCare],
      givenOn: '2026-11-02',
      method: 'in writing',
    }),
  );
  await ok(
    teacher.postJson(`/api/assessments/${id}/versions`, {
      draftVersion: 0,
      content: {
        reasonForAssessment: 'Poor sleep and missed school',
        family: 'Lives with Robin',
        servicesInvolved: 'School',
        elements: { 'development.health': { strengths: 'Active', needs: 'A sleep routine' } },
        childViews: 'Tired in class',
        parentViews: 'Wants help',
        conclusions: 'School nurse to help',
        agreedActions: [{ who: 'School nurse', what: 'Sleep advice', byWhen: '2027-01-31' }],
        levelOfNeed: 'additional',
      },
    }),
  );
  const view = await ok<{ team: { id: string }[] }>(teacher.get(`/api/assessments/${id}`), 200);
  await ok(
    teacher.postJson(`/api/assessments/${id}/actions`, {
      action: 'Sleep diary for two weeks',
      ownerTeamMemberId: view.team[0]?.id,
      dueOn: '2027-01-15',
    }),
  );
  await ok(
    teacher.postJson(`/api/assessments/${id}/reviews`, {
      attendees: 'Teacher, Robin',
      progress: [{ need: 'Sleep', progress: 'Some better nights' }],
      decisions: 'Carry on the diary',
      levelOfNeed: 'additional',
    }),
  );
  await ok(
    teacher.postJson(`/api/assessments/${id}/referrals`, {
      toOrganisationId: socialCare,
      toService: 'Children’s social care',
      reason: 'Unexplained bruising reported',
      levelSought: 'acute/specialist',
    }),
  );
}, 120_000);
afterAll(async () => t?.close());

const exports = async () =>
  t.testDb.db.query<{ reason: string; details: { format: string; records: Record<string, number> } }>(
    `SELECT reason, details FROM audit_event WHERE action = 'child.subject_access_export' AND subject_id = $1 AND actor_user_id = $2 ORDER BY seq`,
    [childId, auditor.user.id],
  );

describe('the subject access export', () => {
  it('holds every kind of record in the JSON, in the documented shape', async () => {
    const response = await auditor.post(paths.childSubjectAccess(childId), REASON);
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      format: string;
      held: { givenName: string };
      records: Record<string, Record<string, unknown>[]>;
      accessedBy: unknown[];
    };
    expect(doc.format).toBe('ctp-subject-access/2');
    expect(doc.held.givenName).toBe('Sasha');
    expect(Object.keys(doc.records)).toEqual([
      'assessments',
      'consents',
      'sharingWithoutConsent',
      'preAssessmentChecks',
      'reviews',
      'actions',
      'referrals',
      'needLevels',
    ]);
    for (const kind of ['assessments', 'consents', 'preAssessmentChecks', 'reviews', 'actions', 'referrals', 'needLevels'])
      expect(doc.records[kind], kind).toHaveLength(1);
    expect(doc.records.sharingWithoutConsent).toEqual([]);
    expect(doc.records.assessments?.[0]).toMatchObject({
      childId,
      versions: [{ content: { reasonForAssessment: 'Poor sleep and missed school' } }],
    });
    expect(doc.records.consents?.[0]).toMatchObject({ givenByName: 'Robin Export', kind: 'given' });
    expect(doc.records.preAssessmentChecks?.[0]).toMatchObject({ notes: 'Worried about sleep', decision: 'common assessment needed' });
    expect(doc.records.reviews?.[0]).toMatchObject({ decisions: 'Carry on the diary' });
    expect(doc.records.actions?.[0]).toMatchObject({ action: 'Sleep diary for two weeks', dueOn: '2027-01-15' });
    expect(doc.records.referrals?.[0]).toMatchObject({ reason: 'Unexplained bruising reported' });
    expect(doc.accessedBy.length).toBeGreaterThan(0);
    // The JSON API gives the same shape.
    const api = await auditor.get(`/api/children/${childId}/subject-access-export?reason=${encodeURIComponent(REASON.reason)}`);
    expect(Object.keys((api.json() as typeof doc).records)).toHaveLength(8);
  });

  it('gives the same as a readable PDF, each section with its records, and audits every download', async () => {
    const before = (await exports()).length;
    const page = await auditor.post(paths.childAccess(childId), REASON);
    expect(page.body).toContain(`formaction="${paths.childSubjectAccessPdf(childId)}"`);
    const response = await auditor.post(paths.childSubjectAccessPdf(childId), REASON);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`subject-access-${childId}.pdf`);
    const pdf = readPdf(response.rawPayload);
    expect(pdf.header).toMatch(/^%PDF-/);
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.title).toBe('Subject access request: Sasha Export');
    expect(pdf.objects).toContain('/Lang (en-GB)');
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const words of [
      '9 March 2014',
      'Common assessments (1)',
      'Poor sleep and missed school',
      'Consent decisions (1)',
      'Robin Export (parent or carer)',
      '2 November 2026',
      'Pre-assessment checklists (1)',
      'Worried about sleep',
      'Reviews by the team around the child (1)',
      'Carry on the diary',
      'Actions in the plan (1)',
      'Sleep diary for two weeks',
      '15 January 2027',
      'Referrals (1)',
      'Unexplained bruising reported',
      'Who has accessed the record',
      'Added the record',
      'by Ada Auditor',
    ]) {
      expect(text, words).toContain(words);
    }
    const entries = await exports();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ reason: REASON.reason, details: { format: 'pdf', records: { referrals: 1, consents: 1 } } });
  });

  it('asks for a reason first and is the auditor’s alone', async () => {
    const before = (await exports()).length;
    const noReason = await auditor.post(paths.childSubjectAccessPdf(childId), {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(noReason.body).toContain('Download as PDF');
    expect((await practitioner.post(paths.childSubjectAccessPdf(childId), REASON)).statusCode).toBe(403);
    expect((await auditor.post(paths.childSubjectAccessPdf('00000000-0000-4000-8000-000000000000'), REASON)).statusCode).toBe(404);
    expect(await exports()).toHaveLength(before);
  });
});
