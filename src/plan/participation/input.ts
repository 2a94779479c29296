import type { Enumeration } from '../../platform/enums.js';
import type { FieldErrors } from '../../platform/errors.js';
import { textOf } from '../input.js';

/** Reading what a form or the API sent about participation and consultation: each fault named by field and rule. */

// Text and days are read as the rest of the plan reads them (plan/input.ts).
export { optionalText, readDay, requiredText, textOf } from '../input.js';
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
const thousands = (n: number) => n.toLocaleString('en-GB');

/** One value of an enumeration (`required` or, when given but not one of them, `one_of`). */
export function readOne<V extends string>(errors: FieldErrors, field: string, value: unknown, list: Enumeration<V>, message: string, { optional = false } = {}): V | null {
  const text = textOf(value);
  if (text === '') {
    if (!optional) errors.add(field, 'required', message);
    return null;
  }
  if (!list.is(text)) {
    errors.add(field, 'one_of', message);
    return null;
  }
  return text;
}

/** Values of an enumeration chosen in checkboxes or sent as a JSON array, each once (`required`, `one_of`). */
export function readMany<V extends string>(errors: FieldErrors, field: string, value: unknown, list: Enumeration<V>, message: string): V[] {
  const raw = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(textOf).filter((v) => v !== '');
  if (raw.length === 0) errors.add(field, 'required', message);
  else if (raw.some((v) => !list.is(v))) errors.add(field, 'one_of', message);
  return [...new Set(raw.filter((v): v is V => list.is(v)))];
}

/** A whole number between limits (`required`, `whole_number`, `range`). */
export function readWhole(errors: FieldErrors, field: string, value: unknown, label: string, min: number, max: number): number | undefined {
  const text = typeof value === 'number' ? String(value) : textOf(value);
  if (text === '') return void errors.add(field, 'required', `Enter ${label}`);
  if (!/^\d{1,9}$/.test(text)) return void errors.add(field, 'whole_number', `${capital(label)} must be a whole number, like 12`);
  const n = Number(text);
  if (n < min || n > max) return void errors.add(field, 'range', `${capital(label)} must be between ${thousands(min)} and ${thousands(max)}`);
  return n;
}
