import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERVIEW_BANNERS } from '../../src/assessment/banners.js';
import type { AssessmentDetails } from '../../src/assessment/types.js';
import type { RequestContext } from '../../src/platform/audit.js';
import { findUserById, type User } from '../../src/platform/auth/repository.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser, type TestUser } from '../helpers/factories.js';

/**
 * The front line as a newcomer met it (issue 14): every change confirmed with a banner, the agreed
 * actions of a completed assessment offered to the action plan, the lead marked in the team with
 * the handover note shown, a review's need and progress kept apart, one date format, and the
 * child's record offering only the assessments the viewer can open.
 */

let t: TestApp;
let assessorUser: User;
let assessor: Agent;
let yan: Agent;
let childId: string;
let id: string;
let youthOrg: string;
const ctx: RequestContext = { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'pages-front-line' };

const details = async (): Promise<AssessmentDetails> => (await t.services.assessment.assessments.view(assessorUser, id, ctx)).details;
const memberId = async (name: string) => {
  const found = (await details()).team.find((m) => m.practitionerName === name && m.leftOn === null);
  if (!found) throw new Error(`${name} is not on the team`);
  return found.id;
};

/** Follows a successful change to where it lands, and checks the success banner says what happened. */
async function expectConfirmed(response: { statusCode: number; headers: Record<string, unknown>; body: string }, heading: string) {
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  const landed = await assessor.get(String(response.headers.location).replace(/#.*$/, ''));
  expect(landed.statusCode).toBe(200);
  expect(landed.body).toContain('govuk-notification-banner--success');
  expect(landed.body).toContain(heading);
  return landed;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Dunstow Primary School');
  const youth = await buildOrganisation(db, area, 'Testshire Youth Offending Team');
  youthOrg = youth;
  const make = (organisationId: string) => buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId });
  const assessorTest: TestUser = await make(school);
  const yanTest: TestUser = await make(youth);
  await t.testDb.asOwner(async (owner) => {
    await owner.query(`UPDATE app_user SET display_name = 'Sam Teacher', job_title = 'SENCO' WHERE id = $1`, [assessorTest.id]);
    await owner.query(`UPDATE app_user SET display_name = 'Yan Worker', job_title = 'YCP worker' WHERE id = $1`, [yanTest.id]);
  });
  const found = await findUserById(db, assessorTest.id);
  if (!found) throw new Error('no assessor');
  assessorUser = found;
  assessor = await signIn(t.app, assessorTest);
  yan = await signIn(t.app, yanTest);
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
      shareWith: [youth],
    },
    ctx,
  );
  const added = await assessor.post(paths.assessmentTeamNew(id), { userId: yanTest.id, service: 'Youth Crime Prevention' });
  await expectConfirmed(added, OVERVIEW_BANNERS['member-added'].heading);
}, 120_000);
afterAll(async () => t?.close());

describe('the agreed actions of a completed assessment', () => {
  it('are offered to the action plan on completing, prefilled, and added only when confirmed', async () => {
    const draftVersion = (await details()).draftVersion;
    const completed = await assessor.post(paths.assessmentEdit(id), {
      formCode: 'national-caf',
      reasonForAssessment: 'Behaviour deteriorating at school',
      'elements.development.behaviour.needs': 'Poor sleep.',
      childViews: 'School is boring',
      parentViews: 'Wants help',
      conclusions: 'Support from two services',
      levelOfNeed: 'additional',
      'agreedActions[0].who': 'Yan Worker',
      'agreedActions[0].what': 'Weekly mentoring sessions',
      'agreedActions[0].byWhen': '31/1/2027',
      'agreedActions[1].who': 'Someone not on the team',
      'agreedActions[1].what': 'Sleep clinic referral',
      'agreedActions[1].byWhen': '28/2/2027',
      intent: 'complete',
      draftVersion: String(draftVersion),
    });
    expect(completed.statusCode, completed.body.slice(0, 3000)).toBe(303);
    expect(completed.headers.location).toBe(`${paths.assessmentAgreedActions(id)}?done=completed`);
    const offer = await expectConfirmed(completed, 'Assessment completed');
    expect(offer.body).toContain('Weekly mentoring sessions');
    expect(offer.body).toContain('value="31/1/2027"');
    const yanId = await memberId('Yan Worker');
    // "Yan Worker" names one member of the team: chosen for them; the other is left for the practitioner.
    expect(offer.body).toMatch(new RegExp(`<option value="${yanId}" selected`));
    expect((await details()).actions).toEqual([]);

    const both = {
      version: '1',
      'actions[0].include': 'yes',
      'actions[0].action': 'Weekly mentoring sessions',
      'actions[0].need': '',
      'actions[0].ownerTeamMemberId': yanId,
      'actions[0].dueOn': '31/1/2027',
      'actions[1].include': 'yes',
      'actions[1].action': 'Sleep clinic referral',
      'actions[1].need': '',
      'actions[1].ownerTeamMemberId': '',
      'actions[1].dueOn': '28/2/2027',
    };
    const noOwner = await assessor.post(paths.assessmentAgreedActions(id), both);
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('href="#actions[1].ownerTeamMemberId"');
    expect((await details()).actions).toEqual([]); // all or none

    const none = await assessor.post(paths.assessmentAgreedActions(id), { ...both, 'actions[0].include': '', 'actions[1].include': '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select at least one action');

    const added = await assessor.post(paths.assessmentAgreedActions(id), { ...both, 'actions[1].include': '' });
    expect(added.headers.location).toBe(`${paths.assessment(id)}?done=actions-added#actions`);
    await expectConfirmed(added, OVERVIEW_BANNERS['actions-added'].heading);
    const actions = (await details()).actions;
    expect(actions.map((a) => [a.action, a.ownerTeamMemberId, a.dueOn])).toEqual([['Weekly mentoring sessions', yanId, '2027-01-31']]);
    // Offered again, the one already in the plan is not ticked.
    const again = await assessor.get(paths.assessmentAgreedActions(id));
    expect(again.body).toContain('An action with these words is already in the plan');
  });
});

describe('every change confirmed, and shown once in plain words', () => {
  it('marks the lead professional in the team and shows the handover note', async () => {
    const criteria = await t.services.assessment.directory.leadProfessionalCriteria(assessorUser.areaCode);
    const body = new URLSearchParams([
      ['_csrf', assessor.csrf],
      ['teamMemberId', await memberId('Yan Worker')],
      ['handoverNote', 'Bruce trusts Yan; mother prefers calls after 4pm'],
      ...criteria.map((c): [string, string] => ['criteriaMet', c]),
    ]).toString();
    const appointed = await assessor.request({
      method: 'POST',
      url: paths.assessmentLead(id),
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const overview = await expectConfirmed(appointed, OVERVIEW_BANNERS['lead-appointed'].heading);
    expect(overview.body).toContain('Bruce trusts Yan; mother prefers calls after 4pm');
    expect(overview.body).toMatch(
      /govuk-summary-card__title">\s*Yan Worker\s*<strong class="govuk-tag govuk-tag--green">\s*Lead professional/,
    );
    expect(overview.body).toMatch(/govuk-summary-card__title">\s*Sam Teacher\s*<\/h3>/);
  });

  it('confirms an action updated, and a review recorded, with its need and progress apart', async () => {
    const [action] = (await details()).actions;
    await expectConfirmed(
      await assessor.post(paths.assessmentActionStatus(id, action?.id ?? ''), { status: 'in progress' }),
      OVERVIEW_BANNERS['action-updated'].heading,
    );
    const overview = await expectConfirmed(
      await assessor.post(paths.assessmentReviewNew(id), {
        attendees: 'Bruce, Ann Example, Sam Teacher, Yan Worker',
        'progress[0].need': 'Poor sleep.',
        'progress[0].progress': 'Weight steady; sleeping better',
        decisions: 'Continue the plan',
        levelOfNeed: 'complex',
      }),
      OVERVIEW_BANNERS['review-recorded'].heading,
    );
    expect(overview.body).not.toContain('Poor sleep.:');
    expect(overview.body).toMatch(/Need:<\/span> Poor sleep\./);
    expect(overview.body).toMatch(/Progress:<\/span> Weight steady; sleeping better/);
    // One date format on the page: no ISO dates, no abbreviated months.
    expect(overview.body).not.toMatch(/>[^<]*\b\d{4}-\d{2}-\d{2}\b[^<]*</);
    expect(overview.body).not.toMatch(/\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/);
    // The assessment links to the child's record, which says the level in the same format as the page.
    expect(overview.body).toContain(`href="${paths.child(childId)}"`);
    const record = await assessor.postAndFollow(paths.childOpen(childId), { reason: 'Checking the level of need' });
    expect(record.body).toMatch(/Complex since \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m \(review on \d{1,2} [A-Z][a-z]+ \d{4}\)/);
  });

  it('confirms a member leaving and closing; the record then offers the closed assessment only to whom it opens for', async () => {
    await assessor.post(paths.assessmentTeamNew(id), {
      service: 'Educational psychology',
      practitionerName: 'Ed Psych',
      organisationId: youthOrg,
    });
    const ed = (await details()).team.find((m) => m.practitionerName === 'Ed Psych' && m.leftOn === null);
    expect(ed).toBeDefined();
    if (ed) await expectConfirmed(await assessor.post(paths.assessmentTeamLeave(id, ed.id)), OVERVIEW_BANNERS['member-left'].heading);
    await expectConfirmed(
      await assessor.post(paths.assessmentClose(id), { outcome: 'needs met', note: 'Sleeping well; mentoring ended' }),
      OVERVIEW_BANNERS.closed.heading,
    );

    const mine = await assessor.postAndFollow(paths.childOpen(childId), { reason: 'Checking the closed assessment' });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`href="${paths.assessment(id)}"`);

    // Yan left the team when it closed: the consent lets him see the front line, but the assessment no longer opens for him.
    const theirs = await yan.postAndFollow(paths.childOpen(childId), { reason: 'Mentoring ended' });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('Common assessment started');
    expect(theirs.body).not.toContain(`href="${paths.assessment(id)}"`);
    expect((await yan.get(paths.assessment(id))).statusCode).toBe(403);
  });
});
