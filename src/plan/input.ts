import type { FieldErrors } from '../platform/errors.js';
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

/** A day as 'YYYY-MM-DD' (the API) or 'D/M/YYYY' (as people type it); undefined with the fault added. */
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string): string | undefined {
  const text = textOf(value);
  if (text === '') {
    errors.add(field, 'required', `Enter ${label}`);
    return undefined;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (!y || Number(y) < 2000 || Number(y) > 2100 || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    errors.add(field, 'real_date', `${capital(label)} must be a real date, like 1/4/2026`);
    return undefined;
  }
  return date.toISOString().slice(0, 10);
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
