import type { Queryable } from '../platform/db.js';
import { defineEnum, type EnumValue } from '../platform/enums.js';
import type { FieldErrors } from '../platform/errors.js';
import { normalisePostcode, POSTCODE_RULE, postcodeFormatMessage } from './postcodes/postcode.js';

/**
 * A directory entry beyond its name (issue 17, items 1 and 2; ADR 0026): what the service offers,
 * for whom, which aims it serves, where and when, how to refer, its type and its provider.
 */

/** The main types of service of 004 Table 4.4, in the table's order. */
export const SERVICE_TYPES = defineEnum([
  'health',
  'social_care',
  'cross_sector',
  'education',
  'youth_offending',
  'early_years',
  'all_services',
  'childrens_fund',
  'connexions',
]);
export type ServiceType = EnumValue<typeof SERVICE_TYPES>;
export const SERVICE_TYPE_NAMES: Record<ServiceType, string> = {
  health: 'Health',
  social_care: 'Social care',
  cross_sector: 'Cross sector initiatives',
  education: 'Education',
  youth_offending: 'Youth offending services',
  early_years: 'Early years',
  all_services: 'All services for children',
  childrens_fund: 'Children’s Fund',
  connexions: 'Connexions service',
};

/** Providers on a level playing field (000 §2.44). */
export const PROVIDER_KINDS = defineEnum(['in_house', 'statutory', 'voluntary_community', 'private']);
export type ProviderKind = EnumValue<typeof PROVIDER_KINDS>;
export const PROVIDER_KIND_NAMES: Record<ProviderKind, string> = {
  in_house: 'In-house',
  statutory: 'Statutory',
  voluntary_community: 'Voluntary and community',
  private: 'Private',
};

/**
 * The national four levels of need a service is for: assessment's NATIONAL_NEED_LEVELS, which the
 * directory may not import (assessment names the directory's services); the entry test holds the
 * two equal.
 */
export const SERVICE_NEED_LEVELS = defineEnum(['universal', 'additional', 'complex', 'acute/specialist']);

/** Groups a service is for. */
export const SERVICE_GROUPS = defineEnum([
  'disabled_children',
  'looked_after_children',
  'young_carers',
  'care_leavers',
  'young_parents',
  'parents_and_carers',
]);
export type ServiceGroup = EnumValue<typeof SERVICE_GROUPS>;
export const SERVICE_GROUP_NAMES: Record<ServiceGroup, string> = {
  disabled_children: 'Disabled children',
  looked_after_children: 'Looked-after children',
  young_carers: 'Young carers',
  care_leavers: 'Care leavers',
  young_parents: 'Young parents',
  parents_and_carers: 'Parents and carers',
};

export const NEED_LEVEL_NAMES: Record<string, string> = {
  universal: 'Universal',
  additional: 'Additional',
  complex: 'Complex',
  'acute/specialist': 'Acute or specialist',
};

/** The entry's fields as sent, unchecked: a form sends strings, the API arrays and numbers. */
export interface EntryInput {
  description?: string;
  serviceType?: string | null;
  providerKind?: string | null;
  providerName?: string;
  ageFrom?: number | string | null;
  ageTo?: number | string | null;
  needLevels?: string[] | string;
  groups?: string[] | string;
  aimCodes?: string[] | string;
  address?: string;
  postcode?: string;
  districtCode?: string | null;
  openingTimes?: string;
  howToRefer?: string;
  selfReferral?: boolean | string;
  contactPhone?: string;
}

export interface EntryFields {
  description: string;
  serviceType: ServiceType | null;
  providerKind: ProviderKind | null;
  providerName: string;
  ageFrom: number | null;
  ageTo: number | null;
  needLevels: string[];
  groups: ServiceGroup[];
  aimCodes: string[];
  address: string;
  postcode: string;
  districtCode: string | null;
  openingTimes: string;
  howToRefer: string;
  selfReferral: boolean;
  contactPhone: string;
}

const listOf = (v: string[] | string | undefined): string[] => [
  ...new Set((Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => String(s).trim()).filter((s) => s !== '')),
];
const text = (v: string | undefined) => (v ?? '').trim();
/** A UK telephone number as people write it: digits, spaces, brackets, a leading +44. */
const PHONE = /^(\+44\s?|0)[0-9 ()-]{8,16}$/;

function ageOf(errors: FieldErrors, field: string, label: string, value: number | string | null | undefined): number | null {
  const raw = value === null || value === undefined ? '' : String(value).trim();
  if (raw === '') return null;
  if (!/^[0-9]{1,2}$/.test(raw) || Number(raw) > 25) {
    errors.add(field, 'age_range', `${label} must be a whole number of years from 0 to 25`);
    return null;
  }
  return Number(raw);
}

function maxLength(errors: FieldErrors, field: string, label: string, value: string, max: number): string {
  if (value.length > max) errors.add(field, 'max_length', `${label} must be ${max} characters or fewer`);
  return value;
}

/** Checks an entry's fields into `errors` (every fault at once); the aims and districts are the area's and the outcomes' own. */
export async function checkEntry(
  db: Queryable,
  areaCode: string,
  input: EntryInput,
  errors: FieldErrors,
  partnerChosen: boolean,
): Promise<EntryFields> {
  const serviceType = text(input.serviceType ?? undefined);
  if (serviceType !== '' && !SERVICE_TYPES.is(serviceType)) errors.add('serviceType', 'one_of', 'Select the type of service from the list');
  const providerKind = text(input.providerKind ?? undefined);
  if (providerKind !== '' && !PROVIDER_KINDS.is(providerKind))
    errors.add('providerKind', 'one_of', 'Select the kind of provider: in-house, statutory, voluntary and community, or private');
  const providerName = maxLength(errors, 'providerName', 'Provider', text(input.providerName).replace(/\s+/g, ' '), 200);
  if (providerName !== '' && partnerChosen)
    errors.add('providerName', 'one_provider', 'Name a provider outside the partnership only when no partner organisation is selected');
  const ageFrom = ageOf(errors, 'ageFrom', 'Youngest age', input.ageFrom);
  const ageTo = ageOf(errors, 'ageTo', 'Oldest age', input.ageTo);
  if (ageFrom !== null && ageTo !== null && ageFrom > ageTo)
    errors.add('ageTo', 'ages_in_order', 'Oldest age must be the same as or more than the youngest age');
  const needLevels = listOf(input.needLevels);
  if (needLevels.some((l) => !SERVICE_NEED_LEVELS.is(l))) errors.add('needLevels', 'one_of', 'Select levels of need from the list');
  const groups = listOf(input.groups);
  if (groups.some((g) => !SERVICE_GROUPS.is(g))) errors.add('groups', 'one_of', 'Select groups from the list');
  const aimCodes = listOf(input.aimCodes);
  if (aimCodes.length > 0) {
    const known = await db.query<{ code: string }>('SELECT code FROM aim WHERE code = ANY ($1::text[])', [aimCodes]);
    const unknown = aimCodes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) errors.add('aimCodes', 'known_aim', `Select aims of the five outcomes: ${unknown.join(', ')} is not one`);
  }
  const districtCode = text(input.districtCode ?? undefined);
  if (districtCode !== '') {
    const [found] = await db.query('SELECT 1 FROM district WHERE code = $1 AND area_code = $2', [districtCode, areaCode]);
    if (!found) errors.add('districtCode', 'in_area', 'Select a district of this area, or none');
  }
  const contactPhone = text(input.contactPhone);
  if (contactPhone !== '' && !PHONE.test(contactPhone))
    errors.add('contactPhone', 'phone_format', 'Enter a telephone number, like 01632 960 001 or +44 1632 960 001');
  const postcodeText = text(input.postcode);
  const postcode = postcodeText === '' ? '' : normalisePostcode(postcodeText);
  if (postcode === null) errors.add('postcode', POSTCODE_RULE, postcodeFormatMessage('Postcode'));
  const selfReferral = input.selfReferral === true || input.selfReferral === 'true' || input.selfReferral === 'yes';
  return {
    description: maxLength(errors, 'description', 'What the service offers', text(input.description), 2000),
    serviceType: SERVICE_TYPES.is(serviceType) ? serviceType : null,
    providerKind: PROVIDER_KINDS.is(providerKind) ? providerKind : null,
    providerName,
    ageFrom,
    ageTo,
    needLevels,
    groups: groups.filter((g) => SERVICE_GROUPS.is(g)),
    aimCodes,
    address: maxLength(errors, 'address', 'Address', text(input.address), 500),
    postcode: postcode ?? '',
    districtCode: districtCode === '' ? null : districtCode,
    openingTimes: maxLength(errors, 'openingTimes', 'Opening times', text(input.openingTimes), 500),
    howToRefer: maxLength(errors, 'howToRefer', 'How to refer', text(input.howToRefer), 1000),
    selfReferral,
    contactPhone,
  };
}
