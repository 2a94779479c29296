import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { buildAssessment, expectStatus, faultRules, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 14, bug 7: records name a service of the area's list, chosen on forms from a select and
 * through the API by id or exact name, so "Health visiting" and "health  visiting" are one service
 * in the board's counts and the caseload. And a practitioner who added a child and then joins the
 * team around the child is involved once, not twice.
 */

let t: TestApp;
let area: string;
let practitioner: SignedIn;
let colleague: SignedIn;
let manager: SignedIn;
let board: SignedIn;

const serviceId = async (name: string): Promise<string> => {
  const found = ((await practitioner.get('/api/services')).json() as { id: string; name: string }[]).find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found.id;
};
const involvementsOf = (childId: string, userId: string) =>
  t.testDb.db.query<{ id: string; service: string; service_id: string | null }>(
    'SELECT id, service, service_id FROM involvement WHERE child_id = $1 AND practitioner_user_id = $2',
    [childId, userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, jobTitle: 'Health visiting' });
  colleague = await signedIn(t, 'practitioner', { areaCode: area, jobTitle: 'School nurse' });
  manager = await signedIn(t, 'practice_manager', { areaCode: area });
  board = await signedIn(t, 'board_member', { areaCode: area });
});
afterAll(async () => t.close());

describe('forms choose a service from the area’s list', () => {
  it('offers the open services as a select on the involvement, assessment, team and referral forms', async () => {
    const { childId, assessmentId } = await buildAssessment(practitioner, { service: 'Health visiting', shareWith: [] });
    // A referral carries the completed assessment: its form shows once there is one.
    await expectStatus(
      practitioner.postJson(`/api/assessments/${assessmentId}/versions`, {
        draftVersion: 0,
        content: {
          reasonForAssessment: 'Behaviour has deteriorated',
          elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
          childViews: 'Wants to stay at his school',
          parentViews: 'Mother wants help',
          conclusions: 'Needs co-ordinated support',
          agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
          levelOfNeed: 'additional',
        },
      }),
    );
    const pages = [
      paths.childInvolvementNew(childId),
      paths.childAssessmentNew(childId),
      paths.assessmentTeamNew(assessmentId),
      paths.assessmentReferralNew(assessmentId),
    ];
    for (const url of pages) {
      const html = (await practitioner.get(url)).body;
      expect(html, url).toMatch(/<select class="govuk-select" id="(service|toService)" name="(service|toService)"/);
      expect(html, url).toContain(`<option value="${await serviceId('School nursing')}">School nursing</option>`);
    }
    // The assessor's job title names a service: the start form has it chosen.
    const start = (await practitioner.get(paths.childAssessmentNew(await recordChild(practitioner)))).body;
    expect(start).toContain(`<option value="${await serviceId('Health visiting')}" selected>Health visiting</option>`);
  });

  it('records the service chosen on the page by its id', async () => {
    const childId = await recordChild(practitioner);
    await practitioner.get(paths.childInvolvementNew(childId));
    const done = await practitioner.post(paths.childInvolvementNew(childId), { service: await serviceId('Youth work'), me: 'yes' });
    expect(done.statusCode).toBe(303);
    const rows = await t.testDb.db.query<{ service: string; service_id: string }>(
      `SELECT service, service_id FROM involvement WHERE child_id = $1 AND service = 'Youth work'`,
      [childId],
    );
    expect(rows).toEqual([{ service: 'Youth work', service_id: await serviceId('Youth work') }]);
  });

  it('refuses a service the list does not have, naming the field, on the page and in the API', async () => {
    const childId = await recordChild(practitioner);
    await practitioner.get(paths.childInvolvementNew(childId));
    const page = await practitioner.post(paths.childInvolvementNew(childId), { service: 'Health visitor', me: 'yes' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#service"');
    expect(page.body).toContain('Select a service from the area’s list: “Health visitor” is not on it');
    const api = await practitioner.postJson(`/api/children/${childId}/involvements`, { service: 'Health visitor', me: true });
    expect(faultRules(api)).toEqual(['service:known_service']);
    expect(faultRules(await practitioner.postJson(`/api/children/${childId}/involvements`, { service: '', me: true }))).toEqual(['service:required']);
    expect(faultRules(await practitioner.postJson(`/api/children/${childId}/assessments`, { service: 'Nowhere' }))).toEqual(['service:known_service']);
    // A service of another area is not on this one's list, even by its id.
    const other = await buildArea(t.testDb.db);
    const [foreign] = await t.testDb.db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 LIMIT 1`, [other]);
    expect(faultRules(await practitioner.postJson(`/api/children/${childId}/involvements`, { service: foreign?.id, me: true }))).toEqual([
      'service:known_service',
    ]);
  });

  it('refuses a referral to a service not on the list by its field, toService', async () => {
    const { assessmentId } = await buildAssessment(practitioner, { service: 'Health visiting' });
    const r = await practitioner.postJson(`/api/assessments/${assessmentId}/referrals`, {
      toOrganisationId: crypto.randomUUID(),
      toService: 'Social services',
      reason: 'Worried',
      levelSought: 'complex',
    });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toContain('toService:known_service');
  });
});

describe('counts group by the service', () => {
  it('counts two spellings of one service as one, in the board’s counts and the caseload', async () => {
    await buildAssessment(practitioner, { service: 'School nursing' });
    await buildAssessment(practitioner, { service: ' school  NURSING ' });
    await buildAssessment(practitioner, { service: await serviceId('School nursing') });
    const report = (await board.get('/api/assessments/report')).json() as { rows: { service: string; started: number }[] };
    const nursing = report.rows.filter((r) => r.service.toLowerCase() === 'school nursing');
    expect(nursing).toEqual([expect.objectContaining({ service: 'School nursing', started: 3 })]);
    const caseload = (await manager.get('/api/caseload')).json() as { openByService: { service: string; open: number }[] };
    expect(caseload.openByService.filter((r) => r.service.toLowerCase() === 'school nursing')).toEqual([{ service: 'School nursing', open: 3 }]);
    const page = (await manager.get(paths.caseload)).body;
    expect(page).toContain('Open assessments by the assessor’s service');
    expect((await board.get(paths.assessmentReport)).body.match(/School nursing/g)).toHaveLength(1);
  });
});

describe('whoever adds a child and then joins the team around the child', () => {
  it('is involved once: starting an assessment reuses the involvement from adding the child', async () => {
    const childId = await recordChild(practitioner);
    const before = await involvementsOf(childId, practitioner.user.id);
    expect(before).toHaveLength(1);
    await buildAssessment(practitioner, { child: childId, service: 'Health visiting' });
    const after = await involvementsOf(childId, practitioner.user.id);
    expect(after).toEqual([{ id: before[0]?.id, service: 'Health visiting', service_id: await serviceId('Health visiting') }]);
  });

  it('is involved once when added to the team by someone else, with the team’s service', async () => {
    const childId = await recordChild(colleague);
    const [created] = await involvementsOf(childId, colleague.user.id);
    // Their job title names no service of the list: the involvement says they added the child, until they join a team.
    expect(created).toMatchObject({ service: 'Added the child to the index', service_id: null });
    await buildAssessment(practitioner, { child: childId, service: 'Health visiting', team: [{ userId: colleague.user.id, service: 'School nursing' }] });
    const after = await involvementsOf(childId, colleague.user.id);
    expect(after).toEqual([{ id: created?.id, service: 'School nursing', service_id: await serviceId('School nursing') }]);
    const team = await t.testDb.db.query<{ involvement_id: string }>('SELECT involvement_id FROM team_member WHERE user_id = $1', [colleague.user.id]);
    expect(team).toEqual([{ involvement_id: created?.id }]);
  });
});
