import type { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';

/** Reading what a form or the API sent about a body's business: each fault named by field and rule. */

/** Text as sent: trimmed, line ends made one kind. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '');

/** Text that must be given, at most `max` characters. */
export function requiredText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text === '') errors.add(field, 'required', `Enter ${label}`);
  else if (text.length > max) errors.add(field, 'max_length', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);
  return text;
}

/** Text that may be left empty, at most `max` characters. */
export function optionalText(errors: FieldErrors, field: string, value: unknown, label: string, max: number): string {
  const text = textOf(value);
  if (text.length > max) errors.add(field, 'max_length', `${label} must be ${max} characters or fewer`);
  return text;
}

/**
 * A day as 'YYYY-MM-DD' (the API) or 'D/M/YYYY' (as people type it): 'YYYY-MM-DD', or undefined with
 * the fault added (`required` unless optional, `real_date`).
 */
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string, { optional = false } = {}): string | undefined {
  const text = textOf(value);
  if (text === '') {
    if (!optional) errors.add(field, 'required', `Enter ${label}`);
    return undefined;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (!y || Number(y) < 1990 || Number(y) > 2999 || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    errors.add(field, 'real_date', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, like 27/3/2027`);
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Ids chosen in a list (checkboxes or a JSON array): each a uuid, once; a malformed one is a fault. */
export function readIds(errors: FieldErrors, field: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  const ids = list.filter((v): v is string => typeof v === 'string' && v !== '');
  if (ids.some((id) => !isUuid(id))) errors.add(field, 'known', 'Choose from the list');
  return [...new Set(ids.filter(isUuid))];
}

/** A count of votes: a whole number 0 or more, or undefined when left empty. */
export function readCount(errors: FieldErrors, field: string, value: unknown, label: string): number | undefined {
  const text = typeof value === 'number' ? String(value) : textOf(value);
  if (text === '') return undefined;
  if (!/^\d{1,4}$/.test(text)) {
    errors.add(field, 'whole_number', `${label} must be a whole number, 0 or more`);
    return undefined;
  }
  return Number(text);
}
