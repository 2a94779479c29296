/**
 * Field rules for the child index (docs/child-import-format.md): identifiers, postcode, dates and
 * names. Pure functions with no I/O, so the import, the forms and the API share one set of rules.
 * Each returns a Check: the normalised value, or a stable rule code and words for a person
 * (GOV.UK Design System error message style), ready for FieldErrors.add(field, rule, message).
 */

import { isShaping, stripInvisible } from '../platform/text.js';

export type Check<T = string> = { ok: true; value: T } | { ok: false; rule: string; message: string };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (rule: string, message: string): { ok: false; rule: string; message: string } => ({ ok: false, rule, message });

// ---------------------------------------------------------------------------------------------
// NHS number

/**
 * NHS Data Dictionary, "NHS Number": digits 1-9 are weighted 10 down to 2; 11 minus (sum mod 11)
 * is the check digit, where 11 means 0 and 10 means no valid NHS number has this prefix.
 */
export function nhsCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** docs/child-import-format.md `nhs_number`: 10 digits (spaces allowed), valid modulus-11 check digit. */
export function checkNhsNumber(input: string): Check {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return fail('nhs_number_format', 'Enter an NHS number in the correct format, like 943 476 5919');
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return fail(
      'nhs_number_check_digit',
      'NHS number is not valid: the last digit (the check digit) does not match the first 9. Check the 10 digits',
    );
  }
  return pass(digits);
}

// ---------------------------------------------------------------------------------------------
// Unique Pupil Number

/** DfE, "Unique Pupil Numbers (UPN): guidance": the check-letter alphabet (no I, O or S). */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * DfE UPN guidance, check letter algorithm: characters 2 to 13 are multiplied by weights 2 to 13
 * and the sum taken mod 23 indexes UPN_LETTERS. In a temporary UPN character 13 is a letter, which
 * counts as its position (from 0) in that same alphabet. Null when the characters are not 11 digits
 * followed by a digit or such a letter.
 */
export function upnCheckLetter(chars2to13: string): string | null {
  if (!/^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(chars2to13)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const c = chars2to13.charAt(i);
    const value = /\d/.test(c) ? Number(c) : UPN_LETTERS.indexOf(c);
    sum += value * (i + 2);
  }
  return UPN_LETTERS.charAt(sum % 23);
}

/** docs/child-import-format.md `upn`: 13 characters with the DfE check letter first (DfE UPN guidance). */
export function checkUpn(input: string): Check {
  const upn = input.trim().toUpperCase();
  if (!/^[ABCDEFGHJKLMNPQRTUVWXYZ]\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(upn)) {
    return fail(
      'upn_format',
      'Enter a unique pupil number (UPN) in the correct format: a letter, 11 numbers, then a number or a letter, like B801200005001',
    );
  }
  if (upnCheckLetter(upn.slice(1)) !== upn[0]) {
    return fail('upn_check_letter', 'Unique pupil number (UPN) is not valid: check the 13 characters');
  }
  return pass(upn);
}

// ---------------------------------------------------------------------------------------------
// Postcode

/**
 * Royal Mail Programmer's Guide / Cabinet Office data standard for UK postcodes (BS 7666): outward
 * code A9, A99, AA9, AA99, A9A or AA9A with letters restricted by position (first not Q, V, X; second
 * not I, J, Z; third from ABCDEFGHJKPSTUW; fourth from ABEHMNPRVWXY), inward code 9AA without
 * C, I, K, M, O, V; plus the non-geographic GIR 0AA.
 */
const POSTCODE = /^(?:GIR0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])\d[ABD-HJLNP-UW-Z]{2})$/;

/** docs/child-import-format.md `postcode`: a UK postcode, stored normalised (`KE1 4AB`). */
export function checkPostcode(input: string): Check {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) return fail('postcode_format', 'Enter a real postcode, like SW1A 1AA');
  return pass(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const toIso = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function monthNumber(month: string): number | null {
  if (/^\d{1,2}$/.test(month)) return Number(month);
  const lower = month.toLowerCase();
  const index = Math.max(MONTH_NAMES.indexOf(lower), FULL_MONTH_NAMES.indexOf(lower), lower === 'sept' ? 8 : -1);
  return index === -1 ? null : index + 1;
}

/**
 * GOV.UK Design System, "Date input" component: all three parts are needed ("must include a ..."),
 * the date must be real ("must be a real date", so no 31 February) and the year has 4 numbers.
 * Months may also be written as names ("jan", "January"), as that component recommends accepting.
 * `label` names the question in messages, like 'Date of birth' or 'Born from'.
 */
export function parseDateParts(day: string, month: string, year: string, label = 'Date of birth'): Check {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '');
  if (missing.length === 3) return fail('date_incomplete', `${label} must include a day, month and year`);
  if (missing.length > 0) return fail('date_incomplete', `${label} must include a ${missing.join(' and ')}`);
  if (!/^\d{4}$/.test(parts.year)) return fail('date_real', 'Year must include 4 numbers');
  const m = monthNumber(parts.month);
  if (!/^\d{1,2}$/.test(parts.day) || m === null) return fail('date_real', `${label} must be a real date`);
  const [y, d] = [Number(parts.year), Number(parts.day)];
  if (!isRealDate(y, m, d)) return fail('date_real', `${label} must be a real date`);
  return pass(toIso(y, m, d));
}

/** Why a young person of 18 or over is in the index (docs/child-import-format.md `extended_scope`). */
export type ExtendedScope = 'young adult' | 'care leaver' | 'learning difficulty or disability';

/**
 * 000 §1.15 (Children Act 2004 s10(9)): (a) 18 and 19 year olds; (b) persons over 19 receiving
 * leaving-care services (Children Act 1989 ss23C-24D), with no upper age in the Act, so none here
 * (null); (c) young people up to 25 with learning difficulties. Oldest age held, in whole years, inclusive.
 */
export const EXTENDED_SCOPE_MAX_AGE: Record<ExtendedScope, number | null> = {
  'young adult': 19,
  'care leaver': null,
  'learning difficulty or disability': 25,
};

/** 000 §1.15: the arrangements cover all children and young people under the age of 18. */
const ADULT_AGE = 18;

function parseIsoDate(value: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(y, m, d) ? [y, m, d] : null;
}

/**
 * Age in whole years on `today`'s UTC date. Someone born on 29 February turns a year older on
 * 1 March in a common year, as in England and Wales (Family Law Reform Act 1969 s9). Throws a
 * RangeError unless `iso` is a real 'YYYY-MM-DD' date.
 */
export function ageOn(iso: string, today: Date): number {
  const born = parseIsoDate(iso);
  if (!born) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  const [y, m, d] = born;
  const [ty, tm, td] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()];
  const hadBirthday = tm > m || (tm === m && td >= d);
  return ty - y - (hadBirthday ? 0 : 1);
}

/**
 * docs/child-import-format.md `date_of_birth`: `YYYY-MM-DD`, not in the future, within the index's
 * age scope (000 §1.15): under 18, or up to EXTENDED_SCOPE_MAX_AGE with an extended scope (a care leaver at any age).
 */
export function checkDateOfBirth(iso: string, options: { today: Date; extendedScope?: ExtendedScope | null }): Check {
  const born = parseIsoDate(iso);
  if (!born) return fail('date_format', 'Date of birth must be a real date in the format YYYY-MM-DD, like 2015-03-27');
  const { today } = options;
  if (iso > toIso(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate())) {
    return fail('date_in_future', 'Date of birth must be today or in the past');
  }
  const age = ageOn(iso, today);
  const scope = options.extendedScope ?? null;
  if (age < ADULT_AGE) return pass(iso);
  if (scope === null) {
    return fail(
      'age_scope',
      `Date of birth gives an age of ${age}: the index holds children under 18, and young people of 18 or over only with an ` +
        'extended scope (young adult to 19, care leaver receiving leaving-care services at any age, learning difficulty or disability to 25)',
    );
  }
  const max = EXTENDED_SCOPE_MAX_AGE[scope];
  if (max !== null && age > max) {
    return fail('age_scope', `Date of birth gives an age of ${age}: the index holds young people with the scope ${scope} up to age ${max}`);
  }
  return pass(iso);
}

// ---------------------------------------------------------------------------------------------
// Names

const NAME_MAX_LENGTH = 100;

/**
 * GOV.UK Design System, "Names" pattern: accept names in any script, with accents, spaces,
 * hyphens, apostrophes and full stops; at least one letter. Combining marks (\p{M}) are allowed
 * because many scripts need them to write a letter.
 */
const NAME = /^[\p{L}\p{M} .'’-]*\p{L}[\p{L}\p{M} .'’-]*$/u;

const sentenceCase = (label: string): string => label.charAt(0).toUpperCase() + label.slice(1);

/** docs/child-import-format.md `given_name` / `family_name` (required, as recorded); `label` like 'family name'. */
export function checkPersonName(input: string, label: string): Check {
  // Invisible characters go first (platform/text.ts), so a name of only U+3164 or U+200B is a blank name.
  const name = stripInvisible(input.normalize('NFC')).replace(/\s+/g, ' ').trim();
  if (name === '') return fail('required', `Enter the ${label}`);
  if ([...name].length > NAME_MAX_LENGTH) {
    return fail('max_length', `${sentenceCase(label)} must be ${NAME_MAX_LENGTH} characters or less`);
  }
  // The joiners and variation selectors stripInvisible kept shape the letters beside them: not checked as characters.
  if (!NAME.test([...name].filter((ch) => !isShaping(ch)).join(''))) {
    return fail('name_characters', `${sentenceCase(label)} must only include letters, spaces, hyphens, apostrophes and full stops`);
  }
  return pass(name);
}

/**
 * domain.md §3 "Identity matching": names are compared in one form, so 'Zoë O’Brien-Smith' and
 * 'zoe obriensmith' match. Lower case, accents removed (NFD, then combining marks stripped),
 * hyphens, apostrophes, full stops and invisible characters removed, spaces collapsed. Idempotent.
 */
export function normaliseName(input: string): string {
  return (
    input
      .normalize('NFD')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Invisible characters (format characters, Hangul fillers) never tell two names apart.
      .replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu, '')
      .replace(/[-‐'’‘.]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

// ---------------------------------------------------------------------------------------------
// An approximate age typed in a search

/** The oldest age a search may be told (the index's oldest definite scope, EXTENDED_SCOPE_MAX_AGE). */
export const SEARCH_AGE_MAX = 25;

/** A whole number of years from 0 to SEARCH_AGE_MAX; `label` starts the message ("Age from"). */
export function checkSearchAge(input: string, label: string): Check<number> {
  const value = input.trim();
  if (!/^\d{1,2}$/.test(value) || Number(value) > SEARCH_AGE_MAX)
    return fail('whole_number', `${label} must be a whole number from 0 to ${SEARCH_AGE_MAX}`);
  return pass(Number(value));
}

/** `years` before `today` ('YYYY-MM-DD'), 29 February falling back to the 28th in a common year. */
function yearsBefore(today: string, years: number): Date {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y - years, m - 1, Math.min(d, daysInMonth)));
}

/**
 * The dates of birth of everyone aged `from` to `to` whole years (inclusive) on `today`, as ageOn
 * counts age: born after the day `to + 1` years before today, and on or before the day `from` years before.
 */
export function birthDatesForAges(from: number, to: number, today: string): { bornFrom: string; bornTo: string } {
  const earliest = yearsBefore(today, to + 1);
  earliest.setUTCDate(earliest.getUTCDate() + 1);
  return { bornFrom: earliest.toISOString().slice(0, 10), bornTo: yearsBefore(today, from).toISOString().slice(0, 10) };
}
