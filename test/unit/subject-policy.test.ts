import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentRules, type AssessmentFacts } from '../../src/assessment/subject-rules.js';
import type { Consent } from '../../src/assessment/types.js';
import { childRules, involvementRules } from '../../src/children/subject-rules.js';
import { ROLES } from '../../src/platform/policy.js';
import { defineSubjectRules, permit, refuse, subjectRuleTable, type Caller } from '../../src/platform/subject-policy.js';

/** The subject rule table (ADR 0009): deny by default, and each feature's rules against a plain reference. */

const caller = (overrides: Partial<Caller> = {}): Caller => ({
  userId: 'u1',
  role: 'practitioner',
  areaCode: 'E06000001',
  organisationId: 'org-a',
  organisationName: 'Organisation A',
  organisationSector: 'local authority',
  designatedSafeguarding: false,
  ...overrides,
});

describe('the subject policy', () => {
  it('refuses an action that has no rule', () => {
    const rules = defineSubjectRules<{ open: boolean }, { read: true; write: true }>('test: one rule', (allow) => [
      allow('any', 'read', (_, s) => s.open),
    ]);
    expect(rules.actions).toEqual(['read']);
    expect(rules.check(caller(), 'write', { open: true })).toEqual({ allowed: false, reason: 'No rule allows this' });
    // An action smuggled in at runtime matches no rule either.
    expect(rules.permits(caller(), 'delete' as 'read', { open: true })).toBe(false);
    expect(rules.permits(caller(), 'read', { open: true })).toBe(true);
  });

  it('refuses everything for a subject with no rules', () => {
    const none = defineSubjectRules<object, { read: true }>('test: no rules', () => []);
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES.values),
        fc.boolean(),
        (role, dsl) => !none.permits(caller({ role, designatedSafeguarding: dsl }), 'read', {}),
      ),
    );
  });

  it('refuses a role no rule names, and lets the first rule that allows decide', () => {
    const rules = defineSubjectRules<{ n: number }, { see: string }>('test: ordered', (allow) => [
      allow(['practice_manager'], 'see', () => permit('as manager')),
      allow(['practitioner'], 'see', (_, s) => (s.n > 0 ? permit('positive') : refuse('not positive'))),
      allow(['practitioner'], 'see', (_, s) => (s.n < -10 ? permit('very negative') : refuse('second reason'))),
    ]);
    expect(rules.check(caller({ role: 'practice_manager' }), 'see', { n: 0 })).toEqual({ allowed: true, basis: 'as manager' });
    expect(rules.check(caller(), 'see', { n: 1 })).toEqual({ allowed: true, basis: 'positive' });
    expect(rules.check(caller(), 'see', { n: -20 })).toEqual({ allowed: true, basis: 'very negative' });
    expect(rules.check(caller(), 'see', { n: 0 })).toEqual({ allowed: false, reason: 'not positive' });
    expect(rules.permits(caller({ role: 'auditor' }), 'see', { n: 1 })).toBe(false);
  });

  it('refuses to declare one subject twice', () => {
    expect(() => defineSubjectRules<object, { read: true }>('child', () => [])).toThrow(/declared twice/);
  });

  it('lists every feature’s subjects and actions in one table', () => {
    const table = subjectRuleTable();
    expect(table).toEqual(
      expect.arrayContaining([
        { subject: 'child', actions: ['view', 'export'] },
        { subject: 'involvement', actions: ['see service'] },
        { subject: 'assessment', actions: ['work on', 'open'] },
      ]),
    );
  });
});

describe('the child index’s rules', () => {
  const arbitraryCaller = fc.record({
    organisationId: fc.constantFrom('org-a', 'org-b'),
    designatedSafeguarding: fc.boolean(),
    role: fc.constantFrom(...ROLES.values),
  });
  const shielded = fc.option(fc.record({ organisationId: fc.constantFrom('org-a', 'org-b') }), { nil: null });

  it('shows a shielded record only to the organisation that shielded it and designated safeguarding leads (ADR 0005)', () => {
    fc.assert(
      fc.property(arbitraryCaller, shielded, (c, s) => {
        const expected = s === null || s.organisationId === c.organisationId || c.designatedSafeguarding;
        return childRules.permits(caller(c), 'view', { shielded: s }) === expected;
      }),
    );
  });

  it('lets only a designated safeguarding lead export a shielded record', () => {
    fc.assert(
      fc.property(
        arbitraryCaller,
        shielded,
        (c, s) => childRules.permits(caller(c), 'export', { shielded: s }) === (s === null || c.designatedSafeguarding),
      ),
    );
  });

  it('masks a sensitive service to anyone outside its organisation, designated or not', () => {
    fc.assert(
      fc.property(arbitraryCaller, fc.boolean(), fc.constantFrom('org-a', 'org-b'), (c, sensitive, organisationId) => {
        const expected = !sensitive || organisationId === c.organisationId;
        return involvementRules.permits(caller(c), 'see service', { sensitive, organisationId }) === expected;
      }),
    );
  });
});

describe('front-line work’s rules', () => {
  const consent = (overrides: Partial<Consent>): Consent => ({
    id: 'c1',
    kind: 'given',
    givenByName: 'Sarah Cole',
    givenByRelationship: 'parent or carer',
    toRecord: true,
    shareWith: [],
    givenOn: '2024-01-01',
    method: 'in writing',
    legalBasis: '',
    decidedByName: '',
    recordedByName: 'Assessor',
    recordedAt: new Date(0),
    withdrawnAt: null,
    withdrawnByName: null,
    withdrawalNote: '',
    ...overrides,
  });
  const facts = (overrides: Partial<AssessmentFacts> = {}): AssessmentFacts => ({
    assessment: { assessorUserId: 'assessor', assessorOrganisationId: 'org-holding' },
    team: [{ userId: 'u1', leftOn: null }],
    consents: [],
    ...overrides,
  });

  it('lets the team, the assessor and practice managers work on an assessment, and no one else', () => {
    expect(assessmentRules.permits(caller(), 'work on', facts())).toBe(true);
    expect(assessmentRules.permits(caller({ userId: 'assessor' }), 'work on', facts({ team: [] }))).toBe(true);
    expect(assessmentRules.permits(caller({ role: 'practice_manager' }), 'work on', facts({ team: [] }))).toBe(true);
    expect(assessmentRules.permits(caller(), 'work on', facts({ team: [{ userId: 'u1', leftOn: '2024-01-01' }] }))).toBe(false);
    expect(assessmentRules.check(caller(), 'open', facts({ team: [] }))).toMatchObject({
      allowed: false,
      reason: /Only the team around the child/,
    });
  });

  it('opens an assessment to a team member on the basis it is shared with their organisation', () => {
    const holding = caller({ organisationId: 'org-holding' });
    expect(assessmentRules.check(holding, 'open', facts())).toEqual({ allowed: true, basis: { kind: 'own organisation' } });
    expect(assessmentRules.check(caller(), 'open', facts())).toMatchObject({ allowed: false, reason: /No consent to share/ });
    const covering = consent({ shareWith: [{ id: 'org-a', name: 'Organisation A' }] });
    expect(assessmentRules.check(caller(), 'open', facts({ consents: [covering] }))).toEqual({
      allowed: true,
      basis: { kind: 'consent', consentId: 'c1' },
    });
    const withdrawn = { ...covering, withdrawnAt: new Date(0) };
    expect(assessmentRules.check(caller(), 'open', facts({ consents: [withdrawn, covering] }))).toMatchObject({ reason: /withdrawn/ });
    expect(assessmentRules.check(caller(), 'open', facts({ consents: [consent({})] }))).toMatchObject({
      reason: 'The consent recorded does not cover sharing with Organisation A.',
    });
    // A practice manager is on every team, but still needs a basis to open it.
    expect(assessmentRules.check(caller({ role: 'practice_manager' }), 'open', facts({ team: [] }))).toMatchObject({
      reason: /No consent to share/,
    });
  });
});
