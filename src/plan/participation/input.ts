import type { Enumeration } from '../../platform/enums.js';
import type { FieldErrors } from '../../platform/errors.js';

/** Reading what a form or the API sent about participation and consultation: each fault named by field and rule. */

/** Text as sent: trimmed, line ends made one kind. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '');

const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
const thousands = (n: number) => n.toLocaleString('en-GB');

/** Text that must be given, at most `max` characters (`required`, `max_length`). */
export function requiredText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text === '') errors.add(field, 'required', `Enter ${label}`);
  else if (text.length > max) errors.add(field, 'max_length', `${capital(label)} must be ${thousands(max)} characters or fewer`);
  return text;
}

/** Text that may be left empty, at most `max` characters (`max_length`). */
export function optionalText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text.length > max) errors.add(field, 'max_length', `${capital(label)} must be ${thousands(max)} characters or fewer`);
  return text;
}

/**
 * A day as 'YYYY-MM-DD' (the API) or 'D/M/YYYY' (as people type it): 'YYYY-MM-DD', null when left empty and
 * optional, or undefined with the fault added (`required`, `real_date`).
 */
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string, { optional = false } = {}): string | null | undefined {
  const text = textOf(value);
  if (text === '') {
    if (optional) return null;
    errors.add(field, 'required', `Enter ${label}`);
    return undefined;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (!y || Number(y) < 1990 || Number(y) > 2999 || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    errors.add(field, 'real_date', `${capital(label)} must be a real date, like 27/3/2027`);
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

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
