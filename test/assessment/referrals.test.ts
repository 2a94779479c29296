import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  buildAssessment,
  expectStatus as ok,
  faultRules as rules,
  problemCode as code,
  signedIn,
  type SignedIn,
} from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Issue 14: the referrer reads the reply (read-only, audited with its basis, told when it comes);
 * social care's outcomes each with their own required fields; an allocated worker joins the child's
 * involvements; the referral page shows the referrer's contacts, the child and carers, the consent
 * in force, the latest review and links to the record and the assessment.
 */

let t: TestApp;
let socialCare: string;
let teacher: SignedIn;
let nurse: SignedIn;
let socialWorker: SignedIn;
let allocatedWorker: SignedIn;
let outsider: SignedIn;
let nurseUser: SignedIn['user'];

const content = {
  reasonForAssessment: 'Behaviour has deteriorated since his parents separated',
  family: 'Lives with his mother',
  servicesInvolved: 'Primary school; GP',
  elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
  childViews: 'Wants to stay at his school',
  parentViews: 'Mother wants help with his anger',
  conclusions: 'Needs co-ordinated support',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
  levelOfNeed: 'additional',
};

async function completedAssessment(givenName: string, shareWith: string[]): Promise<{ childId: string; assessmentId: string }> {
  const built = await buildAssessment(teacher, {
    child: { givenName, familyName: 'Cole', carer: { name: 'Sarah Cole', relationship: 'Mother', phone: '01632 960 111', email: '' } },
    shareWith,
  });
  await ok(teacher.postJson(`/api/assessments/${built.assessmentId}/versions`, { draftVersion: 0, content }));
  return built;
}

const sendReferral = async (assessmentId: string): Promise<string> =>
  (
    await ok<{ id: string }>(
      teacher.postJson(`/api/assessments/${assessmentId}/referrals`, {
        toOrganisationId: socialCare,
        toService: 'Children’s social care',
        reason: 'Worries at home',
        levelSought: 'complex',
      }),
    )
  ).id;

const noticesOf = (userId: string) =>
  t.testDb.db.query<{ title: string; link: string; event_type: string }>(
    'SELECT title, link, event_type FROM notification WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  const school = await buildOrganisation(t.testDb.db, area, 'Testshire Primary School');
  const health = await buildOrganisation(t.testDb.db, area, 'Testshire Primary Care Trust');
  socialCare = await buildOrganisation(t.testDb.db, area, 'Testshire Children’s Social Care');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Sam Teacher', jobTitle: 'SENCO' });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  nurseUser = nurse.user;
  socialWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: socialCare });
  allocatedWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: socialCare, displayName: 'Alex Allocated' });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
}, 120_000);
afterAll(async () => t?.close());

describe('the referrer reads the reply', () => {
  it('shows the sender’s team the referral read-only, the reply and its reasons, and tells the sender', async () => {
    const { assessmentId, childId } = await completedAssessment('Kit', [socialCare]);
    const referral = await sendReferral(assessmentId);

    // Just sent: the sender opens it, read-only; someone neither sent nor receiving is refused.
    const sent = await teacher.get(paths.referral(referral));
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Children’s social care has not decided yet');
    expect(sent.body).not.toContain(`action="${paths.referralAcknowledge(referral)}"`);
    expect(sent.body).not.toContain(`action="${paths.referralDecision(referral)}"`);
    const refused = await outsider.get(paths.referral(referral));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('the team around the child who sent it');

    // The receiving service sees who referred, the child and carers, consent, links.
    const received = await socialWorker.get(paths.referral(referral));
    expect(received.statusCode).toBe(200);
    for (const text of [
      'Sam Teacher',
      'SENCO',
      'Testshire Primary School',
      teacher.user.email,
      'Sarah Cole',
      '01632 960 111',
      'Consent in force',
      'No review held yet',
    ])
      expect(received.body).toContain(text);
    expect(received.body).toContain(`href="${paths.child(childId)}"`);
    expect(received.body).toContain(`href="${paths.assessment(assessmentId)}"`);
    expect(received.body).toContain(`action="${paths.referralDecision(referral)}"`);

    const ack = await socialWorker.post(paths.referralAcknowledge(referral));
    expect(ack.headers.location).toBe(`${paths.referral(referral)}?done=acknowledged`);
    expect((await socialWorker.get(String(ack.headers.location))).body).toContain('govuk-notification-banner--success');
    const reason = 'Needs can be met by early help: try the family centre first';
    const decided = await socialWorker.post(paths.referralDecision(referral), { decision: 'returned', reason });
    expect(decided.headers.location).toBe(`${paths.referral(referral)}?done=decided`);
    const banner = await socialWorker.get(String(decided.headers.location));
    expect(banner.body).toContain('Decision sent');

    const reply = await teacher.get(paths.referral(referral));
    expect(reply.body).toContain('The reply');
    expect(reply.body).toContain('Returned');
    expect(reply.body).toContain(reason);
    const overview = await teacher.get(paths.assessment(assessmentId));
    expect(overview.body).toContain(`href="${paths.referral(referral)}#reply"`);
    expect(overview.body).toContain(reason);

    expect(await noticesOf(teacher.user.id)).toEqual([
      { title: 'A referral you sent has been acknowledged', link: paths.referral(referral), event_type: 'referral.decided' },
      { title: 'A referral you sent has a decision: returned', link: paths.referral(referral), event_type: 'referral.decided' },
    ]);
    const views = await t.testDb.db.query<{ actor_user_id: string; details: { basis: string } }>(
      `SELECT actor_user_id, details FROM audit_event WHERE action = 'referral.viewed' AND subject_id = $1 ORDER BY seq`,
      [referral],
    );
    expect(views.find((v) => v.actor_user_id === teacher.user.id)?.details.basis).toBe('team');
    expect(views.find((v) => v.actor_user_id === socialWorker.user.id)?.details.basis).toBe('referral');
  });

  it('allocates to a named worker, who joins the child’s involvements and is told; the page names what is missing', async () => {
    const { assessmentId, childId } = await completedAssessment('Lou', [socialCare]);
    const referral = await sendReferral(assessmentId);
    const missing = await socialWorker.post(paths.referralDecision(referral), { decision: 'allocated' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#allocatedTo"');
    const noDate = await socialWorker.post(paths.referralDecision(referral), { decision: 'strategy_discussion' });
    expect(noDate.body).toContain('href="#strategyDiscussionOn"');
    const noLead = await socialWorker.post(paths.referralDecision(referral), { decision: 'stepped_down' });
    expect(noLead.body).toContain('href="#namedLead"');
    const nowhere = await socialWorker.post(paths.referralDecision(referral), { decision: 'signposted' });
    expect(nowhere.body).toContain('href="#signpostedTo"');

    const allocated = await socialWorker.post(paths.referralDecision(referral), {
      decision: 'allocated',
      allocatedTo: allocatedWorker.user.id,
    });
    expect(allocated.statusCode).toBe(303);
    const [involvement] = await t.testDb.db.query<{ service: string }>(
      'SELECT service FROM involvement WHERE child_id = $1 AND practitioner_user_id = $2 AND ended_on IS NULL',
      [childId, allocatedWorker.user.id],
    );
    expect(involvement?.service).toBe('Children’s social care');
    expect((await noticesOf(allocatedWorker.user.id)).filter((n) => n.event_type === 'referral.decided').map((n) => n.title)).toEqual([
      'A child has been allocated to you',
    ]);
    expect((await teacher.get(paths.referral(referral))).body).toContain('Alex Allocated');
    // Allocation is the receiving service taking the child: the episode may close as escalated.
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/close`, { outcome: 'escalated', note: 'Social care leads' }), 204);
    expect((await teacher.get(paths.referral(referral))).statusCode).toBe(200);
  });

  it('reads the reply through the API too; only the receiving service acts', async () => {
    const { assessmentId } = await completedAssessment('Mo', [socialCare]);
    const referral = await sendReferral(assessmentId);
    await ok(socialWorker.postJson(`/api/referrals/${referral}/decision`, { decision: 'returned', reason: 'Early help first' }), 204);
    const read = await ok<{ seenAs: string; referral: { decision: string; decisionReason: string } }>(
      teacher.get(`/api/referrals/${referral}`),
      200,
    );
    expect(read.seenAs).toBe('team');
    expect(read.referral).toMatchObject({ decision: 'returned', decisionReason: 'Early help first' });
    expect((await ok<{ seenAs: string }>(socialWorker.get(`/api/referrals/${referral}`), 200)).seenAs).toBe('receiving service');
    await ok(teacher.postJson(`/api/referrals/${referral}/acknowledge`, {}), 403);
    await ok(nurse.get(`/api/referrals/${referral}`), 403);
  });
});

describe('social care’s outcomes', () => {
  it('takes each outcome with its own required fields, named by field and rule', async () => {
    const { assessmentId } = await completedAssessment('Rio', [socialCare]);
    const send = () => sendReferral(assessmentId);
    const referral = await send();
    const decide = (body: Record<string, unknown>) => socialWorker.postJson(`/api/referrals/${referral}/decision`, body);
    expect(rules(await decide({ decision: 'maybe' }))).toEqual(['decision:one_of']);
    expect(rules(await decide({ decision: 'allocated' }))).toEqual(['allocatedTo:required']);
    expect(rules(await decide({ decision: 'allocated', allocatedTo: nurseUser.id }))).toEqual(['allocatedTo:in_organisation']);
    expect(rules(await decide({ decision: 'stepped_down' }))).toEqual(['namedLead:required']);
    expect(rules(await decide({ decision: 'stepped_down', namedLead: '00000000-0000-0000-0000-000000000000' }))).toEqual([
      'namedLead:in_area',
    ]);
    expect(rules(await decide({ decision: 'signposted', signpostedTo: 'the moon' }))).toEqual(['signpostedTo:one_of']);
    expect(rules(await decide({ decision: 'strategy_discussion', strategyDiscussionOn: '2026-02-31' }))).toEqual([
      'strategyDiscussionOn:date_real',
    ]);
    expect(rules(await decide({ decision: 'no_further_action' }))).toEqual(['reason:required']);

    await ok(decide({ decision: 'stepped_down', namedLead: nurseUser.id, reason: 'Early help can meet the needs' }), 204);
    const stepped = await ok<{ referral: { decision: string; namedLead: { id: string } } }>(teacher.get(`/api/referrals/${referral}`), 200);
    expect(stepped.referral).toMatchObject({ decision: 'stepped_down', namedLead: { id: nurseUser.id } });
    expect(code(await decide({ decision: 'no_further_action', reason: 'Again' }))).toBe('already_decided');

    const second = await send();
    await ok(
      socialWorker.postJson(`/api/referrals/${second}/decision`, { decision: 'strategy_discussion', strategyDiscussionOn: '2026-12-07' }),
      204,
    );
    const third = await send();
    await ok(socialWorker.postJson(`/api/referrals/${third}/decision`, { decision: 'signposted', signpostedTo: 'early help' }), 204);
    const decided = await ok<{ referral: { strategyDiscussionOn: string } }>(teacher.get(`/api/referrals/${second}`), 200);
    expect(decided.referral.strategyDiscussionOn).toBe('2026-12-07');
    const [row] = await t.testDb.db.query<{ signposted_to: string }>('SELECT signposted_to FROM referral WHERE id = $1', [third]);
    expect(row?.signposted_to).toBe('early help');
  });
});
