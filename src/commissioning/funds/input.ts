import { FieldErrors } from '../../platform/errors.js';
import { parseTypedDay } from '../../platform/effective-from.js';
import { checkMoney } from '../../platform/money.js';

/** Reading a fund's forms and API bodies: each fault names its field and rule (ADR 0028). */

export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function requiredText(errors: FieldErrors, field: string, value: unknown, words: string, max = 4000): string {
  const t = text(value);
  if (t === '') errors.add(field, 'required', `Enter ${words}`);
  else if (t.length > max) errors.add(field, 'too_long', `${words[0]?.toUpperCase() ?? ''}${words.slice(1)} must be ${max} characters or fewer`);
  return t;
}

export function optionalText(errors: FieldErrors, field: string, value: unknown, words: string, max = 1000): string {
  const t = text(value);
  if (t.length > max) errors.add(field, 'too_long', `${words} must be ${max} characters or fewer`);
  return t;
}

/** A day typed as YYYY-MM-DD or D/M/YYYY. */
export function requiredDay(errors: FieldErrors, field: string, value: unknown, words: string): string {
  const t = text(value);
  if (t === '') {
    errors.add(field, 'required', `Enter ${words}`);
    return '';
  }
  const day = parseTypedDay(t);
  if (day === undefined) errors.add(field, 'date_format', `${words[0]?.toUpperCase() ?? ''}${words.slice(1)} must be a real date, like 1/4/2026`);
  return day ?? '';
}

/**
 * An amount: typed pounds and pence (`amount`, as on a form: more than two decimals, a negative or a non-number
 * refused) or whole pence (`amountPence`, as JSON may send it). Undefined when at fault (the error is added).
 */
export function amountOf(
  errors: FieldErrors,
  input: { amount?: unknown; amountPence?: unknown },
  options: { label: string; required: boolean; allowZero: boolean },
): number | null | undefined {
  if (input.amountPence !== undefined && input.amountPence !== null && input.amountPence !== '') {
    const pence = input.amountPence;
    if (typeof pence !== 'number' || !Number.isSafeInteger(pence)) {
      errors.add('amountPence', 'whole_pence', `Give ${options.label} in whole pence (an integer)`);
      return undefined;
    }
    if (pence < 0) errors.add('amountPence', 'not_negative', `Enter ${options.label} of £0 or more: it cannot be negative`);
    else if (pence === 0 && !options.allowZero) errors.add('amountPence', 'positive', `Enter ${options.label} of more than £0`);
    return errors.has('amountPence') ? undefined : pence;
  }
  const typed = typeof input.amount === 'number' ? String(input.amount) : text(input.amount);
  if (typed === '' && !options.required) return null;
  const checked = checkMoney(typed, { field: 'amount', label: options.label, allowZero: options.allowZero });
  if ('error' in checked) {
    errors.add('amount', checked.error.rule, checked.error.message);
    return undefined;
  }
  return checked.pence;
}

/** A list of ids sent as one value or many (a form's checkboxes, or JSON's array). */
export const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
