import { defineProblem, type FieldError } from './errors.js';

/**
 * Money (issue 17 item 9, ADR 0027): an amount is a whole number of pence, a `number` in TypeScript
 * (exact up to 2^53 pence, some ninety trillion pounds), `bigint` in SQL and an integer in JSON. Never a
 * float: a typed amount is read digit by digit, never through parseFloat, so 0.1 + 0.2 and 1.005 cannot
 * creep in. Financial years run 1 April to 31 March and are named by the year they start in.
 */

export const moneyProblems = {
  invalid: defineProblem(400, 'validation_failed', 'There is a problem'),
};

/** The largest amount a form accepts: a hundred million pounds, far beyond any fund and safe as a number. */
export const MAX_PENCE = 10_000_000_000;

export interface ParseMoneyOptions {
  /** The field the amount was typed in, named in the problem. */
  field?: string;
  /** What the amount is, for the words ("the contribution"); defaults to "the amount". */
  label?: string;
  /** Allow a minus sign (a correction); refused by default. */
  allowNegative?: boolean;
  /** Allow zero (an in-kind contribution valued at nothing); allowed by default. */
  allowZero?: boolean;
}

const SHAPE = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** The rule an amount broke, with words for a person; or the amount in pence. */
export function checkMoney(text: string, options: ParseMoneyOptions = {}): { pence: number } | { error: FieldError } {
  const field = options.field ?? 'amount';
  const label = options.label ?? 'the amount';
  const fail = (rule: string, words: string) => ({ error: { field, rule, message: words } });
  const typed = text.replace(/\s+/g, '');
  if (typed === '') return fail('required', `Enter ${label} in pounds and pence, like 1234.56`);
  // A minus sign may come before or after the pound sign: -£5 and £-5 read the same.
  const normalised = typed.replace(/^£-/, '-£');
  const match = SHAPE.exec(normalised);
  if (!match) return fail('number', `Enter ${label} as a number of pounds and pence, like 1234.56 or £1,234.56`);
  const [, minus, whole = '', decimals = ''] = match;
  if (decimals.length > 2) return fail('two_decimals', `Enter ${label} with no more than two decimal places (pence)`);
  const pounds = Number(whole.replaceAll(',', ''));
  const pence = pounds * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(pence) || pence > MAX_PENCE) return fail('too_large', `Enter ${label} of no more than ${formatMoney(MAX_PENCE)}`);
  if (minus && pence !== 0 && options.allowNegative !== true) return fail('not_negative', `Enter ${label} of £0 or more: it cannot be negative`);
  if (pence === 0 && options.allowZero === false) return fail('positive', `Enter ${label} of more than £0`);
  return { pence: minus ? -pence : pence };
}

/**
 * Reads a typed amount (`1234.56`, `£1,234.56`, `1234`) as pence; refuses more than two decimals, anything
 * that is not a number, and negatives unless allowed, with a problem naming the field and the rule.
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): number {
  const checked = checkMoney(text, options);
  if ('error' in checked) throw moneyProblems.invalid(checked.error.message, { fieldErrors: [checked.error] });
  return checked.pence;
}

/** Pence as a person reads them: 123456 -> £1,234.56, -5 -> -£0.05. */
export function formatMoney(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new TypeError(`formatMoney needs whole pence, got ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Pence as a typed amount, for a form filled in again: 123456 -> 1234.56. */
export function moneyInputValue(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A bigint column read by a driver (a string, a bigint or a number) as pence, refusing what is not a safe whole number. */
export function penceOf(value: string | number | bigint | null): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : (value ?? 0);
  if (!Number.isSafeInteger(n)) throw new TypeError(`not a whole number of pence: ${String(value)}`);
  return n;
}

/** The financial year a day (YYYY-MM-DD) falls in, by the year it starts: 2026-03-31 is 2025, 2026-04-01 is 2026. */
export function financialYearOf(isoDay: string): number {
  const year = Number(isoDay.slice(0, 4));
  return Number(isoDay.slice(5, 7)) >= 4 ? year : year - 1;
}

/** A financial year's name: 2025 -> "2025-26", 1999 -> "1999-00". */
export function financialYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** A financial year's first and last days: 2025 -> 1 April 2025 to 31 March 2026. */
export function financialYearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** The financial years from one to another, both included, in order. */
export function financialYearsBetween(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
