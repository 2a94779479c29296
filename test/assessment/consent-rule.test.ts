import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  buildAssessment,
  expectStatus as ok,
  givenConsent as given,
  signedIn,
  type SignedIn,
  faultRules as rules,
  problemCode as code,
} from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Who may widen sharing (issue 11 point 5, ADR 0006): consent is recorded by the assessor or the lead
 * professional, never to let the recorder's own organisation in; sharing without consent is proposed
 * on a legal basis from a fixed list and approved by a second person. API and pages, real engine.
 */

let t: TestApp;
let area: string;
let school: string;
let health: string;
let council: string;
let teacher: Agent;
let nurse: SignedIn;
let manager: Agent;
let secondManager: Agent;
let safeguardingLead: Agent;

/** An open assessment by the teacher with consent to share with `shareWith`, and the nurse on the team. */
async function assessmentWithNurse(givenName: string, shareWith: string[]): Promise<{ assessmentId: string; nurseMemberId: string }> {
  const { assessmentId, memberIds } = await buildAssessment(teacher, {
    child: { givenName },
    shareWith,
    team: [{ userId: nurse.user.id, service: 'School nursing' }],
  });
  return { assessmentId, nurseMemberId: memberIds[0] ?? '' };
}

const propose = (agent: Agent, assessmentId: string, body: Record<string, unknown>) =>
  agent.postJson(`/api/assessments/${assessmentId}/sharing-without-consent`, body);
const decide = (agent: Agent, proposalId: string, decision: string) =>
  agent.postJson(`/api/sharing-without-consent/${proposalId}/decision`, { decision, note: 'Checked with the section 47 lead' });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  school = await buildOrganisation(db, area, 'Testshire Primary School');
  health = await buildOrganisation(db, area, 'Testshire Community Health');
  council = await buildOrganisation(db, area, 'Testshire County Council');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: council });
  secondManager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: council });
  safeguardingLead = await signedIn(t, 'practitioner', { areaCode: area, organisationId: council, designatedSafeguarding: true });
}, 120_000);
afterAll(async () => t?.close());

describe('recording consent', () => {
  it('refuses a team member, and a practice manager, who is neither the assessor nor the lead professional', async () => {
    const { assessmentId } = await assessmentWithNurse('Ada', []);
    for (const agent of [nurse, manager]) {
      const refused = await agent.postJson(`/api/assessments/${assessmentId}/consents`, given([health, council]));
      expect(refused.statusCode, refused.body).toBe(403);
      expect(code(refused)).toBe('consent_recorder');
      expect(rules(refused)).toEqual(['recordedBy:assessor_or_lead_professional']);
    }
    expect((await nurse.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(403); // still not shared with health
    const recorded = await t.testDb.db.query('SELECT 1 FROM consent WHERE assessment_id = $1', [assessmentId]);
    expect(recorded).toHaveLength(1);
  });

  it('lets the lead professional record consent, but not let their own organisation in', async () => {
    const { assessmentId, nurseMemberId } = await assessmentWithNurse('Bea', [health]);
    const { criteria } = await leadProfessionalCriteria(t.testDb.db, area, new Date().toISOString().slice(0, 10));
    await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, { teamMemberId: nurseMemberId, criteriaMet: criteria }),
    );
    // Health is already covered: the lead may record the family's wider consent.
    await ok(nurse.postJson(`/api/assessments/${assessmentId}/consents`, given([health, council])));
    // The family narrows it to the school alone; the lead may not then put health back.
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/consents`, given([])));
    const refused = await nurse.postJson(`/api/assessments/${assessmentId}/consents`, given([health]));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(rules(refused)).toEqual(['shareWith:not_own_organisation']);
    expect((await nurse.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(403);
  });

  it('refuses "without consent" as a consent decision: it is a proposal', async () => {
    const { assessmentId } = await assessmentWithNurse('Cal', []);
    const refused = await teacher.postJson(`/api/assessments/${assessmentId}/consents`, { kind: 'without consent' });
    expect(refused.statusCode).toBe(400);
    expect(rules(refused)).toEqual(['kind:proposal_needed']);
  });
});

describe('sharing without consent', () => {
  it('needs a legal basis from the list and the detail', async () => {
    const { assessmentId } = await assessmentWithNurse('Dot', []);
    const bad = await propose(nurse, assessmentId, { legalBasis: 'because I need to see it', detail: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(rules(bad)).toEqual(['legalBasis:one_of', 'detail:required']);
  });

  it('takes effect only when a second person, a practice manager, approves', async () => {
    const { assessmentId } = await assessmentWithNurse('Eve', []);
    const { id: proposalId } = await ok(
      propose(nurse, assessmentId, { legalBasis: 'significant harm', detail: 'Disclosure of injury at the school nurse drop-in' }),
    );
    expect((await nurse.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(403); // nothing shared yet
    const second = await propose(teacher, assessmentId, { legalBasis: 'crime', detail: 'Another' });
    expect([second.statusCode, rules(second)]).toEqual([409, ['legalBasis:one_waiting']]);

    const byPractitioner = await decide(nurse, proposalId, 'approved');
    expect([byPractitioner.statusCode, rules(byPractitioner)]).toEqual([403, ['decision:designated_safeguarding_or_practice_manager']]);
    const badDecision = await decide(manager, proposalId, 'maybe');
    expect([badDecision.statusCode, rules(badDecision)]).toEqual([400, ['decision:one_of']]);

    const waiting = await ok<{ id: string; legalBasis: string; ownProposal: boolean }[]>(manager.get('/api/sharing-without-consent'), 200);
    expect(waiting.find((p) => p.id === proposalId)).toMatchObject({ legalBasis: 'significant harm', ownProposal: false });
    // The list names children, so reading it is audited with the children it named (issue 11 §6).
    const [listed] = await t.testDb.db.query<{ details: { childIds: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'assessment.sharing_proposals_listed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(listed?.details.childIds.length).toBeGreaterThan(0);
    expect(await ok<unknown[]>(nurse.get('/api/sharing-without-consent'), 200)).toEqual([]);

    await ok(decide(manager, proposalId, 'approved'), 204);
    const view = await ok<{ basis: { kind: string; legalBasis: string; decidedBy: string } }>(
      nurse.get(`/api/assessments/${assessmentId}`),
      200,
    );
    expect(view.basis.kind).toBe('without consent');
    expect(view.basis.legalBasis).toBe(
      'A child at risk of significant harm (Children Act 1989 s47): Disclosure of injury at the school nurse drop-in',
    );
    expect(view.basis.decidedBy).toBe('Test practice_manager');
    const again = await decide(secondManager, proposalId, 'rejected');
    expect([again.statusCode, code(again)]).toEqual([409, 'decided']);
    const audit = await t.testDb.db.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE subject_id = $1 AND action LIKE 'assessment.sharing%' ORDER BY seq`,
      [assessmentId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'assessment.sharing_without_consent_proposed',
      'assessment.sharing_without_consent_approved',
    ]);
  });

  it('is never approved by the person who proposed it; a designated safeguarding lead may approve or reject', async () => {
    const { assessmentId } = await assessmentWithNurse('Fay', []);
    const { id: ownId } = await ok(
      propose(manager, assessmentId, { legalBasis: 'court order', detail: 'Family court order of 3 November' }),
    );
    const own = await decide(manager, ownId, 'approved');
    expect([own.statusCode, rules(own)]).toEqual([403, ['decision:second_person']]);
    await ok(decide(safeguardingLead, ownId, 'rejected'), 204);
    expect((await nurse.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(403); // rejected: nothing shared

    const { id: nextId } = await ok(propose(nurse, assessmentId, { legalBasis: 'crime', detail: 'Police enquiry into exploitation' }));
    await ok(decide(safeguardingLead, nextId, 'approved'), 204);
    expect((await nurse.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(200);
  });
});

describe('the pages', () => {
  it('refuse a team member recording consent, with the rule in the error summary', async () => {
    const { assessmentId } = await assessmentWithNurse('Gil', []);
    await nurse.get(paths.assessmentConsent(assessmentId));
    const refused = await nurse.post(paths.assessmentConsent(assessmentId), {
      kind: 'given',
      givenByName: 'Sarah Cole',
      givenByRelationship: 'parent or carer',
      toRecord: 'yes',
      shareWith: health,
      method: 'in writing',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Consent is recorded by the practitioner who obtained it');
    expect(refused.body).toContain('href="#kind"');
  });

  it('propose sharing without consent, and a practice manager approves it on the proposals page', async () => {
    const { assessmentId } = await assessmentWithNurse('Hal', []);
    const form = await teacher.get(paths.assessmentConsent(assessmentId));
    expect(form.body).toContain('A child at risk of significant harm (Children Act 1989 s47)');
    const missing = await teacher.post(paths.assessmentConsent(assessmentId), { kind: 'without consent' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#legalBasis"');
    expect(missing.body).toContain('href="#detail"');
    const proposed = await teacher.post(paths.assessmentConsent(assessmentId), {
      kind: 'without consent',
      legalBasis: 'significant harm',
      detail: 'Bruising seen in PE',
    });
    expect(proposed.statusCode, proposed.body).toBe(303);
    expect(proposed.headers.location).toBe(`${paths.assessment(assessmentId)}?done=proposed`);
    const overview = await teacher.get(String(proposed.headers.location));
    expect(overview.body).toContain('Sharing without consent proposed');

    const list = await manager.get(paths.sharingProposals);
    expect(list.body).toContain('Bruising seen in PE');
    const proposalId = new RegExp(`/sharing-without-consent/([0-9a-f-]{36})/decision`).exec(list.body)?.[1] ?? '';
    const approved = await manager.post(paths.sharingProposalDecision(proposalId), { decision: 'approved' });
    expect(approved.statusCode, approved.body).toBe(303);
    expect(approved.headers.location).toBe(`${paths.sharingProposals}?done=approved`);
    expect((await nurse.get(paths.assessment(assessmentId))).statusCode).toBe(200);
  });
});
