import type { FieldErrors } from '../platform/errors.js';
import { parseTypedDay } from '../platform/effective-from.js';
import { isUuid } from '../platform/ids.js';

/** Reading what a form or the API sent about a plan: each fault named by field and rule. */

/** Text as sent: trimmed, line ends made one kind. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '');

const capital = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)}`;

/** Text that must be given, at most `max` characters. */
export function requiredText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text === '') errors.add(field, 'required', `Enter ${label}`);
  else if (text.length > max)
    errors.add(
      field,
      'max_length',
      `${capital(label)} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`,
    );
  return text;
}

/** Text that may be left empty, at most `max` characters. */
export function optionalText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text.length > max)
    errors.add(
      field,
      'max_length',
      `${capital(label)} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`,
    );
  return text;
}

/**
 * A day as 'YYYY-MM-DD' (the API) or 'D/M/YYYY' (as people type it), read by the platform's `parseTypedDay`:
 * 'YYYY-MM-DD', null when left empty and optional, or undefined with the fault added (`required`, `real_date`).
 */
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string): string | undefined;
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string, options: { optional: boolean }): string | null | undefined;
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string, { optional = false } = {}): string | null | undefined {
  const text = textOf(value);
  if (text === '') {
    if (optional) return null;
    errors.add(field, 'required', `Enter ${label}`);
    return undefined;
  }
  const day = parseTypedDay(text);
  const year = Number(day?.slice(0, 4));
  if (day === undefined || year < 1990 || year > 2100) {
    errors.add(field, 'real_date', `${capital(label)} must be a real date, like 27/3/2027`);
    return undefined;
  }
  return day;
}

/** Values chosen in a list (checkboxes or a JSON array), each once. */
export function listOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  return [
    ...new Set(
      list
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

/** Ids chosen in a list: each a uuid; a malformed one is a fault. */
export function readIds(errors: FieldErrors, field: string, value: unknown): string[] {
  const ids = listOf(value);
  if (ids.some((id) => !isUuid(id))) errors.add(field, 'known', 'Choose from the list');
  return ids.filter(isUuid);
}

/** A yes/no as a checkbox or JSON sends it. */
export const yes = (value: unknown): boolean => value === true || value === 'yes' || value === 'true' || value === 'on';
