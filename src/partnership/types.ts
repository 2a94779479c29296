import { defineEnum, type EnumValue } from '../platform/enums.js';
import { formatDate } from '../platform/dates.js';

/** The kind of service a partner provides (migration 0001's organisation_sector_known). */
export const SECTORS = defineEnum([
  'local authority',
  'district council',
  'police',
  'probation',
  'youth offending',
  'health',
  'connexions',
  'learning and skills',
  'employment',
  'school',
  'college',
  'voluntary and community',
  'private',
  'faith',
  'other public',
]);
export type Sector = EnumValue<typeof SECTORS>;

/** Where a partner works compared with the area (000 §1.8, §2.59). */
export const COVERAGE_KINDS = defineEnum(['whole area', 'some districts', 'beyond the area']);
export type CoverageKind = EnumValue<typeof COVERAGE_KINDS>;

/**
 * A partner's status on a day: never stored, always derived from the kind of its duty and whether the
 * duty stood that day (statutoryStatusOn). A body under no duty, or one whose duty was not in force, is another partner.
 */
export const PARTNER_STATUSES = defineEnum(['lead authority', 'relevant partner', 'other partner']);
export type PartnerStatus = EnumValue<typeof PARTNER_STATUSES>;

export const DUTY_KINDS = defineEnum(['lead authority', 'relevant partner', 'safeguarding duty']);
export type DutyKind = EnumValue<typeof DUTY_KINDS>;

/** A duty that brings a body in, with the dates it stood (migration 0014, statutory_duty). */
export interface StatutoryDuty {
  code: string;
  kind: DutyKind;
  provision: string;
  partnerType: string;
  twoTierOnly: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  /** False while the dates are not yet checked against the commencement orders (migration 0019). */
  datesConfirmed: boolean;
}

/** When a duty stood, in words: "In force from 1 April 2005 to 21 November 2012 (dates not yet confirmed)". */
export const dutyDates = (duty: Pick<StatutoryDuty, 'effectiveFrom' | 'effectiveTo' | 'datesConfirmed'>): string =>
  `In force from ${formatDate(duty.effectiveFrom)}${duty.effectiveTo ? ` to ${formatDate(duty.effectiveTo)}` : ''}` +
  (duty.datesConfirmed ? '' : ' (dates not yet confirmed)');

/** Whether a duty stood on a day ('YYYY-MM-DD'). */
export const dutyInForce = (duty: Pick<StatutoryDuty, 'effectiveFrom' | 'effectiveTo'>, on: string): boolean =>
  duty.effectiveFrom <= on && (duty.effectiveTo === null || on <= duty.effectiveTo);

/**
 * A partner's status on a day from its duty (000 §1.16, §2.56, §2.60 note 10): the lead authority or a
 * relevant partner while that duty stood; otherwise (no duty, a duty not yet or no longer in force, the
 * s11 safeguarding duty alone) another partner.
 */
export function statusOn(duty: Pick<StatutoryDuty, 'kind' | 'effectiveFrom' | 'effectiveTo'> | null, on: string): PartnerStatus {
  if (duty === null || !dutyInForce(duty, on)) return 'other partner';
  return duty.kind === 'lead authority' || duty.kind === 'relevant partner' ? duty.kind : 'other partner';
}

export interface Area {
  code: string;
  name: string;
  kind: string;
  region: string;
}

export interface District {
  code: string;
  name: string;
}

export interface Organisation {
  id: string;
  areaCode: string;
  name: string;
  sector: string;
  /** The area it covers in words when it covers beyond the area (a force area, a region). */
  coverage: string;
  organisationType: string;
  /** The duty that brings it in; its status on a day comes from that duty's kind and dates (statusOn). */
  dutyCode: string | null;
  inclusionReason: string;
  coverageKind: CoverageKind;
  districtCodes: string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  closedOn: string | null;
}
