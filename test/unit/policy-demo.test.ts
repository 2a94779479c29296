import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/area.js';
import { passwordProblem } from '../../src/platform/auth/passwords.js';
import { ACTIONS, can, requiresSecondFactor, ROLES } from '../../src/platform/policy.js';

describe('policy', () => {
  it('never lets a user act in another area, except a system administrator where allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES.values), fc.constantFrom(...ACTIONS), (role, action) => {
        const allowedAway = can({ role, areaCode: 'E06000001' }, action, 'E06000002');
        return !allowedAway || role === 'system_admin';
      }),
    );
  });

  it('asks every role that can see individual children for a second factor', () => {
    expect(ROLES.values.filter(requiresSecondFactor)).toEqual([
      'system_admin',
      'area_admin',
      'practitioner',
      'practice_manager',
      'auditor',
    ]);
  });
});

describe('demo area', () => {
  it('has a user of every role, with the published password, which no one else may choose', () => {
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES.values));
    // Published in the README: the demo's users have it, nobody else may choose it (issue 11 §12).
    expect(passwordProblem(DEMO_PASSWORD)?.rule).toBe('published_password');
  });

  it('has the lead authority, each relevant partner type of s10(4) as enacted, and others (000 §1.16, §1.18)', () => {
    const duties = new Set(DEMO_ORGANISATIONS.map((o) => o.dutyCode));
    expect(DEMO_ORGANISATIONS.filter((o) => o.dutyCode === 's10-1')).toHaveLength(1);
    for (const paragraph of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) expect(duties).toContain(`s10-4-${paragraph}`);
    // 000 §2.9: the LSCB is a distinct body, not a partner of the trust.
    expect(DEMO_ORGANISATIONS.some((o) => /Safeguarding Children Board/.test(o.name))).toBe(false);
    // Bodies without a duty say why they are in (000 §2.61).
    expect(DEMO_ORGANISATIONS.filter((o) => o.dutyCode === 'none').every((o) => (o.inclusionReason ?? '') !== '')).toBe(true);
    expect(DEMO_USERS.every((u) => DEMO_ORGANISATIONS.some((o) => o.name === u.organisation))).toBe(true);
  });
});
