import { readFileSync } from 'node:fs';
import { addDays } from './dates.js';

/**
 * Working days in England and Wales: not a Saturday or Sunday, and not a bank holiday. The bank
 * holidays are shipped as data (data/bank-holidays-england-and-wales.json, the dates published on
 * GOV.UK for 2004 to 2027, substitute days and one-off holidays included), so counting needs no
 * network. Past the last year the file holds, only weekends are skipped: add the next year's dates
 * when they are published.
 */

interface BankHolidayFile {
  division: string;
  source: string;
  events: { date: string; title: string }[];
}

const FILE: BankHolidayFile = JSON.parse(
  readFileSync(new URL('./data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8'),
) as BankHolidayFile;

const BANK_HOLIDAYS: ReadonlyMap<string, string> = new Map(FILE.events.map((e) => [e.date, e.title]));

/** The first and last years the shipped bank holidays cover. */
export const BANK_HOLIDAY_YEARS = {
  first: Number(FILE.events[0]?.date.slice(0, 4)),
  last: Number(FILE.events.at(-1)?.date.slice(0, 4)),
};

/** The bank holiday on an ISO date in England and Wales ('Boxing Day (substitute day)'), if it is one. */
export const bankHoliday = (isoDate: string): string | undefined => BANK_HOLIDAYS.get(isoDate);

/** Is the ISO date a working day in England and Wales? */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(isoDate);
}

/**
 * The ISO date `n` working days after `isoDate` (before it when `n` is negative): the day itself
 * does not count, whatever it is. With `n` 0, the date itself if it is a working day, else the next
 * working day. 004 para 202: a referral is acknowledged within a number of working days.
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(Date.parse(`${isoDate}T00:00:00Z`)))
    throw new RangeError(`Not an ISO date: ${isoDate}`);
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
  let date = isoDate;
  if (n === 0) {
    while (!isWorkingDay(date)) date = addDays(date, 1);
    return date;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    date = addDays(date, step);
    if (isWorkingDay(date)) left--;
  }
  return date;
}
