import type { FieldError } from '../../platform/errors.js';
import { checkMoney } from '../../platform/money.js';
import { formatDate } from '../../platform/dates.js';
import { PERIOD_EXAMPLE, readPeriod, type Monitoring, type Period } from './periods.js';
import type { Target } from './types.js';

/**
 * One monitoring return checked (ADR 0030), the same rules for the page, the API and each row of a file:
 * the period one of the contract's kind, within its term and begun; spend in pounds and pence (two
 * decimals at most: platform/money.ts); a value for every target (a whole number for an activity). Each
 * fault names its field, which the caller chooses: the form's box, or the file's column.
 */

export interface ReturnFields {
  period: string;
  spend: string;
  /** The field naming a target's value. */
  value: (t: Target) => string;
}

export const FORM_FIELDS: ReturnFields = { period: 'period', spend: 'spend', value: (t) => `value-${t.id}` };

export interface CheckedReturn {
  period: Period;
  spendPence: number;
  values: { targetId: string; value: string }[];
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;
const MAX_DECIMALS = 4;

export function checkReturn(
  contract: { monitoring: Monitoring; startsOn: string; endsOn: string },
  targets: readonly Target[],
  typed: { period?: string; spend?: string; value: (t: Target) => string | undefined },
  today: string,
  fields: ReturnFields = FORM_FIELDS,
): { errors: FieldError[]; checked?: CheckedReturn } {
  const errors: FieldError[] = [];
  const fail = (field: string, rule: string, message: string) => errors.push({ field, rule, message });
  const periodText = (typed.period ?? '').trim();
  const period = periodText === '' ? undefined : readPeriod(contract.monitoring, periodText);
  if (periodText === '') fail(fields.period, 'required', `Enter the period the return is for, like ${PERIOD_EXAMPLE[contract.monitoring]}`);
  else if (!period)
    fail(
      fields.period,
      'period_format',
      `Period must be ${contract.monitoring === 'quarterly' ? 'a quarter of a financial year' : 'a month'}, like ${PERIOD_EXAMPLE[contract.monitoring]}: “${periodText}” is not`,
    );
  else if (period.end < contract.startsOn || period.start > contract.endsOn)
    fail(
      fields.period,
      'within_term',
      `${period.words} is outside the contract’s term, ${formatDate(contract.startsOn)} to ${formatDate(contract.endsOn)}`,
    );
  else if (period.start > today)
    fail(fields.period, 'not_begun', `${period.words} has not begun yet: a return is for a period that has started`);

  const spend = checkMoney(typed.spend ?? '', { field: fields.spend, label: 'the spend in the period' });
  if ('error' in spend) errors.push(spend.error);

  const values: { targetId: string; value: string }[] = [];
  for (const t of targets) {
    const field = fields.value(t);
    const text = (typed.value(t) ?? '').trim().replace(/,/g, '');
    const name = t.kind === 'activity' ? t.label : `${t.column} (${t.label})`;
    if (text === '') fail(field, 'required', `Enter the value for ${name}`);
    else if (t.kind === 'activity' && !WHOLE.test(text))
      fail(field, 'whole_number', `${name} must be a whole number of 0 or more, like 42`);
    else if (!NUMBER.test(text)) fail(field, 'number', `${name} must be a number, like 12.5`);
    else if ((text.split('.')[1]?.length ?? 0) > MAX_DECIMALS)
      fail(field, 'max_decimals', `${name} must have no more than ${MAX_DECIMALS} decimal places`);
    else values.push({ targetId: t.id, value: text });
  }
  if (errors.length > 0 || !period || 'error' in spend) return { errors };
  return { errors, checked: { period, spendPence: spend.pence, values } };
}
