import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../src/platform/dates.js';

/** One date format on a page (issue 14): moments print their date as formatDate does, in UK time. */
describe('formatDateTime', () => {
  it('prints the date as formatDate does, and the time as GOV.UK writes it', () => {
    expect(formatDateTime(new Date('2026-12-02T15:39:00Z'))).toBe('2 December 2026 at 3:39pm');
    expect(formatDateTime(new Date('2026-12-02T00:05:00Z'))).toBe('2 December 2026 at 12:05am');
    expect(formatDateTime(new Date('2026-12-02T12:00:00Z'))).toBe('2 December 2026 at 12:00pm');
    expect(formatDateTime(new Date('2026-12-02T15:39:00Z')).startsWith(formatDate('2026-12-02'))).toBe(true);
  });

  it('uses UK time: in summer the day can change at 11pm UTC', () => {
    expect(formatDateTime(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026 at 12:30am');
  });

  it('prints nothing for no moment', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(new Date('not a date'))).toBe('');
  });
});
