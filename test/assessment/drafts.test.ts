import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildAssessment, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * Lost updates on drafts (issue 11 point 7, ADR 0006): a save carries the draft version it read, a
 * stale one is refused with what the other person saved, and a field the form does not have is
 * refused by name instead of wiping the draft. API and pages, real engine.
 */

let t: TestApp;
let teacher: SignedIn;
let nurse: SignedIn;
let health: string;

interface Problem {
  type: string;
  errors?: { field: string; rule: string }[];
  current?: { draftVersion: number; draft: { reasonForAssessment: string } | null; savedByName: string | null; savedAt: string | null };
}

const put = (agent: Agent, id: string, body: unknown) =>
  agent.request({
    method: 'PUT',
    url: `/api/assessments/${id}/draft`,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
const rules = (body: string) => ((JSON.parse(body) as Problem).errors ?? []).map((e) => `${e.field}:${e.rule}`);
const draftOf = async (id: string) =>
  (
    await t.testDb.db.query<{ draft: { reasonForAssessment: string } | null; draft_version: number }>(
      'SELECT draft, draft_version FROM common_assessment WHERE id = $1',
      [id],
    )
  )[0];

/** An assessment by the teacher, shared with the nurse's organisation, the nurse on its team. */
async function sharedAssessment(givenName: string): Promise<string> {
  const { assessmentId } = await buildAssessment(teacher, {
    child: { givenName },
    shareWith: [health],
    team: [{ userId: nurse.user.id, service: 'School nursing' }],
  });
  return assessmentId;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Dunmore Primary School');
  health = await buildOrganisation(db, area, 'Dunmore Community Health');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Tess Teacher' });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
}, 120_000);
afterAll(async () => t?.close());

describe('saving a draft through the API', () => {
  it('refuses a save based on an older draft, with what the other person saved, and overwrites nothing', async () => {
    const id = await sharedAssessment('Ann');
    const first = await put(teacher, id, { draftVersion: 0, content: { reasonForAssessment: 'Teacher: attendance' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ draftVersion: 1 });

    const stale = await put(nurse, id, { draftVersion: 0, content: { reasonForAssessment: 'Nurse: sleep' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const problem = stale.json() as Problem;
    expect(problem.type).toBe('about:blank#stale_draft');
    expect(problem.current).toMatchObject({
      draftVersion: 1,
      draft: { reasonForAssessment: 'Teacher: attendance' },
      savedByName: 'Tess Teacher',
    });
    expect(await draftOf(id)).toMatchObject({ draft: { reasonForAssessment: 'Teacher: attendance' }, draft_version: 1 });

    const retried = await put(nurse, id, { draftVersion: 1, content: { reasonForAssessment: 'Nurse: sleep and attendance' } });
    expect(retried.json()).toEqual({ draftVersion: 2 });
    expect((await draftOf(id))?.draft?.reasonForAssessment).toBe('Nurse: sleep and attendance');
  });

  it('refuses fields the form does not have, naming each, and keeps the draft', async () => {
    const id = await sharedAssessment('Bob');
    await put(teacher, id, { draftVersion: 0, content: { reasonForAssessment: 'Kept' } });
    const misspelt = await put(teacher, id, {
      draftVersion: 1,
      content: {
        reasonForAssesment: 'Misspelt',
        elements: { 'development.helth': { needs: 'x' }, 'development.health': { need: 'y' } },
        agreedActions: [{ who: 'Me', when: 'soon' }],
      },
      contnet: {},
    });
    expect(misspelt.statusCode).toBe(400);
    expect(rules(misspelt.body)).toEqual(['contnet:unknown_field']);
    const inContent = await put(teacher, id, {
      draftVersion: 1,
      content: {
        reasonForAssesment: 'Misspelt',
        elements: { 'development.helth': { needs: 'x' }, 'development.health': { need: 'y' } },
        agreedActions: [{ who: 'Me', when: 'soon' }],
      },
    });
    expect(inContent.statusCode).toBe(400);
    expect(rules(inContent.body)).toEqual([
      'reasonForAssesment:unknown_field',
      'elements.development.helth:unknown_field',
      'elements.development.health.need:unknown_field',
      'agreedActions[0].when:unknown_field',
    ]);
    expect(await draftOf(id)).toMatchObject({ draft: { reasonForAssessment: 'Kept' }, draft_version: 1 });
  });

  it('needs the draft version, and a discard or completion moves it on', async () => {
    const id = await sharedAssessment('Cat');
    const without = await put(teacher, id, { content: { reasonForAssessment: 'No version' } });
    expect(without.statusCode).toBe(400);
    expect(rules(without.body).some((r) => r.startsWith('draftVersion:'))).toBe(true);
    await put(teacher, id, { draftVersion: 0, content: { reasonForAssessment: 'To discard' } });
    await teacher.get(paths.assessmentEdit(id));
    expect((await teacher.post(paths.assessmentDraftDiscard(id))).statusCode).toBe(303);
    const afterDiscard = await put(nurse, id, { draftVersion: 1, content: { reasonForAssessment: 'Based on the discarded draft' } });
    expect(afterDiscard.statusCode).toBe(409);
    expect((afterDiscard.json() as Problem).current).toMatchObject({ draftVersion: 2, draft: null });
  });
});

describe('the assessment form', () => {
  it('shows an error summary and what the other person saved, keeps what you typed, and lets you save again', async () => {
    const id = await sharedAssessment('Dee');
    const teacherForm = await teacher.get(paths.assessmentEdit(id));
    const version = /name="draftVersion" value="(\d+)"/.exec(teacherForm.body)?.[1] ?? 'missing';
    await nurse.get(paths.assessmentEdit(id));
    const nurseSaved = await nurse.post(paths.assessmentEdit(id), {
      draftVersion: version,
      reasonForAssessment: 'Nurse: poor sleep',
      intent: 'save',
    });
    expect(nurseSaved.statusCode).toBe(303);

    await teacher.get(paths.assessmentEdit(id)); // a fresh CSRF token; the form's draft version is still the old one
    const stale = await teacher.post(paths.assessmentEdit(id), {
      draftVersion: version,
      reasonForAssessment: 'Teacher: attendance',
      intent: 'save',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(stale.body).toContain('saved the draft after you opened it');
    expect(stale.body).toContain('What Test practitioner saved');
    expect(stale.body).toContain('Nurse: poor sleep');
    expect(stale.body).toContain('Teacher: attendance'); // still in the form
    const newer = /name="draftVersion" value="(\d+)"/.exec(stale.body)?.[1] ?? 'missing';
    expect(Number(newer)).toBe(Number(version) + 1);
    expect((await draftOf(id))?.draft?.reasonForAssessment).toBe('Nurse: poor sleep');

    const again = await teacher.post(paths.assessmentEdit(id), {
      draftVersion: newer,
      reasonForAssessment: 'Teacher: attendance',
      intent: 'save',
    });
    expect(again.statusCode).toBe(303);
    expect((await draftOf(id))?.draft?.reasonForAssessment).toBe('Teacher: attendance');
  });
});
