import { parseTypedDay } from '../../platform/effective-from.js';
import type { FieldErrors } from '../../platform/errors.js';

/**
 * A day as a form or the API sends it: 'YYYY-MM-DD' or 'D/M/YYYY' (as the house's other dates typed
 * in one box, platform/effective-from.ts). Blank gives null; a day that is not real adds the field's
 * error (`date_format`) and gives undefined.
 */
export function readDay(errors: FieldErrors, field: string, label: string, input: string | null | undefined): string | null | undefined {
  const text = (input ?? '').trim();
  if (text === '') return null;
  const value = parseTypedDay(text);
  if (value === undefined) {
    errors.add(field, 'date_format', `${label} must be a real date, like 31/3/2027`);
    return undefined;
  }
  return value;
}

/** The day before the same day `months` later: a period of whole months from `start`. */
export function periodEndAfter(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
