import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import { expectStatus as ok, recordChild, signedIn, faultRules as rules, problemCode as code } from '../helpers/builders.js';
import { buildArea, buildOrganisation, type TestUser } from '../helpers/factories.js';

/** Front-line work through the JSON API, on the real database: consent, locking, teams, escalation, refusals. */

let t: TestApp;
let area: string;
let school: string;
let health: string;
let socialCare: string;
let teacher: Agent;
let teacherUser: TestUser;
let nurse: Agent;
let nurseUser: TestUser;
let socialWorker: Agent;
let outsider: Agent;
let manager: Agent;
let board: Agent;

const content = (overrides: Record<string, unknown> = {}) => ({
  reasonForAssessment: 'Behaviour has deteriorated since his parents separated; risk of exclusion',
  family: 'Lives with his mother; sees his father at weekends',
  servicesInvolved: 'Primary school; GP',
  elements: {
    'development.emotional-social': { strengths: 'Enjoys football', needs: 'Help to understand his parents’ separation' },
    'development.behaviour': { needs: 'Acceptable behavioural boundaries' },
    'parents-carers.guidance': { needs: 'Support for his mother to improve his behaviour' },
  },
  childViews: 'Wants to stay at his school',
  parentViews: 'Mother wants help with his anger',
  conclusions: 'Needs co-ordinated support from several services',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
  levelOfNeed: 'additional',
  ...overrides,
});

const newChild = (givenName: string): Promise<string> => recordChild(teacher, { givenName });

/** A child with an open assessment, consent to share with the given organisations, and version 1 completed. */
async function completedAssessment(
  givenName: string,
  shareWith: string[],
): Promise<{ childId: string; assessmentId: string; consentId: string }> {
  const childId = await newChild(givenName);
  const { id: assessmentId } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
  const { id: consentId } = await ok(
    teacher.postJson(`/api/assessments/${assessmentId}/consents`, {
      kind: 'given',
      givenByName: 'Sarah Cole',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith,
      givenOn: '2026-11-01',
      method: 'in writing',
    }),
  );
  await ok(teacher.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content: content() }));
  return { childId, assessmentId, consentId };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  school = await buildOrganisation(db, area, 'Testshire Primary School');
  health = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  socialCare = await buildOrganisation(db, area, 'Testshire County Council');
  const teacherIn = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  [teacher, teacherUser] = [teacherIn, teacherIn.user];
  const nurseIn = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  [nurse, nurseUser] = [nurseIn, nurseIn.user];
  socialWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: socialCare });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: socialCare });
  board = await signedIn(t, 'board_member', { areaCode: area });
}, 120_000);
afterAll(async () => t?.close());

describe('starting and recording a common assessment', () => {
  it('records the pre-assessment checklist, naming every unanswered question', async () => {
    const childId = await newChild('Ava');
    const bad = await teacher.postJson(`/api/children/${childId}/pre-assessment-checks`, {
      answers: { healthy: 'maybe' },
      decision: 'perhaps',
    });
    expect(bad.statusCode).toBe(400);
    expect(rules(bad)).toEqual(expect.arrayContaining(['answers.healthy:one_of', 'answers.safe:one_of', 'decision:one_of']));
    const answers = { healthy: 'yes', safe: 'yes', learning: 'yes', contribution: 'yes', wellbeing: 'yes', met: 'yes' };
    await ok(teacher.postJson(`/api/children/${childId}/pre-assessment-checks`, { answers, decision: 'progressing well' }));
    const checks = await t.testDb.db.query<{ decision: string }>('SELECT decision FROM pre_assessment_check WHERE child_id = $1', [
      childId,
    ]);
    expect(checks.map((c) => c.decision)).toEqual(['progressing well']);
  });

  it('allows one open assessment per child: a second is refused and points to the first', async () => {
    const childId = await newChild('Ben');
    const { id } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
    const second = await nurse.postJson(`/api/children/${childId}/assessments`, { service: 'School nursing' });
    expect(second.statusCode).toBe(409);
    expect(code(second)).toBe('assessment_open');
    expect(second.body).toContain(id);
  });

  it('needs consent to record before anything is written', async () => {
    const childId = await newChild('Cara');
    const { id } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
    const r = await teacher.request({
      method: 'PUT',
      url: `/api/assessments/${id}/draft`,
      payload: { draftVersion: 0, content: content() },
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(409);
    expect(code(r)).toBe('no_consent');
    const bad = await teacher.postJson(`/api/assessments/${id}/consents`, {
      kind: 'given',
      givenByName: '',
      method: 'by pigeon',
      givenOn: '2099-01-01',
    });
    expect(rules(bad)).toEqual(
      expect.arrayContaining([
        'givenByName:required',
        'givenByRelationship:one_of',
        'method:one_of',
        'toRecord:required',
        'givenOn:date_in_future',
      ]),
    );
  });

  it('keeps the draft when completion fails, names each missing field, then locks version 1', async () => {
    const childId = await newChild('Dan');
    const { id } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
    await ok(
      teacher.postJson(`/api/assessments/${id}/consents`, {
        kind: 'given',
        givenByName: 'Dan Cole',
        givenByRelationship: 'child or young person',
        toRecord: true,
        method: 'verbally',
      }),
    );
    const partial = {
      reasonForAssessment: 'Worried about attendance',
      elements: { 'development.learning': { needs: 'Reading support' } },
      agreedActions: [{ who: 'Teacher', what: 'Reading club', byWhen: '31/2/2027' }],
    };
    const failed = await teacher.postJson(`/api/assessments/${id}/versions`, { draftVersion: 0, content: partial });
    expect(failed.statusCode).toBe(400);
    expect((failed.json() as { draftVersion: number }).draftVersion).toBe(1); // the draft was saved
    expect(rules(failed)).toEqual(
      expect.arrayContaining([
        'childViews:required',
        'parentViews:required',
        'conclusions:required',
        'levelOfNeed:required',
        'agreedActions[0].byWhen:date_real',
      ]),
    );
    const view = await ok<{ draft: { reasonForAssessment: string }; latestVersion: number; draftVersion: number }>(
      teacher.get(`/api/assessments/${id}`),
      200,
    );
    expect(view.draft.reasonForAssessment).toBe('Worried about attendance');
    expect(view.latestVersion).toBe(0);
    expect(view.draftVersion).toBe(1);
    expect(await ok(teacher.postJson(`/api/assessments/${id}/versions`, { draftVersion: 1, content: content() }))).toEqual({ version: 1 });
    const locked = await ok<{ draft: null; versions: { version: number }[] }>(teacher.get(`/api/assessments/${id}`), 200);
    expect(locked.draft).toBeNull();
    expect(locked.versions.map((v) => v.version)).toEqual([1]);
  });
});

describe('locking and versions', () => {
  it('keeps completed versions unchanged: later changes are new versions with a change note', async () => {
    const { assessmentId } = await completedAssessment('Eve', []);
    const { draftVersion } = await ok<{ draftVersion: number }>(teacher.get(`/api/assessments/${assessmentId}`), 200);
    const noNote = await teacher.postJson(`/api/assessments/${assessmentId}/versions`, {
      draftVersion,
      content: content({ levelOfNeed: 'complex' }),
    });
    expect(rules(noNote)).toContain('changeNote:required');
    expect(
      await ok(
        teacher.postJson(`/api/assessments/${assessmentId}/versions`, {
          draftVersion: draftVersion + 1,
          content: content({ levelOfNeed: 'complex' }),
          changeNote: 'Excluded',
        }),
      ),
    ).toEqual({ version: 2 });
    const view = await ok<{ versions: { version: number; content: { levelOfNeed: string } }[] }>(
      teacher.get(`/api/assessments/${assessmentId}`),
      200,
    );
    expect(view.versions.map((v) => [v.version, v.content.levelOfNeed])).toEqual([
      [1, 'additional'],
      [2, 'complex'],
    ]);
    // Even the database owner cannot rewrite a completed version.
    await expect(
      t.testDb.asOwner((owner) =>
        owner.query(`UPDATE common_assessment_version SET content = '{}' WHERE assessment_id = $1`, [assessmentId]),
      ),
    ).rejects.toThrow(/locked/);
  });
});

describe('consent and sharing', () => {
  it('shares with named organisations on the team, and withdrawal stops sharing at once', async () => {
    const { assessmentId, consentId } = await completedAssessment('Finn', [health]);
    await ok(nurse.get(`/api/assessments/${assessmentId}`), 403); // not on the team yet
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurseUser.id, service: 'School nursing' }));
    const shared = await ok<{ basis: { kind: string; consentId: string } }>(nurse.get(`/api/assessments/${assessmentId}`), 200);
    expect(shared.basis).toEqual({ kind: 'consent', consentId });
    const disclosed = await t.testDb.db.query<{ details: { basis: string } }>(
      `SELECT details FROM audit_event WHERE action = 'assessment.viewed' AND subject_id = $1 AND actor_user_id = $2`,
      [assessmentId, nurseUser.id],
    );
    expect(disclosed.map((e) => e.details.basis)).toEqual(['consent']);

    await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/consents/${consentId}/withdraw`, { note: 'Mother withdrew consent by phone' }),
      204,
    );
    const refused = await nurse.get(`/api/assessments/${assessmentId}`);
    expect(refused.statusCode).toBe(403);
    expect(code(refused)).toBe('not_shared');
    expect(refused.body).toContain('withdrawn');
    await ok(teacher.get(`/api/assessments/${assessmentId}`), 200); // the assessor's organisation still holds it
    const exported = await teacher.get(`/api/assessments/${assessmentId}/export`);
    expect(exported.statusCode).toBe(409);
  });

  it('shares without consent on a listed legal basis once a second person approves (ADR 0006)', async () => {
    const { assessmentId } = await completedAssessment('Gus', []);
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurseUser.id, service: 'School nursing' }));
    await ok(nurse.get(`/api/assessments/${assessmentId}`), 403);
    const bad = await teacher.postJson(`/api/assessments/${assessmentId}/consents`, { kind: 'without consent' });
    expect(rules(bad)).toEqual(['kind:proposal_needed']);
    const { id: proposalId } = await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/sharing-without-consent`, {
        legalBasis: 'significant harm',
        detail: 'Section 47 enquiry opened today',
      }),
    );
    await ok(nurse.get(`/api/assessments/${assessmentId}`), 403);
    await ok(manager.postJson(`/api/sharing-without-consent/${proposalId}/decision`, { decision: 'approved' }), 204);
    const view = await ok<{ basis: { kind: string; legalBasis: string } }>(nurse.get(`/api/assessments/${assessmentId}`), 200);
    expect(view.basis.kind).toBe('without consent');
    expect(view.basis.legalBasis).toContain('s47');
  });

  it('closes the episode as declined when the family declines', async () => {
    const childId = await newChild('Hal');
    const { id } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
    await ok(
      teacher.postJson(`/api/assessments/${id}/consents`, {
        kind: 'declined',
        givenByName: 'Jo Cole',
        givenByRelationship: 'parent or carer',
        method: 'verbally',
      }),
    );
    const view = await ok<{ status: string; closureOutcome: string }>(teacher.get(`/api/assessments/${id}`), 200);
    expect([view.status, view.closureOutcome]).toEqual(['closed', 'declined']);
  });
});

describe('the team around the child', () => {
  it('appoints a lead professional only explicitly, by every criterion, with a handover note on change', async () => {
    const { assessmentId, childId } = await completedAssessment('Ivy', [health, socialCare]);
    const before = await ok<{ leadProfessionals: unknown[]; team: { id: string; userId: string | null }[] }>(
      teacher.get(`/api/assessments/${assessmentId}`),
      200,
    );
    expect(before.leadProfessionals).toEqual([]); // completing did not appoint the assessor (004 paras 219-220)
    const nurseMember = await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurseUser.id, service: 'School nursing' }),
    );
    const { criteria } = await leadProfessionalCriteria(t.testDb.db, area, new Date().toISOString().slice(0, 10));
    expect(criteria.length).toBeGreaterThan(1);
    const partial = await teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, {
      teamMemberId: nurseMember.id,
      criteriaMet: criteria.slice(1),
    });
    expect(rules(partial)).toEqual(['criteriaMet:all_criteria']);
    await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, { teamMemberId: nurseMember.id, criteriaMet: criteria }),
    );
    const teacherMember = before.team.find((m) => m.userId === teacherUser.id);
    const noNote = await teacher.postJson(`/api/assessments/${assessmentId}/lead-professional`, {
      teamMemberId: teacherMember?.id,
      criteriaMet: criteria,
    });
    expect(rules(noNote)).toEqual(['handoverNote:required']);
    const leaving = await teacher.postJson(`/api/assessments/${assessmentId}/team/${nurseMember.id}/leave`, {});
    expect(code(leaving)).toBe('is_lead');
    // The lead and the team are visible in the child index.
    const record = await ok<{ involvements: { practitionerName: string }[] }>(
      teacher.get(`/api/children/${childId}?reason=Team+meeting`),
      200,
    );
    // The two members of the team: the teacher's involvement from adding the child (issue 14 bug 5) is the one
    // it holds on the team, so it appears once.
    expect(record.involvements.length).toBe(2);
  });

  it('tracks actions, overdue ones surfacing to the manager, and records reviews', async () => {
    const { assessmentId } = await completedAssessment('Jay', [socialCare]);
    const view = await ok<{ team: { id: string }[] }>(teacher.get(`/api/assessments/${assessmentId}`), 200);
    const owner = view.team[0]?.id;
    const bad = await teacher.postJson(`/api/assessments/${assessmentId}/actions`, {
      action: '',
      ownerTeamMemberId: 'nobody',
      dueOn: '2027-13-01',
    });
    expect(rules(bad)).toEqual(expect.arrayContaining(['action:required', 'dueOn:date_real', 'ownerTeamMemberId:team_member']));
    const { id: actionId } = await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/actions`, {
        action: 'Refer to behaviour support',
        ownerTeamMemberId: owner,
        dueOn: '2026-01-05',
      }),
    );
    const caseload = await ok<{ overdueActions: { id: string }[] }>(manager.get('/api/caseload'), 200);
    expect(caseload.overdueActions.map((a) => a.id)).toContain(actionId);
    await ok(
      teacher.request({
        method: 'PUT',
        url: `/api/assessments/${assessmentId}/actions/${actionId}/status`,
        payload: { status: 'done' },
        headers: { 'content-type': 'application/json' },
      }),
      204,
    );
    expect(
      (await ok<{ overdueActions: { id: string }[] }>(manager.get('/api/caseload'), 200)).overdueActions.map((a) => a.id),
    ).not.toContain(actionId);
    await ok(
      teacher.postJson(`/api/assessments/${assessmentId}/reviews`, {
        attendees: 'Teacher, mother',
        progress: [{ need: 'Behaviour', progress: 'Better' }],
        decisions: 'Continue',
        levelOfNeed: 'complex',
      }),
    );
  });
});

describe('escalation and referral', () => {
  it('is returned with reasons, then accepted, setting the child’s level of need', async () => {
    const { assessmentId, childId } = await completedAssessment('Kit', [socialCare]);
    const referral = {
      toOrganisationId: socialCare,
      toService: 'Children’s social care',
      reason: 'Permanently excluded; needs specialist assessment',
      levelSought: 'acute/specialist',
    };
    const { id: first } = await ok(teacher.postJson(`/api/assessments/${assessmentId}/referrals`, referral));
    await ok(nurse.get(`/api/referrals/${first}`), 403); // another organisation's referral
    const incoming = await ok<{ id: string }[]>(socialWorker.get('/api/referrals'), 200);
    expect(incoming.map((r) => r.id)).toContain(first);
    const received = await ok<{ attached: { version: number } }>(socialWorker.get(`/api/referrals/${first}`), 200);
    expect(received.attached.version).toBe(1);
    await ok(socialWorker.postJson(`/api/referrals/${first}/acknowledge`, {}), 204);
    const noReason = await socialWorker.postJson(`/api/referrals/${first}/decision`, { decision: 'returned' });
    expect(rules(noReason)).toEqual(['reason:required']);
    await ok(
      socialWorker.postJson(`/api/referrals/${first}/decision`, {
        decision: 'returned',
        reason: 'Needs can be met by early help: try the family centre first',
      }),
      204,
    );
    const closeEarly = await teacher.postJson(`/api/assessments/${assessmentId}/close`, { outcome: 'escalated', note: 'Escalated' });
    expect(rules(closeEarly)).toEqual(['outcome:accepted_referral']);

    const { id: second } = await ok(teacher.postJson(`/api/assessments/${assessmentId}/referrals`, referral));
    await ok(socialWorker.postJson(`/api/referrals/${second}/decision`, { decision: 'accepted' }), 204);
    const [level] = await t.testDb.db.query<{ level: string }>(
      'SELECT level FROM need_level_change WHERE child_id = $1 ORDER BY changed_at DESC, id LIMIT 1',
      [childId],
    );
    expect(level?.level).toBe('acute/specialist');
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/close`, { outcome: 'escalated', note: 'Social care leads now' }), 204);
    const after = await teacher.postJson(`/api/assessments/${assessmentId}/actions`, {
      action: 'More',
      ownerTeamMemberId: '00000000-0000-0000-0000-000000000000',
      dueOn: '2027-01-01',
    });
    expect(code(after)).toBe('closed');
  });
});

describe('work views and refusals', () => {
  it('gives the board counts by month and service, and refuses it the caseload and any child', async () => {
    const report = await ok<{ totals: { started: number; completed: number } }>(board.get('/api/assessments/report'), 200);
    expect(report.totals.started).toBeGreaterThan(5);
    expect(report.totals.completed).toBeGreaterThan(3);
    await ok(board.get('/api/caseload'), 403);
    await ok(board.get('/api/my-children'), 403);
  });

  it('lists a practitioner’s children, and refuses users outside the team everything about the assessment', async () => {
    const { assessmentId } = await completedAssessment('Lou', [health]);
    const mine = await ok<{ children: { id: string }[] }>(teacher.get('/api/my-children'), 200);
    expect(mine.children.map((c) => c.id)).toContain(assessmentId);
    for (const attempt of [
      outsider.get(`/api/assessments/${assessmentId}`),
      outsider.get(`/api/assessments/${assessmentId}/export`),
      outsider.postJson(`/api/assessments/${assessmentId}/reviews`, { attendees: 'x', decisions: 'y' }),
      outsider.postJson(`/api/assessments/${assessmentId}/team`, { service: 'Youth work', practitionerName: 'Me', organisationId: health }),
    ]) {
      const r = await attempt;
      expect(r.statusCode, r.body).toBe(403);
    }
  });
});
