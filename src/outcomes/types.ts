/**
 * Outcomes and needs (issue 5; domain brief §1, §5, §7): the shared vocabulary of the outcomes
 * framework, the indicator catalogue, observed values and their analysis. Data, import, analysis,
 * charts and pages all speak these types.
 */

/** Which way is better for an indicator. */
export type Polarity = 'higher is better' | 'lower is better' | 'no judgement';

export type Unit =
  | 'percentage'
  | 'rate per 10,000 children'
  | 'rate per 1,000'
  | 'count'
  | '£ per head'
  | 'number'
  | 'score'
  // Added with the starter catalogue: NI 111 is per 100,000 aged 10-17; NI 102 is a gap in percentage points.
  | 'rate per 100,000'
  | 'percentage points'
  // Added with the LAIT data dictionary (issue 15, migration 0037).
  | 'rate per 10,000'
  | 'rate per 100'
  | '£ per week'
  | '£'
  | '£ thousands'
  | 'ratio'
  | 'days'
  | 'weeks'
  | 'months'
  | 'years';

export type Frequency = 'annual' | 'academic year' | 'financial year' | 'quarterly' | 'termly';

/** Published tables mark values that are not there in several ways; each stays missing, never zero. */
export type ValueStatus = 'value' | 'missing' | 'suppressed' | 'not applicable';

/** Groups of children whose gap to all children is tracked (000 §2.2, §2.32). 'all' is all children. */
export const GROUPS = [
  { code: 'all', label: 'All children' },
  { code: 'disabled', label: 'Disabled children' },
  { code: 'sen', label: 'Children with special educational needs' },
  { code: 'looked-after', label: 'Looked-after children' },
  { code: 'fsm', label: 'Eligible for free school meals' },
  { code: 'minority-ethnic', label: 'Minority ethnic groups' },
  { code: 'female', label: 'Girls' },
  { code: 'male', label: 'Boys' },
] as const;
export type GroupCode = (typeof GROUPS)[number]['code'];

export interface Outcome {
  code: string; // 'be-healthy'
  statutoryWording: string; // Children Act 2004 s10(2)
  everydayName: string; // 'Be healthy'
  position: number;
  /** The words leading into the aims in 002 para 11 ('This means that children and young people:'). */
  aimsIntroduction?: string;
  /** All that 002 para 11 says the outcome means, word for word. */
  meaning?: string;
}

export interface Aim {
  code: string; // 'be-healthy.1'
  outcomeCode: string;
  text: string; // word for word from 002 para 11
  forParentsAndCarers: boolean;
  position: number;
}

export interface Indicator {
  code: string;
  title: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  /** Codes of the aims it evidences. */
  aimCodes: string[];
  source: string;
  frequency: Frequency;
  scope: 'national' | 'local';
  /** The area that added a local indicator; null for national ones. */
  areaCode: string | null;
  /** True when values come with numerator and denominator, so confidence intervals can be shown. */
  hasDenominator: boolean;
  /** Multiplier from the proportion numerator/denominator to the unit (100 for a percentage, 10,000 for a rate per 10,000). */
  multiplier: number | null;
  /** Decimal places values are shown and compared at; null: as published (LAIT decimals NA). */
  decimals: number | null;
}

/** A place values are published for: an English upper-tier local authority, or England. */
export interface ReferenceArea {
  code: string; // ONS code, like E10000099 or E92000001 for England
  name: string;
  region: string;
  kind: 'county' | 'unitary' | 'metropolitan district' | 'london borough' | 'region' | 'country';
}

export const ENGLAND = 'E92000001';

/** A period as published ('2005-06', '2006', '2006 Q1'), with its start date for ordering. */
export interface Period {
  label: string;
  /** 'rolling years': several years together (2014-16), of the indicator's year type. */
  kind: 'financial year' | 'academic year' | 'calendar year' | 'quarter' | 'rolling years';
  /** 'YYYY-MM-DD' */
  start: string;
  /** 'YYYY-MM-DD', the last day covered; left out, the end of one period of its kind (periods.ts periodEnd). */
  end?: string;
}

export interface Observation {
  indicatorCode: string;
  areaCode: string;
  period: Period;
  group: GroupCode;
  value: number | null;
  status: ValueStatus;
  numerator: number | null;
  denominator: number | null;
  /** What the publisher gave beside the value (Fingertips): its confidence limits, the official ones, and its note. */
  published?: {
    ci95: { lower: number; upper: number } | null;
    ci998: { lower: number; upper: number } | null;
    note: string | null;
  };
}
