import { FieldErrors, validationFailed } from '../platform/errors.js';
import type { ChildBody } from './schemas.js';
import { EXTENDED_SCOPES, GENDERS, type CarerContact, type ChildBasicData, type ExtendedScopeValue, type PersonName } from './types.js';
import { checkDateOfBirth, checkNhsNumber, checkPersonName, checkPostcode, checkUpn, parseDateParts, type Check } from './validation.js';

/**
 * One set of rules for a child's basic data, whoever sends it: a form, the API or an import row.
 * Every field is checked and every fault reported at once, each naming its field and rule.
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** A child's basic data as sent, before it is checked: the API's body, a form's fields or an import row. */
export type ChildInput = Partial<Omit<ChildBody, 'dateOfBirth' | 'carer'>> & {
  /** 'YYYY-MM-DD', or the three boxes of a GOV.UK date input. */
  dateOfBirth?: string | DateParts;
  carer?: ChildBody['carer'] | null;
};

/** A child's basic data once checked, with the other names and the parent or carer that came with it. */
export type ValidChild = ChildBasicData & { otherNames: PersonName[]; carer: CarerContact | null };

const TEXT_MAX = 200;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^[0-9+() -]{6,20}$/;

const text = (value: string | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

function take(errors: FieldErrors, field: string, check: Check): string | null {
  if (check.ok) return check.value;
  errors.add(field, check.rule, check.message);
  return null;
}

function optionalText(errors: FieldErrors, field: string, label: string, value: string | undefined): string {
  const cleaned = text(value);
  if (cleaned.length > TEXT_MAX) errors.add(field, 'max_length', `${label} must be ${TEXT_MAX} characters or less`);
  return cleaned;
}

/** Checks a child's basic data; `today` fixes the age scope (tests pass their own). */
export function validateChild(
  input: ChildInput,
  today: Date = new Date(),
): { ok: true; value: ValidChild } | { ok: false; errors: FieldErrors } {
  const errors = new FieldErrors();
  const givenName = take(errors, 'givenName', checkPersonName(input.givenName ?? '', 'given name'));
  const familyName = take(errors, 'familyName', checkPersonName(input.familyName ?? '', 'family name'));

  const scopeText = text(input.extendedScope);
  let extendedScope: ExtendedScopeValue | null = null;
  if (scopeText !== '') {
    const found = scopeText.toLowerCase();
    if (EXTENDED_SCOPES.is(found)) extendedScope = found;
    else errors.add('extendedScope', 'one_of', `Extended scope must be one of: ${EXTENDED_SCOPES.values.join(', ')}`);
  }

  let dateOfBirth: string | null = null;
  const dob = input.dateOfBirth;
  const iso = typeof dob === 'object' ? take(errors, 'dateOfBirth', parseDateParts(dob.day, dob.month, dob.year)) : text(dob);
  if (iso === '') errors.add('dateOfBirth', 'required', 'Enter the date of birth');
  else if (iso !== null) dateOfBirth = take(errors, 'dateOfBirth', checkDateOfBirth(iso, { today, extendedScope }));

  const genderText = text(input.gender).toLowerCase() || 'unknown';
  const gender = GENDERS.is(genderText) ? genderText : null;
  if (!gender) errors.add('gender', 'one_of', `Gender must be one of: ${GENDERS.values.join(', ')}`);

  const nhsNumber = text(input.nhsNumber) === '' ? null : take(errors, 'nhsNumber', checkNhsNumber(text(input.nhsNumber)));
  const upn = text(input.upn) === '' ? null : take(errors, 'upn', checkUpn(text(input.upn)));
  const postcode = text(input.postcode) === '' ? '' : (take(errors, 'postcode', checkPostcode(text(input.postcode))) ?? '');

  const otherNames: ValidChild['otherNames'] = [];
  (input.otherNames ?? []).forEach((n, i) => {
    const g = take(errors, `otherNames.${i}.givenName`, checkPersonName(n.givenName, 'other given name'));
    const f = take(errors, `otherNames.${i}.familyName`, checkPersonName(n.familyName, 'other family name'));
    if (g && f) otherNames.push({ givenName: g, familyName: f });
  });

  let carer: ValidChild['carer'] = null;
  const carerName = text(input.carer?.name);
  if (carerName !== '' || text(input.carer?.phone) !== '' || text(input.carer?.email) !== '') {
    const name = take(errors, 'carerName', checkPersonName(carerName, 'parent or carer’s name'));
    const phone = text(input.carer?.phone);
    const email = text(input.carer?.email).toLowerCase();
    if (phone !== '' && !PHONE.test(phone))
      errors.add('carerPhone', 'phone_format', 'Enter a telephone number, like 01632 960 001 or 07700 900 982');
    if (email !== '' && !EMAIL.test(email))
      errors.add('carerEmail', 'email_format', 'Enter an email address in the correct format, like name@example.com');
    carer = {
      name: name ?? '',
      relationship: optionalText(errors, 'carerRelationship', 'Relationship', input.carer?.relationship),
      phone,
      email,
    };
  }

  const rest = {
    addressLine1: optionalText(errors, 'addressLine1', 'Address line 1', input.addressLine1),
    addressLine2: optionalText(errors, 'addressLine2', 'Address line 2', input.addressLine2),
    town: optionalText(errors, 'town', 'Town or city', input.town),
    school: optionalText(errors, 'school', 'School or setting', input.school),
    gpPractice: optionalText(errors, 'gpPractice', 'GP practice', input.gpPractice),
  };
  if (errors.errors.length > 0 || !givenName || !familyName || !dateOfBirth || !gender) return { ok: false, errors };
  return {
    ok: true,
    value: { givenName, familyName, dateOfBirth, gender, nhsNumber, upn, postcode, extendedScope, otherNames, carer, ...rest },
  };
}

/** The checked data, or a validation error naming every faulty field. */
export function requireValidChild(input: ChildInput, today: Date = new Date()): ValidChild {
  const checked = validateChild(input, today);
  if (!checked.ok) throw validationFailed(checked.errors.errors);
  return checked.value;
}

/**
 * A date as a form or the API sends it: 'YYYY-MM-DD' or the three GOV.UK date boxes. Null when
 * nothing was entered; otherwise the date checked as real, or the rule it broke.
 */
export function checkDateInput(value: string | DateParts | undefined, label = 'Date of birth'): Check | null {
  if (value === undefined) return null;
  if (typeof value === 'object') {
    if ([value.day, value.month, value.year].every((p) => p.trim() === '')) return null;
    return parseDateParts(value.day, value.month, value.year, label);
  }
  const text = value.trim();
  if (text === '') return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  return m
    ? parseDateParts(m[3] ?? '', m[2] ?? '', m[1] ?? '', label)
    : { ok: false, rule: 'date_format', message: `${label} must be a real date in the format YYYY-MM-DD` };
}
