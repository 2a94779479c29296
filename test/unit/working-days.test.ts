import { describe, expect, it } from 'vitest';
import { addWorkingDays, BANK_HOLIDAY_YEARS, bankHoliday, isWorkingDay } from '../../src/platform/working-days.js';

describe('addWorkingDays: weekends and England and Wales bank holidays skipped', () => {
  it('counts an ordinary week, over a weekend', () => {
    expect(addWorkingDays('2026-11-30', 3)).toBe('2026-12-03'); // Monday + 3 = Thursday
    expect(addWorkingDays('2026-12-03', 2)).toBe('2026-12-07'); // Thursday + 2 = Monday
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07'); // from a Saturday: Monday
    expect(addWorkingDays('2026-12-07', -1)).toBe('2026-12-04'); // back over the weekend
  });

  it('skips Good Friday and Easter Monday', () => {
    // Easter 2026 is 5 April: Good Friday 3 April, Easter Monday 6 April.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-01', 3)).toBe('2026-04-08');
    // Easter 2027 falls in March: Good Friday 26 March, Easter Monday 29 March.
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
  });

  it('skips Christmas and Boxing Day and their substitute days when they fall on a weekend', () => {
    // 2026: Christmas on a Friday, Boxing Day on a Saturday, its substitute Monday 28 December.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-05'); // 29, 30, 31 Dec, (1 Jan a holiday), 4, 5 Jan
    // 2027: Christmas on a Saturday: Monday 27 and Tuesday 28 December.
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    // 2022: Christmas on a Sunday: Boxing Day Monday 26, Christmas's substitute Tuesday 27.
    expect(addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    // New Year's Day 2022 on a Saturday: Monday 3 January instead.
    expect(addWorkingDays('2021-12-31', 1)).toBe('2022-01-04');
  });

  it('knows the one-off bank holidays and moved ones', () => {
    for (const day of ['2011-04-29', '2012-06-04', '2012-06-05', '2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'])
      expect(isWorkingDay(day), day).toBe(false);
    // The usual days those moved from were working days.
    expect(isWorkingDay('2012-05-28')).toBe(true);
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(isWorkingDay('2022-05-30')).toBe(true);
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(bankHoliday('2022-09-19')).toMatch(/State Funeral/);
  });

  it('holds eight bank holidays a year, more in the years of one-offs, never on a weekend', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2004, last: 2027 });
    const extra: Record<number, number> = { 2011: 1, 2012: 1, 2022: 2, 2023: 1 };
    for (let year = 2004; year <= 2027; year++) {
      let count = 0;
      for (let d = `${year}-01-01`; d.startsWith(String(year)); d = nextDay(d)) {
        const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (bankHoliday(d)) {
          count++;
          expect(weekday === 0 || weekday === 6, d).toBe(false);
        }
      }
      expect(count, String(year)).toBe(8 + (extra[year] ?? 0));
    }
  });

  it('with 0, gives the day itself when it is a working day, else the next one', () => {
    expect(addWorkingDays('2026-12-03', 0)).toBe('2026-12-03');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-29');
  });

  it('refuses what is not a date or a whole number', () => {
    expect(() => addWorkingDays('2026-13-40', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-01', 1.5)).toThrow(RangeError);
  });
});

function nextDay(d: string): string {
  const date = new Date(`${d}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
