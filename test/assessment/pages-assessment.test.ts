import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

/** The common assessment's GOV.UK pages, through app.inject against the real database. */

let t: TestApp;
let area: string;
let school: string;
let health: string;
let teacher: Agent;
let nurse: Agent;
let outsider: Agent;
let childId: string;
let assessmentId: string;

const count = async (sql: string, params: unknown[] = []) => (await t.testDb.db.query(sql, params)).length;

/** The draft version the edit form carries now, as a browser would send it back. */
const draftVersionOn = async (agent: Agent, id: string): Promise<string> =>
  /name="draftVersion" value="(\d+)"/.exec((await agent.get(paths.assessmentEdit(id))).body)?.[1] ?? 'missing';

/** A whole assessment as the form sends it; fields can be left out or changed. */
const filledIn = (overrides: Record<string, string> = {}): Record<string, string> => ({
  reasonForAssessment: 'Behaviour has got worse since his parents separated',
  family: 'Lives with his mother; sees his father at weekends',
  servicesInvolved: 'Primary school; GP',
  'elements.development.behaviour.strengths': 'Enjoys football',
  'elements.development.behaviour.needs': 'Acceptable behavioural boundaries',
  childViews: 'Wants to stay at his school',
  parentViews: 'His mother wants help with his anger',
  conclusions: 'Needs co-ordinated support from several services',
  levelOfNeed: 'additional',
  'agreedActions[0].who': 'Class teacher',
  'agreedActions[0].what': 'Daily check-in',
  'agreedActions[0].byWhen': '31/1/2027',
  intent: 'complete',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  school = await buildOrganisation(db, area, 'Dunstow Primary School');
  health = await buildOrganisation(db, area, 'Testshire Community Health');
  teacher = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: school }));
  nurse = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: health }));
  outsider = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area }));
  const created = await teacher.postJson('/api/children', {
    givenName: 'Jamie',
    familyName: 'Cole',
    dateOfBirth: '2016-04-12',
    postcode: 'KS1 2AB',
    nhsNumber: '9434765919',
  });
  expect(created.statusCode, created.body).toBe(201);
  childId = (created.json() as { id: string }).id;
}, 120_000);
afterAll(async () => t?.close());

describe('before an assessment', () => {
  it('records the pre-assessment checklist, naming each unanswered question', async () => {
    const page = await teacher.get(paths.childChecklist(childId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Is the child or young person healthy');
    expect(page.body).toContain('None recorded.');

    const missing = await teacher.post(paths.childChecklist(childId), { 'answers.healthy': 'yes' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#answers.safe"');
    expect(missing.body).toContain('id="answers.safe"');
    expect(missing.body).toContain('href="#decision"');
    expect(missing.body).toMatch(/value="yes" checked/);

    const answers = { 'answers.healthy': 'yes', 'answers.safe': 'yes', 'answers.learning': 'no', 'answers.contribution': 'not sure' };
    const progressing = await teacher.post(paths.childChecklist(childId), {
      ...answers,
      'answers.wellbeing': 'yes',
      'answers.met': 'yes',
      decision: 'progressing well',
      notes: 'Spoke to his class teacher',
    });
    expect(progressing.statusCode).toBe(303);
    expect(progressing.headers.location).toBe(`${paths.childChecklist(childId)}?done=progressing%20well`);
    const after = await teacher.get(String(progressing.headers.location));
    expect(after.body).toContain('Checklist recorded');
    expect(after.body).toContain('Spoke to his class teacher');

    const needed = await teacher.post(paths.childChecklist(childId), {
      ...answers,
      'answers.wellbeing': 'no',
      'answers.met': 'no',
      decision: 'common assessment needed',
    });
    expect(needed.statusCode).toBe(303);
    expect(needed.headers.location).toBe(paths.childAssessmentNew(childId));
    expect(await count('SELECT 1 FROM pre_assessment_check WHERE child_id = $1', [childId])).toBe(2);
  });

  it('is not found for a child that does not exist', async () => {
    expect((await teacher.get(paths.childChecklist('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });

  it('starts one common assessment, and sends a second starter to the open one', async () => {
    const page = await teacher.get(paths.childAssessmentNew(childId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('a health visitor completing it for a GP');

    const started = await teacher.post(paths.childAssessmentNew(childId), { service: 'Primary school', onBehalfOf: '' });
    expect(started.statusCode).toBe(303);
    const match = /^\/assessments\/([0-9a-f-]{36})\?done=started$/.exec(String(started.headers.location));
    expect(match).not.toBeNull();
    assessmentId = match?.[1] ?? '';

    const again = await nurse.post(paths.childAssessmentNew(childId), { service: 'School nursing' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('govuk-error-summary');
    expect(again.body).toContain('href="#openAssessment"');
    expect(again.body).toContain(`href="${paths.assessment(assessmentId)}"`);
    expect(again.body).toContain('add what you know to it');
    expect(await count('SELECT 1 FROM common_assessment WHERE child_id = $1', [childId])).toBe(1);
  });
});

describe('writing the assessment', () => {
  it('shows the episode, and needs consent before anything is saved', async () => {
    const overview = await teacher.get(paths.assessment(assessmentId));
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Jamie Cole');
    expect(overview.body).toContain('943 476 5919');
    expect(overview.body).toContain('Primary school');
    expect(overview.body).toContain('No consent decision has been recorded');
    expect(overview.body).toContain(`href="${paths.assessmentConsent(assessmentId)}"`);
    expect(overview.body).toContain(`href="${paths.assessmentTeamNew(assessmentId)}"`);
    expect(overview.body).toContain('None appointed');

    const edit = await teacher.get(paths.assessmentEdit(assessmentId));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('id="elements.development.health.needs"');
    expect(edit.body).toContain('name="agreedActions[4].byWhen"');
    expect(edit.body).not.toContain('name="changeNote"');

    expect(edit.body).toContain('name="draftVersion" value="0"');
    const refused = await teacher.post(paths.assessmentEdit(assessmentId), filledIn({ intent: 'save', draftVersion: '0' }));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Record the consent of the child or parent');
    expect(refused.body).toContain(`href="${paths.assessmentConsent(assessmentId)}"`);
    expect(refused.body).toContain('Behaviour has got worse since his parents separated');
  });

  it('records consent, naming each missing answer', async () => {
    const page = await teacher.get(paths.assessmentConsent(assessmentId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Testshire Community Health');
    expect(page.body).toContain('name="givenOn-day"');

    const missing = await teacher.post(paths.assessmentConsent(assessmentId), { kind: 'given' });
    expect(missing.statusCode).toBe(400);
    for (const field of ['givenByName', 'givenByRelationship', 'method', 'toRecord']) expect(missing.body).toContain(`href="#${field}"`);

    const badDate = await teacher.post(paths.assessmentConsent(assessmentId), {
      kind: 'given',
      givenByName: 'Sarah Cole',
      givenByRelationship: 'parent or carer',
      method: 'in writing',
      toRecord: 'yes',
      'givenOn-day': '31',
      'givenOn-month': '2',
      'givenOn-year': '2026',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#givenOn-day"');

    const given = await teacher.post(paths.assessmentConsent(assessmentId), {
      kind: 'given',
      givenByName: 'Sarah Cole',
      givenByRelationship: 'parent or carer',
      method: 'in writing',
      toRecord: 'yes',
      shareWith: health,
      'givenOn-day': '1',
      'givenOn-month': '11',
      'givenOn-year': '2025',
    });
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe(`${paths.assessment(assessmentId)}?done=consent`);
    const overview = await teacher.get(String(given.headers.location));
    expect(overview.body).toContain('Consent decision recorded');
    expect(overview.body).toContain('Sarah Cole (parent or carer)');
    expect(overview.body).toContain('1 November 2025');
    expect(overview.body).toContain('Withdraw consent');
  });

  it('shows the consent form only for an assessment that exists and that the person may record a decision on', async () => {
    const missing = await teacher.get(paths.assessmentConsent('00000000-0000-4000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('name="givenByName"');
    const refused = await outsider.get(paths.assessmentConsent(assessmentId));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('name="givenByName"');
  });

  it('keeps the draft when completing fails, and names every missing field', async () => {
    const typed = {
      reasonForAssessment: 'Falling out with friends at school',
      'elements.development.health.strengths': 'Healthy and active',
      'agreedActions[0].what': 'Lunchtime club',
      intent: 'complete',
      draftVersion: await draftVersionOn(teacher, assessmentId),
    };
    const failed = await teacher.post(paths.assessmentEdit(assessmentId), typed);
    expect(failed.statusCode).toBe(400);
    expect(failed.body).toContain('govuk-error-summary');
    for (const field of ['childViews', 'parentViews', 'conclusions', 'levelOfNeed', 'agreedActions[0].who', 'agreedActions[0].byWhen'])
      expect(failed.body).toContain(`href="#${field}"`);
    expect(failed.body).toContain('Falling out with friends at school');
    // The refused completion saved the draft: the form carries the saved version, so saving again is not stale.
    expect(failed.body).toContain(`name="draftVersion" value="${Number(typed.draftVersion) + 1}"`);
    expect(await count('SELECT 1 FROM common_assessment_version WHERE assessment_id = $1', [assessmentId])).toBe(0);

    const reloaded = await teacher.get(paths.assessmentEdit(assessmentId));
    expect(reloaded.body).toContain('Falling out with friends at school');
    expect(reloaded.body).toContain('Healthy and active');
    expect(reloaded.body).toContain('Lunchtime club');
    expect(reloaded.body).toContain('Draft last saved on');
  });

  it('saves a draft and discards it', async () => {
    const saved = await teacher.post(paths.assessmentEdit(assessmentId), {
      reasonForAssessment: 'A draft to throw away',
      intent: 'save',
      draftVersion: await draftVersionOn(teacher, assessmentId),
    });
    expect(saved.statusCode).toBe(303);
    // Saving a draft keeps the practitioner on the form, and says so (issue 14).
    expect(saved.headers.location).toBe(`${paths.assessmentEdit(assessmentId)}?done=draft`);
    const form = await teacher.get(String(saved.headers.location));
    expect(form.body).toContain('govuk-notification-banner--success');
    expect(form.body).toContain('Draft saved');
    expect(form.body).toContain('A draft to throw away');
    expect((await teacher.get(paths.assessment(assessmentId))).body).toContain('Continue the draft');
    const discarded = await teacher.post(paths.assessmentDraftDiscard(assessmentId));
    expect(discarded.statusCode).toBe(303);
    expect((await teacher.get(paths.assessmentEdit(assessmentId))).body).not.toContain('A draft to throw away');
  });

  it('completes and locks version 1', async () => {
    const done = await teacher.post(
      paths.assessmentEdit(assessmentId),
      filledIn({ draftVersion: await draftVersionOn(teacher, assessmentId) }),
    );
    expect(done.statusCode, done.body.slice(0, 2000)).toBe(303);
    // Its agreed actions are offered to the action plan at once (issue 14), nothing added until confirmed.
    expect(done.headers.location).toBe(`${paths.assessmentAgreedActions(assessmentId)}?done=completed`);
    const offer = await teacher.get(String(done.headers.location));
    expect(offer.body).toContain('Assessment completed');
    expect(offer.body).toContain('Add the agreed actions to the plan');
    expect(await count('SELECT 1 FROM action_item WHERE assessment_id = $1', [assessmentId])).toBe(0);
    const overview = await teacher.get(paths.assessment(assessmentId));
    expect(overview.body).toContain('Version 1, completed by');
    expect(overview.body).toContain('Acceptable behavioural boundaries');
    expect(overview.body).toContain('Daily check-in');
    expect(overview.body).toContain('31 January 2027');
    expect(overview.body).toContain(`href="${paths.assessmentVersion(assessmentId, 1)}"`);

    const version = await teacher.get(paths.assessmentVersion(assessmentId, 1));
    expect(version.statusCode).toBe(200);
    expect(version.body).toContain('This version is locked');
    expect(version.body).toContain('Wants to stay at his school');
    expect((await teacher.get(paths.assessmentVersion(assessmentId, 7))).statusCode).toBe(404);
  });

  it('makes version 2 from the latest version, with a note of what changed', async () => {
    const edit = await teacher.get(paths.assessmentEdit(assessmentId));
    expect(edit.body).toContain('Needs co-ordinated support from several services');
    expect(edit.body).toContain('value="31/1/2027"');
    expect(edit.body).toContain('name="changeNote"');

    const changed = filledIn({
      conclusions: 'Needs a parenting programme as well',
      draftVersion: await draftVersionOn(teacher, assessmentId),
    });
    const noNote = await teacher.post(paths.assessmentEdit(assessmentId), changed);
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('href="#changeNote"');

    const draftVersion = /name="draftVersion" value="(\d+)"/.exec(noNote.body)?.[1] ?? 'missing';
    const done = await teacher.post(paths.assessmentEdit(assessmentId), {
      ...changed,
      draftVersion,
      changeNote: 'Added the parenting programme',
    });
    expect(done.statusCode).toBe(303);
    const version = await teacher.get(paths.assessmentVersion(assessmentId, 2));
    expect(version.body).toContain('Needs a parenting programme as well');
    expect(version.body).toContain('Added the parenting programme');
    expect(version.body).toContain(`href="${paths.assessmentVersion(assessmentId, 1)}"`);
    expect(await count('SELECT 1 FROM common_assessment_version WHERE assessment_id = $1', [assessmentId])).toBe(2);
  });
});

describe('sharing', () => {
  it('refuses a practitioner of another organisation who is not on the team, saying why', async () => {
    const refused = await outsider.get(paths.assessment(assessmentId));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only the team around the child');
    expect(refused.body).not.toContain('Acceptable behavioural boundaries');
  });

  const openRecord = async () => {
    await teacher.get(paths.child(childId));
    const record = await teacher.postAndFollow(paths.childOpen(childId), { reason: 'I am working with this child' });
    expect(record.statusCode).toBe(200);
    return record.body;
  };

  it('links the child’s record to the checklist', async () => {
    const record = await openRecord();
    expect(record).toContain('Level of need and common assessment');
    expect(record).toContain(`href="${paths.childChecklist(childId)}"`);
  });

  // Needs app.ts to pass childPageRoutes its frontLineOf (the child's level of need and assessments).
  it('shows the level of need and the open assessment on the child’s record', async () => {
    const record = await openRecord();
    expect(record).toContain('Additional since');
    expect(record).toContain('Primary school');
    expect(record).toContain(`href="${paths.assessment(assessmentId)}"`);
    expect(record).not.toContain(`href="${paths.childAssessmentNew(childId)}"`);
  });

  it('downloads the portable assessment, named by its id only', async () => {
    const file = await teacher.get(paths.assessmentExport(assessmentId));
    expect(file.statusCode, file.body.slice(0, 500)).toBe(200);
    expect(String(file.headers['content-type'])).toContain('application/json');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="common-assessment-${assessmentId}.json"`);
    const document = file.json() as { format: string; assessment: { version: number } };
    expect(document.format).toBe('ctp-common-assessment');
    expect(document.assessment.version).toBe(2);
  });

  it('imports a document, listing each fault by its path', async () => {
    const page = await teacher.get(paths.assessmentImport);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="document"');

    const notJson = await teacher.post(paths.assessmentImport, { document: 'not json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain('href="#document"');

    const wrong = await teacher.post(paths.assessmentImport, { document: JSON.stringify({ format: 'something else' }) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('/format');
    expect(wrong.body).toContain('href="#document"');

    const exported = (await teacher.get(paths.assessmentExport(assessmentId))).body;
    const otherArea = await buildArea(t.testDb.db);
    const mover = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: otherArea }));
    await mover.get(paths.assessmentImport);
    const imported = await mover.post(paths.assessmentImport, { document: exported });
    expect(imported.statusCode, imported.body.slice(0, 3000)).toBe(303);
    const location = String(imported.headers.location);
    expect(location).toMatch(/^\/assessments\/[0-9a-f-]{36}\?done=imported$/);
    const overview = await mover.get(location);
    expect(overview.body).toContain('Assessment imported');
    expect(overview.body).toContain('Jamie Cole');
  });

  it('withdraws consent with a note, and offers no second withdrawal', async () => {
    const overview = await teacher.get(paths.assessment(assessmentId));
    const consentId = /\/consent\/([0-9a-f-]{36})\/withdraw/.exec(overview.body)?.[1] ?? '';
    const withdrawn = await teacher.post(paths.assessmentConsentWithdraw(assessmentId, consentId), { withdrawalNote: 'Mother asked' });
    expect(withdrawn.statusCode).toBe(303);
    const after = await teacher.get(String(withdrawn.headers.location));
    expect(after.body).toContain('Consent withdrawn');
    expect(after.body).toContain('Mother asked');
    expect(after.body).not.toContain('/withdraw"');
  });
});
