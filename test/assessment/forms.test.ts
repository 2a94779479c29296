import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainsInWords } from '../../src/assessment/content.js';
import { NATIONAL_CAF } from '../../src/assessment/form.js';
import { readFormDefinition } from '../../src/assessment/forms/definition.js';
import { insertDraft } from '../../src/assessment/forms/repository.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { expectStatus, faultRules, givenConsent, problemCode, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { multipart, type FormPart } from '../helpers/multipart.js';

/**
 * Local assessment forms (issue 13 item 4; 004 para 186: national and local forms both existed):
 * a definition checked against the published schema, previewed, published, used by a practitioner,
 * and exported from one area and imported into another.
 */

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const schema = readJson('schemas/assessment-form-v1.schema.json') as Record<string, unknown>;

const localForm = (overrides: Record<string, unknown> = {}) => ({
  format: 'ctp-assessment-form',
  formatVersion: 1,
  code: 'kestrelshire-early-help',
  version: '1',
  title: 'Kestrelshire early help assessment',
  domains: [
    {
      code: 'child',
      title: 'The child',
      elements: [
        { code: 'health', title: 'Health and development' },
        { code: 'school', title: 'School and learning' },
      ],
    },
    { code: 'family', title: 'The family', elements: [{ code: 'home', title: 'Home, money and housing' }] },
  ],
  ...overrides,
});

/** Posts the upload form with a chosen file, the way a browser does (the file input before the text area). */
function uploadFile(agent: Agent, content: string) {
  const parts: FormPart[] = [
    { name: '_csrf', value: agent.csrf },
    { name: 'file', file: { name: 'form.json', type: 'application/json', bytes: content } },
    { name: 'definition', value: '' },
  ];
  return agent.request({ method: 'POST', url: paths.assessmentFormUpload, ...multipart(parts) });
}

let t: TestApp;
let areaA: string;
let areaB: string;
let adminA: SignedIn;
let adminB: SignedIn;
let practitionerA: SignedIn;

const storedForms = async (areaCode: string) =>
  t.testDb.db.query<{ code: string; version: string; status: string }>(
    'SELECT code, version, status FROM assessment_form WHERE area_code = $1 ORDER BY code, version',
    [areaCode],
  );

beforeAll(async () => {
  t = await createTestApp();
  areaA = await buildArea(t.testDb.db);
  areaB = await buildArea(t.testDb.db);
  adminA = await signedIn(t, 'area_admin', { areaCode: areaA });
  adminB = await signedIn(t, 'area_admin', { areaCode: areaB });
  practitionerA = await signedIn(t, 'practitioner', { areaCode: areaA, jobTitle: 'School nurse' });
});
afterAll(async () => t?.close());

describe('the published schema of a form definition', () => {
  it('is met by the national form exported as a definition, which is the national form of the code', () => {
    const national = readJson('schemas/forms/caf-national-2006.1.json') as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(national), JSON.stringify(validate.errors)).toBe(true);
    const { format, formatVersion, ...form } = national;
    expect({ format, formatVersion }).toEqual({ format: 'ctp-assessment-form', formatVersion: 1 });
    expect(form).toEqual(NATIONAL_CAF);
  });
});

describe('uploading a definition', () => {
  it('refuses an invalid one with each fault by its JSON path, and saves nothing', async () => {
    const bad = localForm({
      code: 'Not A Code',
      title: '  ',
      extra: true,
      domains: [
        { code: 'child', title: 'The child', elements: [] },
        { code: 'child', title: 'Again', elements: [{ code: 'x' }] },
      ],
    });
    const r = await adminA.postJson('/api/assessment-forms', bad);
    expect(r.statusCode, r.body).toBe(400);
    expect(faultRules(r)).toEqual(
      expect.arrayContaining([
        '/code:pattern',
        '/title:pattern',
        '/extra:additionalProperties',
        '/domains/0/elements:minItems',
        '/domains/1/elements/0/title:required',
      ]),
    );
    // Duplicate codes are a rule beyond the schema, reported once the structure is right.
    const twice = await adminA.postJson(
      '/api/assessment-forms',
      localForm({ domains: [localForm().domains[0], { ...localForm().domains[0], title: 'Again' }] }),
    );
    expect(faultRules(twice)).toEqual(['/domains/1/code:unique']);
    const national = await adminA.postJson('/api/assessment-forms', localForm({ code: 'caf-national' }));
    expect(faultRules(national)).toEqual(['/code:reserved']);
    const other = await adminA.postJson('/api/assessment-forms', { format: 'something-else' });
    expect(faultRules(other)).toEqual(['/format:unknown_format_version']);

    // The page: the file's faults listed by path, never a crash on text that is not JSON.
    await adminA.get(paths.assessmentFormUpload);
    const page = await uploadFile(adminA, JSON.stringify(bad));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('/domains/1/elements/0/title is missing');
    expect(page.body).toContain('govuk-error-summary');
    await adminA.get(paths.assessmentFormUpload);
    const notJson = await adminA.post(paths.assessmentFormUpload, { definition: '{ this is not json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain('The definition is not JSON');
    expect(await storedForms(areaA)).toEqual([]);
  });

  it('holds a valid one as a draft, previewed with the assessment form’s engine, then published and unchangeable', async () => {
    await adminA.get(paths.assessmentFormUpload);
    const uploaded = await uploadFile(adminA, JSON.stringify(localForm()));
    expect(uploaded.statusCode, uploaded.body).toBe(303);
    const previewUrl = String(uploaded.headers.location);
    const preview = await adminA.get(previewUrl);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Home, money and housing');
    // The boxes the assessment form has for each element, named as it names them.
    expect(preview.body).toContain('name="elements.family.home.needs"');
    expect(preview.body).toContain('Publish this version');
    expect(await storedForms(areaA)).toEqual([{ code: 'kestrelshire-early-help', version: '1', status: 'draft' }]);

    // A draft is not offered to practitioners.
    const child = await recordChild(practitionerA, { givenName: 'Ada' });
    expect((await practitionerA.get(paths.childAssessmentNew(child))).body).not.toContain('Kestrelshire early help assessment');

    const id = previewUrl.split('/').pop()?.split('?')[0] ?? '';
    await adminA.get(previewUrl);
    const published = await adminA.post(paths.assessmentFormPublish(id));
    expect(published.statusCode).toBe(303);
    expect(await storedForms(areaA)).toEqual([{ code: 'kestrelshire-early-help', version: '1', status: 'published' }]);

    // Published versions are immutable: a new upload of that version, a second publish, or SQL.
    const again = await adminA.postJson('/api/assessment-forms', localForm({ title: 'Changed' }));
    expect(again.statusCode).toBe(409);
    expect(problemCode(again)).toBe('form_published');
    const twice = await adminA.postJson(`/api/assessment-forms/${id}/publish`, {});
    expect(problemCode(twice)).toBe('form_published');
    await expect(t.testDb.db.query(`UPDATE assessment_form SET title = 'x' WHERE id = $1`, [id])).rejects.toThrow(/locked/);
    await expect(t.testDb.db.query(`DELETE FROM assessment_form WHERE id = $1`, [id])).rejects.toThrow(/locked/);

    const audit = await t.testDb.db.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE subject_type = 'assessment_form' AND subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['assessment_form.uploaded', 'assessment_form.published']);
  });

  it('lets a practitioner choose the published local form and complete an assessment on it', async () => {
    const childId = await recordChild(practitionerA, { givenName: 'Bea' });
    const start = await practitionerA.get(paths.childAssessmentNew(childId));
    expect(start.body).toContain('Kestrelshire early help assessment');
    expect(start.body).toContain('value="kestrelshire-early-help"');
    const started = await practitionerA.post(paths.childAssessmentNew(childId), {
      service: 'School nursing',
      form: 'kestrelshire-early-help',
    });
    expect(started.statusCode, started.body).toBe(303);
    const assessmentId = String(started.headers.location).split('/')[2]?.split('?')[0] ?? '';
    const [recorded] = await t.testDb.db.query<{ form_code: string; form_version: string }>(
      'SELECT form_code, form_version FROM common_assessment WHERE id = $1',
      [assessmentId],
    );
    expect(recorded).toEqual({ form_code: 'kestrelshire-early-help', form_version: '1' });
    await expectStatus(practitionerA.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent()));

    const edit = await practitionerA.get(paths.assessmentEdit(assessmentId));
    expect(edit.body).toContain('School and learning');
    expect(edit.body).not.toContain('Emotional warmth and stability');
    const completed = await practitionerA.post(paths.assessmentEdit(assessmentId), {
      draftVersion: '0',
      formCode: 'kestrelshire-early-help',
      formVersion: '1',
      intent: 'complete',
      reasonForAssessment: 'Missing school',
      'elements.child.school.needs': 'Attendance has fallen to 70%',
      'elements.family.home.strengths': 'A settled tenancy',
      childViews: 'Wants to go back',
      parentViews: 'Worried',
      conclusions: 'Support with attendance',
      levelOfNeed: 'additional',
      'agreedActions[0].who': 'School nurse',
      'agreedActions[0].what': 'Meet weekly',
      'agreedActions[0].byWhen': '1/9/2030',
    });
    expect(completed.statusCode, completed.body).toBe(303);
    const version = await practitionerA.get(paths.assessmentVersion(assessmentId, 1));
    expect(version.statusCode).toBe(200);
    expect(version.body).toContain('School and learning');
    expect(version.body).toContain('Attendance has fallen to 70%');

    // An element of the national form is not a field of this one.
    const national = await practitionerA.request({
      method: 'PUT',
      url: `/api/assessments/${assessmentId}/draft`,
      payload: { draftVersion: 0, content: { elements: { 'development.health': { needs: 'x' } } } },
      headers: { 'content-type': 'application/json' },
    });
    expect(faultRules(national)).toContain('elements.development.health:unknown_field');
  });

  it('leaves a second simultaneous upload of one new version to the service to refuse, never to a unique-key fault', async () => {
    const definition = localForm({ code: 'race-form', version: '1' });
    const draft = { areaCode: areaA, definition: readFormDefinition(definition), by: adminA.user.id, at: new Date() };
    // The service finds no such version, then inserts: a second upload between the two gets no row, and a 409.
    const first = await t.testDb.db.transaction((tx) => insertDraft(tx, draft));
    const second = await t.testDb.db.transaction((tx) => insertDraft(tx, draft));
    expect(first).toEqual(expect.any(String));
    expect(second).toBeUndefined();
  });

  it('refuses a form the area has not published when starting', async () => {
    const childId = await recordChild(practitionerA, { givenName: 'Cal' });
    const r = await practitionerA.postJson(`/api/children/${childId}/assessments`, { service: 'School nursing', form: 'nowhere-form' });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['form:one_of']);
  });
});

describe('exporting a definition and importing it into another area', () => {
  it('downloads the definition, which the other area uploads, previews and publishes as its own', async () => {
    const [row] = await t.testDb.db.query<{ id: string }>(`SELECT id FROM assessment_form WHERE area_code = $1`, [areaA]);
    const id = row?.id ?? '';
    const download = await adminA.get(paths.assessmentFormExport(id));
    expect(download.statusCode).toBe(200);
    expect(String(download.headers['content-disposition'])).toContain('kestrelshire-early-help-1.json');
    expect(JSON.parse(download.body)).toEqual(localForm());
    // Another area cannot see this area's forms.
    expect((await adminB.get(paths.assessmentFormExport(id))).statusCode).toBe(404);

    await adminB.get(paths.assessmentFormUpload);
    const imported = await uploadFile(adminB, download.body);
    expect(imported.statusCode, imported.body).toBe(303);
    const newId = String(imported.headers.location).split('/').pop()?.split('?')[0] ?? '';
    await expectStatus(adminB.postJson(`/api/assessment-forms/${newId}/publish`, {}), 204);
    expect(await storedForms(areaB)).toEqual([{ code: 'kestrelshire-early-help', version: '1', status: 'published' }]);
    const viaApi = await expectStatus<Record<string, unknown>>(
      adminB.request({ method: 'GET', url: `/api/assessment-forms/${newId}/definition` }),
      200,
    );
    expect(viaApi).toEqual(localForm());
    const list = await expectStatus<{ code: string; status: string }[]>(
      adminB.request({ method: 'GET', url: '/api/assessment-forms' }),
      200,
    );
    expect(list.map((f) => [f.code, f.status])).toEqual([['kestrelshire-early-help', 'published']]);
  });
});

describe('discarding a draft', () => {
  const deleteForm = (agent: SignedIn, id: string) => agent.request({ method: 'DELETE', url: `/api/assessment-forms/${id}` });
  const auditedActions = async (id: string) =>
    (
      await t.testDb.db.query<{ action: string }>(
        `SELECT action FROM audit_event WHERE subject_type = 'assessment_form' AND subject_id = $1 ORDER BY seq`,
        [id],
      )
    ).map((a) => a.action);

  it('deletes a draft after its confirmation page, audited, and lets the same version be uploaded again', async () => {
    const { id } = await expectStatus(adminA.postJson('/api/assessment-forms', localForm({ code: 'discard-me' })));
    const preview = await adminA.get(paths.assessmentForm(id));
    expect(preview.body).toContain(`href="${paths.assessmentFormDiscard(id)}"`);
    const confirm = await adminA.get(paths.assessmentFormDiscard(id));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Discard draft');
    expect(confirm.body).toContain('cannot be got back');
    // Another area's administrator finds nothing to discard.
    expect((await adminB.get(paths.assessmentFormDiscard(id))).statusCode).toBe(404);
    expect((await deleteForm(adminB, id)).statusCode).toBe(404);

    const discarded = await adminA.post(paths.assessmentFormDiscard(id));
    expect(discarded.statusCode, discarded.body).toBe(303);
    expect(discarded.headers.location).toBe(`${paths.assessmentForms}?done=discarded`);
    expect((await adminA.get(String(discarded.headers.location))).body).toContain('The draft was discarded');
    expect((await storedForms(areaA)).map((f) => f.code)).not.toContain('discard-me');
    expect(await auditedActions(id)).toEqual(['assessment_form.uploaded', 'assessment_form.draft_discarded']);

    // Through the API: 204, then 404 (it is gone).
    const again = await expectStatus(adminA.postJson('/api/assessment-forms', localForm({ code: 'discard-me' })));
    expect((await deleteForm(adminA, again.id)).statusCode).toBe(204);
    expect((await deleteForm(adminA, again.id)).statusCode).toBe(404);
    expect(await auditedActions(again.id)).toEqual(['assessment_form.uploaded', 'assessment_form.draft_discarded']);
  });

  it('never discards a published version: 409 form_published through the API and on the page', async () => {
    const [row] = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM assessment_form WHERE area_code = $1 AND code = 'kestrelshire-early-help' AND status = 'published'`,
      [areaA],
    );
    const id = row?.id ?? '';
    const api = await deleteForm(adminA, id);
    expect(api.statusCode).toBe(409);
    expect(problemCode(api)).toBe('form_published');
    expect(api.body).toContain('never discarded');

    expect((await adminA.get(paths.assessmentForm(id))).body).not.toContain(paths.assessmentFormDiscard(id));
    const page = await adminA.get(paths.assessmentFormDiscard(id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('never discarded');
    expect(page.body).not.toContain('Discard draft');
    const post = await adminA.post(paths.assessmentFormDiscard(id));
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('govuk-error-summary');
    expect(await storedForms(areaA)).toContainEqual({ code: 'kestrelshire-early-help', version: '1', status: 'published' });
    expect(await auditedActions(id)).not.toContain('assessment_form.draft_discarded');
  });
});

describe('the words of the completion rule come from the form', () => {
  /** The message when completing with no element recorded, on the form named (the national one when none). */
  async function noElementsMessage(form?: string): Promise<string | undefined> {
    const childId = await recordChild(practitionerA, { givenName: 'Dot' });
    const { id } = await expectStatus(
      practitionerA.postJson(`/api/children/${childId}/assessments`, { service: 'School nursing', ...(form ? { form } : {}) }),
    );
    await expectStatus(practitionerA.postJson(`/api/assessments/${id}/consents`, givenConsent()));
    const r = await practitionerA.postJson(`/api/assessments/${id}/versions`, { draftVersion: 0, content: {} });
    expect(r.statusCode, r.body).toBe(400);
    return (r.json() as { errors: { field: string; message: string }[] }).errors.find((e) => e.field === 'elements')?.message;
  }

  it('says the national form’s three domains, a local form’s own count, and a one-domain form’s domain by name', async () => {
    expect(await noElementsMessage()).toBe('Record strengths or needs for at least one element of the three domains');
    expect(await noElementsMessage('kestrelshire-early-help')).toBe('Record strengths or needs for at least one element of the two domains');
    const [first] = NATIONAL_CAF.domains;
    expect(domainsInWords({ ...NATIONAL_CAF, domains: first ? [first] : [] })).toBe('“Development of the child or young person”');
  });
});
