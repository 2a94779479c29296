import { FieldErrors } from '../platform/errors.js';
import { stripInvisible } from '../platform/text.js';
import { findUpperTierAuthority, type UpperTierAuthority } from './authorities.js';
import { COVERAGE_KINDS, SECTORS, type Area, type District, type StatutoryDuty } from './types.js';
import type { OrganisationRow } from './writes.js';

/**
 * Checking what a person typed for an area or a partner: each fault names its field and its rule,
 * and all are reported at once. Nothing here reads or writes the database; the service passes in
 * what the checks need (the duties, the area's districts).
 */

const clean = (value: string | undefined): string => stripInvisible(value ?? '').trim();
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE_SHAPE = /^\+?[0-9 ()-]{6,30}$/;
/** The value a form or the API sends for "under no duty". */
export const NO_DUTY = 'none';

export interface NewAreaInput {
  code?: string;
  name?: string;
  /** One district a line, "E07000123 Name"; or, from the API, as a list. */
  districts?: string | readonly { code: string; name: string }[];
  leadAuthorityName?: string;
}

export interface CheckedArea {
  area: Area;
  districts: District[];
  leadAuthorityName: string;
}

const KIND_BY_PREFIX: Record<string, UpperTierAuthority['kind']> = {
  E06: 'unitary',
  E08: 'metropolitan district',
  E09: 'london borough',
  E10: 'county',
};

function districtsOf(raw: NewAreaInput['districts'], problems: FieldErrors): District[] {
  if (raw === undefined) return [];
  if (typeof raw !== 'string') return raw.map((d) => ({ code: clean(d.code).toUpperCase(), name: clean(d.name) }));
  const lines = raw
    .split(/\r?\n/)
    .map(clean)
    .filter((l) => l !== '');
  return lines.map((line) => {
    const m = /^(\S+)\s*,?\s*(.*)$/.exec(line);
    if (!m) problems.add('districts', 'format', 'Enter each district on its own line as its code then its name, like E07000123 Ashcombe');
    return { code: (m?.[1] ?? '').toUpperCase(), name: clean(m?.[2]) };
  });
}

/** Checks a new area against the shipped list of English upper-tier authorities. */
export function checkNewArea(input: NewAreaInput): CheckedArea {
  const problems = new FieldErrors();
  const code = clean(input.code).toUpperCase();
  let listed: UpperTierAuthority | undefined;
  if (code === '') problems.add('code', 'required', 'Enter the ONS code of the area');
  else if (!/^E(06|08|09|10)\d{6}$/.test(code)) {
    problems.add(
      'code',
      'format',
      'Enter an ONS code of an English upper-tier authority: E06, E08, E09 or E10 then 6 digits, like E06000046',
    );
  } else {
    listed = findUpperTierAuthority(code);
    if (!listed) problems.add('code', 'upper_tier_list', `${code} is not on the list of English upper-tier authorities the service holds`);
  }
  const name = clean(input.name);
  if (name === '') problems.add('name', 'required', 'Enter the name of the area');
  else if (name.length > 200) problems.add('name', 'max_length', 'Name must be 200 characters or fewer');
  const kind = KIND_BY_PREFIX[code.slice(0, 3)] ?? 'unitary';
  const districts = districtsOf(input.districts, problems);
  if (districts.length > 0 && kind !== 'county' && listed) {
    problems.add('districts', 'county_only', 'Only a county area has districts: leave districts empty for this area');
  }
  const seen = new Set<string>();
  for (const d of districts) {
    if (!/^E07\d{6}$/.test(d.code)) problems.add('districts', 'format', `${d.code || 'A line'} is not a district code: E07 then 6 digits`);
    else if (d.name === '' || d.name.length > 200) problems.add('districts', 'name_required', `Enter the name of district ${d.code}`);
    else if (seen.has(d.code)) problems.add('districts', 'unique', `District ${d.code} is listed twice`);
    seen.add(d.code);
  }
  const lead = clean(input.leadAuthorityName);
  if (lead.length > 200) problems.add('leadAuthorityName', 'max_length', 'Lead authority name must be 200 characters or fewer');
  problems.throwIfAny();
  return {
    area: { code, name, kind, region: listed?.region ?? '' },
    districts,
    leadAuthorityName: lead || `${name} ${kind === 'county' ? 'County Council' : 'Council'}`,
  };
}

export interface PartnerInput {
  name?: string;
  organisationType?: string;
  sector?: string;
  dutyCode?: string;
  inclusionReason?: string;
  coverageKind?: string;
  districtCodes?: readonly string[];
  coverage?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
}

export interface PartnerContext {
  area: Area;
  districts: readonly District[];
  duties: readonly StatutoryDuty[];
}

function text(problems: FieldErrors, field: string, value: string, label: string, max: number, required: boolean): string {
  if (required && value === '') problems.add(field, 'required', `Enter the ${label}`);
  else if (value.length > max) problems.add(field, 'max_length', `The ${label} must be ${max} characters or fewer`);
  return value;
}

/** Checks a partner as registered or changed; the name's uniqueness is the service's to check. */
export function checkPartner(input: PartnerInput, { area, districts, duties }: PartnerContext): OrganisationRow {
  const problems = new FieldErrors();
  const name = text(problems, 'name', clean(input.name), 'name of the organisation', 200, true);
  const organisationType = text(problems, 'organisationType', clean(input.organisationType), 'type of organisation', 200, true);
  const sector = clean(input.sector);
  if (!SECTORS.is(sector)) problems.add('sector', 'one_of', 'Select the sector the organisation works in');
  const dutyCode = clean(input.dutyCode) || NO_DUTY;
  const duty = duties.find((d) => d.code === dutyCode);
  if (dutyCode !== NO_DUTY && !duty) problems.add('dutyCode', 'one_of', 'Select the duty that brings the organisation in, or no duty');
  else if (duty?.twoTierOnly && area.kind !== 'county') {
    problems.add('dutyCode', 'two_tier_only', `${duty.provision} applies only in a county (two-tier) area`);
  }
  // 000 §2.61: bodies brought in without a duty are there by the area's recorded decision.
  const inclusionReason = clean(input.inclusionReason);
  if (dutyCode === NO_DUTY && inclusionReason === '') {
    problems.add('inclusionReason', 'required_without_duty', 'Enter why the organisation is included: it is under no duty to co-operate');
  } else text(problems, 'inclusionReason', inclusionReason, 'reason for including it', 1000, false);
  const coverageKind = clean(input.coverageKind) || 'whole area';
  if (!COVERAGE_KINDS.is(coverageKind)) problems.add('coverageKind', 'one_of', 'Select where the organisation works');
  const districtCodes = [...new Set((input.districtCodes ?? []).map((c) => clean(c)))].filter((c) => c !== '');
  if (coverageKind === 'some districts') {
    if (districts.length === 0)
      problems.add('coverageKind', 'no_districts', 'This area has no districts: select the whole area or beyond it');
    else if (districtCodes.length === 0) problems.add('districtCodes', 'required', 'Select the districts the organisation covers');
    else if (districtCodes.some((c) => !districts.some((d) => d.code === c))) {
      problems.add('districtCodes', 'in_area', 'Select districts of this area');
    }
  }
  const coverage = text(problems, 'coverage', clean(input.coverage), 'area it covers', 500, coverageKind === 'beyond the area');
  const contactName = text(problems, 'contactName', clean(input.contactName), 'contact name', 200, false);
  const contactEmail = clean(input.contactEmail).toLowerCase();
  if (contactEmail !== '' && !EMAIL_SHAPE.test(contactEmail)) {
    problems.add('contactEmail', 'email_format', 'Enter an email address in the correct format, like name@example.org');
  }
  const contactPhone = clean(input.contactPhone);
  if (contactPhone !== '' && !PHONE_SHAPE.test(contactPhone)) {
    problems.add('contactPhone', 'phone_format', 'Enter a telephone number, like 01632 960 001');
  }
  problems.throwIfAny();
  return {
    name,
    organisationType,
    sector,
    dutyCode: duty?.code ?? null,
    inclusionReason,
    coverageKind: coverageKind as OrganisationRow['coverageKind'],
    districtCodes: coverageKind === 'some districts' ? districtCodes : [],
    coverage,
    contactName,
    contactEmail,
    contactPhone,
  };
}

/** A date as typed in a GOV.UK date input's three boxes, or 'YYYY-MM-DD' from the API or the command line. */
export type DateInput = string | { day: string; month: string; year: string };

/** The day a date input names, 'YYYY-MM-DD'; a fault names the field and the rule. */
export function checkDate(problems: FieldErrors, field: string, label: string, value: DateInput | undefined): string | null {
  const parts =
    typeof value === 'string'
      ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim())?.slice(1)
      : value && [value.year, value.month, value.day];
  if (
    value === undefined ||
    (typeof value === 'string' ? value.trim() === '' : [value.day, value.month, value.year].every((p) => p.trim() === ''))
  ) {
    problems.add(field, 'required', `Enter the ${label}`);
    return null;
  }
  const [y, m, d] = (parts ?? []).map((p) => Number(p));
  const date = new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN));
  if (!y || !m || !d || y < 1900 || y > 2999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    problems.add(field, 'real_date', `The ${label} must be a real date, like 31 3 2008`);
    return null;
  }
  return date.toISOString().slice(0, 10);
}
