import { describe, expect, it } from 'vitest';
import { EarlierIdentifiers } from '../../src/children/import/earlier.js';

const row = (i: number) => ({
  source: 'school-census',
  source_id: `S${i}`,
  nhs: i % 3 ? String(9_000_000_000 + i) : null,
  upn: i % 2 ? `A${String(i).padStart(12, '0')}` : null,
});

describe('EarlierIdentifiers (the child import: may a row repeat an earlier one?)', () => {
  it('never says no to a row whose source record, NHS number or UPN it noted, and rarely says maybe to a new one', () => {
    const earlier = new EarlierIdentifiers(200_000 * 100);
    let maybe = 0;
    for (let i = 0; i < 200_000; i++) if (earlier.note(row(i))) maybe += 1;
    expect(maybe).toBeLessThan(200);
    for (let i = 0; i < 200_000; i += 997) {
      expect(earlier.note(row(i))).toBe(true);
      expect(earlier.note({ ...row(i), source_id: `other ${i}`, upn: null })).toBe(i % 3 !== 0);
      expect(earlier.note({ ...row(i + 1_000_000), upn: row(i).upn })).toBe(row(i).upn !== null);
    }
  });
});
