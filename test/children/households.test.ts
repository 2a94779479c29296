import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildAssessment, expectStatus, faultRules, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Families and siblings (issue 14; 004 para 198: three common assessments on one family) through the
 * pages and the API: linking and unlinking children into a household, each change audited; the one
 * visibility rule (a shielded sibling, or one reached only through it, is never named); a sibling's
 * assessment on the start page, shown only where the front line of that sibling is; the team around
 * the family, each practitioner once, its read audited; bad input refused naming the field.
 */

let t: TestApp;
let area: string;
let teacher: SignedIn;
let nurse: SignedIn;
let colleague: Agent;
let outsider: Agent;
const ids = { amy: '', ben: '', cal: '', dee: '', eve: '', amyAssessment: '', benAssessment: '' };
const reason = 'I am working with this child';

const auditCount = async (action: string, childId: string) =>
  (
    await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE action = $1 AND (details -> 'childIds') @> to_jsonb(ARRAY[$2::text])`, [
      action,
      childId,
    ])
  ).length;

const link = (agent: Agent, childId: string, otherChildId: string, relationship = 'sibling') =>
  agent.postJson(`/api/children/${childId}/household/links`, { otherChildId, relationship });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Testshire Primary School');
  const health = await buildOrganisation(db, area, 'Testshire Community Health');
  const youth = await buildOrganisation(db, area, 'Testshire Youth Service');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Tess Teacher' });
  colleague = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health, displayName: 'Nora Nurse' });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: youth });
  const lead = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health, designatedSafeguarding: true });

  const child = (givenName: string, dateOfBirth: string) => ({ givenName, familyName: 'Householder', dateOfBirth, postcode: 'TS1 1AA' });
  ids.amy = await recordChild(teacher, child('Amy', '2014-02-02'));
  ids.ben = await recordChild(teacher, child('Ben', '2016-03-03'));
  ids.cal = await recordChild(teacher, child('Cal', '2018-04-04'));
  ids.eve = await recordChild(teacher, child('Eve', '2019-05-05'));
  ids.dee = await recordChild(nurse, child('Dee', '2012-06-06'));
  // The teacher opens Dee's record (a grant), links Amy and Dee, and Dee and Eve; then Dee is shielded by health.
  expect((await teacher.post(paths.childOpen(ids.dee), { reason })).statusCode).toBe(303);
  await expectStatus(link(teacher, ids.amy, ids.dee));
  await expectStatus(link(teacher, ids.dee, ids.eve, 'half-sibling'));
  const request = await expectStatus(
    nurse.postJson(`/api/children/${ids.dee}/shielding-requests`, { action: 'shield', reason: 'Family fleeing violence' }),
  );
  await expectStatus(lead.postJson(`/api/shielding-requests/${request.id}/decision`, { approve: true }), 204);

  // Amy's and Ben's assessments, both with the nurse on the team; the teacher leads Amy's. Consent covers health.
  const nurseMember = { userId: nurse.user.id, service: 'School nursing' };
  const amy = await buildAssessment(teacher, { child: ids.amy, shareWith: [health], team: [nurseMember] });
  ids.amyAssessment = amy.assessmentId;
  ids.benAssessment = (await buildAssessment(teacher, { child: ids.ben, shareWith: [health], team: [nurseMember] })).assessmentId;
  const details = await expectStatus<{ team: { id: string; userId: string | null }[] }>(
    teacher.get(`/api/assessments/${ids.amyAssessment}`),
    200,
  );
  const { criteria } = await leadProfessionalCriteria(db, area, new Date().toISOString().slice(0, 10));
  const teacherMember = details.team.find((m) => m.userId === teacher.user.id);
  await expectStatus(
    teacher.postJson(`/api/assessments/${ids.amyAssessment}/lead-professional`, { teamMemberId: teacherMember?.id, criteriaMet: criteria }),
  );
}, 180_000);
afterAll(async () => t?.close());

describe('linking children into a household (API)', () => {
  it('links, reads and unlinks, each audited, naming only children the caller may see', async () => {
    const linked = await expectStatus(link(teacher, ids.amy, ids.ben));
    expect(await auditCount('household.linked', ids.ben)).toBe(1);
    const household = await expectStatus<{ members: { id: string }[]; links: { id: string; relationship: string }[] }>(
      teacher.get(`/api/children/${ids.ben}/household?reason=${encodeURIComponent(reason)}`),
      200,
    );
    expect(household.members.map((m) => m.id)).toEqual([ids.ben, ids.amy]);
    expect(household.links).toEqual([expect.objectContaining({ id: linked.id, relationship: 'sibling' })]);
    expect(await auditCount('household.viewed', ids.amy)).toBeGreaterThan(0);
    // The nurse's organisation shielded Dee: she sees Dee, and Eve through Dee.
    const seen = await expectStatus<{ members: { id: string }[] }>(nurse.get(`/api/children/${ids.amy}/household?reason=Checking`), 200);
    expect(seen.members.map((m) => m.id).sort()).toEqual([ids.amy, ids.ben, ids.dee, ids.eve].sort());
    // Unlinking, then linking again.
    const temp = await expectStatus(link(teacher, ids.amy, ids.cal, 'step-sibling'));
    await expectStatus(teacher.request({ method: 'DELETE', url: `/api/children/${ids.amy}/household/links/${temp.id}` }), 204);
    expect(await auditCount('household.unlinked', ids.cal)).toBe(1);
    const again = await teacher.request({ method: 'DELETE', url: `/api/children/${ids.amy}/household/links/${temp.id}` });
    expect(again.statusCode).toBe(404);
  });

  it('never names a shielded sibling, nor a child linked only through one, and refuses it as it refuses an unknown child', async () => {
    const household = await teacher.get(`/api/children/${ids.amy}/household?reason=${encodeURIComponent(reason)}`);
    expect(household.statusCode).toBe(200);
    expect(household.body).not.toContain(ids.dee);
    expect(household.body).not.toContain(ids.eve);
    const hidden = await link(teacher, ids.cal, ids.dee);
    const unknown = await link(teacher, ids.cal, randomUUID());
    expect(hidden.statusCode).toBe(400);
    expect(faultRules(hidden)).toEqual(['otherChildId:not_found']);
    const detail = (r: { json(): unknown }) => (r.json() as { detail?: string; errors?: unknown }).errors;
    expect(detail(hidden)).toEqual(detail(unknown));
    expect(faultRules(unknown)).toEqual(['otherChildId:not_found']);
    // The shielded child's own household is not found for the teacher.
    expect((await teacher.get(`/api/children/${ids.dee}/household?reason=Checking`)).statusCode).toBe(404);
    // Nor can the teacher end the link to the shielded child.
    const [deeLink] = await t.testDb.db.query<{ id: string }>(
      'SELECT id FROM household_link WHERE $1 IN (child_id, other_child_id) LIMIT 1',
      [ids.dee],
    );
    expect(
      (await teacher.request({ method: 'DELETE', url: `/api/children/${ids.amy}/household/links/${deeLink?.id ?? ''}` })).statusCode,
    ).toBe(404);
  });

  it('refuses bad input naming the field and the rule', async () => {
    expect(faultRules(await link(teacher, ids.amy, ids.amy))).toEqual(['otherChildId:not_self']);
    expect(faultRules(await link(teacher, ids.amy, ids.cal, 'cousin'))).toEqual(['relationship:one_of']);
    expect(faultRules(await link(teacher, ids.amy, ''))).toContain('otherChildId:required');
    expect(faultRules(await link(teacher, ids.amy, ids.ben))).toEqual(['otherChildId:already_linked']);
    expect(faultRules(await teacher.get(`/api/children/${ids.amy}/household?reason=`))).toEqual(['reason:required']);
  });
});

describe('the household page', () => {
  it('asks for a reason first, then shows the visible household and links a child through the form', async () => {
    // A colleague without a grant to the record is sent to give a reason.
    const ask = await colleague.get(paths.childHousehold(ids.ben));
    expect(ask.statusCode).toBe(303);
    expect(ask.headers.location).toBe(paths.child(ids.ben));
    const page = await teacher.get(paths.childHousehold(ids.ben));
    expect(page.statusCode).toBe(200);
    const members = page.body.slice(page.body.indexOf('Children in this household'), page.body.indexOf('>Links<'));
    expect(members).toContain('Amy Householder');
    expect(page.body).not.toContain('Dee Householder');
    // Eve is linked only through Dee: not shown as of this household, though the teacher may link her (she can see Eve).
    expect(members).not.toContain('Eve Householder');
    expect(page.body).toContain(`value="${ids.eve}"`);
    // The teacher opened Dee's record before it was shielded: it is not offered for linking now.
    expect(page.body).toContain(`value="${ids.cal}"`);
    expect(page.body).not.toContain(ids.dee);
    const refused = await teacher.post(paths.childHouseholdLinks(ids.ben), { otherChildId: ids.ben, relationship: 'cousin' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('A child cannot be linked to themselves');
    expect(refused.body).toContain('Select how the children are related');
    expect(refused.body).toContain('href="#otherChildId"');
    const done = await teacher.postAndFollow(paths.childHouseholdLinks(ids.ben), { otherChildId: ids.cal, relationship: 'half-sibling' });
    expect(done.body).toContain('Children linked');
    expect(done.body).toContain('Ben Householder and Cal Householder');
    expect(done.body).toContain('Half-sibling');
  });

  it('ends a link from the page with a banner, audited', async () => {
    const made = await expectStatus(link(teacher, ids.cal, ids.amy, 'other household member'));
    const ended = await teacher.postAndFollow(paths.childHouseholdUnlink(ids.cal, made.id), {});
    expect(ended.body).toContain('Link ended');
    expect(await auditCount('household.unlinked', ids.amy)).toBeGreaterThan(0);
  });
});

describe('a sibling’s assessment when starting one, and the team around the family', () => {
  it('shows a sibling’s open assessment and its lead professional to whom the front line of that sibling is shown', async () => {
    const start = await teacher.get(paths.childAssessmentNew(ids.cal));
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Assessments of brothers and sisters');
    expect(start.body).toContain('Amy Householder');
    expect(start.body).toContain('Tess Teacher');
    expect(start.body).toContain(paths.assessment(ids.amyAssessment));
    expect(await auditCount('assessment.sibling_work_viewed', ids.amy)).toBeGreaterThan(0);
  });

  it('withholds it from a practitioner the family’s consent does not cover, saying only where to ask', async () => {
    const start = await outsider.get(paths.childAssessmentNew(ids.cal));
    expect(start.statusCode).toBe(200);
    expect(start.body).not.toContain(ids.amyAssessment);
    expect(start.body).not.toContain('Tess Teacher');
    expect(start.body).toContain('lists the practitioners to ask');
    expect(start.body).not.toContain('Dee Householder');
  });

  it('lists each visible child, their open assessment and lead, and each practitioner once; the read is audited', async () => {
    const page = await teacher.get(paths.childFamilyTeam(ids.amy));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ben Householder');
    expect(page.body).toContain('Cal Householder');
    expect(page.body).not.toContain('Dee Householder');
    expect(page.body.split('Nora Nurse').length - 1).toBe(1);
    expect(page.body).toContain('Amy Householder, Ben Householder');
    const [entry] = await t.testDb.db.query<{ ids: string[] }>(
      `SELECT details -> 'childIds' AS ids FROM audit_event WHERE action = 'assessment.family_team_viewed' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect([...(entry?.ids ?? [])].sort()).toEqual([ids.amy, ids.ben, ids.cal].sort());
    expect((await colleague.get(paths.childFamilyTeam(ids.amy))).statusCode).toBe(303);
  });
});

describe('the window for a sibling’s closed assessment', () => {
  it('is a local setting on a page: a closed episode shows within it and not after it', async () => {
    // Ben's episode closed two months ago.
    await t.testDb.asOwner((owner) =>
      owner.query(
        `UPDATE common_assessment SET status = 'closed', closed_at = now() - interval '2 months', closure_outcome = 'needs met' WHERE id = $1`,
        [ids.benAssessment],
      ),
    );
    expect((await teacher.get(paths.childAssessmentNew(ids.cal))).body).toContain(paths.assessment(ids.benAssessment));

    const admin = await signedIn(t, 'area_admin', { areaCode: area });
    expect((await admin.get(paths.localSettingsSiblings)).body).toContain('value="12"');
    const tooLong = await admin.post(paths.localSettingsSiblings, { siblingAssessmentMonths: '61' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#siblingAssessmentMonths"');
    expect(tooLong.body).toContain('Months a sibling’s closed assessment is shown must be between 1 and 60');
    expect((await admin.post(paths.localSettingsSiblings, { siblingAssessmentMonths: '1' })).statusCode).toBe(303);
    expect((await admin.get('/api/settings')).json()).toMatchObject({ siblingAssessmentMonths: 1 });

    const start = await teacher.get(paths.childAssessmentNew(ids.cal));
    expect(start.body).not.toContain(paths.assessment(ids.benAssessment));
    expect(start.body).toContain(paths.assessment(ids.amyAssessment));
  });
});
