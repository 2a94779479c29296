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

  it('has the lead authority, the statutory relevant partners and others (000 §1.16, §1.18; 001 §3.2)', () => {
    const sectors = (status: string) => new Set(DEMO_ORGANISATIONS.filter((o) => o.partnerStatus === status).map((o) => o.sector));
    expect(DEMO_ORGANISATIONS.filter((o) => o.partnerStatus === 'lead authority')).toHaveLength(1);
    for (const sector of [
      'district council',
      'police',
      'probation',
      'youth offending',
      'health',
      'connexions',
      'learning and skills',
      'employment',
      'school',
      'college',
    ]) {
      expect(sectors('relevant partner')).toContain(sector);
    }
    for (const sector of ['voluntary and community', 'private', 'faith', 'health']) expect(sectors('other partner')).toContain(sector);
    expect(DEMO_USERS.every((u) => DEMO_ORGANISATIONS.some((o) => o.name === u.organisation))).toBe(true);
  });
});
