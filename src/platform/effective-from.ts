import { formatDate } from './dates.js';
import type { FieldErrors } from './errors.js';

/**
 * The one way a change says when it takes effect (issue 13 item 4): a day, `effectiveFrom`, that is
 * today (the clock's) or later, never a day already past; what is in force on a day is the latest
 * change whose day is on or before it. The settings registry (settings.ts) and the levels of need
 * (assessment/levels/) both take their dates this way, with the same field, rule and words.
 */

export const EFFECTIVE_FROM = 'effectiveFrom';
const LABEL = 'The date it takes effect';

/** Adds the field's error when the day is before today. */
export function refusePastEffectiveFrom(errors: FieldErrors, day: string, today: string): void {
  if (day < today) errors.add(EFFECTIVE_FROM, 'date_in_past', `${LABEL} must be today or later (today is ${formatDate(today)})`);
}

/**
 * A day typed in one box: 'YYYY-MM-DD' or 'D/M/YYYY' (dots or dashes too), as 'YYYY-MM-DD'; undefined
 * when it is not a real day.
 */
export function parseTypedDay(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const value = `${year ?? ''}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !year || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value;
}

/**
 * The day a change takes effect, as sent: blank for today, 'YYYY-MM-DD' or 'D/M/YYYY'. A day that
 * is not a real date, or is past, adds the field's error and gives undefined.
 */
export function readEffectiveFrom(errors: FieldErrors, input: string | undefined, today: string): string | undefined {
  const text = (input ?? '').trim();
  if (text === '') return today;
  const value = parseTypedDay(text);
  if (value === undefined) {
    errors.add(EFFECTIVE_FROM, 'date_format', `${LABEL} must be a real date, like 1/4/2027, or blank for today`);
    return undefined;
  }
  const before = errors.errors.length;
  refusePastEffectiveFrom(errors, value, today);
  return errors.errors.length > before ? undefined : value;
}
