import { describe, expect, it } from 'vitest';
import { lapsedKinds } from '../../src/admin/service.js';
import { INDEX_REQUIREMENTS } from '../../src/admin/training.js';

// The child index's authorised-user rule reads the training dates the session carries (ADR 0047):
// a record counts from the day it was completed until the day before it expires.
describe('lapsed training kinds', () => {
  const today = '2026-06-15';
  const record = (kind: string, completedOn: string, expiresOn: string) => ({ kind, completedOn, expiresOn });

  it('names every required kind never recorded, with no expiry', () => {
    expect(lapsedKinds([], INDEX_REQUIREMENTS, today)).toEqual([
      { kind: 'child_index_training', expiresOn: null },
      { kind: 'enhanced_dbs_check', expiresOn: null },
    ]);
  });

  it('counts a record until the day before it expires, and the latest renewal wins', () => {
    const training = [
      record('child_index_training', '2024-01-01', '2025-01-01'),
      record('child_index_training', '2025-01-01', '2026-06-16'),
      record('enhanced_dbs_check', '2023-06-15', '2026-06-15'),
      record('safeguarding_training', '2020-01-01', '2021-01-01'),
    ];
    expect(lapsedKinds(training, INDEX_REQUIREMENTS, today)).toEqual([{ kind: 'enhanced_dbs_check', expiresOn: '2026-06-15' }]);
  });

  it('ignores a record completed after today, naming the latest expiry of those before it', () => {
    const training = [
      record('child_index_training', '2026-06-16', '2027-06-16'),
      record('child_index_training', '2025-01-01', '2026-01-01'),
      record('enhanced_dbs_check', '2026-06-15', '2029-06-15'),
    ];
    expect(lapsedKinds(training, INDEX_REQUIREMENTS, today)).toEqual([{ kind: 'child_index_training', expiresOn: '2026-01-01' }]);
  });
});
