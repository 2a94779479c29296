import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildAssessment, expectStatus, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Issue 14: the home page says what needs doing. An overdue referral shows to the receiving
 * organisation's people and nobody else's; a shielded child is not counted for someone it is hidden from.
 */

let t: TestApp;
let people: Record<'teacher' | 'socialWorker' | 'nurse' | 'socialCareLead' | 'healthManager' | 'planner', SignedIn>;

const CONTENT = {
  reasonForAssessment: 'Behaviour has changed',
  family: 'Lives with one parent',
  servicesInvolved: 'Primary school',
  elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
  childViews: 'Wants help',
  parentViews: 'Wants help',
  conclusions: 'Needs a specialist assessment',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2099-01-31' }],
  levelOfNeed: 'additional',
};

/** A referral from the school to social care about a new child, sent long enough ago to be overdue. */
async function overdueReferral(socialCare: string, child: Record<string, string>): Promise<{ childId: string }> {
  const { teacher } = people;
  const { childId, assessmentId } = await buildAssessment(teacher, { child, shareWith: [socialCare] });
  await expectStatus(teacher.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content: CONTENT }));
  const { id } = await expectStatus(
    teacher.postJson(`/api/assessments/${assessmentId}/referrals`, {
      toOrganisationId: socialCare,
      toService: 'Children’s social care',
      reason: 'Needs specialist assessment',
      levelSought: 'acute/specialist',
    }),
  );
  // Sent a week ago: its deadline to acknowledge has passed.
  await t.testDb.asOwner((owner) => owner.query(`UPDATE referral SET acknowledge_by = CURRENT_DATE - 4 WHERE id = $1`, [id]));
  return { childId };
}

/** The waiting work on a person's home page, as "label: count". */
async function waitingOn(agent: SignedIn): Promise<string[]> {
  const page = await agent.get(paths.home);
  expect(page.statusCode).toBe(200);
  return [
    ...page.body.matchAll(/<dt class="govuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*(\d+)/g),
  ].map((m) => `${m[1]}: ${m[2]}`);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const areaCode = await buildArea(db);
  const school = await buildOrganisation(db, areaCode, 'Testshire Primary School');
  const health = await buildOrganisation(db, areaCode, 'Testshire Primary Care Trust');
  const socialCare = await buildOrganisation(db, areaCode, 'Testshire County Council');
  people = {
    teacher: await signedIn(t, 'practitioner', { areaCode, organisationId: school }),
    socialWorker: await signedIn(t, 'practitioner', { areaCode, organisationId: socialCare }),
    nurse: await signedIn(t, 'practitioner', { areaCode, organisationId: health }),
    socialCareLead: await signedIn(t, 'practice_manager', { areaCode, organisationId: socialCare, designatedSafeguarding: true }),
    healthManager: await signedIn(t, 'practice_manager', { areaCode, organisationId: health }),
    planner: await signedIn(t, 'planner', { areaCode }),
  };
  await overdueReferral(socialCare, { givenName: 'Amira', familyName: 'Okafor', dateOfBirth: '2015-02-03' });
  // A second child, then shielded by the school with a designated safeguarding lead's approval.
  const { childId } = await overdueReferral(socialCare, { givenName: 'Zebedee', familyName: 'Quillfeather', dateOfBirth: '2014-07-09' });
  const request = await expectStatus(
    people.teacher.postJson(`/api/children/${childId}/shielding-requests`, { action: 'shield', reason: 'Family fleeing violence' }),
  );
  await expectStatus(people.socialCareLead.postJson(`/api/shielding-requests/${request.id}/decision`, { approve: true }), 204);
}, 180_000);
afterAll(async () => t?.close());

describe('an overdue referral on the home page', () => {
  it('shows to the receiving organisation’s social worker, counting only the child they may see', async () => {
    expect(await waitingOn(people.socialWorker)).toContain('Referrals to your organisation not acknowledged in time: 1');
  });

  it('counts the shielded child for a designated safeguarding lead of the receiving organisation', async () => {
    const lead = await waitingOn(people.socialCareLead);
    expect(lead).toContain('Referrals to your organisation not acknowledged in time: 2');
    expect(lead).toContain('Referrals in the area not acknowledged in time: 2');
  });

  it('shows nothing of it to a practitioner of another organisation, nor to the referrer', async () => {
    for (const agent of [people.nurse, people.teacher]) {
      expect((await waitingOn(agent)).filter((line) => line.startsWith('Referrals'))).toEqual([]);
    }
  });

  it('is counted across the area for another organisation’s manager, without the shielded child', async () => {
    const manager = await waitingOn(people.healthManager);
    expect(manager).toContain('Referrals in the area not acknowledged in time: 1');
    expect(manager.filter((line) => line.startsWith('Referrals to your organisation'))).toEqual([]);
  });

  it('never reaches a role that may not open referrals; the plain words when nothing waits', async () => {
    const page = await people.planner.get(paths.home);
    expect(page.body).not.toContain('Referrals');
    expect(await waitingOn(people.nurse)).toEqual([]);
    expect((await people.nurse.get(paths.home)).body).toContain('Nothing is waiting for you.');
  });
});

describe('reviews due', () => {
  it('counts by the area’s interval between reviews, a local setting its administrator changes on a page', async () => {
    // The teacher's two episodes (she leads them as their assessor) started three weeks ago, with no review since.
    await t.testDb.asOwner((owner) =>
      owner.query(`UPDATE common_assessment SET started_at = started_at - interval '21 days' WHERE assessor_user_id = $1`, [people.teacher.user.id]),
    );
    expect((await waitingOn(people.teacher)).filter((line) => line.startsWith('Reviews due'))).toEqual([]);

    const admin = await signedIn(t, 'area_admin', { areaCode: people.teacher.user.areaCode });
    const form = await admin.get(paths.localSettingsReviews);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="12"');
    const zero = await admin.post(paths.localSettingsReviews, { reviewEveryWeeks: '0' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('href="#reviewEveryWeeks"');
    expect(zero.body).toContain('Weeks between reviews must be between 1 and 52');
    const words = await admin.post(paths.localSettingsReviews, { reviewEveryWeeks: 'two' });
    expect(words.body).toContain('Weeks between reviews must be a whole number, like 12');
    const saved = await admin.postAndFollow(paths.localSettingsReviews, { reviewEveryWeeks: '2' });
    expect(saved.body).toMatch(/Weeks between reviews[\s\S]*?2[\s\S]*?In effect since/);
    const [audited] = await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE subject_id = 'assessment.reviewEveryWeeks'`);
    expect(audited).toBeDefined();

    expect(await waitingOn(people.teacher)).toContain('Reviews due on episodes you lead (none in 2 weeks): 2');
  });
});
