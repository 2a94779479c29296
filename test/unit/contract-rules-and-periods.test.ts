import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween, readPeriod } from '../../src/commissioning/contracts/periods.js';
import { contractRules } from '../../src/commissioning/contracts/rules.js';
import { ROLES } from '../../src/platform/policy.js';
import type { Caller } from '../../src/platform/subject-policy.js';

/** ADR 0030: who may enter a contract's returns, and the periods returns are for (quarters of the financial year, months). */

const caller = (c: Partial<Caller>): Caller => ({
  userId: 'u1',
  role: 'practitioner',
  areaCode: 'E06000001',
  organisationId: 'org-a',
  organisationName: 'A',
  organisationSector: 'voluntary and community',
  designatedSafeguarding: false,
  ...c,
});

describe('the contract rule', () => {
  it('lets the commissioner, or the providing partner’s own front-line staff, enter returns; nobody of another area', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES.values),
        fc.constantFrom('org-a', 'org-b'),
        fc.constantFrom('E06000001', 'E06000002'),
        fc.option(fc.constantFrom('org-a', 'org-b'), { nil: null }),
        (role, organisationId, areaCode, provider) => {
          const allowed = contractRules.permits(caller({ role, organisationId, areaCode }), 'enter returns', {
            areaCode: 'E06000001',
            providerOrganisationId: provider,
          });
          const expected =
            areaCode === 'E06000001' &&
            (role === 'planner' ||
              ((role === 'practitioner' || role === 'practice_manager') && provider !== null && organisationId === provider));
          expect(allowed).toBe(expected);
        },
      ),
    );
  });

  it('keeps managing to the commissioner', () => {
    for (const role of ROLES.values)
      expect(contractRules.permits(caller({ role }), 'manage', { areaCode: 'E06000001', providerOrganisationId: 'org-a' })).toBe(
        role === 'planner',
      );
  });
});

describe('monitoring periods', () => {
  it('reads quarters of the financial year across the turn of the year', () => {
    expect(readPeriod('quarterly', '2025-26 Q4')).toMatchObject({ start: '2026-01-01', end: '2026-03-31', code: '2025-26 Q4' });
    expect(readPeriod('quarterly', 'Q1 2025-26')).toMatchObject({ start: '2025-04-01', end: '2025-06-30' });
    expect(readPeriod('quarterly', '2025-07-01')?.code).toBe('2025-26 Q2');
    expect(readPeriod('quarterly', '2025-07-02')).toBeUndefined();
    expect(readPeriod('quarterly', '2025-27 Q1')).toBeUndefined();
    expect(readPeriod('quarterly', '1999-00 Q3')).toMatchObject({ start: '1999-10-01', end: '1999-12-31' });
    expect(readPeriod('monthly', '2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29', words: 'February 2024' });
    expect(readPeriod('monthly', '2024-13')).toBeUndefined();
    expect(periodOf('quarterly', '2026-03-31').code).toBe('2025-26 Q4');
    expect(periodOf('quarterly', '2026-04-01').code).toBe('2026-27 Q1');
  });

  it('gives every period of a term once, in order, each starting the day after the last ended', () => {
    const quarters = periodsBetween('quarterly', '2025-04-01', '2027-03-31');
    expect(quarters.map((p) => p.code)).toEqual([
      '2025-26 Q1',
      '2025-26 Q2',
      '2025-26 Q3',
      '2025-26 Q4',
      '2026-27 Q1',
      '2026-27 Q2',
      '2026-27 Q3',
      '2026-27 Q4',
    ]);
    const months = periodsBetween('monthly', '2025-11-15', '2026-02-01');
    expect(months.map((p) => p.code)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
