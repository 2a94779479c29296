import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The shipped England and Wales bank holidays (src/platform/data/), checked against the rules that
 * make them rather than by eye: the Banking and Financial Dealings Act 1971 Schedule 1 (Easter Monday,
 * the last Monday in May and in August, 26 December if not a Sunday, with 27 December when Christmas
 * Day or Boxing Day is a Sunday), New Year's Day and the early May bank holiday by proclamation each
 * year since 1974 and 1978, Good Friday and Christmas Day as common-law holidays, a day in lieu when
 * one falls at a weekend, and the one-off days and moves proclaimed in these years. A year whose dates
 * the file gets wrong fails here, naming the dates missing and the dates not due.
 */

interface Holidays {
  source: string;
  events: { date: string; title: string }[];
}
const data = JSON.parse(readFileSync(new URL('../../src/platform/data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8')) as Holidays;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const plus = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const weekday = (d: Date) => d.getUTCDay(); // 0 Sunday ... 6 Saturday

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easter(y: number): Date {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return day(y, month, ((h + l - 7 * m + 114) % 31) + 1);
}
const firstMonday = (y: number, m: number) => {
  const first = day(y, m, 1);
  return plus(first, (8 - weekday(first)) % 7);
};
const lastMonday = (y: number, m: number) => {
  const last = plus(day(y, m + 1, 1), -1);
  return plus(last, -((weekday(last) + 6) % 7));
};

/** Moves and one-off days proclaimed in the years the file covers. */
const MOVED: Record<string, string> = {
  '2012-05-28': '2012-06-04', // spring bank holiday moved for the Diamond Jubilee
  '2020-05-04': '2020-05-08', // early May bank holiday moved for the 75th anniversary of VE Day
  '2022-05-30': '2022-06-02', // spring bank holiday moved for the Platinum Jubilee
};
const ONE_OFF = ['2011-04-29', '2012-06-05', '2022-06-03', '2022-09-19', '2023-05-08'];

function dueIn(y: number): string[] {
  const dates: string[] = [];
  const newYear = day(y, 1, 1);
  dates.push(iso(weekday(newYear) === 6 ? plus(newYear, 2) : weekday(newYear) === 0 ? plus(newYear, 1) : newYear));
  const sunday = easter(y);
  dates.push(iso(plus(sunday, -2)), iso(plus(sunday, 1)));
  dates.push(iso(firstMonday(y, 5)), iso(lastMonday(y, 5)), iso(lastMonday(y, 8)));
  // Christmas Day and Boxing Day, each on the next weekday not already a holiday when it falls at a weekend.
  const christmas = weekday(day(y, 12, 25));
  if (christmas === 6) dates.push(`${y}-12-27`, `${y}-12-28`);
  else if (christmas === 5) dates.push(`${y}-12-25`, `${y}-12-28`);
  else if (christmas === 0) dates.push(`${y}-12-26`, `${y}-12-27`);
  else dates.push(`${y}-12-25`, `${y}-12-26`);
  return dates.map((d) => MOVED[d] ?? d).concat(ONE_OFF.filter((d) => d.startsWith(`${y}-`)));
}

describe('the shipped bank holidays of England and Wales', () => {
  const years = [...new Set(data.events.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b);

  it('covers every year from 2004 to 2027 without a gap', () => {
    expect(years[0]).toBeLessThanOrEqual(2004);
    expect(years.at(-1)).toBeGreaterThanOrEqual(2027);
    expect(years.length).toBe((years.at(-1) ?? 0) - (years[0] ?? 0) + 1);
  });

  it.each(Array.from({ length: 24 }, (_, i) => 2004 + i))('holds exactly the days due in %i', (year) => {
    const shipped = data.events.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.date);
    const due = dueIn(year);
    expect({ missing: due.filter((d) => !shipped.includes(d)), notDue: shipped.filter((d) => !due.includes(d)) }).toEqual({
      missing: [],
      notDue: [],
    });
  });

  it('never lists a weekend day, nor the same day twice', () => {
    expect(data.events.filter((e) => [0, 6].includes(weekday(new Date(`${e.date}T00:00:00Z`))))).toEqual([]);
    expect(new Set(data.events.map((e) => e.date)).size).toBe(data.events.length);
  });
});
