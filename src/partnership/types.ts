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
  /** The status the body was registered with; the status on a given day comes from its duty's dates. */
  partnerStatus: PartnerStatus;
  statutoryBasis: string;
  coverage: string;
  organisationType: string;
  dutyCode: string | null;
  inclusionReason: string;
  coverageKind: CoverageKind;
  districtCodes: string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  closedOn: string | null;
}
