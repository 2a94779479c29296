import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_MAX } from '../../src/assessment/content.js';
import { NATIONAL_NEED_LEVELS } from '../../src/assessment/form.js';
import {
  portableAssessmentSchema,
  portableService,
  readPortableAssessment,
  type PortableAssessment,
} from '../../src/assessment/portable/service.js';
import { assessmentService } from '../../src/assessment/service.js';
import type { AssessmentContent } from '../../src/assessment/types.js';
import type { RequestContext } from '../../src/platform/audit.js';
import { findUserById, type User } from '../../src/platform/auth/repository.js';
import type { AppError } from '../../src/platform/errors.js';
import { buildServices, type Services } from '../../src/services.js';
import { testConfig } from '../helpers/app.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

const ctx: RequestContext = { ip: '127.0.0.1', userAgent: 'test', requestId: 'test' };

let testDb: TestDb;
let services: Services;
let assessments: ReturnType<typeof assessmentService>;
let portable: ReturnType<typeof portableService>;
let areaA: string;
let areaB: string;
let inA: User;
let managerInA: User;
let outsiderInA: User;
let inB: User;

const content: AssessmentContent = {
  reasonForAssessment: 'Attendance has fallen to 70% this term and Priya seems withdrawn.',
  family: 'Lives with her mother and two younger brothers.',
  servicesInvolved: 'School nursing; the family support worker.',
  elements: {
    'development.health': { strengths: 'Generally healthy.', needs: 'Sleep is poor.' },
    'family-environment.housing': { strengths: '', needs: 'Overcrowded flat; rent arrears.' },
  },
  childViews: 'Priya says she is tired and worries about her mum.',
  parentViews: 'Mum wants help with the housing and with getting Priya to school.',
  conclusions: 'Needs met by a team around the child: school, housing and family support.',
  agreedActions: [{ who: 'Head of year', what: 'Daily check-in at school', byWhen: '2030-01-31' }],
  levelOfNeed: 'additional',
};

async function userOf(id: string): Promise<User> {
  const user = await findUserById(testDb.db, id);
  if (!user) throw new Error('no user');
  return user;
}

let nhsSerial = 0;
/** A fresh valid NHS number (modulus 11), so each test has its own child. */
function nextNhsNumber(): string {
  for (;;) {
    nhsSerial += 1;
    const first9 = `94347${String(60000 + nhsSerial).slice(-4)}`;
    const sum = [...first9].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check !== 10) return `${first9}${check === 11 ? 0 : check}`;
  }
}

/** A child in area A with an assessment, consent given, and `versions` completed versions. */
async function assessmentInA(
  options: { nhsNumber?: string; versions?: number } = {},
): Promise<{ assessmentId: string; childId: string; consentId: string }> {
  const child = await services.children.records.create(
    inA,
    {
      givenName: 'Priya',
      familyName: 'Shah',
      dateOfBirth: '2016-04-02',
      gender: 'female',
      nhsNumber: options.nhsNumber ?? nextNhsNumber(),
      postcode: 'ke1 4ab',
    },
    ctx,
  );
  const assessmentId = await assessments.start(inA, child.id, { service: 'School nursing' }, ctx);
  const consentId = await assessments.recordConsent(
    inA,
    assessmentId,
    {
      kind: 'given',
      givenByName: 'Asha Shah',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      method: 'in writing',
      shareWith: [],
    },
    ctx,
  );
  for (let v = 1; v <= (options.versions ?? 1); v += 1) {
    await assessments.complete(
      inA,
      assessmentId,
      { ...content, conclusions: `${content.conclusions}${v > 1 ? ` (review ${v})` : ''}` },
      v > 1 ? `Review ${v}` : undefined,
      'any',
      ctx,
    );
  }
  return { assessmentId, childId: child.id, consentId };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error || (error as Error).name !== 'AppError') throw new Error(`expected a refusal, got ${String(error)}`);
  return error as AppError;
}

const count = async (table: 'common_assessment' | 'child', areaCode: string): Promise<number> =>
  (await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE area_code = $1`, [areaCode]))[0]?.n ?? -1;

beforeAll(async () => {
  testDb = await createTestDb();
  const config = testConfig();
  services = buildServices(testDb.db, config);
  assessments = assessmentService({ db: testDb.db, clock: systemClock });
  portable = portableService({ db: testDb.db, clock: systemClock });
  const db = testDb.db;
  areaA = await buildArea(db, { name: 'Northshire' });
  areaB = await buildArea(db, { name: 'Southshire' });
  const orgA = await buildOrganisation(db, areaA, 'Northshire School Nursing');
  inA = await userOf((await buildUser(db, config, { role: 'practitioner', areaCode: areaA, organisationId: orgA })).id);
  managerInA = await userOf((await buildUser(db, config, { role: 'practice_manager', areaCode: areaA })).id);
  outsiderInA = await userOf((await buildUser(db, config, { role: 'practitioner', areaCode: areaA })).id);
  inB = await userOf((await buildUser(db, config, { role: 'practitioner', areaCode: areaB })).id);
}, 120_000);
afterAll(async () => testDb?.close());

describe('exporting a common assessment', () => {
  it('gives the latest completed version as a document the schema accepts, and audits the disclosure', async () => {
    const { assessmentId, childId } = await assessmentInA({ versions: 2 });
    const doc = await portable.exportAssessment(inA, assessmentId, ctx);
    expect(doc).toMatchObject({
      format: 'ctp-common-assessment',
      formatVersion: 1,
      fromArea: { code: areaA, name: 'Northshire' },
      form: { code: 'caf-national', version: '2006.1' },
      child: { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2016-04-02', gender: 'female', upn: null, postcode: 'KE1 4AB' },
      assessment: {
        version: 2,
        assessorService: 'School nursing',
        assessorOrganisation: 'Northshire School Nursing',
        content: { ...content, conclusions: `${content.conclusions} (review 2)` },
      },
      consent: { kind: 'given', givenByName: 'Asha Shah', givenByRelationship: 'parent or carer', method: 'in writing' },
      leadProfessional: null,
    });
    expect(doc.history.map((h) => [h.version, h.changeNote])).toEqual([
      [1, ''],
      [2, 'Review 2'],
    ]);
    expect(doc.team.map((m) => m.organisation)).toEqual(['Northshire School Nursing']);
    expect(readPortableAssessment(JSON.parse(JSON.stringify(doc)), inB).doc).toEqual(doc);
    const [entry] = await testDb.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'assessment.exported' AND subject_id = $1`,
      [assessmentId],
    );
    expect(entry?.details).toMatchObject({ childIds: [childId], version: 2, basis: 'own organisation' });
  });

  it('is refused before the assessment is completed', async () => {
    const child = await services.children.records.create(
      inA,
      { givenName: 'Tom', familyName: 'Reed', dateOfBirth: '2015-01-01', nhsNumber: nextNhsNumber() },
      ctx,
    );
    const assessmentId = await assessments.start(inA, child.id, { service: 'School nursing' }, ctx);
    expect((await refusal(portable.exportAssessment(inA, assessmentId, ctx))).code).toBe('not_completed');
  });

  it('is refused once consent has been withdrawn', async () => {
    const { assessmentId, consentId } = await assessmentInA();
    await assessments.withdrawConsent(inA, assessmentId, consentId, 'The family asked us to stop sharing', ctx);
    expect((await refusal(portable.exportAssessment(inA, assessmentId, ctx))).code).toBe('no_consent_to_share');
  });

  it('is refused to someone who cannot open the assessment', async () => {
    const { assessmentId } = await assessmentInA();
    expect((await refusal(portable.exportAssessment(outsiderInA, assessmentId, ctx))).code).toBe('not_shared');
  });
});

describe('importing a common assessment', () => {
  it('records the child and the completed assessment in the receiving area, where its team can open it', async () => {
    const nhsNumber = nextNhsNumber();
    const { assessmentId: original } = await assessmentInA({ nhsNumber, versions: 2 });
    const doc = await portable.exportAssessment(inA, original, ctx);
    const imported = await portable.importAssessment(inB, JSON.parse(JSON.stringify(doc)), ctx);
    expect(imported.createdChild).toBe(true);

    const [child] = await testDb.db.query<{ id: string; area_code: string; given_name: string; postcode: string }>(
      'SELECT id, area_code, given_name, postcode FROM child WHERE area_code = $1 AND nhs_number = $2',
      [areaB, nhsNumber],
    );
    expect(child).toEqual({ id: imported.childId, area_code: areaB, given_name: 'Priya', postcode: 'KE1 4AB' });

    const { details, basis } = await assessments.view(inB, imported.assessmentId, ctx);
    expect(basis).toEqual({ kind: 'own organisation' });
    expect(details).toMatchObject({
      areaCode: areaB,
      childId: imported.childId,
      status: 'open',
      latestVersion: 2,
      importedFromArea: areaA,
      assessorName: 'Test practitioner',
    });
    expect(details.versions).toHaveLength(1);
    expect(details.versions[0]).toMatchObject({
      version: 2,
      changeNote: `Imported from Northshire (${areaA})`,
      content: doc.assessment.content,
    });
    expect(details.versions[0]?.completedAt.toISOString()).toBe(doc.assessment.completedAt);
    expect(details.consents[0]).toMatchObject({
      kind: 'given',
      givenByName: 'Asha Shah',
      toRecord: true,
      shareWith: [],
      recordedByName: inB.displayName,
    });
    expect(details.team.map((m) => [m.userId, m.service])).toEqual([[inB.id, 'Receiving practitioner']]);

    const [level] = await testDb.db.query<{ level: string }>('SELECT level FROM need_level_change WHERE child_id = $1', [imported.childId]);
    expect(level?.level).toBe('additional');
    const [entry] = await testDb.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'assessment.imported' AND subject_id = $1`,
      [imported.assessmentId],
    );
    expect(entry?.details).toMatchObject({
      childIds: [imported.childId],
      fromArea: { code: areaA, name: 'Northshire' },
      version: 2,
      createdChild: true,
    });

    // One open assessment per child (004 para 198): the same file again is refused.
    expect((await refusal(portable.importAssessment(inB, doc, ctx))).code).toBe('assessment_open');
  });

  it('attaches the assessment to a child already in the receiving area with the same NHS number', async () => {
    const nhsNumber = nextNhsNumber();
    const existing = await services.children.records.create(
      inB,
      { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2016-04-02', nhsNumber },
      ctx,
    );
    const doc = await portable.exportAssessment(inA, (await assessmentInA({ nhsNumber })).assessmentId, ctx);
    const childrenBefore = await count('child', areaB);
    const imported = await portable.importAssessment(inB, doc, ctx);
    expect(imported).toMatchObject({ childId: existing.id, createdChild: false });
    expect(await count('child', areaB)).toBe(childrenBefore);
  });

  it('carries a decision to share without consent, with its legal basis and who decided', async () => {
    const { assessmentId } = await assessmentInA();
    // ADR 0006: proposed by one person, approved by a second (here a practice manager).
    const proposalId = await services.assessment.sharing.propose(
      inA,
      assessmentId,
      { legalBasis: 'significant harm', detail: 'Bruising seen at school; section 47 enquiry under way' },
      ctx,
    );
    await services.assessment.sharing.decide(managerInA, proposalId, 'approved', '', ctx);
    const legalBasis = 'A child at risk of significant harm (Children Act 1989 s47): Bruising seen at school; section 47 enquiry under way';
    const doc = await portable.exportAssessment(inA, assessmentId, ctx);
    expect(doc.consent).toMatchObject({ kind: 'without consent', givenByName: '', decidedByName: managerInA.displayName, legalBasis });
    const imported = await portable.importAssessment(inB, doc, ctx);
    const { details } = await assessments.view(inB, imported.assessmentId, ctx);
    expect(details.consents[0]).toMatchObject({ kind: 'without consent', legalBasis, decidedByName: managerInA.displayName });
  });

  it('lists every fault with its JSON path and rule, and records nothing', async () => {
    const doc = await portable.exportAssessment(inA, (await assessmentInA()).assessmentId, ctx);
    const broken = JSON.parse(JSON.stringify(doc)) as Record<string, Record<string, unknown>>;
    delete broken.child?.dateOfBirth;
    if (broken.child) broken.child.nhsNumber = '9434765918';
    (broken.assessment?.content as Record<string, unknown>).levelOfNeed = 'severe';
    (broken.assessment?.content as { elements: Record<string, unknown> }).elements['development.astrology'] = { strengths: '', needs: 'x' };
    if (broken.assessment) broken.assessment.extra = 'not in the format';
    if (broken.consent) broken.consent.givenOn = '2024-02-30';
    const [assessmentsBefore, childrenBefore] = [await count('common_assessment', areaB), await count('child', areaB)];

    const error = await refusal(portable.importAssessment(inB, broken, ctx));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors.map((e) => `${e.field} ${e.rule}`).sort()).toEqual([
      '/assessment/content/elements/development.astrology unknown_element',
      '/assessment/content/levelOfNeed enum',
      '/assessment/extra additionalProperties',
      '/child/dateOfBirth required',
      '/child/nhsNumber nhs_number_check_digit',
      '/consent/givenOn format',
    ]);
    for (const e of error.fieldErrors) expect(e.message).toMatch(/\w{3,}/);
    expect(await count('common_assessment', areaB)).toBe(assessmentsBefore);
    expect(await count('child', areaB)).toBe(childrenBefore);
  });

  it('bounds the faults of a document with thousands of them, with the count of each kind', async () => {
    const doc = await portable.exportAssessment(inA, (await assessmentInA()).assessmentId, ctx);
    const broken = JSON.parse(JSON.stringify(doc)) as { assessment: { content: { elements: Record<string, unknown> } } };
    for (let i = 0; i < 5_000; i += 1) broken.assessment.content.elements[`made-up.${i}`] = { strengths: '', needs: '' };
    const started = performance.now();
    const error = await refusal(portable.importAssessment(inB, broken, ctx));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error.fieldErrors.filter((e) => e.rule === 'unknown_element')).toHaveLength(20);
    expect(error.fieldErrors.at(-1)).toMatchObject({ rule: 'more_faults' });
    // 5,000 unknown elements and the schema's own limit on how many elements there may be.
    expect(error.fieldErrors.at(-1)?.message).toMatch(/4,980 more faults of the kind "unknown_element" \(5,00\d faults in all\)/);
    expect(error.message.length).toBeLessThan(10_000);
  });

  it('refuses a format version it does not know, and a form it does not know', async () => {
    const doc = await portable.exportAssessment(inA, (await assessmentInA()).assessmentId, ctx);
    const future = await refusal(portable.importAssessment(inB, { ...doc, formatVersion: 2 }, ctx));
    expect(future.fieldErrors).toEqual([expect.objectContaining({ field: '/formatVersion', rule: 'unknown_format_version' })]);
    const local = await refusal(portable.importAssessment(inB, { ...doc, form: { code: 'caf-northshire', version: '1' } }, ctx));
    expect(local.fieldErrors.map((e) => `${e.field} ${e.rule}`)).toEqual(['/form unknown_form']);
  });

  it('refuses a file from its own area', async () => {
    const doc = await portable.exportAssessment(inA, (await assessmentInA()).assessmentId, ctx);
    const before = await count('common_assessment', areaA);
    const error = await refusal(portable.importAssessment(inA, doc, ctx));
    expect(error.fieldErrors.map((e) => `${e.field} ${e.rule}`)).toEqual(['/fromArea/code same_area']);
    expect(await count('common_assessment', areaA)).toBe(before);
  });

  it('documents a valid example', async () => {
    const markdown = await readFile(new URL('../../docs/portable-assessment-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]+?)\n```/.exec(markdown)?.[1];
    expect(example).toBeDefined();
    expect(() => readPortableAssessment(JSON.parse(example ?? '{}'), inB)).not.toThrow();
  });

  it('keeps the schema in step with the form rules', () => {
    const content = (
      portableAssessmentSchema.definitions as Record<string, { properties: Record<string, { maxLength?: number; enum?: unknown[] }> }>
    ).content;
    expect(content?.properties.levelOfNeed?.enum).toEqual(['', ...NATIONAL_NEED_LEVELS.values]);
    for (const field of ['reasonForAssessment', 'family', 'servicesInvolved', 'childViews', 'parentViews', 'conclusions'] as const) {
      expect(content?.properties[field]?.maxLength, field).toBe(TEXT_MAX);
    }
    const keys: (keyof PortableAssessment)[] = [
      'format',
      'formatVersion',
      'exportedAt',
      'fromArea',
      'form',
      'child',
      'assessment',
      'history',
      'consent',
      'leadProfessional',
      'team',
    ];
    expect(Object.keys(portableAssessmentSchema.properties as object).sort()).toEqual([...keys].sort());
  });
});
