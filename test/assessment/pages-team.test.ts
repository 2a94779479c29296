import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentsOfChild } from '../../src/assessment/index.js';
import type { AssessmentDetails } from '../../src/assessment/types.js';
import type { RequestContext } from '../../src/platform/audit.js';
import { findUserById, type User } from '../../src/platform/auth/repository.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser, type TestUser } from '../helpers/factories.js';

/**
 * The team around the child's pages, end to end on the worked case of 002 §3.8 (paras 148-156):
 * a school's common assessment, a multi-agency team, a lead professional appointed by the area's
 * criteria, a plan with an overdue action, a review, escalation (returned, then accepted), closure.
 */

let t: TestApp;
let assessorUser: User;
let assessor: Agent;
let youthWorkerUser: User;
let socialWorker: Agent;
let outsider: Agent;
let manager: Agent;
let board: Agent;
let orgs: { school: string; youth: string; behaviour: string; socialCare: string; other: string };
let childId: string;
let id: string;
const ctx: RequestContext = { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'pages-team' };

const details = async (): Promise<AssessmentDetails> => (await t.services.assessment.assessments.view(assessorUser, id, ctx)).details;
const member = async (name: string) => {
  const found = (await details()).team.find((m) => m.practitionerName === name && m.leftOn === null);
  if (!found) throw new Error(`${name} is not on the team`);
  return found;
};
const user = async (u: TestUser): Promise<User> => {
  const found = await findUserById(t.testDb.db, u.id);
  if (!found) throw new Error('no user');
  return found;
};

/** Posts a form with repeated fields (checkboxes), as a browser does. */
function postPairs(agent: Agent, url: string, pairs: [string, string][]) {
  const body = new URLSearchParams([['_csrf', agent.csrf], ...pairs]).toString();
  return agent.request({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const expectBackToOverview = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, done: string) => {
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  expect(response.headers.location).toBe(`${paths.assessment(id)}?done=${done}`);
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  orgs = {
    school: await buildOrganisation(db, area, 'Dunstow Primary School'),
    youth: await buildOrganisation(db, area, 'Testshire Youth Offending Team'),
    behaviour: await buildOrganisation(db, area, 'Testshire Behaviour Support Service'),
    socialCare: await buildOrganisation(db, area, 'Testshire Children’s Social Care'),
    other: await buildOrganisation(db, area, 'Testshire Leisure Trust'),
  };
  const make = (role: TestUser['role'], organisationId?: string) => buildUser(db, t.config, { role, areaCode: area, organisationId });
  const assessorTest = await make('practitioner', orgs.school);
  const youthTest = await make('practitioner', orgs.youth);
  await t.testDb.asOwner(async (owner) => {
    await owner.query(`UPDATE app_user SET display_name = 'Sam Teacher', job_title = 'SENCO' WHERE id = $1`, [assessorTest.id]);
    await owner.query(`UPDATE app_user SET display_name = 'Yan Worker', job_title = 'YCP worker' WHERE id = $1`, [youthTest.id]);
  });
  assessorUser = await user(assessorTest);
  youthWorkerUser = await user(youthTest);
  assessor = await signIn(t.app, assessorTest);
  socialWorker = await signIn(t.app, await make('practitioner', orgs.socialCare));
  outsider = await signIn(t.app, await make('practitioner', orgs.other));
  manager = await signIn(t.app, await make('practice_manager', orgs.school));
  board = await signIn(t.app, await make('board_member'));

  const front = t.services.assessment;
  childId = (
    await t.services.children.records.create(assessorUser, { givenName: 'Bruce', familyName: 'Example', dateOfBirth: '2015-04-02' }, ctx)
  ).id;
  id = await front.assessments.start(assessorUser, childId, { service: 'Primary school' }, ctx);
  await front.assessments.recordConsent(
    assessorUser,
    id,
    {
      kind: 'given',
      givenByName: 'Ann Example',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      method: 'in writing',
      shareWith: [orgs.youth, orgs.behaviour, orgs.socialCare],
    },
    ctx,
  );
  await front.assessments.complete(
    assessorUser,
    id,
    {
      reasonForAssessment: 'Behaviour deteriorating at school; risk of exclusion',
      elements: {
        'development.emotional-social': {
          strengths: 'Close to his mother',
          needs: 'Help to understand his parents’ separation and its emotional impact',
        },
        'development.behaviour': { strengths: '', needs: 'Acceptable behavioural boundaries; raising his self-esteem' },
        'parents-carers.guidance': { strengths: '', needs: 'Support for his mother to help him with his behaviour' },
        'development.progress': { strengths: 'Enjoys art', needs: 'More support with literacy and numeracy' },
      },
      childViews: 'Bruce says school is boring and everyone picks on him',
      parentViews: 'His mother wants help before he moves to secondary school',
      conclusions: 'Co-ordinated support from several services is needed',
      agreedActions: [{ who: 'School', what: 'Convene the team around the child', byWhen: '2026-09-01' }],
      levelOfNeed: 'additional',
    },
    undefined,
    0,
    ctx,
  );
}, 120_000);
afterAll(async () => t?.close());

describe('the team around the child', () => {
  it('adds a practitioner of the area, and someone typed in, with their service', async () => {
    const form = await assessor.get(paths.assessmentTeamNew(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Add someone to the team around the child');
    expect(form.body).toContain(`href="${paths.assessment(id)}"`);
    expect(form.body).toContain('Yan Worker, YCP worker, Testshire Youth Offending Team');
    expect(form.body).not.toContain('Sam Teacher, SENCO'); // already on the team as the assessor

    const missing = await assessor.post(paths.assessmentTeamNew(id), { userId: '', organisationId: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('govuk-error-summary');
    expect(missing.body).toContain('href="#service"');
    expect(missing.body).toContain('href="#practitionerName"');
    expect(missing.body).toContain('href="#organisationId"');

    expectBackToOverview(
      await assessor.post(paths.assessmentTeamNew(id), { userId: youthWorkerUser.id, service: 'Youth Crime Prevention' }),
      'member-added',
    );
    expectBackToOverview(
      await assessor.post(paths.assessmentTeamNew(id), {
        service: 'Behaviour support',
        practitionerName: 'Pat Behaviour',
        organisationId: orgs.behaviour,
        role: 'Behaviour support worker',
        phone: '01632 960 001',
        email: 'pat.behaviour@behaviour.example',
        'joinedOn-day': '1',
        'joinedOn-month': '2',
        'joinedOn-year': '2025',
      }),
      'member-added',
    );
    const team = (await details()).team.filter((m) => m.leftOn === null);
    expect(team.map((m) => m.practitionerName).sort()).toEqual(['Pat Behaviour', 'Sam Teacher', 'Yan Worker']);
    const pat = await member('Pat Behaviour');
    expect(pat).toMatchObject({
      service: 'Behaviour support',
      organisationName: 'Testshire Behaviour Support Service',
      joinedOn: '2025-02-01',
    });
    expect((await member('Yan Worker')).userId).toBe(youthWorkerUser.id);
  });

  it('removes a member after a confirmation page', async () => {
    await assessor.post(paths.assessmentTeamNew(id), {
      service: 'Educational psychology',
      practitionerName: 'Ed Psych',
      organisationId: orgs.other,
    });
    const ed = await member('Ed Psych');
    const confirm = await assessor.get(paths.assessmentTeamLeave(id, ed.id));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Remove Ed Psych from the team');
    expectBackToOverview(await assessor.post(paths.assessmentTeamLeave(id, ed.id)), 'member-left');
    expect((await details()).team.find((m) => m.id === ed.id)?.leftOn).not.toBeNull();
    expect((await assessor.get(paths.assessmentTeamLeave(id, ed.id))).statusCode).toBe(404);
  });

  it('appoints the lead professional only when every one of the area’s criteria is confirmed', async () => {
    const form = await assessor.get(paths.assessmentLead(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Completing the assessment does not make the assessor the lead professional');
    const criteria = [...form.body.matchAll(/name="criteriaMet" type="checkbox" value="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(criteria.length).toBe(4);
    const yan = await member('Yan Worker');

    const short = await postPairs(assessor, paths.assessmentLead(id), [
      ['teamMemberId', yan.id],
      ...criteria.slice(1).map((c): [string, string] => ['criteriaMet', c.replace(/&#39;/g, "'")]),
    ]);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#criteriaMet"');
    expect(short.body).toContain('meets each of the area’s criteria');
    expect((await details()).leadProfessionals).toEqual([]);

    const all = criteria.map((c): [string, string] => ['criteriaMet', c.replace(/&#39;/g, "'")]);
    expectBackToOverview(await postPairs(assessor, paths.assessmentLead(id), [['teamMemberId', yan.id], ...all]), 'lead-appointed');
    const lead = (await details()).leadProfessionals.find((l) => l.endedAt === null);
    expect(lead?.practitionerName).toBe('Yan Worker');
    expect(lead?.criteriaMet.length).toBe(4);

    // Changing hands needs a handover note, and the lead cannot leave before handing over.
    const again = await assessor.get(paths.assessmentLead(id));
    expect(again.body).toContain('Current lead professional');
    const pat = await member('Pat Behaviour');
    const noNote = await postPairs(assessor, paths.assessmentLead(id), [['teamMemberId', pat.id], ...all]);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('href="#handoverNote"');
    await assessor.get(paths.assessmentTeamLeave(id, yan.id));
    const leave = await assessor.post(paths.assessmentTeamLeave(id, yan.id));
    expect(leave.statusCode).toBe(409);
    expect(leave.body).toContain('appoint someone else before they leave the team');
  });

  it('adds an action to the plan; one past its date shows as overdue to the team and to managers', async () => {
    const form = await assessor.get(paths.assessmentActionNew(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('More support with literacy and numeracy');
    const pat = await member('Pat Behaviour');
    const missing = await assessor.post(paths.assessmentActionNew(id), { action: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#action"');
    expect(missing.body).toContain('href="#ownerTeamMemberId"');
    expect(missing.body).toContain('href="#dueOn-day"');
    expectBackToOverview(
      await assessor.post(paths.assessmentActionNew(id), {
        need: 'Acceptable behavioural boundaries',
        action: 'Weekly anger management sessions with Bruce',
        ownerTeamMemberId: pat.id,
        'dueOn-day': '3',
        'dueOn-month': '3',
        'dueOn-year': '2025',
      }),
      'action-added',
    );
    const [action] = (await details()).actions;
    expect(action).toMatchObject({ ownerName: 'Pat Behaviour', dueOn: '2025-03-03', status: 'not started', overdue: true });
    if (!action) throw new Error('no action');

    const plan = await assessor.get(paths.assessmentActionNew(id));
    expect(plan.body).toContain(`action="${paths.assessmentActionStatus(id, action.id)}"`);
    const bad = await assessor.post(paths.assessmentActionStatus(id, action.id), { status: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`href="#status-${action.id}"`);
    expectBackToOverview(await assessor.post(paths.assessmentActionStatus(id, action.id), { status: 'in progress' }), 'action-updated');
    expect((await details()).actions[0]?.status).toBe('in progress');

    const caseload = await manager.get(paths.caseload);
    expect(caseload.statusCode).toBe(200);
    expect(caseload.body).toContain('Weekly anger management sessions with Bruce');
    expect(caseload.body).toContain('Bruce Example');
    expect(caseload.body).toMatch(/govuk-tag--red[^>]*>\s*Overdue/);

    const mine = await assessor.get(paths.myChildren);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`href="${paths.assessment(id)}"`);
    expect(mine.body).toContain('Yan Worker');
    expect(mine.body).toMatch(/govuk-tag--red[^>]*>\s*1 overdue/);
  });

  it('records a review with progress on each need of the assessment', async () => {
    const form = await assessor.get(paths.assessmentReviewNew(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="progress[0].progress"');
    expect(form.body).toContain('No change');
    const missing = await assessor.post(paths.assessmentReviewNew(id), { 'progress[0].need': 'x', 'progress[0].progress': 'Better' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#attendees"');
    expect(missing.body).toContain('>Better</textarea>');
    expectBackToOverview(
      await assessor.post(paths.assessmentReviewNew(id), {
        attendees: 'Bruce, Ann Example, Sam Teacher, Yan Worker, Pat Behaviour',
        'progress[0].need': 'Emotional and social development: separation',
        'progress[0].progress': 'Talks about the separation in sessions',
        'progress[1].need': 'Behavioural development: boundaries',
        'progress[1].progress': '',
        decisions: 'Continue the plan; review in six weeks',
        levelOfNeed: '',
      }),
      'review-recorded',
    );
    const [review] = (await details()).reviews;
    expect(review?.progress).toEqual([
      { need: 'Emotional and social development: separation', progress: 'Talks about the separation in sessions' },
    ]);
  });
});

describe('escalation to a specialist service', () => {
  const escalate = () =>
    assessor.post(paths.assessmentReferralNew(id), {
      toOrganisationId: orgs.socialCare,
      toService: 'Children’s social care',
      reason: 'Excluded from school after climbing on the roof; needs are now complex',
      levelSought: 'complex',
    });

  it('sends the referral with the assessment; the receiving service acknowledges and returns it with a reason', async () => {
    const form = await assessor.get(paths.assessmentReferralNew(id));
    expect(form.statusCode).toBe(200);
    // Offered from the area's list (issue 14, bug 7), chosen already.
    expect(form.body).toMatch(/<option value="[0-9a-f-]{36}" selected>Children’s social care<\/option>/);
    const missing = await assessor.post(paths.assessmentReferralNew(id), { toService: 'Children’s social care' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#toOrganisationId"');
    expect(missing.body).toContain('href="#reason"');
    expect(missing.body).toContain('href="#levelSought"');
    expectBackToOverview(await escalate(), 'referral-sent');
    const referral = (await details()).referrals[0];
    if (!referral) throw new Error('no referral');

    const waiting = await socialWorker.get(paths.myChildren);
    expect(waiting.body).toContain(`href="${paths.referral(referral.id)}"`);

    const page = await socialWorker.get(paths.referral(referral.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Referral for Bruce Example');
    expect(page.body).toContain('Excluded from school after climbing on the roof');
    expect(page.body).toContain('Help to understand his parents’ separation and its emotional impact');
    expect(page.body).toContain('His mother wants help before he moves to secondary school');
    expect(page.body).toContain('Convene the team around the child');
    expect(page.body).toContain(`action="${paths.referralAcknowledge(referral.id)}"`);

    expect((await outsider.get(paths.referral(referral.id))).statusCode).toBe(403);
    // The sender reads it, without the receiving service's controls (issue 14).
    const sent = await assessor.get(paths.referral(referral.id));
    expect(sent.statusCode).toBe(200);
    expect(sent.body).not.toContain(`action="${paths.referralAcknowledge(referral.id)}"`);

    const ack = await socialWorker.post(paths.referralAcknowledge(referral.id));
    expect(ack.statusCode).toBe(303);
    expect(ack.headers.location).toBe(`${paths.referral(referral.id)}?done=acknowledged`);
    const acknowledged = await socialWorker.get(String(ack.headers.location));
    expect(acknowledged.body).toContain('Referral acknowledged');
    expect(acknowledged.body).not.toContain(`action="${paths.referralAcknowledge(referral.id)}"`);

    const noReason = await socialWorker.post(paths.referralDecision(referral.id), { decision: 'returned', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const returned = await socialWorker.post(paths.referralDecision(referral.id), {
      decision: 'returned',
      reason: 'Not at the threshold: the Youth Offending Team can add a preventive worker',
    });
    expect(returned.statusCode).toBe(303);
    expect((await details()).referrals[0]?.decision).toBe('returned');
    expect((await assessmentsOfChild(t.testDb.db, childId)).needLevel?.level).toBe('additional');
  });

  it('accepts a second referral: the child’s level of need becomes the level sought', async () => {
    expectBackToOverview(await escalate(), 'referral-sent');
    const referral = (await details()).referrals[1];
    if (!referral) throw new Error('no referral');
    await socialWorker.get(paths.referral(referral.id));
    const accepted = await socialWorker.post(paths.referralDecision(referral.id), { decision: 'accepted' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${paths.referral(referral.id)}?done=decided`);
    expect((await assessmentsOfChild(t.testDb.db, childId)).needLevel?.level).toBe('complex');
  });
});

describe('closing', () => {
  it('closes with needs met, and the forms refuse further changes', async () => {
    const form = await assessor.get(paths.assessmentClose(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Needs met');
    const missing = await assessor.post(paths.assessmentClose(id), { note: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#outcome"');
    expect(missing.body).toContain('href="#note"');
    expectBackToOverview(
      await assessor.post(paths.assessmentClose(id), {
        outcome: 'needs met',
        note: 'Settled at secondary school; behaviour and attendance improved',
      }),
      'closed',
    );
    const closed = await details();
    expect(closed).toMatchObject({ status: 'closed', closureOutcome: 'needs met' });
    expect(closed.team.every((m) => m.leftOn !== null)).toBe(true);
    expect((await assessmentsOfChild(t.testDb.db, childId)).needLevel?.level).toBe('universal');
    expect((await assessor.get(paths.assessmentActionNew(id))).statusCode).toBe(409);
  });
});

describe('who may use these pages', () => {
  it('refuses the team pages to a practitioner who is not on the team', async () => {
    const front = t.services.assessment;
    const other = await front.assessments.start(
      assessorUser,
      (await t.services.children.records.create(assessorUser, { givenName: 'Tara', familyName: 'Other', dateOfBirth: '2016-01-01' }, ctx))
        .id,
      { service: 'Primary school' },
      ctx,
    );
    for (const url of [
      paths.assessmentTeamNew(other),
      paths.assessmentLead(other),
      paths.assessmentActionNew(other),
      paths.assessmentReviewNew(other),
      paths.assessmentClose(other),
      paths.assessmentReferralNew(other),
    ]) {
      expect((await outsider.get(url)).statusCode, url).toBe(403);
    }
    await outsider.get(paths.myChildren);
    const post = await outsider.post(paths.assessmentTeamNew(other), { userId: youthWorkerUser.id, service: 'Youth work' });
    expect(post.statusCode).toBe(403);
    expect((await assessor.get(paths.assessmentTeamNew(other))).statusCode).toBe(200);
  });

  it('shows the board the counts but not the caseload', async () => {
    const report = await board.get(paths.assessmentReport);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Primary school');
    expect(report.body).toContain('Total');
    expect(report.body).not.toContain('Bruce');
    expect(report.body).not.toContain('Tara');
    expect((await board.get(paths.caseload)).statusCode).toBe(403);
    expect((await board.get(paths.myChildren)).statusCode).toBe(403);
    expect((await assessor.get(paths.caseload)).statusCode).toBe(403);
  });
});
