import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStatement, shareOut, statementCsv, type StatementEntry, type StatementInput } from '../../src/commissioning/index.js';

/** The statement (ADR 0028): whole pence, lines that add up, partners' shares that reconcile to the penny. */

const contribution = (organisationId: string, financialYear: number, amountPence: number | null, kind: 'money' | 'staff' | 'goods' | 'accommodation' = 'money') => ({
  organisationId,
  organisationName: { la: 'County Council', pct: 'Primary Care Trust', vol: 'Voluntary Action' }[organisationId] ?? organisationId,
  financialYear,
  kind,
  amountPence,
});
let n = 0;
const entry = (kind: 'commitment' | 'spend', amountPence: number, financialYear: number, extra: Partial<StatementEntry> = {}): StatementEntry => ({
  id: `e${(n += 1)}`,
  kind,
  amountPence,
  financialYear,
  serviceId: 'camhs',
  serviceName: 'CAMHS',
  organisationId: null,
  settlesEntryId: null,
  ...extra,
});

describe('shareOut', () => {
  it('shares whole pence in proportion, the remainder to the largest fractions, adding up exactly', () => {
    expect(shareOut(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(shareOut(1, [1, 2])).toEqual([0, 1]);
    expect(shareOut(1000, [0, 0])).toEqual([0, 0]);
    expect(shareOut(10_000_000_000, [9_999_999_999, 1])).toEqual([9_999_999_999, 1]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 6 }), (amount, weights) => {
        const shares = shareOut(amount, weights);
        const total = shares.reduce((a, s) => a + s, 0);
        return weights.every((w) => w === 0) ? total === 0 : total === amount && shares.every((s) => s >= 0 && Number.isInteger(s));
      }),
    );
  });
});

describe('buildStatement', () => {
  const pooled: StatementInput = {
    fund: { id: 'f', name: 'CAMHS pool', kind: 'pooled' },
    years: [2025, 2026],
    contributions: [
      contribution('la', 2025, 100_000_01),
      contribution('pct', 2025, 50_000_00),
      contribution('vol', 2025, 12_000_00, 'staff'),
      contribution('vol', 2025, null, 'accommodation'),
      contribution('la', 2026, 33_333_33),
    ],
    entries: [],
  };

  it('counts money and in kind apart, by financial year, and carries the balance forward', () => {
    const c1 = entry('commitment', 40_000_00, 2025);
    const s = buildStatement({
      ...pooled,
      entries: [c1, entry('spend', 10_000_00, 2025, { settlesEntryId: c1.id }), entry('spend', 1, 2026), entry('spend', 30_000_00, 2026, { settlesEntryId: c1.id })],
    });
    const [y25, y26] = s.lines;
    expect(y25).toMatchObject({ label: '2025-26', contributedPence: 150_000_01, inKindValuedPence: 12_000_00, inKindUnvalued: 1, committedPence: 0, spentPence: 10_000_00 });
    expect(y25?.remainingPence).toBe(140_000_01);
    expect(y26).toMatchObject({ label: '2026-27', contributedPence: 33_333_33, spentPence: 30_000_01, remainingPence: 3_333_32 });
    expect(y26?.balancePence).toBe(143_333_33);
    expect(s.total).toMatchObject({ label: 'Total', contributedPence: 183_333_34, spentPence: 40_000_01, committedPence: 0, remainingPence: 143_333_33, balancePence: 143_333_33 });
    expect(s.byService).toEqual([{ serviceId: 'camhs', serviceName: 'CAMHS', committedPence: 0, spentPence: 40_000_01 }]);
  });

  it('gives each partner of a pool its share by money put in, adding up to the fund’s lines to the penny', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 5_000_000_00 }), fc.constantFrom(2025, 2026)), { maxLength: 12 }), (rows) => {
        const s = buildStatement({ ...pooled, entries: rows.map(([c, amount, year]) => entry(c ? 'commitment' : 'spend', amount, year)) });
        for (const [i, l] of [...s.lines, s.total].entries()) {
          const ofPartners = (key: 'committedPence' | 'spentPence' | 'contributedPence' | 'remainingPence') =>
            s.partners.reduce((a, p) => a + ((i < s.lines.length ? p.lines[i] : p.total)?.[key] ?? 0), 0);
          expect(ofPartners('committedPence')).toBe(l.committedPence);
          expect(ofPartners('spentPence')).toBe(l.spentPence);
          expect(ofPartners('contributedPence')).toBe(l.contributedPence);
          expect(ofPartners('remainingPence')).toBe(l.remainingPence);
        }
        expect(s.lines.reduce((a, l) => a + l.remainingPence, 0)).toBe(s.total.remainingPence);
      }),
    );
    // The council put in £133,333.34 of the £183,333.34 over the fund's life (72.7%), the PCT £50,000 (27.3%);
    // the voluntary partner staff and accommodation, no money: no share of the spending.
    const s = buildStatement({ ...pooled, entries: [entry('spend', 100, 2025)] });
    expect(s.partners.map((p) => [p.organisationName, p.basis, p.total.spentPence])).toEqual([
      ['County Council', 'share', 73],
      ['Primary Care Trust', 'share', 27],
      ['Voluntary Action', 'share', 0],
    ]);
  });

  it('gives each partner of aligned budgets its own commitments and spending', () => {
    const s = buildStatement({
      fund: { id: 'a', name: 'Parenting support', kind: 'aligned' },
      contributions: [contribution('la', 2025, 1000), contribution('pct', 2025, 500)],
      entries: [entry('spend', 300, 2025, { organisationId: 'pct' }), entry('commitment', 200, 2025, { organisationId: 'la' })],
    });
    expect(s.partners.map((p) => [p.organisationName, p.basis, p.total.committedPence, p.total.spentPence, p.total.remainingPence])).toEqual([
      ['County Council', 'own', 200, 0, 800],
      ['Primary Care Trust', 'own', 0, 300, 200],
    ]);
    expect(s.total.remainingPence).toBe(1000);
  });

  it('writes the CSV with pounds and pence a spreadsheet reads as numbers', () => {
    const csv = statementCsv(buildStatement({ ...pooled, entries: [entry('spend', 200_000_00, 2025)] }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Fund,Partner,Basis,Financial year,Contributed (£),In kind valued (£),In kind unvalued (count),Committed (£),Spent (£),Remaining (£),Balance carried (£)');
    expect(lines[1]).toBe('CAMHS pool,All partners,fund,2025-26,150000.01,12000.00,1,0.00,200000.00,-49999.99,-49999.99');
    expect(lines).toHaveLength(1 + 3 + 3 * 3);
  });
});
