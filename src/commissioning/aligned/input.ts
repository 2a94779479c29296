import { parseTypedDay } from '../../platform/effective-from.js';
import type { FieldErrors } from '../../platform/errors.js';
import { checkMoney, formatMoney, MAX_PENCE } from '../../platform/money.js';

/** Reading aligned budgets' inputs field by field, each fault naming its field and rule (ADR 0032). */

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A day typed in one box, or undefined with the field's error. */
export function dayInto(errors: FieldErrors, field: string, value: unknown, label: string, required = true): string | null | undefined {
  const text = textOf(value);
  if (text === '') {
    if (required) errors.add(field, 'required', `Enter ${label}`);
    return required ? undefined : null;
  }
  const day = parseTypedDay(text);
  if (day === undefined)
    errors.add(field, 'date_format', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, like 1/4/2026`);
  return day;
}

/**
 * An amount as typed on a form ("£1,234.56", more than two decimals refused) or as whole pence from the API
 * (an integer; a fraction of a penny is refused the same way). Negative refused: 000 §2.49 contributions and
 * bookings are never negative; corrections are not made by booking minus amounts.
 */
export function amountInto(
  errors: FieldErrors,
  value: unknown,
  { field = 'amount', label = 'the amount', allowZero = true }: { field?: string; label?: string; allowZero?: boolean } = {},
): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) errors.add(field, 'two_decimals', `Give ${label} in whole pence`);
    else if (value < 0) errors.add(field, 'not_negative', `Enter ${label} of £0 or more: it cannot be negative`);
    else if (value === 0 && !allowZero) errors.add(field, 'positive', `Enter ${label} of more than £0`);
    else if (value > MAX_PENCE) errors.add(field, 'too_large', `Enter ${label} of no more than ${formatMoney(MAX_PENCE)}`);
    else return value;
    return undefined;
  }
  const checked = checkMoney(textOf(value), { field, label, allowZero });
  if ('error' in checked) {
    errors.add(checked.error.field, checked.error.rule, checked.error.message);
    return undefined;
  }
  return checked.pence;
}

/** A financial year named by the year its April falls in: "2025", or "2025-26" as printed. */
export function financialYearInto(errors: FieldErrors, value: unknown, field = 'financialYear'): number | undefined {
  const text = typeof value === 'number' ? String(value) : textOf(value);
  const match = /^(\d{4})(?:[-/](\d{2}))?$/.exec(text);
  const year = match ? Number(match[1]) : NaN;
  if (text === '') errors.add(field, 'required', 'Enter the financial year, like 2025 for April 2025 to March 2026');
  else if (!match || year < 2000 || year > 2100 || (match[2] !== undefined && Number(match[2]) !== (year + 1) % 100))
    errors.add(field, 'financial_year', 'Enter the financial year as the year its April falls in, like 2025 or 2025-26');
  else return year;
  return undefined;
}
